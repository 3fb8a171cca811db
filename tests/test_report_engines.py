"""The same history on SQLite and PostgreSQL gives exactly the same reports."""

from __future__ import annotations

from datetime import date, datetime

from queue_app.domain.clock import MutableClock
from queue_app.report_render import render
from tests.conftest import make_services
from tests.report_fixtures import JST, build_history, report_config


def _reports(url: str):  # type: ignore[no-untyped-def]
    clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=JST))
    svc = make_services(url, report_config(), clock)
    build_history(svc, clock)
    clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=JST))
    r = svc.reports
    out = {
        "daily": [r.daily("sogo", date(2026, 12, d)).to_json() for d in (1, 2, 3, 5)],
        "range": r.range("sogo", date(2026, 11, 1), date(2026, 12, 31)).to_json(),
        "forecast": r.forecast("sogo", 2027, 1, notice_dates=[date(2027, 1, 6)]).to_json(),
        "csv": render(r.daily("sogo", date(2026, 12, 1)), "csv"),
    }
    svc.engine.dispose()
    return out


def test_sqlite_and_postgres_agree(sqlite_url: str, pg_url: str) -> None:
    lite = _reports(sqlite_url)
    pg = _reports(pg_url)
    assert lite["daily"][0]["totals"]["issued"] == 5
    for key in ("daily", "range", "forecast", "csv"):
        assert lite[key] == pg[key], key
