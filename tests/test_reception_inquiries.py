"""The reception screen wired to the inquiry service (document inquiries, second visits)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Button, DataTable, Input, OptionList

from queue_app.domain.errors import DatabaseError
from screens.reception.modals import OutcomeScreen, ScheduleOfferScreen
from screens.scheduling.cases import CasesScreen
from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import at, mailed_case
from tests.test_reception_support import (
    issue,
    notifications,
    open_intake,
    reception,
    reception_app,
    settle,
    tick,
    wait_until,
)

SIZE = (80, 24)
WIDE = (120, 36)  # the scheduling screen wants a little more room than 80x24


async def test_startup_maintenance_purges_in_a_worker(sqlite_services: Any) -> None:
    svc = sqlite_services
    inq = svc.inquiries
    case = mailed_case(svc, date(2026, 12, 1), name_kana="ヤマダ")
    inq.cancel_case(case.id, "S001")
    svc.clock.set(at(2027, 3, 9, 9))  # 98 days later: past the 90-day keep period
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reception(pilot).revision is not None  # the counter is up
        purged = inq.get_case(case.id)
        assert purged.purged and not purged.has_personal
        assert not [n for n in notifications(app) if "整理" in n]


async def test_startup_maintenance_error_is_a_notification(
    sqlite_services: Any, monkeypatch: Any
) -> None:
    svc = sqlite_services

    def broken() -> Any:
        raise DatabaseError("err.db_unavailable", detail="disk I/O error")

    monkeypatch.setattr(svc.inquiries, "maintenance", broken)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        assert screen.revision is not None  # not blocked: the waiting list loaded
        assert any("起動時の照会案件の整理に失敗" in n for n in notifications(app))
        await pilot.press("f3")  # and the counter works
        await settle(pilot)
        assert any(
            "呼び出せる方はいません" in n or "待っている方はいません" in n
            for n in notifications(app)
        ), notifications(app)


async def test_document_inquiry_finish_schedules_the_second_visit(sqlite_services: Any) -> None:
    """intake agent_first → issue → call → start → finish(document_inquiry) → the scheduling
    screen → case, mailing date, day, slot, confirm → the appointment exists."""
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_intake(pilot)
        await tick(pilot, "visit-agent_first", "item-card", "item-nonphoto_id")
        result = await issue(pilot)
        await pilot.press("escape")
        await pilot.pause()
        for key in ("f3", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        assert app.screen.default.value == "document_inquiry"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScheduleOfferScreen))
        await pilot.press("enter")  # schedule the second visit
        await wait_until(pilot, lambda: isinstance(app.screen, SchedulingScreen))
        sched: Any = app.screen
        assert sched.ticket_id == result.ticket.id
        await settle(pilot)
        assert not sched.query_one("#case-form").has_class("hidden")
        await pilot.click("#name-kana")
        await pilot.press(*"やまだ")
        await pilot.click("#open-case")
        await settle(pilot)
        await pilot.click("#mark-mailed")  # mailed today (12/01)
        await settle(pilot)
        assert not sched.query_one("#booking").has_class("hidden")
        cell = sched.cell_of(date(2026, 12, 4))  # the first day after the postal lead time
        assert cell is not None
        table = sched.query_one("#month", DataTable)
        table.focus()
        table.move_cursor(row=cell[0], column=cell[1])
        await pilot.press("enter")
        await settle(pilot)
        slots = sched.query_one("#slots", OptionList)
        slots.focus()
        slots.highlighted = 3  # 10:00
        await pilot.press("enter")
        await pilot.pause()
        assert not sched.query_one("#confirm", Button).disabled
        await pilot.click("#confirm")
        await settle(pilot)
        case = svc.inquiries.case_for_ticket(result.ticket.id)
        assert case is not None and case.state == "booked"
        assert case.appointment is not None
        assert (case.appointment.day, case.appointment.start) == (date(2026, 12, 4), "10:00")
        assert case.appointment.staff == "S001"
        await pilot.click("#close-slip")
        await settle(pilot)
        screen = reception(pilot)
        assert app.screen is screen
        assert app.focused is screen.query_one("#scan", Input)  # ready for the scanner


async def test_inquiry_decision_offers_scheduling_whatever_the_outcome(
    sqlite_services: Any,
) -> None:
    svc = sqlite_services
    from queue_app.services import IssueRequest

    svc.tickets.issue(
        IssueRequest("sogo", "ecert", visit_kind="guardian", decision="document_inquiry")
    )
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("f3", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("4")  # served (the clerk's choice), but the decision was an inquiry
        await wait_until(pilot, lambda: isinstance(app.screen, ScheduleOfferScreen))
        await pilot.press("escape")  # later
        await settle(pilot)
        assert any("F11" in n for n in notifications(app))


async def test_f11_opens_the_cases_screen(sqlite_services: Any) -> None:
    svc = sqlite_services
    mailed_case(svc, date(2026, 12, 1))
    app = reception_app(svc)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert isinstance(app.screen, CasesScreen)
        assert app.screen.office_id == "sogo"
        assert app.screen.query_one("#cases-table", DataTable).row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is reception(pilot)
        await pilot.press("ctrl+l")  # the same from a keyboard without F11
        await settle(pilot)
        assert isinstance(app.screen, CasesScreen)


async def test_scanned_slip_checks_in_first_in_line_then_completes_case(
    sqlite_services: Any,
) -> None:
    svc = sqlite_services
    inq = svc.inquiries
    from queue_app.services import IssueRequest

    case = mailed_case(svc, date(2026, 12, 1))  # its first visit ticket is done already
    appt = inq.book(case.id, "sogo", date(2026, 12, 4), 10 * 60, staff="S001")
    token = inq.slip(appt.id).token
    svc.clock.set(at(2026, 12, 4, 9, 50))  # the day of the appointment
    for _ in range(3):  # people already waiting for the same service
        svc.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self", decision="serve_today"))
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        assert len(screen.waiting) == 3
        await pilot.press(*token, "enter")  # the USB scanner types the slip's QR + Enter
        await settle(pilot)
        checked = inq.get_appointment(appt.id)
        assert checked.state == "checked_in" and checked.ticket_id is not None
        priority = svc.tickets.get(checked.ticket_id)
        assert priority.case_id == case.id and priority.priority >= 1
        assert screen.opened is not None and screen.opened.id == priority.id
        assert [t.id for t in screen.waiting][0] == priority.id  # first in the list
        table = screen.query_one("#waiting", DataTable)
        assert table.get_row_at(0)[0].plain == priority.display_number
        # the second visit: call (it comes first), start, finish renewed → case completed
        await pilot.press("escape")
        for key in ("f3", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
        assert screen.current is None or screen.current.id == priority.id
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("1")  # renewed
        await settle(pilot)
        assert svc.tickets.get(priority.id).outcome == "renewed"
        assert inq.get_case(case.id).state == "completed"
