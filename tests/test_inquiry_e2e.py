"""End to end, on SQLite and PostgreSQL: an agent's first visit ends in a document inquiry,
the case is opened, mailed and booked, the slip is printed, the agent checks in by QR on
the day, is called before earlier walk-ins, is served; the case is completed; 90 days
later the personal fields are purged and the audit trail remains."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from db.models import AuditEntry, InquiryCase
from queue_app.services import IssueRequest
from tests.inquiry_support import at


def test_agent_first_visit_to_completed_case_and_purge(services, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tickets, inq = services.tickets, services.inquiries

    # 1. first visit, Tue 2026-12-01 09:00: an agent without the answer form
    first = tickets.issue(
        IssueRequest("sogo", "ecert", visit_kind="agent_first", decision="document_inquiry")
    ).ticket
    called = tickets.call_next("sogo", 3, "S001")
    assert called is not None and called.id == first.id
    tickets.start(first.id, 3, "S001")
    done = tickets.finish(first.id, "document_inquiry", 3, "S001")
    assert done.outcome == "document_inquiry"

    # 2. the case, with only what is needed to match the second visit
    case = inq.open_case(
        first.id, "agent_first", name_kana="ヤマダ ハナコ", phone="090-1234-5678", staff="S001"
    )
    assert case.state == "opened" and case.office_id == "sogo"

    # 3. mailed the same day: valid until 12/31, earliest visit Fri 12/04
    case = inq.mark_mailed(case.id, date(2026, 12, 1), "S001")
    assert (case.deadline, case.days_left) == (date(2026, 12, 31), 30)
    month = inq.month(case.id, "sogo", 2026, 12)
    assert month.first == date(2026, 12, 4)
    bookable = [d.day for d in month.days if d.bookable]
    assert bookable[0] == date(2026, 12, 4) and bookable[-1] == date(2026, 12, 28)

    # 4. booking 10:00 on 12/04 and the slip (text, PNG, SVG with the signed QR)
    slot = next(s for s in inq.slots(case.id, "sogo", date(2026, 12, 4)) if s.start == "10:00")
    appt = inq.book(case.id, "sogo", slot.day, slot.start_minute, "S001")
    assert inq.get_case(case.id).state == "booked"
    files = inq.write_slip(appt.id, tmp_path / "slips")
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in files["svg"].read_text("utf-8")
    text = files["txt"].read_text("utf-8")
    assert appt.code in text and "10:00-10:30" in text and "2026年12月4日(金)" in text
    token = inq.slip(appt.id).token
    assert token.startswith("MDG1.P.sogo.20261204.") and token in text
    assert inq.appointments("sogo", date(2026, 12, 4))[0].code == appt.code

    # 5. the day: two walk-ins come first, then the agent scans the slip at 09:50
    clock.set(at(2026, 12, 4, 9, 0))
    walk1 = tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self")).ticket
    clock.advance(minutes=5)
    walk2 = tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self")).ticket
    clock.set(at(2026, 12, 4, 9, 50))
    checked = inq.check_in(token, "sogo", "S002")
    assert checked.appointment.state == "checked_in"
    priority = checked.ticket
    assert priority.priority == 1 and priority.case_id == case.id
    assert priority.appointment_id == appt.id and priority.visit_kind == "agent_second"
    assert [t.id for t in tickets.waiting("sogo")] == [priority.id, walk1.id, walk2.id]

    # 6. the priority call: before the earlier walk-ins
    call = tickets.call_next("sogo", 3, "S001")
    assert call is not None and call.id == priority.id
    tickets.start(priority.id, 3, "S001")
    assert inq.get_case(case.id).state == "booked"
    tickets.finish(priority.id, "renewed", 3, "S001")
    completed = inq.complete_from_ticket(priority.id)
    assert completed is not None and completed.state == "completed"
    assert completed.closed_at is not None
    # the walk-ins are next, in their order
    assert [t.id for t in tickets.waiting("sogo")] == [walk1.id, walk2.id]

    # 7. purge: after purge_after_days (90) the personal fields are gone
    clock.advance(days=90, minutes=1)
    assert inq.purge().purged == 1
    with Session(services.engine) as session:
        row = session.get(InquiryCase, case.id)
        assert row is not None
        assert row.purged and row.name_kana is None and row.phone is None
        assert row.state == "completed" and row.reason == "agent_first"  # anonymous stats
        actions = [a for (a,) in session.execute(select(AuditEntry.action))]
    for action in ("case_open", "case_mail", "appt_book", "appt_checkin", "case_complete", "purge"):
        assert action in actions, action
