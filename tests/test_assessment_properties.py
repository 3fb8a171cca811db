"""Properties of the visit assessment over every input: the words never contradict the decision.

Issue 11 ("The assessment and what the visitor is told"): a guardian without the ward may
still renew the user certificate, a guardian without photo ID is a document inquiry, a
first-visit agent without ID is told any ID will do, and no reason line contradicts the
decision. Rules: docs/rules.md#visit-kinds (what each visit kind brings).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.domain.assessment import (
    REASON_DECISIONS,
    Certificate,
    Decision,
    Item,
    Need,
    PinStatus,
    VisitInput,
    VisitKind,
    assess_visit,
)
from queue_app.i18n import CATALOG, Translator

visits = st.builds(
    VisitInput,
    kind=st.sampled_from(VisitKind),
    brought=st.frozensets(st.sampled_from(Item)),
    pin_user=st.sampled_from(PinStatus),
    pin_sign=st.sampled_from(PinStatus),
    renew=st.frozensets(st.sampled_from(Certificate), min_size=1),
    card_expiring=st.booleans(),
)

# Phrases that state an outcome: a line containing one must not sit under another decision.
FORBIDDEN_JA: dict[Decision, tuple[str, ...]] = {
    Decision.SERVE_TODAY: (
        "できません",
        "文書照会となります",
        "照会します",
        "再設定が必要",
        "2回目",
    ),
    Decision.DOCUMENT_INQUIRY: ("本日更新できます", "本日は利用者証明用", "手続できません"),
    Decision.CANNOT_PROCEED: ("本日更新できます", "ため、文書照会となります", "照会します。"),
    Decision.NEW_CARD_APPLICATION: ("本日更新できます", "文書照会"),
}


@settings(max_examples=400, deadline=None)
@given(visits)
def test_reason_lines_never_contradict_the_decision(visit: VisitInput) -> None:
    result = assess_visit(visit)
    ja = Translator("ja")
    for key in result.reasons:
        assert result.decision in REASON_DECISIONS.get(key, {Decision.NEW_CARD_APPLICATION}), key
        text = ja(key)
        for phrase in FORBIDDEN_JA[result.decision]:
            assert phrase not in text, (result.decision, key, phrase)
    # the decision line itself and the invariants between the fields
    assert (result.decision is Decision.CANNOT_PROCEED) == bool(result.missing)
    assert (result.decision is Decision.DOCUMENT_INQUIRY) == (result.inquiry_reason is not None)
    assert len(set(result.reasons)) == len(result.reasons)
    assert all(f"item.{need.value}" in CATALOG for need in result.missing)
    if result.decision is not Decision.NEW_CARD_APPLICATION:
        assert result.certificates and result.certificates <= visit.renew


def test_every_reason_key_has_a_meaning_and_a_text() -> None:
    for key in REASON_DECISIONS:
        assert key in CATALOG, key


@settings(max_examples=200, deadline=None)
@given(visits)
def test_guardian_without_photo_id_is_an_inquiry_not_cannot_proceed(visit: VisitInput) -> None:
    if visit.kind is not VisitKind.GUARDIAN or visit.card_expiring:
        return
    brought = (visit.brought | {Item.CARD, Item.REGISTRY_CERT}) - {Item.PHOTO_ID}
    result = assess_visit(
        VisitInput(visit.kind, brought, visit.pin_user, visit.pin_sign, visit.renew)
    )
    assert result.decision is Decision.DOCUMENT_INQUIRY
    assert "assess.reason.guardian_no_photo_id" in result.reasons
    assert result.certificates == visit.renew  # the ward can come on the next visit


@settings(max_examples=200, deadline=None)
@given(visits)
def test_guardian_without_ward_renews_the_user_certificate(visit: VisitInput) -> None:
    if visit.kind is not VisitKind.GUARDIAN or visit.card_expiring:
        return
    brought = (visit.brought | {Item.CARD, Item.REGISTRY_CERT, Item.PHOTO_ID}) - {Item.WARD_PRESENT}
    result = assess_visit(
        VisitInput(visit.kind, brought, PinStatus.KNOWN, visit.pin_sign, frozenset(Certificate))
    )
    assert result.decision is Decision.SERVE_TODAY
    assert result.certificates == {Certificate.USER}
    assert result.reasons == ("assess.reason.guardian_user_only",)
    assert result.missing == ()


def test_guardian_without_ward_cannot_renew_only_the_signing_certificate() -> None:
    result = assess_visit(
        VisitInput(
            VisitKind.GUARDIAN,
            frozenset({Item.CARD, Item.REGISTRY_CERT, Item.PHOTO_ID}),
            renew=frozenset({Certificate.SIGN}),
        )
    )
    assert result.decision is Decision.CANNOT_PROCEED
    assert result.missing == (Need.WARD_PRESENT,)
    assert result.reasons == ("assess.reason.guardian_ward_present",)


def test_first_visit_agent_without_id_is_told_any_id_will_do() -> None:
    result = assess_visit(VisitInput(VisitKind.AGENT_FIRST, frozenset({Item.CARD})))
    assert result.decision is Decision.CANNOT_PROCEED
    assert result.missing == (Need.ANY_ID,)
    assert result.reasons == (
        "assess.reason.agent_first_any_id",
        "assess.reason.agent_first_inquiry_later",
    )
    for lang in ("ja", "en"):
        tr = Translator(lang)
        label = tr("item.any_id")
        assert ("顔写真なしでも可" in label) if lang == "ja" else ("no photo needed" in label)
        assert "顔写真付き" not in label
    assert "どの本人確認書類でもかまいません" in Translator("ja")(
        "assess.reason.agent_first_any_id"
    )
    assert "any ID will do" in Translator("en")("assess.reason.agent_first_any_id")
