"""The cases screen (F11) from the keyboard: a scan is read as a line in its field (never
as key presses), the printed code finds the slip like its QR, and the visits whose case was
left for later (後で) are listed and opened with Enter."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import DataTable, Footer, Input

from screens.scheduling.cases import CasesScreen
from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import at, first_visit, mailed_case
from tests.keyboard_support import burst, typed
from tests.test_inquiry_screens import Host, settle, start
from tests.waiting import until


def _booked(services: Any, clock: Any) -> tuple[Any, Any, str]:
    inq = services.inquiries
    other = mailed_case(services, date(2026, 12, 1))  # an open case listed first
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", date(2026, 12, 4), 600)
    clock.set(at(2026, 12, 3, 9))
    assert other.id != case.id
    return case, appt, inq.token(appt)


async def test_a_scanned_slip_is_a_line_not_keys(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    case, _, token = _booked(sqlite_services, clock)
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        assert app.focused is screen.query_one("#cases-scan", Input)
        burst(app, typed(token) + ["enter"])  # a USB scanner: fast, then Enter
        await settle(app, pilot)
        await until(pilot, lambda: screen.selected_case() is not None and app.focused is not None)
        assert app.screen is screen  # no letter of the token was taken as a key
        cases = screen.query_one("#cases-table", DataTable)
        assert app.focused is cases
        assert screen.selected_case().id == case.id  # type: ignore[union-attr]
        assert screen.query_one("#cases-scan", Input).value == ""


async def test_the_printed_code_finds_the_slip(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    case, appt, _ = _booked(sqlite_services, clock)
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        cases = screen.query_one("#cases-table", DataTable)
        assert screen.selected_case().id != case.id  # type: ignore[union-attr]
        burst(app, typed(appt.code.lower().replace("-", " ")) + ["enter"])
        await settle(app, pilot)
        await until(pilot, lambda: app.focused is cases, "the case row")
        assert screen.selected_case().id == case.id  # type: ignore[union-attr]
        await pilot.press("enter")  # opens it
        await settle(app, pilot)
        assert isinstance(app.screen, SchedulingScreen)
        assert app.screen.case_id == case.id


async def test_visits_left_for_later_are_found_and_opened(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    ticket = first_visit(sqlite_services)  # finished with 文書照会, then 後で: no case
    assert sqlite_services.inquiries.case_for_ticket(ticket.id) is None
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        later = screen.query_one("#later-table", DataTable)
        assert later.display and later.row_count == 1
        assert [t.id for t in screen.later] == [ticket.id]
        burst(app, typed(ticket.display_number) + ["enter"])  # typed by hand
        await settle(app, pilot)
        await until(pilot, lambda: app.focused is later, "the visit's row")
        await pilot.press("enter")
        await settle(app, pilot)
        sched = app.screen
        assert isinstance(sched, SchedulingScreen) and sched.ticket_id == ticket.id
        # the case is opened from the keyboard: the reason is preset, Tab to the button
        await pilot.press("tab", "tab", "tab")
        assert app.focused is sched.query_one("#open-case")
        await pilot.press("enter")
        await settle(app, pilot)
        assert sqlite_services.inquiries.case_for_ticket(ticket.id) is not None
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.later == []  # it is a case now


async def test_footer_shows_the_keys(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        assert screen.query_one(Footer).display
        bindings = [b for group in screen._bindings.key_to_bindings.values() for b in group]
        shown = {b.key for b in bindings if b.show and b.description}
        assert {"enter", "f5", "escape"} <= shown
        # no printable key is an action: a scanner types letters and digits
        assert not [key for key in screen._bindings.key_to_bindings if len(key) == 1]
