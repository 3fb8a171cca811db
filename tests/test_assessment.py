"""Visit assessment, table-driven: every row of docs/rules.md#visit-kinds and every extra rule
(docs/rules.md#pin, docs/rules.md#visit-guardian, docs/rules.md#expiry-notice)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from queue_app.domain.assessment import (
    Assessment,
    Certificate,
    Decision,
    Item,
    Need,
    PinStatus,
    VisitInput,
    VisitKind,
    assess_visit,
)
from queue_app.domain.renewal import RenewalStatus
from queue_app.i18n import CATALOG

C, N, A, P, NP, R, W = (
    Item.CARD,
    Item.NOTICE,
    Item.ANSWER_FORM,
    Item.PHOTO_ID,
    Item.NONPHOTO_ID,
    Item.REGISTRY_CERT,
    Item.WARD_PRESENT,
)
K, F, L = PinStatus.KNOWN, PinStatus.FORGOTTEN, PinStatus.LOCKED
USER, SIGN = frozenset({Certificate.USER}), frozenset({Certificate.SIGN})
BOTH = frozenset(Certificate)

SERVE, INQ, NEW, CANNOT = (
    Decision.SERVE_TODAY,
    Decision.DOCUMENT_INQUIRY,
    Decision.NEW_CARD_APPLICATION,
    Decision.CANNOT_PROCEED,
)

PIN_RESET = "assess.inquiry.pin_reset"
AGENT_FIRST = "assess.inquiry.agent_first"
GUARDIAN_NO_PHOTO = "assess.inquiry.guardian_no_photo_id"


def visit(kind: VisitKind, *items: Item, **kw: object) -> VisitInput:
    return VisitInput(kind, frozenset(items), **kw)  # type: ignore[arg-type]


# (id, visit, decision, missing, inquiry_reason, the reason lines exactly, in order)
CASES = [
    # -- self (本人): card; notice optional; knows both PINs -> same day
    ("self-card-only", visit(VisitKind.SELF, C), SERVE, (), None, ["assess.reason.serve_today"]),
    (
        "self-card-notice",
        visit(VisitKind.SELF, C, N),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    ("self-no-card", visit(VisitKind.SELF, N), CANNOT, (C,), None, ["assess.reason.card_required"]),
    ("self-nothing", visit(VisitKind.SELF), CANNOT, (C,), None, ["assess.reason.card_required"]),
    (
        "self-user-pin-forgotten",
        visit(VisitKind.SELF, C, pin_user=F),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_user_forgotten"],
    ),
    (
        "self-sign-pin-locked",
        visit(VisitKind.SELF, C, N, pin_sign=L),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_sign_locked"],
    ),
    (
        "self-both-pins-bad",
        visit(VisitKind.SELF, C, pin_user=L, pin_sign=F),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_user_locked", "assess.reason.pin_sign_forgotten"],
    ),
    # PIN only counts for the certificates being renewed
    (
        "self-sign-locked-renew-user-only",
        visit(VisitKind.SELF, C, pin_sign=L, renew=USER),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "self-user-forgotten-renew-sign-only",
        visit(VisitKind.SELF, C, pin_user=F, renew=SIGN),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "self-user-forgotten-renew-user",
        visit(VisitKind.SELF, C, pin_user=F, renew=USER),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_user_forgotten"],
    ),
    # missing wins over the PIN inquiry
    (
        "self-no-card-pin-forgotten",
        visit(VisitKind.SELF, pin_user=F),
        CANNOT,
        (C,),
        None,
        ["assess.reason.card_required", "assess.reason.pin_user_forgotten"],
    ),
    # -- agent with answer form: card + answer form + photo ID -> same day
    (
        "awa-complete",
        visit(VisitKind.AGENT_WITH_ANSWER, C, A, P),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "awa-complete-notice",
        visit(VisitKind.AGENT_WITH_ANSWER, C, N, A, P),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "awa-nonphoto-only",
        visit(VisitKind.AGENT_WITH_ANSWER, C, A, NP),
        CANNOT,
        (P,),
        None,
        ["assess.reason.photo_id_required", "assess.reason.hint_first_visit_nonphoto"],
    ),
    (
        "awa-no-id",
        visit(VisitKind.AGENT_WITH_ANSWER, C, A),
        CANNOT,
        (P,),
        None,
        ["assess.reason.photo_id_required"],
    ),
    (
        "awa-no-answer-form",
        visit(VisitKind.AGENT_WITH_ANSWER, C, P),
        CANNOT,
        (A,),
        None,
        ["assess.reason.answer_form_missing"],
    ),
    (
        "awa-nothing",
        visit(VisitKind.AGENT_WITH_ANSWER),
        CANNOT,
        (C, A, P),
        None,
        [
            "assess.reason.card_required",
            "assess.reason.answer_form_missing",
            "assess.reason.photo_id_required",
        ],
    ),
    (
        "awa-pin-locked",
        visit(VisitKind.AGENT_WITH_ANSWER, C, A, P, pin_sign=L),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_sign_locked"],
    ),
    # -- agent, first visit: card + any ID -> document inquiry, second visit
    (
        "first-photo-id",
        visit(VisitKind.AGENT_FIRST, C, P),
        INQ,
        (),
        AGENT_FIRST,
        ["assess.reason.agent_first_inquiry"],
    ),
    (
        "first-nonphoto-id",
        visit(VisitKind.AGENT_FIRST, C, N, NP),
        INQ,
        (),
        AGENT_FIRST,
        ["assess.reason.agent_first_inquiry"],
    ),
    (  # any ID will do on the first visit: the missing item is "an ID", not a photo ID
        "first-no-id",
        visit(VisitKind.AGENT_FIRST, C, N),
        CANNOT,
        (Need.ANY_ID,),
        None,
        ["assess.reason.agent_first_any_id", "assess.reason.agent_first_inquiry_later"],
    ),
    (
        "first-no-card",
        visit(VisitKind.AGENT_FIRST, NP),
        CANNOT,
        (C,),
        None,
        ["assess.reason.card_required", "assess.reason.agent_first_inquiry_later"],
    ),
    (
        "first-with-answer-hint",
        visit(VisitKind.AGENT_FIRST, C, A, P),
        INQ,
        (),
        AGENT_FIRST,
        ["assess.reason.agent_first_inquiry", "assess.reason.hint_same_day_with_answer"],
    ),
    (
        "first-pin-forgotten",
        visit(VisitKind.AGENT_FIRST, C, NP, pin_user=F),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.agent_first_inquiry", "assess.reason.pin_user_forgotten"],
    ),
    # -- agent, second visit: card + sealed answer form + photo ID -> same day
    (
        "second-complete",
        visit(VisitKind.AGENT_SECOND, C, N, A, P),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "second-nonphoto",
        visit(VisitKind.AGENT_SECOND, C, A, NP),
        CANNOT,
        (P,),
        None,
        ["assess.reason.photo_id_required"],
    ),
    (
        "second-no-answer-form",
        visit(VisitKind.AGENT_SECOND, C, P),
        CANNOT,
        (A,),
        None,
        ["assess.reason.second_answer_form"],
    ),
    (
        "second-only-card",
        visit(VisitKind.AGENT_SECOND, C),
        CANNOT,
        (A, P),
        None,
        ["assess.reason.second_answer_form", "assess.reason.photo_id_required"],
    ),
    (
        "second-nothing",
        visit(VisitKind.AGENT_SECOND),
        CANNOT,
        (C, A, P),
        None,
        [
            "assess.reason.card_required",
            "assess.reason.second_answer_form",
            "assess.reason.photo_id_required",
        ],
    ),
    (
        "second-pin-forgotten",
        visit(VisitKind.AGENT_SECOND, C, A, P, pin_user=F),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_user_forgotten"],
    ),
    # -- guardian: card + registry cert + photo ID (+ ward for signing) -> same day
    (
        "guardian-complete",
        visit(VisitKind.GUARDIAN, C, P, R, W),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (
        "guardian-user-only-no-ward",
        visit(VisitKind.GUARDIAN, C, P, R, renew=USER),
        SERVE,
        (),
        None,
        ["assess.reason.serve_today"],
    ),
    (  # docs/rules.md#visit-guardian: the ward only for the signing one; the user one renews
        "guardian-both-no-ward-renews-user",
        visit(VisitKind.GUARDIAN, C, P, R),
        SERVE,
        (),
        None,
        ["assess.reason.guardian_user_only"],
    ),
    (
        "guardian-sign-only-no-ward",
        visit(VisitKind.GUARDIAN, C, P, R, renew=SIGN),
        CANNOT,
        (W,),
        None,
        ["assess.reason.guardian_ward_present"],
    ),
    (
        "guardian-no-registry-cert",
        visit(VisitKind.GUARDIAN, C, P, W),
        CANNOT,
        (R,),
        None,
        ["assess.reason.guardian_registry_cert"],
    ),
    (
        "guardian-no-photo-id",
        visit(VisitKind.GUARDIAN, C, R, W),
        INQ,
        (),
        GUARDIAN_NO_PHOTO,
        ["assess.reason.guardian_no_photo_id"],
    ),
    (
        "guardian-nonphoto-id",
        visit(VisitKind.GUARDIAN, C, NP, R, renew=USER),
        INQ,
        (),
        GUARDIAN_NO_PHOTO,
        ["assess.reason.guardian_no_photo_id"],
    ),
    (
        "guardian-pin-locked",
        visit(VisitKind.GUARDIAN, C, P, R, W, pin_user=L),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.pin_user_locked"],
    ),
    (
        "guardian-no-photo-and-pin",  # two inquiry reasons: the PIN reset is named
        visit(VisitKind.GUARDIAN, C, R, W, pin_sign=F),
        INQ,
        (),
        PIN_RESET,
        ["assess.reason.guardian_no_photo_id", "assess.reason.pin_sign_forgotten"],
    ),
    (
        "guardian-everything-missing",  # all missing listed, in a fixed order
        visit(VisitKind.GUARDIAN, P, renew=SIGN),
        CANNOT,
        (C, R, W),
        None,
        [
            "assess.reason.card_required",
            "assess.reason.guardian_registry_cert",
            "assess.reason.guardian_ward_present",
        ],
    ),
    (  # the ward is not "missing" when the user certificate alone can be renewed
        "guardian-missing-both-certs",
        visit(VisitKind.GUARDIAN, P),
        CANNOT,
        (C, R),
        None,
        [
            "assess.reason.card_required",
            "assess.reason.guardian_registry_cert",
            "assess.reason.guardian_ward_present",
        ],
    ),
    (
        "guardian-missing-wins-over-inquiry",
        visit(VisitKind.GUARDIAN, C, W),
        CANNOT,
        (R,),
        None,
        ["assess.reason.guardian_registry_cert", "assess.reason.guardian_no_photo_id_later"],
    ),
    (  # no photo ID and no ward: a document inquiry, the ward comes on the next visit
        "guardian-no-photo-no-ward",
        visit(VisitKind.GUARDIAN, C, NP, R),
        INQ,
        (),
        GUARDIAN_NO_PHOTO,
        ["assess.reason.guardian_no_photo_id", "assess.reason.guardian_ward_next_visit"],
    ),
    (
        "guardian-no-photo-sign-only-no-ward",
        visit(VisitKind.GUARDIAN, C, R, renew=SIGN),
        INQ,
        (),
        GUARDIAN_NO_PHOTO,
        ["assess.reason.guardian_no_photo_id", "assess.reason.guardian_ward_next_visit"],
    ),
    # -- card expiring (notice lists マイナンバーカード): new-card application, whatever else
    (
        "expiring-self",
        visit(VisitKind.SELF, C, card_expiring=True),
        NEW,
        (),
        None,
        ["assess.reason.card_expiring"],
    ),
    (
        "expiring-nothing-brought",
        visit(VisitKind.AGENT_SECOND, card_expiring=True),
        NEW,
        (),
        None,
        ["assess.reason.card_expiring"],
    ),
    (
        "expiring-pin-locked",
        visit(VisitKind.GUARDIAN, pin_sign=L, card_expiring=True),
        NEW,
        (),
        None,
        ["assess.reason.card_expiring"],
    ),
]


@pytest.mark.parametrize(
    ("visit_input", "decision", "missing", "inquiry", "reasons"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_assess_visit(
    visit_input: VisitInput,
    decision: Decision,
    missing: tuple[Item, ...],
    inquiry: str | None,
    reasons: list[str],
) -> None:
    result = assess_visit(visit_input)
    assert result.decision is decision
    assert result.missing == missing
    assert result.inquiry_reason == inquiry
    assert list(result.reasons) == reasons  # exactly these lines, in this order
    assert result.renewal is None
    # invariants
    assert Item.NOTICE not in result.missing
    assert (decision is CANNOT) == bool(result.missing)
    assert (decision is INQ) == (result.inquiry_reason is not None)


def test_same_day_hint_not_given_when_pin_needs_reset() -> None:
    result = assess_visit(visit(VisitKind.AGENT_FIRST, C, A, P, pin_sign=F))
    assert result.inquiry_reason == PIN_RESET
    assert "assess.reason.hint_same_day_with_answer" not in result.reasons


def test_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20
    assert {case[2] for case in CASES} == set(Decision)


def test_new_card_application_says_nothing_else() -> None:
    result = assess_visit(
        visit(VisitKind.SELF, card_expiring=True, expiry=date(2027, 3, 24), today=date(2026, 1, 1))
    )
    assert result == Assessment(decision=NEW, reasons=("assess.reason.card_expiring",))


@pytest.mark.parametrize(
    ("today", "status", "warning"),
    [
        (date(2026, 12, 1), RenewalStatus.TOO_EARLY, "renewal.warn.too_early"),
        (date(2026, 12, 25), RenewalStatus.OPEN, None),
        (date(2027, 3, 24), RenewalStatus.OPEN, None),
        (date(2027, 3, 25), RenewalStatus.EXPIRED, "renewal.warn.expired"),
    ],
)
def test_renewal_window_warns_never_blocks(
    today: date, status: RenewalStatus, warning: str | None
) -> None:
    result = assess_visit(visit(VisitKind.SELF, C, expiry=date(2027, 3, 24), today=today))
    assert result.decision is SERVE
    assert result.renewal is not None
    assert result.renewal.status is status
    assert result.renewal.window_start == date(2026, 12, 25)
    renewal_warnings = [w for w in result.warnings if w.startswith("renewal.")]
    assert renewal_warnings == ([warning] if warning else [])


def test_renewal_needs_both_dates() -> None:
    assert assess_visit(visit(VisitKind.SELF, C, expiry=date(2027, 3, 24))).renewal is None
    assert assess_visit(visit(VisitKind.SELF, C, today=date(2027, 3, 24))).renewal is None


def test_renewal_warning_keeps_inquiry_decision() -> None:
    result = assess_visit(
        visit(VisitKind.AGENT_FIRST, C, NP, expiry=date(2027, 3, 24), today=date(2027, 5, 1))
    )
    assert result.decision is INQ
    assert "renewal.warn.expired" in result.warnings


def test_guardian_signing_warns_about_adult_wards() -> None:
    assert (
        "assess.warn.guardian_sign" in assess_visit(visit(VisitKind.GUARDIAN, C, P, R, W)).warnings
    )
    user_only = assess_visit(visit(VisitKind.GUARDIAN, C, P, R, renew=USER))
    assert "assess.warn.guardian_sign" not in user_only.warnings


@pytest.mark.parametrize("kind", list(VisitKind))
def test_id_document_warning_for_everyone_but_self(kind: VisitKind) -> None:
    result = assess_visit(visit(kind, *Item))
    assert ("assess.warn.id_documents" in result.warnings) == (kind is not VisitKind.SELF)


def test_inputs_accept_cli_spellings() -> None:
    v = VisitInput("guardian", frozenset({"card"}), pin_user="locked", renew=frozenset({"user"}))  # type: ignore[arg-type]
    assert v.kind is VisitKind.GUARDIAN
    assert v.brought == frozenset({Item.CARD})
    assert v.pin_user is PinStatus.LOCKED
    assert v.renew == USER
    assert VisitInput(VisitKind.SELF, frozenset()).renew == BOTH


def test_renew_must_not_be_empty() -> None:
    with pytest.raises(ValueError):
        VisitInput(VisitKind.SELF, frozenset({C}), renew=frozenset())


def test_enum_values_are_cli_spellings() -> None:
    assert [k.value for k in VisitKind] == [
        "self",
        "agent_with_answer",
        "agent_first",
        "agent_second",
        "guardian",
    ]
    assert [i.value for i in Item] == [
        "card",
        "notice",
        "answer_form",
        "photo_id",
        "nonphoto_id",
        "registry_cert",
        "ward_present",
    ]
    assert [p.value for p in PinStatus] == ["known", "forgotten", "locked"]
    assert [c.value for c in Certificate] == ["user", "sign"]
    assert [d.value for d in Decision] == [
        "serve_today",
        "document_inquiry",
        "new_card_application",
        "cannot_proceed",
    ]


def test_frozen() -> None:
    v = visit(VisitKind.SELF, C)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.kind = VisitKind.GUARDIAN  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        assess_visit(v).decision = NEW  # type: ignore[misc]


def test_no_pin_value_field() -> None:
    names = {f.name for f in dataclasses.fields(VisitInput)} | {
        f.name for f in dataclasses.fields(Assessment)
    }
    assert not any(re.fullmatch(r"pin(_value|_code)?|pins?|password", n) for n in names)


def _all_keys() -> set[str]:
    keys: set[str] = set()
    for case in CASES:
        result = assess_visit(case[1])
        keys.update(result.reasons, result.warnings)
        if result.inquiry_reason:
            keys.add(result.inquiry_reason)
    for kind in VisitKind:
        for cert in Certificate:
            for status in (F, L):
                result = assess_visit(
                    VisitInput(
                        kind,
                        frozenset(Item),
                        renew=frozenset({cert}),
                        pin_user=status,
                        pin_sign=status,
                    )
                )
                keys.update(result.reasons, result.warnings)
    return keys


def test_every_key_is_in_the_catalogue() -> None:
    keys = _all_keys()
    keys.update(f"visit.{k.value}" for k in VisitKind)
    keys.update(f"item.{i.value}" for i in Item)
    keys.update(f"pin.{p.value}" for p in PinStatus)
    keys.update(f"cert.{c.value}" for c in Certificate)
    keys.update(f"decision.{d.value}" for d in Decision)
    missing = sorted(k for k in keys if k not in CATALOG)
    assert missing == []
    for key in keys:
        assert CATALOG[key]["ja"] and CATALOG[key]["en"]


def test_japanese_visit_labels() -> None:
    assert CATALOG["visit.self"]["ja"] == "本人"
    assert CATALOG["visit.agent_with_answer"]["ja"] == "任意代理人(照会書兼回答書あり)"
    assert "1回目" in CATALOG["visit.agent_first"]["ja"]
    assert CATALOG["visit.agent_second"]["ja"] == "任意代理人 2回目"
    assert CATALOG["visit.guardian"]["ja"] == "成年後見人"


def test_domain_does_not_import_ui_or_db() -> None:
    import subprocess
    import sys

    code = (
        "import sys, queue_app.domain.assessment, queue_app.domain.renewal;"
        "bad=[m for m in ('textual','sqlmodel','sqlalchemy') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
