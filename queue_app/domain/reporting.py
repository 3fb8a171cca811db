"""Pure report math: percentiles, roll-ups of SQL group rows, and the congestion forecast.

Nothing here touches a database. The services run the SQL (one aggregation per report)
and hand the small grouped result sets to these functions; docs/reports.md defines every
figure in words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median as _median
from typing import Any

from queue_app.domain.config import Congestion
from queue_app.domain.estimates import CongestionLevel, congestion

MS_PER_MINUTE = 60_000


# -- small statistics -------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least q% of values at or below it.

    p90 of 10 values is the 9th smallest; of 11 values the 10th. Easy to check by hand.
    """
    if not values:
        return None
    if not 0 < q <= 100:
        raise ValueError("q must be in (0, 100]")
    ordered = sorted(values)
    rank = math.ceil(q / 100 * len(ordered))
    return float(ordered[max(rank, 1) - 1])


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count)."""
    return float(_median(values)) if values else None


def minutes(ms: float | int | None) -> float | None:
    return None if ms is None else float(ms) / MS_PER_MINUTE


# -- rolling up SQL group rows ------------------------------------------------------------
GROUP_COLUMNS = (
    "issued",
    "served",
    "no_show",
    "cancelled",
    "transferred",
    "early",
    "last30",
    "after_close",
    "waits_n",
    "waits_sum",
    "waits_max",
    "over_n",
    "svc_n",
    "svc_sum",
    "finish_max",
)


@dataclass(frozen=True)
class Figures:
    """The counted figures of one group (a day, an hour, a service, a visit kind...)."""

    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    early: int = 0  # issued before opening: their wait counts from the opening
    last30: int = 0  # issued in the last 30 minutes before reception ended
    after_close: int = 0  # first called after reception ended: that time counts as waiting
    waits: int = 0  # tickets called at least once (the ones with a waiting time)
    wait_mean: float | None = None  # minutes
    wait_max: float | None = None  # minutes
    over_target: int = 0  # waited longer than the target
    service_n: int = 0
    service_mean: float | None = None  # minutes

    @property
    def over_target_share(self) -> float | None:
        return self.over_target / self.waits if self.waits else None

    def to_json(self) -> dict[str, object]:
        return {
            "issued": self.issued,
            "served": self.served,
            "no_show": self.no_show,
            "cancelled": self.cancelled,
            "transferred": self.transferred,
            "early_arrivals": self.early,
            "issued_last_30_min": self.last30,
            "called_after_close": self.after_close,
            "waits_counted": self.waits,
            "wait_mean_min": _r(self.wait_mean),
            "wait_max_min": _r(self.wait_max),
            "over_target": self.over_target,
            "over_target_share": _r(self.over_target_share, 3),
            "service_counted": self.service_n,
            "service_mean_min": _r(self.service_mean),
        }


@dataclass
class Agg:
    """Adds SQL group rows (sums, counts, maxima) into one group; exact means by construction."""

    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    transferred: int = 0
    early: int = 0
    last30: int = 0
    after_close: int = 0
    waits_n: int = 0
    waits_sum: float = 0.0
    waits_max: float | None = None
    over_n: int = 0
    svc_n: int = 0
    svc_sum: float = 0.0
    finish_max: int | None = None

    def add(self, row: Mapping[str, Any]) -> Agg:
        self.issued += row["issued"] or 0
        self.served += row["served"] or 0
        self.no_show += row["no_show"] or 0
        self.cancelled += row["cancelled"] or 0
        self.transferred += row["transferred"] or 0
        self.early += row["early"] or 0
        self.last30 += row["last30"] or 0
        self.after_close += row.get("after_close") or 0
        self.waits_n += row["waits_n"] or 0
        self.waits_sum += float(row["waits_sum"] or 0)
        self.over_n += row["over_n"] or 0
        self.svc_n += row["svc_n"] or 0
        self.svc_sum += float(row["svc_sum"] or 0)
        wm = row["waits_max"]
        if wm is not None and (self.waits_max is None or wm > self.waits_max):
            self.waits_max = float(wm)
        fm = row["finish_max"]
        if fm is not None and (self.finish_max is None or fm > self.finish_max):
            self.finish_max = int(fm)
        return self

    def merge(self, other: Agg) -> Agg:
        """Add another group's sums (as if its rows had been added here)."""
        for name in GROUP_COLUMNS:
            mine, theirs = getattr(self, name), getattr(other, name)
            if name in ("waits_max", "finish_max"):
                if theirs is not None and (mine is None or theirs > mine):
                    setattr(self, name, theirs)
            else:
                setattr(self, name, mine + theirs)
        return self

    def figures(self) -> Figures:
        return Figures(
            issued=self.issued,
            served=self.served,
            no_show=self.no_show,
            cancelled=self.cancelled,
            transferred=self.transferred,
            early=self.early,
            last30=self.last30,
            after_close=self.after_close,
            waits=self.waits_n,
            wait_mean=minutes(self.waits_sum / self.waits_n) if self.waits_n else None,
            wait_max=minutes(self.waits_max),
            over_target=self.over_n,
            service_n=self.svc_n,
            service_mean=minutes(self.svc_sum / self.svc_n) if self.svc_n else None,
        )


