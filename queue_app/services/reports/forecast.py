"""The congestion forecast (混雑予想カレンダー)."""

from __future__ import annotations

import calendar as pycal
from collections.abc import Sequence
from datetime import date, timedelta

from queue_app.domain.errors import InputError
from queue_app.domain.reporting import (
    ForecastModelInput,
    fit_forecast,
    forecast_day,
    infer_notice_days,
    notice_window,
)
from queue_app.services.reports.base import _bands
from queue_app.services.reports.models import Forecast, ForecastBand, ForecastDay, Label
from queue_app.services.reports.range import ReportRange


class ReportForecast(ReportRange):
    # -- forecast ----------------------------------------------------------------------------
    def forecast(
        self,
        office_id: str,
        year: int,
        month: int,
        notice_dates: Sequence[date] | None = None,
        weeks: int = 10,
        notice_days: int = 7,
    ) -> Forecast:
        """Expected congestion per day and hour band of a month, from the last `weeks` weeks.

        Notice delivery dates: `notice_dates` if given, else `[reports] notice_dates` of the
        configuration, else inferred from past arrival spikes."""
        office = self._office(office_id)
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise InputError("err.month_invalid", value=f"{year}-{month}")
        first = date(year, month, 1)
        last = date(year, month, pycal.monthrange(year, month)[1])
        today = self.calendar.service_day(office_id, self.services.clock.now())
        hist_end = min(first, today) - timedelta(days=1)
        hist_start = hist_end - timedelta(days=weeks * 7 - 1)
        statuses = list(self.calendar.days(office_id, hist_start, hist_end))
        patterns = self._patterns(office_id, statuses)
        rows = self._aggregate(office_id, hist_start, hist_end, patterns, ["service_day", "hour"])
        cells: dict[tuple[date, int], tuple[int, float, int]] = {}
        arrivals: dict[date, int] = {s.day: 0 for s in statuses if s.open}
        for r in rows:
            d, h = r["service_day"], int(r["hour"])
            cells[(d, h)] = (int(r["issued"]), float(r["waits_sum"] or 0), int(r["waits_n"] or 0))
            arrivals[d] = arrivals.get(d, 0) + int(r["issued"])
        inferred = False
        configured = self.config.settings.reports.notice_dates
        source = "none"
        if notice_dates:
            notices = sorted(set(notice_dates))
            source = "given"
        elif configured:
            notices = sorted(set(configured))
            source = "config"
        else:
            doms = infer_notice_days(arrivals)
            notices = []
            if doms:
                inferred = True
                source = "inferred"
                m = date(hist_start.year, hist_start.month, 1)
                while m <= last:
                    mdays = pycal.monthrange(m.year, m.month)[1]
                    notices.extend(date(m.year, m.month, min(dom, mdays)) for dom in doms)
                    m = (m + timedelta(days=32)).replace(day=1)
        windows = notice_window(notices, notice_days)

        def after_closed(d: date) -> bool:
            return not self.calendar.day(office_id, d - timedelta(days=1)).open

        open_hist = [s.day for s in statuses if s.open]
        factors = fit_forecast(
            ForecastModelInput(
                cells=cells,
                open_days=open_hist,
                after_closed=frozenset(d for d in open_hist if after_closed(d)),
                notice_windows=windows,
            )
        )
        thresholds = self.config.settings.congestion
        days: list[ForecastDay] = []
        for s in self.calendar.days(office_id, first, last):
            if not s.open:
                days.append(
                    ForecastDay(
                        s.day,
                        False,
                        tuple(Label(r.ja, r.en) for r in s.reasons),
                        None,
                        None,
                        None,
                        (),
                    )
                )
                continue
            hours = _bands(s)
            fc = forecast_day(
                factors,
                s.day,
                [h for h, _ in hours],
                after_closed(s.day),
                s.day in windows,
                thresholds,
            )
            bands = tuple(
                ForecastBand(h, label, fc.hours[h][0], fc.hours[h][1].value) for h, label in hours
            )
            days.append(
                ForecastDay(s.day, True, (), fc.level.value, fc.wait, fc.factor, fc.reasons, bands)
            )
        return Forecast(
            office_id=office_id,
            office=office,
            year=year,
            month=month,
            history_start=hist_start,
            history_end=hist_end,
            notice_dates=tuple(n for n in notices if hist_start <= n <= last),
            notice_inferred=inferred,
            thresholds=(thresholds.moderate_minutes, thresholds.crowded_minutes),
            factors=factors,
            days=tuple(days),
            notice_source=source,
        )
