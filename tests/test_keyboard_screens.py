"""Every screen works from the keyboard at 80x24: Tab reaches every field, button and list
in order, each one is on screen when it has the focus, and the footer shows the keys."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Footer

from screens.app import AppOptions, create_app
from screens.scheduling.cases import CasesScreen
from screens.scheduling.screen import SchedulingScreen
from tests.inquiry_support import first_visit, mailed_case
from tests.test_inquiry_screens import Host, start
from tests.test_inquiry_screens import settle as settle_host
from tests.test_reception_support import open_intake, reception_app, settle
from tests.waiting import until


async def walk(pilot: Any, screen: Any) -> list[Widget]:
    """Tab once around the focus chain; every widget reached, in order."""
    chain = list(screen.focus_chain)
    assert chain, "nothing can take the focus"
    reached: list[Widget] = []
    for _ in range(len(chain)):
        await pilot.press("tab")
        await pilot.pause()
        focused = pilot.app.focused
        assert focused is not None
        reached.append(focused)
        region = focused.region
        assert region.area > 0, f"{focused!r} has the focus but is not shown"
        assert screen.region.contains_region(region), f"{focused!r} is off the screen"
    return reached


def footer_keys(screen: Any) -> set[str]:
    assert screen.query_one(Footer).display
    return {
        active.binding.key
        for active in screen.active_bindings.values()
        if active.binding.show and active.binding.description
    }


async def test_reception_counter_view_and_intake(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        reached = await walk(pilot, screen)
        assert {w.id for w in reached} >= {"scan"}
        assert {"f2", "f3", "f6", "f11"} <= footer_keys(screen)
        intake = await open_intake(pilot)
        await settle(pilot)
        reached = await walk(pilot, intake)
        ids = [w.id for w in reached]
        assert set(ids) == {w.id for w in intake.focus_chain}
        assert {"f10", "escape"} <= footer_keys(intake)


async def test_scheduling_a_first_visit(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    ticket = first_visit(sqlite_services)
    screen = SchedulingScreen(ticket_id=ticket.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        reached = await walk(pilot, screen)
        ids = [w.id for w in reached]
        assert {"reason", "name-kana", "phone", "open-case"} <= set(ids)
        assert "escape" in footer_keys(screen)


async def test_scheduling_a_mailed_case(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    case = mailed_case(sqlite_services, date(2026, 12, 1))
    screen = SchedulingScreen(case_id=case.id)
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await settle_host(app, pilot)
        reached = await walk(pilot, screen)
        ids = [w.id for w in reached]
        assert {"office", "month", "slots"} <= set(ids)
        assert "escape" in footer_keys(screen)


async def test_cases(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    first_visit(sqlite_services)
    screen = CasesScreen()
    app = Host(sqlite_services, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        reached = await walk(pilot, screen)
        assert {"cases-scan", "cases-table", "later-table"} <= {w.id for w in reached}
        assert {"enter", "f5", "escape"} <= footer_keys(screen)


async def test_reports(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    app = create_app(sqlite_services, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        reached = await walk(pilot, screen)
        ids = [w.id for w in reached]
        assert {"rpt-office", "rpt-view", "rpt-from", "rpt-to", "rpt-show"} <= set(ids)
        assert footer_keys(screen)


async def test_reports_read_dates_in_wareki(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    app = create_app(sqlite_services, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await until(pilot, lambda: screen.loads >= 1, "the first report")
        before = screen.loads
        screen.query_one("#rpt-from", Input).value = ""
        await pilot.click("#rpt-from")
        await pilot.press(*"R8.11.30", "enter")
        await until(pilot, lambda: screen.loads > before, "the report")
        assert screen.report.day.isoformat() == "2026-11-30"
        screen.query_one("#rpt-from", Input).value = "R8.2.30"
        await pilot.press("f5")
        await settle(pilot)
        summary = str(screen.query_one("#rpt-summary").render())
        assert "開始日" in summary and "2026年2月30日という日はありません" in summary