def roll_up(rows: Iterable[Mapping[str, object]], key: str | None = None) -> dict[object, Agg]:
    """Sum group rows by one key column (None: everything into one group under key None)."""
    out: dict[object, Agg] = {}
    for row in rows:
        k = row.get(key) if key else None
        out.setdefault(k, Agg()).add(row)
    return out


def peak_waiting(per_hour: Mapping[int, tuple[int, int]], hours: Iterable[int]) -> dict[int, int]:
    """Most people waiting at once in each hour.

    `per_hour[h] = (max level reached after an event in h, net change of the level in h)`.
    A quiet hour still has the people who were already waiting when it began.
    """
    level = 0
    out: dict[int, int] = {}
    for h in sorted(set(hours) | set(per_hour)):
        top, net = per_hour.get(h, (0, 0))
        out[h] = max(level, top if h in per_hour else level)
        level += net
    return out


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


# -- the congestion forecast --------------------------------------------------------------
@dataclass(frozen=True)
class ForecastModelInput:
    """History for one office: per (day, hour) waits and arrivals, plus what each day was."""

    # (service_day, hour) -> (arrivals, sum of waits in ms, number of waits)
    cells: Mapping[tuple[date, int], tuple[int, float, int]]
    open_days: Sequence[date]  # open days of the history window (also those without tickets)
    after_closed: frozenset[date]  # open days whose previous calendar day was closed
    notice_windows: frozenset[date]  # days within the effect window after a notice arrived


@dataclass(frozen=True)
class ForecastFactors:
    base_wait: float  # minutes: mean wait on an ordinary history day
    hour_profile: Mapping[int, float]  # minutes: mean wait per hour on ordinary days
    weekday: Mapping[int, float]  # multiplicative, 1.0 = ordinary
    after_closed: float
    notice: float
    ordinary_days: int
    history_days: int

    def to_json(self) -> dict[str, object]:
        return {
            "base_wait_min": round(self.base_wait, 1),
            "hour_profile_min": {str(h): round(v, 1) for h, v in sorted(self.hour_profile.items())},
            "weekday": {str(k): round(v, 2) for k, v in sorted(self.weekday.items())},
            "after_closed": round(self.after_closed, 2),
            "notice": round(self.notice, 2),
            "ordinary_days": self.ordinary_days,
            "history_days": self.history_days,
        }


# With no history for a factor, these priors (docs/rules.md#crowding: after a Monday or a
# holiday, and right after notices arrive, waits of 30-60 minutes) are used instead.
PRIOR_AFTER_CLOSED = 1.6
PRIOR_NOTICE = 1.5
SHRINK = 2.0  # pseudo-days pulling an estimated factor towards its prior


def _day_waits(inp: ForecastModelInput) -> dict[date, tuple[float, int]]:
    days: dict[date, tuple[float, int]] = {}
    for (d, _h), (_a, wsum, wn) in inp.cells.items():
        s, n = days.get(d, (0.0, 0))
        days[d] = (s + wsum, n + wn)
    return days


