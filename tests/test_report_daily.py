"""Daily report figures, hand-computed on the small history of tests/report_fixtures.py.

Runs on SQLite and PostgreSQL (`db_url`): the same hand-computed numbers on both engines.
"""

from __future__ import annotations

from datetime import date

import pytest

from queue_app.domain.reporting import percentile
from tests.conftest import make_services
from tests.report_fixtures import at, build_history, report_config


@pytest.fixture
def rsvc(db_url, clock):  # type: ignore[no-untyped-def]
    svc = make_services(db_url, report_config(), clock)
    build_history(svc, clock)
    yield svc
    svc.engine.dispose()


def test_daily_totals_hand_computed(rsvc) -> None:  # type: ignore[no-untyped-def]
    r = rsvc.reports.daily("sogo", date(2026, 12, 1))
    f = r.totals
    assert r.open and r.hours == (("08:30", "17:15"),)
    assert (f.issued, f.served, f.no_show, f.cancelled, f.transferred) == (5, 3, 1, 1, 1)
    # waits T1 20 (from 08:30, not 08:20), T2 25, T3 10 (first call), T5 40; T4 never called
    assert f.waits == 4
    assert f.wait_mean == pytest.approx(23.75)
    assert r.wait_median == pytest.approx(22.5)
    assert r.wait_p90 == pytest.approx(40.0)
    assert f.wait_max == pytest.approx(40.0)
    assert f.over_target == 1 and f.over_target_share == pytest.approx(0.25)
    # service: T1 15, T3 10 (after the transfer), T5 10
    assert f.service_mean == pytest.approx(35 / 3)
    assert r.service_median == pytest.approx(10.0)
    assert f.early == 1  # T1 at 08:20
    assert f.last30 == 1 and r.last30_window == ("16:45", "17:15")  # T5 at 16:50
    assert r.last_finish == "17:40"
    assert r.overtime_minutes == pytest.approx(25.0)
    # T5 (16:50) was called at 17:30: its 40 minutes include the 15 after reception ended
    assert f.after_close == 1


def test_daily_by_hour_across_utc_midnight(rsvc) -> None:  # type: ignore[no-untyped-def]
    r = rsvc.reports.daily("sogo", date(2026, 12, 1))
    hours = {h.hour: h for h in r.by_hour}
    assert list(hours) == list(range(8, 18))
    # 08:20 and 08:40 JST are 23:20 and 23:40 UTC of the previous day: still hour 8 here
    assert hours[8].arrivals == 2 and hours[8].wait_mean == pytest.approx(22.5)
    assert hours[9].arrivals == 2 and hours[9].wait_mean == pytest.approx(10.0)
    assert hours[16].arrivals == 1 and hours[16].wait_mean == pytest.approx(40.0)
    assert hours[10].arrivals == 0 and hours[10].wait_mean is None
    peaks = {h: row.peak_waiting for h, row in hours.items()}
    assert peaks == {8: 2, 9: 2, 10: 0, 11: 0, 12: 0, 13: 0, 14: 0, 15: 0, 16: 1, 17: 1}


def test_daily_by_service_and_kind(rsvc) -> None:  # type: ignore[no-untyped-def]
    r = rsvc.reports.daily("sogo", date(2026, 12, 1))
    svc = {g.key: g.figures for g in r.by_service}
    assert [g.key for g in r.by_service] == ["ecert", "certificate", "moving", "other"]
    assert svc["certificate"].issued == 2 and svc["certificate"].no_show == 1
    assert svc["certificate"].wait_mean == pytest.approx(32.5)  # T2 25, T5 40
    assert svc["moving"].transferred == 1 and svc["moving"].served == 1  # counted where issued
    assert svc["other"].cancelled == 1 and svc["other"].wait_mean is None
    kinds = {g.key: g.figures for g in r.by_visit_kind}
    assert kinds["self"].issued == 2 and kinds["self"].wait_mean == pytest.approx(30.0)
    assert kinds[""].issued == 3
    assert r.by_visit_kind[-1].label.ja == "本人"


def test_effective_dated_hours_and_other_days(rsvc) -> None:  # type: ignore[no-untyped-def]
    r2 = rsvc.reports.daily("sogo", date(2026, 12, 2))
    assert r2.hours == (("09:00", "16:00"),)
    assert r2.totals.issued == 1 and r2.totals.early == 1
    assert r2.totals.wait_mean == pytest.approx(10.0)  # 08:45 issue waits from 09:00
    assert r2.last30_window == ("15:30", "16:00")
    r3 = rsvc.reports.daily("sogo", date(2026, 12, 3))
    assert r3.totals.wait_mean == pytest.approx(15.0)  # the lunch break does not count


def test_closed_day_gives_reason_not_zeros(rsvc) -> None:  # type: ignore[no-untyped-def]
    r = rsvc.reports.daily("sogo", date(2026, 12, 5))
    assert not r.open
    assert r.closed_text("ja") == "土曜日・日曜日"
    data = r.to_json("en")
    assert data["open"] is False and data["closed_reason"] == "Weekend"


def test_unknown_office_is_an_input_error(rsvc) -> None:  # type: ignore[no-untyped-def]
    from queue_app.domain.errors import InputError

    with pytest.raises(InputError) as info:
        rsvc.reports.daily("nowhere", date(2026, 12, 1))
    assert info.value.key == "err.unknown_office"


def test_range_rows_totals_and_heatmap(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 7, 9, 0)  # the week has passed (a week still to come: test_report_future_days)
    r = rsvc.reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6))
    days = {d.day: d for d in r.days}
    assert len(r.days) == 7 and r.open_days == 5
    assert days[date(2026, 12, 1)].figures.wait_mean == pytest.approx(23.75)
    assert days[date(2026, 12, 1)].overtime_minutes == pytest.approx(25.0)
    assert days[date(2026, 12, 2)].figures.wait_mean == pytest.approx(10.0)  # 09:00 hours
    assert days[date(2026, 12, 3)].figures.wait_mean == pytest.approx(15.0)  # lunch break
    assert not days[date(2026, 12, 5)].open
    assert days[date(2026, 12, 5)].closed_reasons[0].ja == "土曜日・日曜日"
    t = r.totals
    assert (t.issued, t.waits) == (7, 6)
    assert t.wait_mean == pytest.approx((20 + 25 + 10 + 40 + 10 + 15) / 6)
    assert t.wait_max == pytest.approx(40.0)
    # Tuesday (1) hour 8: two arrivals on the one open Tuesday; mean wait 22.5
    assert r.heat_arrivals[1][8] == pytest.approx(2.0)
    assert r.heat_wait[1][8] == pytest.approx(22.5)
    assert r.heat_arrivals[0][8] == pytest.approx(0.0)  # Monday open, nobody came
    assert r.heat_arrivals[5][8] is None  # Saturday closed


def test_percentile_nearest_rank() -> None:
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile(list(range(1, 12)), 90) == 10
    assert percentile([7], 90) == 7
    assert percentile([], 90) is None
