"""What to bring: the lines of お持ちいただくもの, from the same rules as the assessment.

The second-visit slip lists what the visitor must bring back after a document inquiry. It is
derived from `assessment.NEEDS` (docs/rules.md#visit-kinds), not written by hand, so a
guardian is never told to bring "the agent's photo ID", and a guardian who has no photo ID
(the very reason for the inquiry) is not asked for one. Pure: returns catalogue keys.
"""

from __future__ import annotations

from queue_app.domain.assessment import AGENT_KINDS, NEEDS, Need, VisitKind

GUARDIAN_NO_PHOTO_ID = "guardian_no_photo_id"  # InquiryReason value stored on the case

_PREFIX = "inq.slip.bring."


def follow_up_kind(kind: VisitKind) -> VisitKind:
    """The kind of the visit after the inquiry: an agent comes back as a second visit."""
    return VisitKind.AGENT_SECOND if kind in AGENT_KINDS else kind


def follow_up_needs(kind: str, reason: str) -> tuple[Need, ...]:
    """What the visit after a document inquiry (`reason`) requires, in a fixed order."""
    try:
        visit = follow_up_kind(VisitKind(kind))
    except ValueError:  # a case without a known kind: the strictest list (an agent's)
        visit = VisitKind.AGENT_SECOND
    needs = set(NEEDS[visit])
    needs.add(Need.ANSWER_FORM)  # the form mailed with the inquiry comes back
    if visit is VisitKind.GUARDIAN:
        if reason != GUARDIAN_NO_PHOTO_ID:
            needs.add(Need.PHOTO_ID)
        needs.add(Need.WARD_PRESENT)  # for the signing certificate (a conditional line)
    return tuple(need for need in Need if need in needs)


def bring_keys(kind: str, reason: str) -> tuple[str, ...]:
    """Catalogue keys of the お持ちいただくもの lines for the slip of such a case."""
    needs = follow_up_needs(kind, reason)
    guardian = kind == VisitKind.GUARDIAN.value
    agent = not guardian and kind != VisitKind.SELF.value
    keys: list[str] = []
    for need in needs:
        if need is Need.CARD:
            keys.append("card_ward" if guardian else "card")
            keys.append("notice")  # optional, said so on the line
        elif need is Need.ANSWER_FORM:
            keys.append("answer_form_sealed" if agent else "answer_form")
        elif need is Need.PHOTO_ID:
            keys.append("photo_id_guardian" if guardian else "photo_id_agent")
        elif need is Need.ANY_ID:
            keys.append("any_id")
        elif need is Need.REGISTRY_CERT:
            keys.append("registry_cert")
        elif need is Need.WARD_PRESENT:
            keys.append("ward_if_sign")
    return tuple(_PREFIX + key for key in keys)
