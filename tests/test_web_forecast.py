"""The office page's congestion forecast calendar (the reports' forecast, next four weeks)."""

from __future__ import annotations

from datetime import datetime

from starlette.testclient import TestClient

from tests.report_fixtures import JST, build_history
from tests.web_support import OFFICE, web_app


def _forecast_part(html: str) -> str:
    return html.split('id="h-forecast"', 1)[1].split("</section>", 1)[0]


def test_office_page_shows_the_forecast_of_the_coming_days(
    sqlite_url, sqlite_services, config, clock
):  # type: ignore[no-untyped-def]
    build_history(sqlite_services, clock)  # 2026-12-01..03 at sogo
    clock.set(datetime(2027, 1, 12, 9, 0, tzinfo=JST))
    with TestClient(web_app(sqlite_url, config, clock)) as client:
        part = _forecast_part(client.get(f"/o/{OFFICE}").text)
    assert 'class="forecast"' in part
    assert "1月12日" in part and "2月8日" in part  # 28 days, over the month's end
    assert "2月9日" not in part
    assert "level-" in part and "休み" in part  # weekends are closed


def test_first_month_of_use_still_shows_the_next_months_days(
    sqlite_url, sqlite_services, config, clock
):  # type: ignore[no-untyped-def]
    """December's forecast learns only from before December (none yet): the calendar still
    shows the days of January that fall within the four weeks, instead of nothing."""
    build_history(sqlite_services, clock)  # 2026-12-01..03: the office's first days
    clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=JST))
    with TestClient(web_app(sqlite_url, config, clock)) as client:
        part = _forecast_part(client.get(f"/o/{OFFICE}").text)
    assert 'class="forecast"' in part
    assert "1月5日" in part and "12月21日" not in part
