"""The read models of the reports (frozen): daily report, range report, forecast, and
their JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from queue_app.domain.backtest import Backtest
from queue_app.domain.forecast import ArrivalModel
from queue_app.domain.reporting import (
    Figures,
    ForecastFactors,
)


# -- read models ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Label:
    ja: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True)
class HourRow:
    """One hour of the day. On a day still in progress an hour after the clock's current
    hour has not happened yet: its arrivals and peak are None (shown as "-"), not 0."""

    hour: int
    arrivals: int | None
    wait_mean: float | None
    peak_waiting: int | None

    @property
    def future(self) -> bool:
        return self.arrivals is None

    def to_json(self) -> dict[str, object]:
        return {
            "hour": self.hour,
            "arrivals": self.arrivals,
            "wait_mean_min": None if self.wait_mean is None else round(self.wait_mean, 1),
            "peak_waiting": self.peak_waiting,
            "future": self.future,
        }


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: Label
    figures: Figures

    def to_json(self, lang: str) -> dict[str, object]:
        return {"key": self.key, "label": self.label.text(lang), **self.figures.to_json()}


@dataclass(frozen=True)
class DailyReport:
    office_id: str
    office: Label
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    hours: tuple[tuple[str, str], ...]
    target_minutes: int
    totals: Figures
    wait_median: float | None
    wait_p90: float | None
    service_median: float | None
    by_hour: tuple[HourRow, ...]
    by_service: tuple[GroupRow, ...]
    by_visit_kind: tuple[GroupRow, ...]
    last30_window: tuple[str, str] | None
    last_finish: str | None  # local HH:MM of the last finished visit
    overtime_minutes: float  # last finish after the end of reception, 0 if none
    # Local HH:MM of the clock when the day is still in progress (途中経過), else None.
    as_of: str | None = None
    # A day that has not come yet: today's date by the clock (else None) and the last day
    # with tickets at the office (None: none yet). Such a day has no records: it is not
    # provisional, and every face says so (`future_text`).
    today: date | None = None
    last_record_day: date | None = None

    @property
    def provisional(self) -> bool:
        return self.as_of is not None

    @property
    def future(self) -> bool:
        return self.today is not None

    def future_text(self, lang: str) -> str:
        """ "This day has not come yet: no records (today, the last day with records)"."""
        from queue_app.i18n import t

        if self.today is None:
            return ""
        if self.last_record_day is None:
            return t("rpt.future_none", lang, day=self.day, today=self.today)
        return t("rpt.future", lang, day=self.day, today=self.today, last=self.last_record_day)

    @property
    def opens(self) -> str | None:
        return self.hours[0][0] if self.hours else None

    @property
    def closes(self) -> str | None:
        return self.hours[-1][1] if self.hours else None

    def closed_text(self, lang: str) -> str:
        sep = ", " if lang == "en" else "、"
        return sep.join(r.text(lang) for r in self.closed_reasons)

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "daily",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None if self.open else self.closed_text(lang),
            "hours": [list(h) for h in self.hours],
            "target_wait_min": self.target_minutes,
            "totals": self.totals.to_json(),
            "wait_median_min": _r(self.wait_median),
            "wait_p90_min": _r(self.wait_p90),
            "service_median_min": _r(self.service_median),
            "by_hour": [h.to_json() for h in self.by_hour],
            "by_service": [g.to_json(lang) for g in self.by_service],
            "by_visit_kind": [g.to_json(lang) for g in self.by_visit_kind],
            "last_30_min_window": list(self.last30_window) if self.last30_window else None,
            "last_finish": self.last_finish,
            "overtime_min": round(self.overtime_minutes, 1),
            "provisional": self.provisional,
            "as_of": self.as_of,
            "future": self.future,
            "today": self.today.isoformat() if self.today else None,
            "last_day_with_records": (
                self.last_record_day.isoformat() if self.last_record_day else None
            ),
        }


@dataclass(frozen=True)
class RangeDay:
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    figures: Figures
    overtime_minutes: float
    # a day after today by the clock, with no tickets: it has not happened, so it is not
    # counted as an open day (its `open` is the calendar's plan) and shows no figures
    future: bool = False

    @property
    def counted_open(self) -> bool:
        """An open day that has happened: one of `RangeReport.open_days`."""
        return self.open and not self.future

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None
            if self.open
            else ", ".join(r.text(lang) for r in self.closed_reasons),
            "future": self.future,
            **self.figures.to_json(),
            "overtime_min": round(self.overtime_minutes, 1),
        }


def future_days_text(
    lang: str, today: date | None, days: tuple[date, ...], key: str = "rpt.range_future"
) -> str:
    """ "{first} - {last} have not come yet (today is ...): not counted" for a range that
    reaches past today ("" when it does not)."""
    from queue_app.i18n import t

    if today is None or not days:
        return ""
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} 〜 {days[-1]}"
    if lang == "en" and len(days) > 1:
        span = f"{days[0]} to {days[-1]}"
    return t(key, lang, span=span, n=len(days), today=today)


@dataclass(frozen=True)
class RangeReport:
    office_id: str
    office: Label
    start: date
    end: date
    target_minutes: int
    days: tuple[RangeDay, ...]
    totals: Figures
    open_days: int
    # [weekday 0=Mon][hour 0..23]: mean arrivals per open day of that weekday / mean wait
    heat_arrivals: tuple[tuple[float | None, ...], ...]
    heat_wait: tuple[tuple[float | None, ...], ...]
    hours: tuple[int, ...]  # the hours that have any arrivals or opening (for display)
    # when the range reaches past today (by the clock): today, and the days still to come
    # (without tickets), which are not open days with no tickets (`future_text` says so)
    today: date | None = None
    future_days: tuple[date, ...] = ()

    @property
    def future(self) -> bool:
        return bool(self.future_days)

    def future_text(self, lang: str) -> str:
        return future_days_text(lang, self.today, self.future_days)

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "range",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "target_wait_min": self.target_minutes,
            "open_days": self.open_days,
            "totals": self.totals.to_json(),
            "days": [d.to_json(lang) for d in self.days],
            "hours": list(self.hours),
            "heat_arrivals": [[_r(v, 2) for v in row] for row in self.heat_arrivals],
            "heat_wait_min": [[_r(v) for v in row] for row in self.heat_wait],
            "today": self.today.isoformat() if self.today else None,
            "future_days": [d.isoformat() for d in self.future_days],
            "future_note": self.future_text(lang) or None,
        }


@dataclass(frozen=True)
class ForecastBand:
    hour: int
    label: str  # "08:30-09:00"
    wait: float
    level: str  # quiet | moderate | crowded

    def to_json(self) -> dict[str, object]:
        return {
            "hour": self.hour,
            "label": self.label,
            "wait_min": round(self.wait, 1),
            "level": self.level,
        }


# The same head as RangeDay on purpose (a twin by shape): a forecast day and a measured day
# answer different questions and change for different reasons.
@dataclass(frozen=True)
class ForecastDay:
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    level: str | None
    wait: float | None
    factor: float | None
    reasons: tuple[str, ...]  # monday | after_closed | notice
    bands: tuple[ForecastBand, ...] = ()

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None
            if self.open
            else ", ".join(r.text(lang) for r in self.closed_reasons),
            "level": self.level,
            "wait_min": _r(self.wait),
            "factor": _r(self.factor, 2),
            "reasons": list(self.reasons),
            "bands": [b.to_json() for b in self.bands],
        }


@dataclass(frozen=True)
class Forecast:
    office_id: str
    office: Label
    year: int
    month: int
    history_start: date
    history_end: date
    notice_dates: tuple[date, ...]
    notice_inferred: bool
    thresholds: tuple[int, int]  # moderate, crowded minutes
    factors: ForecastFactors
    days: tuple[ForecastDay, ...]
    # where the notice dates came from: "given" (--notice), "config" ([reports]
    # notice_dates), "inferred" (past spikes) or "none"
    notice_source: str = "none"
    # how accurate the arrivals forecast was in its last backtest (None: too little history)
    accuracy: Backtest | None = None
    arrivals: ArrivalModel | None = None  # the fitted factor table
    target_minutes: int = 30  # general.target_wait_minutes: the line on the wait chart

    def accuracy_text(self, lang: str = "ja") -> str:
        """One line for the help text: how far the arrivals forecast was off in its backtest."""
        from queue_app.i18n import t

        acc = self.accuracy
        if acc is None:
            return t("rpt.fc_accuracy_none", lang)
        model, naive = acc.get("factors"), acc.get("seasonal_naive")

        def pct(v: float | None) -> str:
            return "-" if v is None else f"{v * 100:.0f}%"

        return t(
            "rpt.fc_accuracy",
            lang,
            weeks=round(((acc.test_end - acc.test_start).days + 1) / 7),
            mae=model.day_mae,
            mape=pct(model.day_mape),
            naive=pct(naive.day_mape),
        )

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "forecast",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "month": f"{self.year:04d}-{self.month:02d}",
            "history": [self.history_start.isoformat(), self.history_end.isoformat()],
            "notice_dates": [d.isoformat() for d in self.notice_dates],
            "notice_inferred": self.notice_inferred,
            "notice_source": self.notice_source,
            "thresholds_min": {"moderate": self.thresholds[0], "crowded": self.thresholds[1]},
            "target_wait_min": self.target_minutes,
            "factors": self.factors.to_json(),
            "days": [d.to_json(lang) for d in self.days],
            "accuracy": self.accuracy.to_json() if self.accuracy else None,
            "arrivals_model": self.arrivals.to_json() if self.arrivals else None,
        }


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)
