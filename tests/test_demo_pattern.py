"""The demo history draws its arrivals from a pattern the forecast can find, and its
overtime at 総合窓口課 stays what a crowded city counter has (docs/decisions.md).

26 weeks at sogo (2026-06-01 .. 2026-11-29), seed 3, notices mailed on the 5th (delivered
on the 7th). Tolerances: the fitted Monday factor within 10% of the pattern's (after the
same normalisation), the e-certificate notice factor of days 0-2 within 20%.
"""

from __future__ import annotations

import statistics
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Ticket
from queue_app.demo.history import generate
from queue_app.demo.pattern import DemandPattern
from queue_app.services.staffing import StaffingService

START, END = date(2026, 6, 1), date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from db.engine import make_engine
    from db.migrate import upgrade
    from queue_app.config import load_config
    from queue_app.domain.clock import Clock
    from queue_app.services import Services

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    config = load_config(env={})
    generate(engine, config, START, END, seed=3, offices=["sogo"])
    clock = Clock.fixed(datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    svc = Services(engine, config, clock, secret=b"")
    yield svc
    engine.dispose()


def test_forecast_finds_the_demo_pattern(demo) -> None:  # type: ignore[no-untyped-def]
    staffing = StaffingService(demo)
    notices = [date(2026, m, 5) for m in range(5, 12)]
    hist = staffing.history("sogo", START, END, notice_dates=notices)
    model = staffing.model(hist)
    truth = DemandPattern().models("sogo", demo.config.office("sogo").services, 5)
    days = [d for d in hist.days if d.day <= END]
    for sid in ("certificate", "ecert"):
        fitted, true = model.services[sid], truth[sid]
        mean_true = statistics.fmean(true.factor("weekday", str(d.day.weekday())) for d in days)
        assert fitted.factors["weekday"]["0"] == pytest.approx(
            true.factors["weekday"]["0"] / mean_true, rel=0.10
        )
    # notices: the demo delivers on the 7th; the forecast is told the mailing dates (5th)
    # here, so bucket "0-2" mixes 1.0-days with 1.6-days: ask for the given dates instead
    hist = staffing.history(
        "sogo", START, END, notice_dates=[n + timedelta(days=2) for n in notices]
    )
    model = staffing.model(hist)
    assert model.services["ecert"].factors["notice"]["0-2"] == pytest.approx(1.6, rel=0.2)
    assert model.services["moving"].factors["end_of_month"]["last3"] > 1.15
    acc = staffing.accuracy(hist)
    assert acc is not None
    assert acc.get("factors").day_mae < acc.get("seasonal_naive").day_mae


def test_demo_overtime_is_explained(demo) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Tokyo")
    with demo.uow.read() as s:
        last = dict(
            s.execute(
                select(Ticket.service_day, func.max(Ticket.finished_ms))
                .where(Ticket.office_id == "sogo")
                .group_by(Ticket.service_day)
            ).all()
        )
    overtime = {
        d: max(
            0.0, (ms - datetime.combine(d, time(17, 15), tzinfo=zone).timestamp() * 1000) / 60_000
        )
        for d, ms in last.items()
        if ms is not None
    }
    assert statistics.median(overtime.values()) < 40  # the 17:00 rush's own service
    assert max(overtime.values()) < 150  # not the hours the old demo ran on


def test_busiest_forecast_day_waits_as_the_city_page_says(demo) -> None:  # type: ignore[no-untyped-def]
    """The city page: 30 minutes to an hour at the busiest times. December's busiest
    forecast day (a Monday after the notices, every counter open) waits that long in its
    busiest hour, and no forecast hour of the month waits an hour or more."""
    from queue_app.services.reports import ReportService

    forecast = ReportService(demo).forecast("sogo", 2026, 12)
    open_days = [d for d in forecast.days if d.open and d.wait is not None]
    busiest = max(open_days, key=lambda d: d.wait or 0.0)
    assert busiest.day.weekday() == 0 and "notice" in busiest.reasons
    assert 30 <= max(b.wait for b in busiest.bands) < 60
    assert all(b.wait < 60 for d in open_days for b in d.bands)
