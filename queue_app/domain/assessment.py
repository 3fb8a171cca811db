"""Visit assessment: can this visitor renew the e-certificates today? Pure: no I/O.

Given who came (`VisitKind`), what they brought (`Item`), the PIN *status* of each certificate
(never a PIN value) and which certificates are to be renewed, `assess_visit` returns one
`Decision`, the missing items (`Need`), the certificates the decision covers and catalogue
keys that explain it. Rules: docs/rules.md#visit-kinds (what each visit kind brings),
docs/rules.md#pin and docs/rules.md#document-inquiry.

Decisions taken where the page is silent (also in docs/decisions.md):

1. The card itself expiring (the notice lists マイナンバーカード) routes to a new-card
   application before anything else is looked at; no items are "missing" and no renewal
   window is attached (the certificates come with the new card).
2. A missing item needed for any procedure today beats a document inquiry: the decision is
   ``CANNOT_PROCEED`` and every such item is listed. The reasons may still say what follows
   once the items are brought, but always in words that fit the decision (a reason line never
   says 「文書照会となります」 under 「本日は手続できません」; `REASON_DECISIONS` names the
   decisions each line may appear with and a property test checks every input).
3. The expiry notice is never required (お知らせが届いていない方は不要).
4. First agent visit: any ID is enough (photo not required). When none was brought the
   missing item is ``Need.ANY_ID`` (「本人確認書類(顔写真なしでも可)」), never a photo ID.
5. Agent with answer form but only a non-photo ID: cannot proceed today (the page requires a
   government-issued photo ID); a reason points to the first-visit route, which accepts a
   non-photo ID. The decision stays the one for the kind the staff chose; routes are only
   suggested.
6. Guardian without photo ID: document inquiry (docs/rules.md#visit-guardian), never "cannot proceed"
   because of the ID. The 登記事項証明書 and the card are still needed to open it.
7. Guardian and the ward: the page asks the ward to come only for the SIGNING certificate. A
   guardian renewing both without the ward renews the user certificate today
   (``certificates == {USER}``); renewing only the signing certificate without the ward cannot
   proceed. When the decision is a document inquiry nothing is renewed today, so the ward is
   asked to come on the next visit instead of being "missing" now. A warning recalls that the
   signing certificate is in principle not issued to adult wards
   (docs/rules.md#signing-certificate); the page allows the procedure, so this only warns.
8. PIN forgotten or locked counts only for the certificates the decision covers; for agents
   the PINs sit in the sealed answer form (default known). When several inquiry reasons
   apply, ``inquiry_reason`` is the PIN reset; all of them are in ``reasons``.
9. The renewal window is attached only when both ``expiry`` and ``today`` are given (the domain
   has no clock); too early / expired add warnings and never change the decision.
10. For every kind except ``SELF`` a warning recalls that ID documents must show the current
    name and address, be valid, and are photocopied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from queue_app.domain.renewal import RenewalAssessment, assess_renewal


class VisitKind(StrEnum):
    SELF = "self"
    AGENT_WITH_ANSWER = "agent_with_answer"
    AGENT_FIRST = "agent_first"
    AGENT_SECOND = "agent_second"
    GUARDIAN = "guardian"


AGENT_KINDS = frozenset(
    {VisitKind.AGENT_WITH_ANSWER, VisitKind.AGENT_FIRST, VisitKind.AGENT_SECOND}
)


class Item(StrEnum):
    """What the visitor brought to the counter."""

    CARD = "card"  # the card of the person whose certificates are renewed
    NOTICE = "notice"  # 有効期限通知書 (optional everywhere)
    ANSWER_FORM = "answer_form"  # sealed 照会書兼回答書
    PHOTO_ID = "photo_id"  # government-issued photo ID of the agent / guardian
    NONPHOTO_ID = "nonphoto_id"  # e.g. a health-insurance card
    REGISTRY_CERT = "registry_cert"  # 登記事項証明書 proving guardianship
    WARD_PRESENT = "ward_present"  # the adult ward came to the counter too


class Need(StrEnum):
    """What a visit requires (and may be missing). Same values as `Item` where they match."""

    CARD = "card"
    ANSWER_FORM = "answer_form"
    PHOTO_ID = "photo_id"
    ANY_ID = "any_id"  # a photo ID or one without a photo (agent, first visit)
    REGISTRY_CERT = "registry_cert"
    WARD_PRESENT = "ward_present"


class PinStatus(StrEnum):
    KNOWN = "known"
    FORGOTTEN = "forgotten"
    LOCKED = "locked"


class Certificate(StrEnum):
    USER = "user"  # 利用者証明用電子証明書 (4-digit PIN)
    SIGN = "sign"  # 署名用電子証明書 (6-16 alphanumeric PIN)


class Decision(StrEnum):
    SERVE_TODAY = "serve_today"
    DOCUMENT_INQUIRY = "document_inquiry"
    NEW_CARD_APPLICATION = "new_card_application"
    CANNOT_PROCEED = "cannot_proceed"


BOTH_CERTIFICATES: frozenset[Certificate] = frozenset(Certificate)

# What each kind needs before anything can be done today (docs/rules.md#visit-kinds). The guardian's
# photo ID is not here: without it the visit is a document inquiry (rule 6); the ward is
# needed only for the signing certificate (rule 7).
NEEDS: dict[VisitKind, tuple[Need, ...]] = {
    VisitKind.SELF: (Need.CARD,),
    VisitKind.AGENT_WITH_ANSWER: (Need.CARD, Need.ANSWER_FORM, Need.PHOTO_ID),
    VisitKind.AGENT_FIRST: (Need.CARD, Need.ANY_ID),
    VisitKind.AGENT_SECOND: (Need.CARD, Need.ANSWER_FORM, Need.PHOTO_ID),
    VisitKind.GUARDIAN: (Need.CARD, Need.REGISTRY_CERT),
}


def satisfied(need: Need, brought: frozenset[Item]) -> bool:
    if need is Need.ANY_ID:
        return Item.PHOTO_ID in brought or Item.NONPHOTO_ID in brought
    return Item(need.value) in brought


# -- catalogue keys -------------------------------------------------------------------------
R_SERVE_TODAY = "assess.reason.serve_today"
R_CARD_EXPIRING = "assess.reason.card_expiring"
R_CARD_REQUIRED = "assess.reason.card_required"
R_ANSWER_FORM_MISSING = "assess.reason.answer_form_missing"
R_PHOTO_ID_REQUIRED = "assess.reason.photo_id_required"
R_HINT_FIRST_VISIT_NONPHOTO = "assess.reason.hint_first_visit_nonphoto"
R_AGENT_FIRST_ANY_ID = "assess.reason.agent_first_any_id"
R_AGENT_FIRST_INQUIRY = "assess.reason.agent_first_inquiry"
R_AGENT_FIRST_INQUIRY_LATER = "assess.reason.agent_first_inquiry_later"
R_HINT_SAME_DAY_WITH_ANSWER = "assess.reason.hint_same_day_with_answer"
R_SECOND_ANSWER_FORM = "assess.reason.second_answer_form"
R_GUARDIAN_REGISTRY_CERT = "assess.reason.guardian_registry_cert"
R_GUARDIAN_NO_PHOTO_ID = "assess.reason.guardian_no_photo_id"
R_GUARDIAN_NO_PHOTO_ID_LATER = "assess.reason.guardian_no_photo_id_later"
R_GUARDIAN_WARD_PRESENT = "assess.reason.guardian_ward_present"
R_GUARDIAN_USER_ONLY = "assess.reason.guardian_user_only"
R_GUARDIAN_WARD_NEXT_VISIT = "assess.reason.guardian_ward_next_visit"

INQ_PIN_RESET = "assess.inquiry.pin_reset"
INQ_AGENT_FIRST = "assess.inquiry.agent_first"
INQ_GUARDIAN_NO_PHOTO_ID = "assess.inquiry.guardian_no_photo_id"

W_ID_DOCUMENTS = "assess.warn.id_documents"
W_GUARDIAN_SIGN = "assess.warn.guardian_sign"

SERVE, INQUIRY, NEW_CARD, CANNOT = (
    Decision.SERVE_TODAY,
    Decision.DOCUMENT_INQUIRY,
    Decision.NEW_CARD_APPLICATION,
    Decision.CANNOT_PROCEED,
)


def pin_reason_key(certificate: Certificate, status: PinStatus) -> str:
    """`assess.reason.pin_user_forgotten`, `assess.reason.pin_sign_locked`, ..."""
    return f"assess.reason.pin_{certificate.value}_{status.value}"


# The decisions each reason line may be shown with: what the words of the line say.
REASON_DECISIONS: dict[str, frozenset[Decision]] = {
    R_SERVE_TODAY: frozenset({SERVE}),
    R_CARD_EXPIRING: frozenset({NEW_CARD}),
    R_CARD_REQUIRED: frozenset({CANNOT}),
    R_ANSWER_FORM_MISSING: frozenset({CANNOT}),
    R_PHOTO_ID_REQUIRED: frozenset({CANNOT}),
    R_HINT_FIRST_VISIT_NONPHOTO: frozenset({CANNOT}),
    R_AGENT_FIRST_ANY_ID: frozenset({CANNOT}),
    R_AGENT_FIRST_INQUIRY: frozenset({INQUIRY}),
    R_AGENT_FIRST_INQUIRY_LATER: frozenset({CANNOT}),
    R_HINT_SAME_DAY_WITH_ANSWER: frozenset({INQUIRY}),
    R_SECOND_ANSWER_FORM: frozenset({CANNOT}),
    R_GUARDIAN_REGISTRY_CERT: frozenset({CANNOT}),
    R_GUARDIAN_NO_PHOTO_ID: frozenset({INQUIRY}),
    R_GUARDIAN_NO_PHOTO_ID_LATER: frozenset({CANNOT}),
    R_GUARDIAN_WARD_PRESENT: frozenset({CANNOT}),
    R_GUARDIAN_USER_ONLY: frozenset({SERVE}),
    R_GUARDIAN_WARD_NEXT_VISIT: frozenset({INQUIRY}),
    **{
        pin_reason_key(c, s): frozenset({INQUIRY, CANNOT})
        for c in Certificate
        for s in (PinStatus.FORGOTTEN, PinStatus.LOCKED)
    },
}


@dataclass(frozen=True, slots=True)
class VisitInput:
    """One visit as told at the counter. Plain strings are accepted and turned into enums."""

    kind: VisitKind
    brought: frozenset[Item] = frozenset()
    pin_user: PinStatus = PinStatus.KNOWN
    pin_sign: PinStatus = PinStatus.KNOWN
    renew: frozenset[Certificate] = BOTH_CERTIFICATES
    card_expiring: bool = False
    expiry: date | None = None
    today: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", VisitKind(self.kind))
        object.__setattr__(self, "brought", frozenset(Item(i) for i in self.brought))
        object.__setattr__(self, "pin_user", PinStatus(self.pin_user))
        object.__setattr__(self, "pin_sign", PinStatus(self.pin_sign))
        renew = frozenset(Certificate(c) for c in self.renew)
        if not renew:
            raise ValueError("renew must name at least one certificate")
        object.__setattr__(self, "renew", renew)

    def pin_status(self, certificate: Certificate) -> PinStatus:
        return self.pin_user if certificate is Certificate.USER else self.pin_sign


@dataclass(frozen=True, slots=True)
class Assessment:
    """The outcome; every text is a catalogue key, translated by the caller.

    `certificates` are the ones the decision covers: renewed today (``SERVE_TODAY``), at the
    next visit (``DOCUMENT_INQUIRY``) or once the missing items are here (``CANNOT_PROCEED``).
    """

    decision: Decision
    missing: tuple[Need, ...] = ()
    reasons: tuple[str, ...] = ()
    inquiry_reason: str | None = None
    renewal: RenewalAssessment | None = None
    warnings: tuple[str, ...] = ()
    certificates: frozenset[Certificate] = frozenset()


def _append(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


_MISSING_REASON: dict[tuple[VisitKind, Need], str] = {
    (VisitKind.AGENT_WITH_ANSWER, Need.ANSWER_FORM): R_ANSWER_FORM_MISSING,
    (VisitKind.AGENT_WITH_ANSWER, Need.PHOTO_ID): R_PHOTO_ID_REQUIRED,
    (VisitKind.AGENT_FIRST, Need.ANY_ID): R_AGENT_FIRST_ANY_ID,
    (VisitKind.AGENT_SECOND, Need.ANSWER_FORM): R_SECOND_ANSWER_FORM,
    (VisitKind.AGENT_SECOND, Need.PHOTO_ID): R_PHOTO_ID_REQUIRED,
    (VisitKind.GUARDIAN, Need.REGISTRY_CERT): R_GUARDIAN_REGISTRY_CERT,
}


def _pin_problems(visit: VisitInput, certificates: frozenset[Certificate]) -> list[str]:
    return [
        pin_reason_key(c, visit.pin_status(c))
        for c in Certificate
        if c in certificates and visit.pin_status(c) is not PinStatus.KNOWN
    ]


def assess_visit(visit: VisitInput) -> Assessment:
    """Apply the page's rules to one visit (see the module docstring for the decisions)."""
    if visit.card_expiring:
        return Assessment(decision=Decision.NEW_CARD_APPLICATION, reasons=(R_CARD_EXPIRING,))

    kind, brought = visit.kind, visit.brought
    missing = [need for need in NEEDS[kind] if not satisfied(need, brought)]
    guardian = kind is VisitKind.GUARDIAN
    no_photo = guardian and Item.PHOTO_ID not in brought
    ward_absent = guardian and Certificate.SIGN in visit.renew and Item.WARD_PRESENT not in brought

    # What could be renewed today: without the ward, a guardian renews only the user cert.
    today_certs = visit.renew
    if ward_absent:
        today_certs = visit.renew - {Certificate.SIGN}
    inquiries: list[str] = []
    if _pin_problems(visit, today_certs or visit.renew):
        inquiries.append(INQ_PIN_RESET)
    if kind is VisitKind.AGENT_FIRST:
        inquiries.append(INQ_AGENT_FIRST)
    if no_photo:
        inquiries.append(INQ_GUARDIAN_NO_PHOTO_ID)
    if inquiries:
        # nothing is renewed today: the ward can come on the next visit
        today_certs = visit.renew
    elif ward_absent and not today_certs:
        missing.append(Need.WARD_PRESENT)  # only the signing certificate was asked for
    certificates = today_certs if not missing else visit.renew

    reasons: list[str] = []
    if missing:
        decision = CANNOT
    elif inquiries:
        decision = INQUIRY
    else:
        decision = SERVE

    for need in missing:
        if need is Need.CARD:
            _append(reasons, R_CARD_REQUIRED)
        elif need is Need.WARD_PRESENT:
            _append(reasons, R_GUARDIAN_WARD_PRESENT)
        else:
            _append(reasons, _MISSING_REASON[(kind, need)])
    if (
        kind is VisitKind.AGENT_WITH_ANSWER
        and Need.PHOTO_ID in missing
        and Item.NONPHOTO_ID in brought
        and Item.ANSWER_FORM in brought
    ):
        _append(reasons, R_HINT_FIRST_VISIT_NONPHOTO)
    if kind is VisitKind.AGENT_FIRST:
        later = decision is not INQUIRY
        _append(reasons, R_AGENT_FIRST_INQUIRY_LATER if later else R_AGENT_FIRST_INQUIRY)
    if no_photo:
        later = decision is not INQUIRY
        _append(reasons, R_GUARDIAN_NO_PHOTO_ID_LATER if later else R_GUARDIAN_NO_PHOTO_ID)
    if decision is not SERVE:
        for key in _pin_problems(visit, certificates):
            _append(reasons, key)
    if ward_absent and decision is INQUIRY:
        _append(reasons, R_GUARDIAN_WARD_NEXT_VISIT)
    elif ward_absent and decision is CANNOT:
        _append(reasons, R_GUARDIAN_WARD_PRESENT)
    if (
        decision is INQUIRY
        and kind is VisitKind.AGENT_FIRST
        and INQ_PIN_RESET not in inquiries
        and {Item.ANSWER_FORM, Item.PHOTO_ID, Item.CARD} <= brought
    ):
        _append(reasons, R_HINT_SAME_DAY_WITH_ANSWER)
    if decision is SERVE:
        reasons.insert(0, R_GUARDIAN_USER_ONLY if certificates != visit.renew else R_SERVE_TODAY)

    warnings: list[str] = []
    if guardian and Certificate.SIGN in certificates:
        _append(warnings, W_GUARDIAN_SIGN)
    if kind is not VisitKind.SELF:
        _append(warnings, W_ID_DOCUMENTS)
    renewal: RenewalAssessment | None = None
    if visit.expiry is not None and visit.today is not None:
        renewal = assess_renewal(visit.expiry, visit.today)
        if renewal.warning_key is not None:
            _append(warnings, renewal.warning_key)

    return Assessment(
        decision=decision,
        missing=tuple(need for need in Need if need in missing),
        reasons=tuple(reasons),
        inquiry_reason=inquiries[0] if decision is INQUIRY else None,
        renewal=renewal,
        warnings=tuple(warnings),
        certificates=certificates,
    )
