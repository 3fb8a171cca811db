"""Snapshots of the reports screen: the daily view (a day still in progress, 途中経過) and
the forecast calendar, at 80x24 and 160x48, on the fixed data of tests/report_fixtures.py.

Update with `pytest tests/test_report_snapshots.py --snapshot-update` and look at each SVG.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import Input, Select

from queue_app.domain.config import ReportSettings
from screens.app import AppOptions, create_app
from tests.conftest import make_services
from tests.report_fixtures import at, build_history, report_config
from tests.waiting import until, workers_done

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])


@pytest.fixture
def rsvc(sqlite_url, clock):  # type: ignore[no-untyped-def]
    cfg = report_config()
    # J-LIS notices arrive on 2027-01-08: the forecast shows their crowd
    cfg = replace(cfg, settings=replace(cfg.settings, reports=ReportSettings((date(2027, 1, 8),))))
    svc = make_services(sqlite_url, cfg, clock)
    build_history(svc, clock)
    at(clock, 3, 13, 43)  # 2026-12-03 (Thu) 13:43: today's report is provisional
    yield svc
    svc.engine.dispose()


@pytest.fixture
def rsvc_history(sqlite_url, clock):  # type: ignore[no-untyped-def]
    """The same configuration with twelve weeks of demo history for the forecast
    (2026-09-07 .. 2026-12-02 at sogo), the clock on 2026-12-03."""
    from queue_app.demo.history import generate

    cfg = report_config()
    cfg = replace(cfg, settings=replace(cfg.settings, reports=ReportSettings((date(2027, 1, 8),))))
    svc = make_services(sqlite_url, cfg, clock)
    generate(svc.engine, cfg, date(2026, 9, 7), date(2026, 12, 2), seed=4, offices=["sogo"])
    at(clock, 3, 13, 43)
    yield svc
    svc.engine.dispose()


async def _wait_loads(pilot, n: int) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await until(pilot, lambda: app.screen.loads >= n, f"report number {n}")
    await workers_done(app)
    await pilot.pause()


async def _daily(pilot) -> None:  # type: ignore[no-untyped-def]
    await _wait_loads(pilot, 1)
    await pilot.pause()


async def _forecast(pilot) -> None:  # type: ignore[no-untyped-def]
    await _wait_loads(pilot, 1)
    screen = pilot.app.screen
    screen.query_one("#rpt-from", Input).value = "2027-01"
    screen.query_one("#rpt-view", Select).value = "forecast"  # switches and loads
    await _wait_loads(pilot, 2)
    for _ in range(400):  # a daily report computed before the switch may arrive first
        if getattr(screen.report, "month", None) == 1:
            break
        await workers_done(pilot.app)
        await pilot.pause()
    assert screen.report.month == 1
    await pilot.pause()


@SIZES
def test_report_daily_snapshot(snap_compare, rsvc, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(rsvc, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    assert snap_compare(app, terminal_size=size, run_before=_daily)


@SIZES
def test_report_forecast_snapshot(snap_compare, rsvc_history, size) -> None:  # type: ignore[no-untyped-def]
    app = create_app(rsvc_history, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    assert snap_compare(app, terminal_size=size, run_before=_forecast)


def test_report_forecast_snapshot_en(snap_compare, rsvc_history) -> None:  # type: ignore[no-untyped-def]
    app = create_app(rsvc_history, AppOptions(office_id="sogo", mode="reports", lang="en"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_forecast)
