"""The congestion forecast (混雑予想カレンダー): the fitted arrivals forecast, queued.

Arrivals per procedure and half-hour come from the factor model of
`queue_app.domain.forecast` (fitted on the last `weeks` weeks by
`queue_app.services.staffing`); the expected waits come from simulating each day with every
configured counter open (`queue_app.domain.counter_sim`: per-procedure queues, counter
skills). The forecast says how accurate it was in its last backtest (`Forecast.accuracy`).
"""

from __future__ import annotations

import calendar as pycal
from collections.abc import Sequence
from datetime import date, timedelta

from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.estimates import congestion
from queue_app.domain.forecast import ArrivalModel, DayInfo
from queue_app.domain.reporting import ForecastFactors
from queue_app.services.reports.base import _bands
from queue_app.services.reports.models import Forecast, ForecastBand, ForecastDay, Label
from queue_app.services.reports.range import ReportRange


def _reasons(info: DayInfo, after_closed: bool) -> tuple[str, ...]:
    out = []
    if info.day.weekday() == 0:
        out.append("monday")
    if after_closed or info.after_closure:
        out.append("after_closed")
    if info.notice in ("0-2", "3-6"):  # the week after delivery (7-13: a faint tail)
        out.append("notice")
    if info.end_of_month:
        out.append("end_of_month")
    return tuple(out)


def _summary(
    model: ArrivalModel, days: Sequence[tuple[DayInfo, float, dict[int, float]]], history: int
) -> ForecastFactors:
    """The old factor summary (kept for the screens): waits of the month's ordinary days,
    and the arrival-weighted factors of the model."""
    ordinary = [
        (w, hours) for info, w, hours in days if not (info.after_closure or info.notice)
    ] or [(w, hours) for _i, w, hours in days]
    base = sum(w for w, _h in ordinary) / len(ordinary) if ordinary else 0.0
    hour_sum: dict[int, list[float]] = {}
    for _w, hours in ordinary:
        for h, v in hours.items():
            hour_sum.setdefault(h, []).append(v)
    total = sum(m.base for m in model.services.values()) or 1.0

    def mix(feature: str, level: str) -> float:
        return sum(m.base * m.factor(feature, level) for m in model.services.values()) / total

    return ForecastFactors(
        base_wait=base,
        hour_profile={h: sum(v) / len(v) for h, v in sorted(hour_sum.items())},
        weekday={wd: mix("weekday", str(wd)) for wd in range(7)},
        after_closed=mix("after_closure", "holiday"),
        notice=mix("notice", "0-2"),
        ordinary_days=len(ordinary),
        history_days=history,
    )


class ReportForecast(ReportRange):
    # -- forecast ----------------------------------------------------------------------------
    def forecast(
        self,
        office_id: str,
        year: int,
        month: int,
        notice_dates: Sequence[date] | None = None,
        weeks: int = 52,
        notice_days: int = 7,
    ) -> Forecast:
        """Expected congestion per day and hour band of a month, from the last `weeks` weeks.

        Notice delivery dates: `notice_dates` if given, else `[reports] notice_dates` of the
        configuration, else inferred from past spikes of e-certificate arrivals.
        `notice_days` is kept for callers; the model's notice effect lasts 14 days in
        fitted buckets (0-2, 3-6, 7-13 days after delivery)."""
        from queue_app.services.staffing import StaffingService

        del notice_days
        office = self._office(office_id)
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise InputError("err.month_invalid", value=f"{year}-{month}")
        first = date(year, month, 1)
        last = date(year, month, pycal.monthrange(year, month)[1])
        today = self.calendar.service_day(office_id, self.services.clock.now())
        hist_end = min(first, today) - timedelta(days=1)
        hist_start = hist_end - timedelta(days=weeks * 7 - 1)
        staffing = StaffingService(self.services)
        hist = staffing.history(office_id, hist_start, hist_end, last, notice_dates)
        if not any(hist.counts.values()):  # nothing to learn from: refuse, like `simulate`
            raise DomainError(
                "err.forecast_no_history",
                office=office_id,
                start=hist_start.isoformat(),
                end=hist_end.isoformat(),
                weeks=weeks,
            )
        model = staffing.model(hist)
        accuracy = staffing.accuracy(hist)
        infos = {i.day: i for i in hist.days}
        thresholds = self.config.settings.congestion
        days: list[ForecastDay] = []
        simulated: list[tuple[DayInfo, float, dict[int, float]]] = []
        for s in self.calendar.days(office_id, first, last):
            info = infos.get(s.day)
            if not s.open or info is None:
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
            waits = staffing.expected_waits(hist, model, info)
            hours = waits.hours()
            simulated.append((info, waits.mean_wait, hours))
            bands = tuple(
                ForecastBand(
                    h,
                    label,
                    hours.get(h, 0.0),
                    congestion(round(hours.get(h, 0.0)), thresholds).value,
                )
                for h, label in _bands(s)
            )
            after = not self.calendar.day(office_id, s.day - timedelta(days=1)).open
            days.append(
                ForecastDay(
                    s.day,
                    True,
                    (),
                    congestion(round(waits.mean_wait), thresholds).value,
                    waits.mean_wait,
                    waits.factor,
                    _reasons(info, after),
                    bands,
                )
            )
        training = sum(1 for i in hist.days if i.day <= hist_end)
        return Forecast(
            office_id=office_id,
            office=office,
            year=year,
            month=month,
            history_start=hist.start,
            history_end=hist_end,
            notice_dates=tuple(
                n for n in hist.deliveries if first - timedelta(days=14) <= n <= last
            ),
            notice_inferred=hist.notice_source == "inferred",
            thresholds=(thresholds.moderate_minutes, thresholds.crowded_minutes),
            factors=_summary(model, simulated, training),
            days=tuple(days),
            notice_source=hist.notice_source,
            accuracy=accuracy,
            arrivals=model,
            target_minutes=self.config.settings.target_wait_minutes,
        )
