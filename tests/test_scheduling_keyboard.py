"""2回目来庁の予約 entirely from the keyboard at 80x24: open the case, record the mailing
date (in 和暦), pick a day, a slot, book; typed text is never lost."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import first_visit
from tests.keyboard_support import burst, typed
from tests.test_inquiry_screens import Host, settle, start
from tests.waiting import until


async def test_book_a_second_visit_with_keys_only(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    ticket = first_visit(sqlite_services)
    screen = SchedulingScreen(ticket_id=ticket.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        assert app.focused is screen.query_one("#reason")
        # Tab leaves the drop-down; the name and phone typed in one burst are all there
        burst(app, ["tab", *typed("ヤマダ タロウ"), "tab", *typed("048-473-1111")])
        await settle(app, pilot)
        assert screen.query_one("#name-kana", Input).value == "ヤマダ タロウ"
        assert screen.query_one("#phone", Input).value == "048-473-1111"
        await pilot.press("enter")  # Enter in the phone field opens the case
        await settle(app, pilot)
        case = sqlite_services.inquiries.case_for_ticket(ticket.id)
        assert case is not None and case.state == "opened"
        await until(pilot, lambda: app.focused is screen.query_one("#mailed-on"), "mailed-on")
        mailed = screen.query_one("#mailed-on", Input)
        mailed.value = ""
        await pilot.press(*typed("R8.12.1"), "enter")  # 和暦 accepted
        await settle(app, pilot)
        assert sqlite_services.inquiries.get_case(case.id).mailed_on == date(2026, 12, 1)
        # the calendar has the focus, on the first bookable day; Enter shows its slots
        await until(pilot, lambda: app.focused is screen.query_one("#month"), "calendar")
        await pilot.press("enter")
        await settle(app, pilot)
        await until(pilot, lambda: app.focused is screen.query_one("#slots"), "slots")
        first_day = screen.day
        await pilot.press("down", "enter")  # the second slot of that day
        await settle(app, pilot)
        assert app.focused is screen.query_one("#confirm")
        await pilot.press("enter")
        await settle(app, pilot)
        booked = sqlite_services.inquiries.get_case(case.id)
        assert booked.state == "booked"
        assert booked.appointment.day == first_day
        assert screen.slip is not None
        await until(pilot, lambda: app.focused is screen.query_one("#close-slip"), "close")


async def test_a_bad_mailing_date_is_refused_by_name(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    ticket = first_visit(sqlite_services)
    case = sqlite_services.inquiries.open_case(ticket.id, "agent_first", staff="S001")
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await until(pilot, lambda: app.focused is screen.query_one("#mailed-on"), "mailed-on")
        screen.query_one("#mailed-on", Input).value = ""
        await pilot.press(*typed("2026-02-30"), "enter")
        await settle(app, pilot)
        assert sqlite_services.inquiries.get_case(case.id).state == "opened"
        messages = [n.message for n in app._notifications]
        assert any("郵送日" in m and "2026年2月30日" in m for m in messages), messages


async def test_f8_f7_move_the_month_and_f10_books(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    from tests.inquiry_support import mailed_case

    case = mailed_case(sqlite_services, date(2026, 12, 1))
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await until(pilot, lambda: app.focused is screen.query_one("#month"), "calendar")
        assert screen.year_month == (2026, 12)
        await pilot.press("f8")
        await settle(app, pilot)
        assert screen.year_month == (2027, 1)
        await pilot.press("f7")
        await settle(app, pilot)
        assert screen.year_month == (2026, 12)
        await until(pilot, lambda: app.focused is screen.query_one("#month"), "calendar")
        await pilot.press("enter")
        await settle(app, pilot)
        await until(pilot, lambda: app.focused is screen.query_one("#slots"), "slots")
        await pilot.press("enter", "f10")
        await settle(app, pilot)
        assert sqlite_services.inquiries.get_case(case.id).state == "booked"
