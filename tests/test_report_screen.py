"""The reports screen (`madoguchi reports`): a day, a range, a closed day, a bad date."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static

from screens.app import AppOptions, create_app
from screens.reports.bars import TARGET, Bars
from tests.conftest import make_services
from tests.report_fixtures import at, build_history, report_config
from tests.waiting import until, workers_done


@pytest.fixture
def rsvc(sqlite_url, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, report_config(), clock)
    build_history(svc, clock)
    at(clock, 1, 18, 0)  # the evening of 2026-12-01: the chief reads today's report
    yield svc
    svc.engine.dispose()


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await workers_done(app)
    await pilot.pause()


async def _show(app, pilot, click: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Press the button (or run the action: a button ignores a second click while its
    press effect lasts) and wait until the report (or error) has been handled."""
    screen = app.screen
    before = screen.loads
    if click:
        await pilot.click("#rpt-show")
    else:
        screen.action_show()
    await until(pilot, lambda: screen.loads > before, "the report")
    await _settle(app, pilot)


async def _first(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: app.screen.loads >= 1, "the first report")
    await _settle(app, pilot)


def _summary(screen) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#rpt-summary", Static).render())


async def test_daily_report_on_open(rsvc) -> None:  # type: ignore[no-untyped-def]
    app = create_app(rsvc, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _first(app, pilot)
        screen = app.screen
        assert screen.report is not None and screen.report.day == date(2026, 12, 1)
        text = _summary(screen)
        assert "発券 5" in text and "不在 1" in text and "90% 40.0" in text
        arrivals = screen.query_one("#rpt-arrivals", Bars)
        assert arrivals.data == (2, 2, 0, 0, 0, 0, 0, 0, 1, 0)
        # from zero: the hour with one arrival is half as tall as those with two, not empty
        columns = list(zip(*arrivals.rows(), strict=True))
        width = len(columns)
        tallest = [0] * 10  # each hour's bar: the tallest of the columns of its slice
        for x, column in enumerate(columns):
            height = sum(" ▁▂▃▄▅▆▇█".index(c) for c in column)
            tallest[x * 10 // width] = max(tallest[x * 10 // width], height)
        assert tallest[0] == tallest[1] > 0 and tallest[2:8] == [0] * 6
        assert abs(tallest[8] * 2 - tallest[0]) <= 1, tallest
        waits = screen.query_one("#rpt-waits", Bars)
        assert waits.target == 30 and TARGET in "".join(waits.rows())
        assert "目標 30分" in str(screen.query_one("#rpt-waits-label", Static).render())
        assert screen.query_one("#rpt-table", DataTable).row_count >= 10


async def test_range_and_closed_day_and_bad_date(rsvc) -> None:  # type: ignore[no-untyped-def]
    app = create_app(rsvc, AppOptions(office_id="sogo", mode="reports", lang="en"))
    async with app.run_test(size=(100, 40)) as pilot:
        await _first(app, pilot)
        screen = app.screen
        screen.query_one("#rpt-from", Input).value = "2026-11-30"
        screen.query_one("#rpt-to", Input).value = "2026-12-06"
        await _show(app, pilot)
        # today is 12/01 (the clock set back after the fixture wrote 12/02 and 12/03, which
        # count as they are): Friday 12/04 has not come, so it is not an open day
        assert screen.report.open_days == 4
        assert "4 open days" in _summary(screen)
        assert "2026-12-04 to 2026-12-06 (3 day(s)) have not come yet" in _summary(screen)
        table = screen.query_one("#rpt-table", DataTable)
        assert table.row_count == 7
        assert "not yet come" in [str(c) for c in table.get_row_at(4)]
        assert len(screen.query_one("#rpt-arrivals", Bars).data) == 4  # one bar per open day
        assert "by day" in str(screen.query_one("#rpt-arrivals-label", Static).render())
        screen.query_one("#rpt-from", Input).value = "2026-12-05"
        screen.query_one("#rpt-to", Input).value = ""
        await _show(app, pilot, click=False)
        assert "closed (Weekend)" in _summary(screen)
        screen.query_one("#rpt-from", Input).value = "2026-12-04"  # today is 12/1
        await _show(app, pilot, click=False)
        assert "2026-12-04 has not come yet" in _summary(screen)
        assert "the last day with records is 2026-12-01" in _summary(screen)
        assert "Provisional" not in _summary(screen)
        screen.query_one("#rpt-from", Input).value = "2026-12-32"
        screen.action_show()
        await _settle(app, pilot)
        assert "no day 2026-12-32" in _summary(screen)  # the field named, the problem said
