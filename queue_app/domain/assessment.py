"""Visit assessment: can this visitor renew the e-certificates today? Pure: no I/O.

Given who came (`VisitKind`), what they brought (`Item`), the PIN *status* of each certificate
(never a PIN value) and which certificates are to be renewed, `assess_visit` returns one
`Decision`, the missing items and catalogue keys that explain it. Source: the Shiki City page
(`/work/shared/domain/seed-shiki-ecert-renewal.ja.txt`) and its digest RULES.md.

Decisions taken where the page is silent (also in docs/decisions.md):

1. The card itself expiring (the notice lists マイナンバーカード) routes to a new-card
   application before anything else is looked at; no items are "missing" and no renewal
   window is attached (the certificates come with the new card).
2. A missing required item beats a document inquiry: the decision is ``CANNOT_PROCEED``,
   every missing item is listed, ``inquiry_reason`` is None, but the reasons still explain the
   inquiry that will follow once the items are brought (e.g. a forgotten PIN).
3. The expiry notice is never required (お知らせが届いていない方は不要).
4. First agent visit: any ID is enough (photo not required). When none was brought we list
   ``PHOTO_ID`` as missing (it satisfies every route) and add a reason saying that a
   non-photo ID such as a health-insurance card also works.
5. Agent with answer form but only a non-photo ID: cannot proceed today (the page requires a
   government-issued photo ID); a reason points to the first-visit route, which accepts a
   non-photo ID. Without the answer form a reason points to the first-visit route as well.
   The decision stays the one for the kind the staff chose; routes are only suggested
   (a first-visit agent holding the card, the answer form and a photo ID, with no PIN
   problem, gets a hint that same-day service as an agent with the answer form may work).
6. Guardian without photo ID: document inquiry (the page's words); a non-photo ID is not
   required for that route because the page does not ask for one.
7. Guardian renewing the signing certificate: the ward must be at the counter
   (``WARD_PRESENT``); in addition a warning recalls that the signing certificate is in
   principle not issued to adult wards (RULES.md), to be confirmed at the counter. The page
   (which wins) clearly allows the procedure, so this only warns.
8. PIN forgotten or locked counts only for the certificates being renewed; for agents the
   PINs sit in the sealed answer form, so the status is whatever staff learned (default known).
   When several inquiry reasons apply, ``inquiry_reason`` is the PIN reset (it changes what the
   inquiry asks for); all of them are in ``reasons``.
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


class Item(StrEnum):
    """What the visitor brought to the counter."""

    CARD = "card"  # the card of the person whose certificates are renewed
    NOTICE = "notice"  # 有効期限通知書 (optional everywhere)
    ANSWER_FORM = "answer_form"  # sealed 照会書兼回答書
    PHOTO_ID = "photo_id"  # government-issued photo ID of the agent / guardian
    NONPHOTO_ID = "nonphoto_id"  # e.g. a health-insurance card
    REGISTRY_CERT = "registry_cert"  # 登記事項証明書 proving guardianship
    WARD_PRESENT = "ward_present"  # the adult ward came to the counter too


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

# -- catalogue keys -------------------------------------------------------------------------
R_SERVE_TODAY = "assess.reason.serve_today"
R_CARD_EXPIRING = "assess.reason.card_expiring"
R_CARD_REQUIRED = "assess.reason.card_required"
R_ANSWER_FORM_MISSING = "assess.reason.answer_form_missing"
R_PHOTO_ID_REQUIRED = "assess.reason.photo_id_required"
R_HINT_FIRST_VISIT_NONPHOTO = "assess.reason.hint_first_visit_nonphoto"
R_AGENT_FIRST_ANY_ID = "assess.reason.agent_first_any_id"
R_AGENT_FIRST_INQUIRY = "assess.reason.agent_first_inquiry"
R_HINT_SAME_DAY_WITH_ANSWER = "assess.reason.hint_same_day_with_answer"
R_SECOND_ANSWER_FORM = "assess.reason.second_answer_form"
R_GUARDIAN_REGISTRY_CERT = "assess.reason.guardian_registry_cert"
R_GUARDIAN_NO_PHOTO_ID = "assess.reason.guardian_no_photo_id"
R_GUARDIAN_WARD_PRESENT = "assess.reason.guardian_ward_present"

INQ_PIN_RESET = "assess.inquiry.pin_reset"
INQ_AGENT_FIRST = "assess.inquiry.agent_first"
INQ_GUARDIAN_NO_PHOTO_ID = "assess.inquiry.guardian_no_photo_id"

W_ID_DOCUMENTS = "assess.warn.id_documents"
W_GUARDIAN_SIGN = "assess.warn.guardian_sign"


def pin_reason_key(certificate: Certificate, status: PinStatus) -> str:
    """`assess.reason.pin_user_forgotten`, `assess.reason.pin_sign_locked`, ..."""
    return f"assess.reason.pin_{certificate.value}_{status.value}"


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
    """The outcome; every text is a catalogue key, translated by the caller."""

    decision: Decision
    missing: tuple[Item, ...] = ()
    reasons: tuple[str, ...] = ()
    inquiry_reason: str | None = None
    renewal: RenewalAssessment | None = None
    warnings: tuple[str, ...] = ()


def _append(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


def assess_visit(visit: VisitInput) -> Assessment:
    """Apply the page's rules to one visit (see the module docstring for the decisions)."""
    if visit.card_expiring:
        return Assessment(decision=Decision.NEW_CARD_APPLICATION, reasons=(R_CARD_EXPIRING,))

    brought = visit.brought
    missing: set[Item] = set()
    reasons: list[str] = []
    inquiries: list[str] = []
    warnings: list[str] = []

    if Item.CARD not in brought:
        missing.add(Item.CARD)
        _append(reasons, R_CARD_REQUIRED)

    kind = visit.kind
    if kind is VisitKind.AGENT_WITH_ANSWER:
        if Item.ANSWER_FORM not in brought:
            missing.add(Item.ANSWER_FORM)
            _append(reasons, R_ANSWER_FORM_MISSING)
        if Item.PHOTO_ID not in brought:
            missing.add(Item.PHOTO_ID)
            _append(reasons, R_PHOTO_ID_REQUIRED)
            if Item.NONPHOTO_ID in brought and Item.ANSWER_FORM in brought:
                _append(reasons, R_HINT_FIRST_VISIT_NONPHOTO)
    elif kind is VisitKind.AGENT_FIRST:
        if Item.PHOTO_ID not in brought and Item.NONPHOTO_ID not in brought:
            missing.add(Item.PHOTO_ID)
            _append(reasons, R_AGENT_FIRST_ANY_ID)
        inquiries.append(INQ_AGENT_FIRST)
        _append(reasons, R_AGENT_FIRST_INQUIRY)
    elif kind is VisitKind.AGENT_SECOND:
        if Item.ANSWER_FORM not in brought:
            missing.add(Item.ANSWER_FORM)
            _append(reasons, R_SECOND_ANSWER_FORM)
        if Item.PHOTO_ID not in brought:
            missing.add(Item.PHOTO_ID)
            _append(reasons, R_PHOTO_ID_REQUIRED)
    elif kind is VisitKind.GUARDIAN:
        if Item.REGISTRY_CERT not in brought:
            missing.add(Item.REGISTRY_CERT)
            _append(reasons, R_GUARDIAN_REGISTRY_CERT)
        if Certificate.SIGN in visit.renew:
            _append(warnings, W_GUARDIAN_SIGN)
            if Item.WARD_PRESENT not in brought:
                missing.add(Item.WARD_PRESENT)
                _append(reasons, R_GUARDIAN_WARD_PRESENT)
        if Item.PHOTO_ID not in brought:
            inquiries.append(INQ_GUARDIAN_NO_PHOTO_ID)
            _append(reasons, R_GUARDIAN_NO_PHOTO_ID)

    pin_reset = False
    for certificate in Certificate:
        status = visit.pin_status(certificate)
        if certificate in visit.renew and status is not PinStatus.KNOWN:
            pin_reset = True
            _append(reasons, pin_reason_key(certificate, status))
    if pin_reset:
        inquiries.insert(0, INQ_PIN_RESET)
    elif (
        kind is VisitKind.AGENT_FIRST
        and Item.ANSWER_FORM in brought
        and Item.PHOTO_ID in brought
        and Item.CARD in brought
    ):
        _append(reasons, R_HINT_SAME_DAY_WITH_ANSWER)

    if kind is not VisitKind.SELF:
        _append(warnings, W_ID_DOCUMENTS)

    renewal: RenewalAssessment | None = None
    if visit.expiry is not None and visit.today is not None:
        renewal = assess_renewal(visit.expiry, visit.today)
        if renewal.warning_key is not None:
            _append(warnings, renewal.warning_key)

    if missing:
        decision = Decision.CANNOT_PROCEED
        inquiry_reason = None
    elif inquiries:
        decision = Decision.DOCUMENT_INQUIRY
        inquiry_reason = inquiries[0]
    else:
        decision = Decision.SERVE_TODAY
        inquiry_reason = None
        reasons.insert(0, R_SERVE_TODAY)

    return Assessment(
        decision=decision,
        missing=tuple(item for item in Item if item in missing),
        reasons=tuple(reasons),
        inquiry_reason=inquiry_reason,
        renewal=renewal,
        warnings=tuple(warnings),
    )