def fit_forecast(inp: ForecastModelInput) -> ForecastFactors:
    """Estimate the baseline hour profile and the day factors from history.

    Ordinary days are open days that are neither right after a closed day nor in a notice
    window. The hour profile comes from ordinary days (which is where the rush before
    closing shows: the last hour's mean wait). Weekday factors come from ordinary days;
    the after-closed and notice factors from their own days, each relative to what an
    ordinary day of that weekday would give, and shrunk towards a prior with few days.
    """
    per_day = _day_waits(inp)
    ordinary = [
        d for d in inp.open_days if d not in inp.after_closed and d not in inp.notice_windows
    ]
    o_sum = sum(per_day.get(d, (0.0, 0))[0] for d in ordinary)
    o_n = sum(per_day.get(d, (0.0, 0))[1] for d in ordinary)
    if o_n == 0:  # no ordinary day with waits: fall back to every day
        o_sum = sum(v[0] for v in per_day.values())
        o_n = sum(v[1] for v in per_day.values())
    base = o_sum / o_n / MS_PER_MINUTE if o_n else 0.0

    ordinary_set = set(ordinary) if any(per_day.get(d, (0, 0))[1] for d in ordinary) else None
    hour_sum: dict[int, float] = {}
    hour_n: dict[int, int] = {}
    for (d, h), (_a, wsum, wn) in inp.cells.items():
        if ordinary_set is not None and d not in ordinary_set:
            continue
        hour_sum[h] = hour_sum.get(h, 0.0) + wsum
        hour_n[h] = hour_n.get(h, 0) + wn
    profile = {h: hour_sum[h] / hour_n[h] / MS_PER_MINUTE for h in hour_sum if hour_n[h]}

    def day_mean(d: date) -> float | None:
        s, n = per_day.get(d, (0.0, 0))
        return s / n / MS_PER_MINUTE if n else None

    def shrunk(ratios: list[float], prior: float) -> float:
        return (sum(ratios) + SHRINK * prior) / (len(ratios) + SHRINK)

    weekday: dict[int, float] = {}
    for wd in range(7):
        ratios = [
            m / base
            for d in ordinary
            if d.weekday() == wd and base > 0 and (m := day_mean(d)) is not None
        ]
        weekday[wd] = shrunk(ratios, 1.0) if ratios else 1.0

    def relative(days: Iterable[date]) -> list[float]:
        out = []
        for d in days:
            m = day_mean(d)
            expected = base * weekday[d.weekday()]
            if m is not None and expected > 0:
                out.append(m / expected)
        return out

    ac = relative(d for d in inp.open_days if d in inp.after_closed and d not in inp.notice_windows)
    nt = relative(d for d in inp.open_days if d in inp.notice_windows)
    return ForecastFactors(
        base_wait=base,
        hour_profile=profile,
        weekday=weekday,
        after_closed=shrunk(ac, PRIOR_AFTER_CLOSED),
        notice=shrunk(nt, PRIOR_NOTICE),
        ordinary_days=len(ordinary),
        history_days=len(inp.open_days),
    )


@dataclass(frozen=True)
class DayForecast:
    wait: float  # expected mean wait of the day, minutes
    level: CongestionLevel
    factor: float
    reasons: tuple[str, ...]  # "monday", "after_closed", "notice"
    hours: Mapping[int, tuple[float, CongestionLevel]] = field(default_factory=dict)


def forecast_day(
    factors: ForecastFactors,
    day: date,
    hours: Sequence[int],
    after_closed: bool,
    in_notice_window: bool,
    thresholds: Congestion,
) -> DayForecast:
    """Expected wait of one open day and of each of its hour bands."""
    factor = factors.weekday.get(day.weekday(), 1.0)
    reasons: list[str] = []
    if day.weekday() == 0:
        reasons.append("monday")
    if after_closed:
        factor *= factors.after_closed
        reasons.append("after_closed")
    if in_notice_window:
        factor *= factors.notice
        reasons.append("notice")
    wait = factors.base_wait * factor
    per_hour: dict[int, tuple[float, CongestionLevel]] = {}
    for h in hours:
        w = factors.hour_profile.get(h, factors.base_wait) * factor
        per_hour[h] = (w, congestion(int(round(w)), thresholds))
    return DayForecast(
        wait, congestion(int(round(wait)), thresholds), factor, tuple(reasons), per_hour
    )


def notice_window(notices: Iterable[date], days: int) -> frozenset[date]:
    """The days on and after each notice delivery date that its crowd is expected."""
    out: set[date] = set()
    for n in notices:
        out.update(n + timedelta(days=i) for i in range(days))
    return frozenset(out)


def infer_notice_days(
    arrivals: Mapping[date, int], ratio: float = 1.4, min_months: int = 2
) -> tuple[int, ...]:
    """Days of the month on which notice crowds started in history.

    A spike is an open day with at least `ratio` times the median arrivals of its weekday;
    its onset is the first spike of a run. When onsets fall in at least `min_months`
    different months, the median onset day-of-month is returned (J-LIS mails monthly).
    """
    by_wd: dict[int, list[int]] = {}
    for d, a in arrivals.items():
        by_wd.setdefault(d.weekday(), []).append(a)
    med = {wd: float(_median(v)) for wd, v in by_wd.items()}
    spikes = sorted(
        d for d, a in arrivals.items() if med[d.weekday()] > 0 and a >= ratio * med[d.weekday()]
    )
    onsets: dict[tuple[int, int], int] = {}
    prev: date | None = None
    for d in spikes:
        if prev is None or (d - prev).days > 4:
            onsets.setdefault((d.year, d.month), d.day)
        prev = d
    if len(onsets) < min_months:
        return ()
    return (int(_median(list(onsets.values()))),)
