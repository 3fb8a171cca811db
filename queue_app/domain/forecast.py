"""Arrivals forecast: visitors per office, procedure and half-hour, as a table of factors.

Pure rules, no database. For each procedure (service) the expected arrivals of a day are

    base x weekday x month x after-closure x after-notice x end-of-month

and they spread over the day's half-hours by the procedure's **half-hour profile** (the share
of a day's arrivals in each half-hour; the rush before reception ends shows there). Every
factor is fitted from history, none is set by hand:

- **weekday**, **month**: one factor per level, averaging 1 over the training days;
- **after_closure**: the first open day after a closed stretch that held a holiday
  (`holiday`: the Tuesday after a Monday holiday, a Monday after a 3-day weekend) or the
  year-end closure 12/29-1/3 (`year_end`); an ordinary Monday is the weekday factor's job;
- **notice**: days since J-LIS expiry notices were delivered, in buckets 0-2, 3-6, 7-13;
- **end_of_month**: the last 3 open days of a month (moving in/out piles up there).

Fit: Poisson maximum likelihood of the multiplicative model by backfitting (each factor in
turn is the ratio of the arrivals seen on its days to the arrivals the other factors
predict there), with every factor shrunk towards 1 by pseudo-days of "no effect" (2 for
the special days, 10 for a month, 1 for a weekday) so that a level seen on a few days
cannot swing the forecast. Levels never seen in training
(a month with no history) stay at 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from queue_app.domain.calendar import DayStatus, OfficeCalendar

SLOT_MINUTES = 30
NOTICE_BUCKETS: tuple[tuple[int, int, str], ...] = ((0, 2, "0-2"), (3, 6, "3-6"), (7, 13, "7-13"))
END_OF_MONTH_DAYS = 3
SHRINK_DAYS = 2.0
# a month is ~20 open days: a month seen on a few days only stays near 1
SHRINK = {"weekday": 1.0, "month": 10.0}
PROFILE_SHRINK = 20.0  # pseudo-arrivals pulling a procedure's profile towards the office's
ITERATIONS = 25
FEATURES = ("weekday", "month", "after_closure", "notice", "end_of_month")
NORMALISED = ("weekday", "month")  # every day has a level; they average 1
YEAR_END_CODE = "year_end"


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one open day of an office."""

    day: date
    slots: tuple[int, ...]  # half-hour starts, minutes after local midnight, while open
    services: frozenset[str]  # procedures open that day
    after_closure: str = ""  # "" | "holiday" | "year_end"
    notice: str = ""  # "" | a NOTICE_BUCKETS label
    end_of_month: bool = False

    def level(self, feature: str) -> str:
        if feature == "weekday":
            return str(self.day.weekday())
        if feature == "month":
            return str(self.day.month)
        if feature == "after_closure":
            return self.after_closure
        if feature == "notice":
            return self.notice
        if feature == "end_of_month":
            return "last3" if self.end_of_month else ""
        raise KeyError(feature)


