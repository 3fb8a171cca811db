"""The slip's お持ちいただくもの is written per visit kind from the assessment's rules.

Issue 11: guardian → 登記事項証明書 and the ward's card, never "the agent's photo ID"; a
guardian who has no photo ID (the reason for the inquiry) is not asked for one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from queue_app.domain.assessment import Item, PinStatus, VisitInput, VisitKind, assess_visit
from queue_app.domain.bring import follow_up_kind, follow_up_needs
from queue_app.domain.inquiry_views import AppointmentView, SlipView, slip_lines
from queue_app.i18n import Translator


def slip(kind: str, reason: str) -> SlipView:
    appt = AppointmentView(
        id=1,
        code="R-RYRE",
        case_id=1,
        office_id="sogo",
        service_id="ecert",
        day=date(2026, 12, 7),
        start_minute=9 * 60,
        end_minute=9 * 60 + 30,
        state="booked",
        booked_at=datetime(2026, 11, 30, tzinfo=UTC),
        checked_in_at=None,
        ticket_id=None,
        staff=None,
    )
    return SlipView(
        appointment=appt,
        token="MDG1.P.x",
        office_name_ja="総合窓口課",
        office_name_en="General Counter Section",
        location_ja="本庁舎1階",
        location_en="City Hall 1F",
        service_name_ja="電子証明書の更新",
        service_name_en="E-certificate renewal",
        deadline=date(2026, 12, 31),
        visit_kind=kind,
        reason=reason,
    )


def bring_text(kind: str, reason: str, lang: str = "ja") -> str:
    lines = slip_lines(slip(kind, reason), Translator(lang))
    start = next(
        i for i, line in enumerate(lines) if line.startswith(Translator(lang)("inq.slip.bring"))
    )
    return "\n".join(lines[start:])


def test_guardian_without_photo_id() -> None:
    text = bring_text("guardian", "guardian_no_photo_id")
    assert "登記事項証明書" in text
    assert "成年被後見人)のマイナンバーカード" in text
    assert "代理人" not in text.replace("成年後見人", "")
    assert "顔写真付き" not in text  # the inquiry exists because there is none
    assert "署名用電子証明書を更新する場合は" in text


def test_guardian_pin_reset_brings_the_guardians_photo_id() -> None:
    text = bring_text("guardian", "pin_reset")
    assert "成年後見人の官公署発行の顔写真付き本人確認書類" in text
    assert "代理人の官公署" not in text.replace("成年後見人の官公署", "")


@pytest.mark.parametrize("kind", ["agent_first", "agent_with_answer", "agent_second"])
def test_agent_second_visit(kind: str) -> None:
    text = bring_text(kind, "agent_first" if kind == "agent_first" else "pin_reset")
    assert "代理人の官公署発行の顔写真付き本人確認書類" in text
    assert "封をしたもの" in text
    assert "登記事項証明書" not in text


def test_self_pin_reset() -> None:
    text = bring_text("self", "pin_reset")
    assert "更新対象者本人のマイナンバーカード" in text
    assert "照会書兼回答書" in text
    assert "代理人" not in text and "登記事項証明書" not in text


def test_english_guardian_slip() -> None:
    text = bring_text("guardian", "guardian_no_photo_id", "en")
    assert "ward's My Number Card" in text and "registered matters" in text
    assert "agent" not in text and "photo ID" not in text


@pytest.mark.parametrize("kind", list(VisitKind))
def test_the_list_satisfies_the_assessment_of_the_next_visit(kind: VisitKind) -> None:
    """Bringing what the slip lists (the answer form standing in for a missing photo ID of a
    guardian) is enough for the assessment of the next visit's kind, with the ward there."""
    for reason in ("pin_reset", "agent_first", "guardian_no_photo_id"):
        needs = follow_up_needs(kind.value, reason)
        brought = {Item(n.value) for n in needs if n.value in Item._value2member_map_}
        if kind is VisitKind.GUARDIAN and reason == "guardian_no_photo_id":
            brought.add(Item.PHOTO_ID)  # identity now confirmed by the inquiry's answer
        visit = VisitInput(follow_up_kind(kind), frozenset(brought), PinStatus.KNOWN)
        assert assess_visit(visit).decision.value == "serve_today", (kind, reason)
