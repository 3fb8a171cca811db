"""The congestion forecast (混雑予想カレンダー): the crowding of docs/rules.md#crowding must show.

Mondays and days after holidays, the days after expiry notices arrive, the rush before
closing; closed days carry their reason.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from queue_app.domain.config import Congestion
from queue_app.domain.reporting import (
    ForecastModelInput,
    fit_forecast,
    forecast_day,
    infer_notice_days,
    notice_window,
)
from tests.conftest import make_services
from tests.report_fixtures import JST

MIN = 60_000


def _history(start: date, weeks: int, notice: set[date]) -> ForecastModelInput:
    """Weekdays only; a normal day waits 10 min (16 h: 20 min), Mondays and days after a
    holiday 20 min, notice days x1.5; 2026-11-24 (Tue) follows the Labour Thanksgiving
    holiday (Mon 11-23)."""
    cells = {}
    days = []
    after = set()
    for i in range(weeks * 7):
        d = start + timedelta(days=i)
        if d.weekday() >= 5 or d == date(2026, 11, 23):
            continue
        days.append(d)
        is_after = d.weekday() == 0 or d == date(2026, 11, 24)
        if is_after:
            after.add(d)
        f = (2.0 if is_after else 1.0) * (1.5 if d in notice else 1.0)
        for h in range(8, 18):
            base = 20 if h == 16 else 10
            cells[(d, h)] = (4, 4 * base * f * MIN, 4)
    return ForecastModelInput(cells, days, frozenset(after), frozenset(notice))


def test_fit_recovers_the_seed_effects() -> None:
    notice = notice_window([date(2026, 10, 5), date(2026, 11, 5)], 7)
    inp = _history(date(2026, 9, 21), 10, set(notice))
    f = fit_forecast(inp)
    assert f.base_wait == pytest.approx(11.0)  # (9 * 10 + 20) / 10 hours
    assert f.hour_profile[16] == pytest.approx(20.0)  # the rush before closing
    assert f.after_closed > 1.6  # estimated ~2, shrunk towards the prior 1.6
    assert f.notice > 1.3
    th = Congestion(15, 30)
    tue = forecast_day(f, date(2026, 12, 8), range(8, 18), False, False, th)
    mon = forecast_day(f, date(2026, 12, 7), range(8, 18), True, False, th)
    notice_tue = forecast_day(f, date(2026, 12, 8), range(8, 18), False, True, th)
    assert tue.level == "quiet" and mon.level == "moderate"
    assert mon.reasons == ("monday", "after_closed")
    assert notice_tue.wait > tue.wait and "notice" in notice_tue.reasons
    assert tue.hours[16][0] > tue.hours[10][0]  # closing rush in the hour bands
    assert mon.hours[16][1] == "crowded"


def test_infer_notice_days_from_spikes() -> None:
    arrivals = {}
    d = date(2026, 8, 3)
    while d < date(2026, 11, 30):
        if d.weekday() < 5:
            arrivals[d] = 100 if 6 <= d.day <= 10 else 50
        d += timedelta(days=1)
    (dom,) = infer_notice_days(arrivals)
    assert 6 <= dom <= 8
    assert infer_notice_days({k: 50 for k in arrivals}) == ()


@pytest.fixture
def history_services(sqlite_url, config, clock):  # type: ignore[no-untyped-def]
    """Twelve weeks of demo history at sogo (2026-09-07 .. 2026-11-30, seed 4): the arrivals
    pattern of queue_app/demo/pattern.py (Mondays heavier, notices, the closing rush)."""
    from queue_app.demo.history import generate

    svc = make_services(sqlite_url, config, clock)
    generate(svc.engine, config, date(2026, 9, 7), date(2026, 11, 30), seed=4, offices=["sogo"])
    clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=JST))
    yield svc
    svc.engine.dispose()


def test_forecast_month_from_history(history_services) -> None:  # type: ignore[no-untyped-def]
    """The calendar queues the fitted arrivals forecast at the configured counters."""
    fc = history_services.reports.forecast("sogo", 2026, 12, notice_dates=[date(2026, 12, 9)])
    days = {d.day: d for d in fc.days}
    assert fc.history_start == date(2026, 9, 7)  # the first day with tickets, not a year back
    assert fc.history_end == date(2026, 11, 30)
    assert days[date(2026, 12, 5)].open is False
    assert days[date(2026, 12, 5)].closed_reasons[0].ja == "土曜日・日曜日"
    assert days[date(2026, 12, 29)].closed_reasons[0].ja == "年末年始"
    mon, tue = days[date(2026, 12, 7)], days[date(2026, 12, 8)]
    thu, notice_thu = days[date(2026, 12, 3)], days[date(2026, 12, 10)]
    assert mon.wait is not None and tue.wait is not None and mon.wait > tue.wait
    assert mon.reasons[:2] == ("monday", "after_closed")
    assert notice_thu.wait is not None and thu.wait is not None and notice_thu.wait > thu.wait
    assert "notice" in notice_thu.reasons and "notice" not in thu.reasons
    assert "end_of_month" in days[date(2026, 12, 28)].reasons
    bands = {b.hour: b for b in tue.bands}
    assert bands[8].label == "08:30-09:00" and bands[17].label == "17:00-17:15"
    assert fc.accuracy is not None  # the help text states the last backtest's accuracy
    assert "MAPE" in fc.accuracy_text("en") and "MAPE" in fc.accuracy_text("ja")
    data = fc.to_json("ja")
    assert data["month"] == "2026-12" and data["notice_dates"] == ["2026-12-09"]
    assert data["accuracy"]["results"][2]["forecaster"] == "factors"