def half_hours(status: DayStatus) -> tuple[int, ...]:
    """Half-hour starts of an open day: 08:30-17:15 gives 510, 540, ..., 1020 (17:00-17:15)."""
    out: list[int] = []
    for r in status.hours:
        s, e = r.start.hour * 60 + r.start.minute, r.end.hour * 60 + r.end.minute
        m = s
        while m < e:
            out.append(m)
            m = (m // SLOT_MINUTES + 1) * SLOT_MINUTES
    return tuple(out)


def notice_bucket(day: date, deliveries: Sequence[date]) -> str:
    """The bucket of days since the latest notice delivery on or before `day` ("" if none)."""
    latest = max((n for n in deliveries if n <= day), default=None)
    if latest is None:
        return ""
    gap = (day - latest).days
    for lo, hi, label in NOTICE_BUCKETS:
        if lo <= gap <= hi:
            return label
    return ""


def describe_days(
    calendar: OfficeCalendar,
    office_id: str,
    start: date,
    end: date,
    deliveries: Sequence[date] = (),
) -> list[DayInfo]:
    """Every open day of [start, end] with its slots, open procedures and special effects."""
    office = calendar.config.office(office_id)
    weekly = {c.code for c in calendar.config.closures if c.kind == "weekly"}
    cache: dict[date, DayStatus] = {}

    def status(d: date) -> DayStatus:
        found = cache.get(d)
        if found is None:
            found = cache[d] = calendar.day(office_id, d)
        return found

    out: list[DayInfo] = []
    d = start
    while d <= end:
        s = status(d)
        if s.open:
            codes: set[str] = set()
            back = d - timedelta(days=1)
            for _ in range(14):
                bs = status(back)
                if bs.open:
                    break
                codes.update(r.code for r in bs.reasons)
                back -= timedelta(days=1)
            after = ""
            if YEAR_END_CODE in codes:
                after = "year_end"
            elif codes - weekly:
                after = "holiday"
            later, probe = 0, d + timedelta(days=1)
            while probe.month == d.month and later < END_OF_MONTH_DAYS:
                later += 1 if status(probe).open else 0
                probe += timedelta(days=1)
            services = frozenset(
                sid for sid in office.services if calendar.day(office_id, d, sid).open
            )
            out.append(
                DayInfo(
                    d,
                    half_hours(s),
                    services,
                    after,
                    notice_bucket(d, deliveries),
                    later < END_OF_MONTH_DAYS,
                )
            )
        d += timedelta(days=1)
    return out


def with_notices(days: Sequence[DayInfo], deliveries: Sequence[date]) -> list[DayInfo]:
    """The same days with their notice buckets for other delivery dates."""
    return [replace(d, notice=notice_bucket(d.day, deliveries)) for d in days]


def monthly(dom: int, start: date, end: date) -> list[date]:
    """Day `dom` of every month from before `start` (a delivery's effect lasts 14 days) to `end`."""
    out: list[date] = []
    y, m = (start - timedelta(days=14)).year, (start - timedelta(days=14)).month
    while date(y, m, 1) <= end:
        last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
        out.append(date(y, m, min(dom, last)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _loglik(days: Sequence[DayInfo], ys: Sequence[float], service: str) -> float:
    model = _fit_service(service, days, ys, {}, iterations=5)  # enough to rank the days
    total = 0.0
    for d, y in zip(days, ys, strict=True):
        mu = max(model.day_total(d), 1e-9)
        total += y * math.log(mu) - mu
    return total


def infer_delivery_day(
    days: Sequence[DayInfo], counts: Counts, service: str, min_gain: float = 6.0
) -> int | None:
    """The day of the month J-LIS notices arrive, as the one that makes the fitted model of
    `service` most likely (Poisson log-likelihood), if it beats "no notice effect" by
    `min_gain` (a likelihood-ratio statistic of 12 for 3 more factors); None otherwise."""
    sdays = [replace(d, notice="") for d in days if service in d.services]
    if len(sdays) < 20:
        return None
    per_day = daily_counts(counts)
    ys = [per_day.get((d.day, service), 0.0) for d in sdays]
    if sum(ys) <= 0:
        return None
    base = _loglik(sdays, ys, service)
    start, end = sdays[0].day, sdays[-1].day
    best, best_ll = None, base + min_gain
    for dom in range(1, 29):
        ll = _loglik(with_notices(sdays, monthly(dom, start, end)), ys, service)
        if ll > best_ll:
            best, best_ll = dom, ll
    return best


# -- the model ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactorRow:
    service: str
    feature: str  # "base" | "profile" | one of FEATURES
    level: str
    value: float  # arrivals per day (base), share (profile) or multiplier
    days: int  # training days behind it


@dataclass(frozen=True)
class ServiceModel:
    service: str
    base: float  # arrivals per day with every factor at 1
    factors: Mapping[str, Mapping[str, float]]
    days: Mapping[str, Mapping[str, int]]
    profile: Mapping[int, float]  # slot start -> share of the day's arrivals
    training_days: int

    def factor(self, feature: str, level: str) -> float:
        return self.factors.get(feature, {}).get(level, 1.0) if level else 1.0

    def day_total(self, info: DayInfo) -> float:
        if self.service not in info.services:
            return 0.0
        value = self.base
        for feature in FEATURES:
            value *= self.factor(feature, info.level(feature))
        return value

    def slots(self, info: DayInfo) -> dict[int, float]:
        total = self.day_total(info)
        shares = {m: self.profile.get(m, 0.0) for m in info.slots}
        mass = sum(shares.values())
        if mass <= 0:  # no profile for these hours: spread evenly
            return {m: total / len(info.slots) for m in info.slots} if info.slots else {}
        return {m: total * v / mass for m, v in shares.items()}


@dataclass(frozen=True)
class ArrivalModel:
    services: Mapping[str, ServiceModel]
    train_start: date | None
    train_end: date | None
    training_days: int

    def expected(self, info: DayInfo) -> dict[str, dict[int, float]]:
        """Expected arrivals per procedure and half-hour of one day."""
        return {sid: m.slots(info) for sid, m in self.services.items()}

    def day_total(self, info: DayInfo) -> float:
        return sum(m.day_total(info) for m in self.services.values())

    def table(self) -> list[FactorRow]:
        """The factors as rows a person can read (and a CSV can hold)."""
        rows: list[FactorRow] = []
        for sid, m in self.services.items():
            rows.append(FactorRow(sid, "base", "", m.base, m.training_days))
            for feature in FEATURES:
                for level, value in sorted(m.factors.get(feature, {}).items(), key=_level_key):
                    rows.append(
                        FactorRow(sid, feature, level, value, m.days.get(feature, {}).get(level, 0))
                    )
            for slot, share in sorted(m.profile.items()):
                rows.append(
                    FactorRow(sid, "profile", f"{slot // 60:02d}:{slot % 60:02d}", share, 0)
                )
        return rows

    def to_json(self) -> dict[str, object]:
        return {
            "train": [
                self.train_start.isoformat() if self.train_start else None,
                self.train_end.isoformat() if self.train_end else None,
            ],
            "training_days": self.training_days,
            "factors": [
                {
                    "service": r.service,
                    "feature": r.feature,
                    "level": r.level,
                    "value": round(r.value, 4),
                    "days": r.days,
                }
                for r in self.table()
            ],
        }


def _level_key(item: tuple[str, float]) -> tuple[int, str]:
    level = item[0]
    return (int(level), "") if level.isdigit() else (999, level)


Counts = Mapping[tuple[date, str, int], float]  # (day, service, slot start) -> arrivals


def daily_counts(counts: Counts) -> dict[tuple[date, str], float]:
    out: dict[tuple[date, str], float] = {}
    for (d, sid, _m), n in counts.items():
        out[(d, sid)] = out.get((d, sid), 0.0) + n
    return out


def fit(days: Sequence[DayInfo], counts: Counts, services: Iterable[str]) -> ArrivalModel:
    """Fit the factors of every procedure on the open days given (zeros where no counts)."""
    per_day = daily_counts(counts)
    office_profile = _profile(days, counts, None, {})
    models = {}
    for sid in services:
        sdays = [d for d in days if sid in d.services]
        ys = [per_day.get((d.day, sid), 0.0) for d in sdays]
        models[sid] = _fit_service(sid, sdays, ys, _profile(sdays, counts, sid, office_profile))
    return ArrivalModel(
        models,
        days[0].day if days else None,
        days[-1].day if days else None,
        len(days),
    )


def _profile(
    days: Sequence[DayInfo], counts: Counts, service: str | None, prior: Mapping[int, float]
) -> dict[int, float]:
    wanted = {d.day for d in days}
    per_slot: dict[int, float] = {}
    for (day, sid, m), n in counts.items():
        if day in wanted and (service is None or sid == service):
            per_slot[m] = per_slot.get(m, 0.0) + n
    for info in days:  # every open slot is a level, even if it never saw an arrival
        for m in info.slots:
            per_slot.setdefault(m, 0.0)
    total = sum(per_slot.values())
    k = PROFILE_SHRINK if prior else 0.0
    slots = set(per_slot) | set(prior)
    if total + k <= 0:
        return {m: 1.0 / len(slots) for m in slots} if slots else {}
    return {m: (per_slot.get(m, 0.0) + k * prior.get(m, 0.0)) / (total + k) for m in sorted(slots)}


def _fit_service(
    sid: str,
    days: Sequence[DayInfo],
    ys: Sequence[float],
    profile: dict[int, float],
    iterations: int = ITERATIONS,
) -> ServiceModel:
    levels = [{f: d.level(f) for f in FEATURES} for d in days]
    seen: dict[str, dict[str, int]] = {f: {} for f in FEATURES}
    for lv in levels:
        for f, level in lv.items():
            if level:
                seen[f][level] = seen[f].get(level, 0) + 1
    factors: dict[str, dict[str, float]] = {f: dict.fromkeys(seen[f], 1.0) for f in FEATURES}
    n = len(ys)
    base = sum(ys) / n if n else 0.0
    if base <= 0:
        return ServiceModel(sid, 0.0, factors, seen, profile, n)

    by_feature = {f: [lv[f] for lv in levels] for f in FEATURES}
    mu = [base] * n  # the current prediction of every day, kept up to date
    total_y = sum(ys)
    for _ in range(iterations):
        for f in FEATURES:
            col = by_feature[f]
            old = factors[f]
            num: dict[str, float] = {}
            den: dict[str, float] = {}  # what the other factors predict on the level's days
            for i, level in enumerate(col):
                if level:
                    num[level] = num.get(level, 0.0) + ys[i]
                    den[level] = den.get(level, 0.0) + mu[i] / old[level]
            new = dict(old)
            for level in num:  # shrink towards 1 with a few days of "no effect"
                if den[level] <= 0:
                    continue
                k = SHRINK.get(f, SHRINK_DAYS) * den[level] / seen[f][level]
                new[level] = (num[level] + k) / (den[level] + k)
            if f in NORMALISED:  # the factors average 1 over the training days
                mean = sum(new[level] for level in col) / n
                if mean > 0:
                    new = {level: v / mean for level, v in new.items()}
            for i, level in enumerate(col):
                if level:
                    mu[i] *= new[level] / old[level]
            factors[f] = new
        expected = sum(mu)
        if expected > 0:
            scale = total_y / expected
            base *= scale
            mu = [m * scale for m in mu]
    return ServiceModel(sid, base, factors, seen, profile, n)


__all__ = [
    "ArrivalModel",
    "DayInfo",
    "FactorRow",
    "ServiceModel",
    "describe_days",
    "fit",
    "half_hours",
    "infer_delivery_day",
    "monthly",
    "notice_bucket",
    "with_notices",
]
