"""Pilot tests of the scheduling screen and the cases screen (SQLite)."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, DataTable, OptionList, Static

from screens.app import AppOptions, MadoguchiApp
from screens.scheduling.cases import CasesScreen
from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import first_visit, mailed_case
from tests.waiting import workers_done


class Host(MadoguchiApp):
    """The real app class, with a blank base screen; ours is pushed on top, as reception does."""

    def __init__(self, services: Any, screen: Screen[Any]) -> None:
        options = AppOptions(office_id="sogo", staff="S001", mode="reception")
        super().__init__(services, options, modes=["reception"])
        self._modes = {"reception": Screen}  # a blank stand-in for the reception screen
        self.first_screen = screen


async def settle(app: MadoguchiApp, pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await workers_done(app)
        await pilot.pause()


async def start(app: Host, pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await app.push_screen(app.first_screen)
    await settle(app, pilot)


async def test_pick_day_slot_confirm_books(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    case = mailed_case(sqlite_services, date(2026, 12, 1))
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        assert not screen.query_one("#booking").has_class("hidden")
        assert screen.month_view is not None and screen.month_view.month == 12
        # pick Friday 12/04 in the month calendar
        cell = screen.cell_of(date(2026, 12, 4))
        assert cell is not None
        table = screen.query_one("#month", DataTable)
        table.focus()
        table.move_cursor(row=cell[0], column=cell[1])
        await pilot.press("enter")
        await settle(app, pilot)
        slots = screen.query_one("#slots", OptionList)
        assert slots.option_count == 15
        # a Saturday says why it cannot be picked
        sat = screen.cell_of(date(2026, 12, 5))
        assert sat is not None
        table.move_cursor(row=sat[0], column=sat[1])
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.day == date(2026, 12, 4)
        # the 10:00 slot
        slots.focus()
        slots.highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        assert screen.slot is not None and screen.slot.start == "10:00"
        confirm = screen.query_one("#confirm", Button)
        assert not confirm.disabled
        await pilot.click("#confirm")
        await settle(app, pilot)
        booked = sqlite_services.inquiries.get_case(case.id)
        assert booked.state == "booked"
        appt = booked.appointment
        assert appt.day == date(2026, 12, 4) and appt.start == "10:00"
        assert appt.staff == "S001"
        assert not screen.query_one("#slip").has_class("hidden")
        slip_text = str(screen.query_one("#slip-text", Static).render())
        assert appt.code in slip_text
        assert screen.slip is not None and screen.slip.token.startswith("MDG1.P.sogo.20261204.")
        await pilot.click("#close-slip")
        await pilot.pause()
        assert app.screen is not screen


async def test_from_ticket_open_mail_then_calendar(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    ticket = first_visit(sqlite_services)
    screen = SchedulingScreen(ticket_id=ticket.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        assert not screen.query_one("#case-form").has_class("hidden")
        await pilot.click("#name-kana")
        await pilot.press(*"やまだ")
        await pilot.click("#open-case")
        await settle(app, pilot)
        case = sqlite_services.inquiries.case_for_ticket(ticket.id)
        assert case is not None and case.reason == "agent_first" and case.has_personal
        assert not screen.query_one("#mail-form").has_class("hidden")
        await pilot.click("#mark-mailed")
        await settle(app, pilot)
        assert sqlite_services.inquiries.get_case(case.id).deadline == date(2026, 12, 31)
        assert not screen.query_one("#booking").has_class("hidden")
        assert screen.month_view is not None
        bookable = [d.day for d in screen.month_view.days if d.bookable]
        assert bookable[0] == date(2026, 12, 4)


async def test_full_slot_race_in_the_screen(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    """Another terminal takes the seats while the clerk is choosing: a clear error, no booking."""
    case = mailed_case(sqlite_services, date(2026, 12, 1))
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        screen.office_id = "sogo"
        screen.pick_day(date(2026, 12, 4))
        await settle(app, pilot)
        slots = screen.query_one("#slots", OptionList)
        slots.focus()
        slots.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(2):  # the other terminal fills 08:30
            other = mailed_case(sqlite_services, date(2026, 12, 1))
            sqlite_services.inquiries.book(other.id, "sogo", date(2026, 12, 4), 8 * 60 + 30)
        await pilot.click("#confirm")
        await settle(app, pilot)
        assert sqlite_services.inquiries.get_case(case.id).state == "mailed"
        assert screen.query_one("#slip").has_class("hidden")
        starts = [slots.get_option_at_index(i).id for i in range(slots.option_count)]
        assert str(8 * 60 + 30) not in starts  # reloaded without the full slot


async def test_cases_screen_lists_cases_and_appointments(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = sqlite_services.inquiries
    booked = mailed_case(sqlite_services, date(2026, 12, 1))
    inq.book(booked.id, "sogo", date(2026, 12, 4), 600)
    waiting = mailed_case(sqlite_services, date(2026, 12, 1))
    from tests.inquiry_support import at

    clock.set(at(2026, 12, 3, 9))
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(app, pilot)
        cases = screen.query_one("#cases-table", DataTable)
        assert cases.row_count == 2
        assert {c.id for c in screen.cases} == {booked.id, waiting.id}
        assert screen.query_one("#appt-today", DataTable).row_count == 0
        assert screen.query_one("#appt-next", DataTable).row_count == 1  # Friday 12/04
        cases.focus()
        cases.move_cursor(row=[c.id for c in screen.cases].index(waiting.id))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SchedulingScreen)
        assert app.screen.case_id == waiting.id
