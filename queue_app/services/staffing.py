"""Arrivals history, the fitted forecast, and half-hour staffing plans (`madoguchi plan`).

The history is read with ONE grouped SQL statement (no ORM objects): per service day,
procedure (the service the ticket was issued for; a named visit plan's tickets as
`plan:<id>`, whose visitor loads the plan's queues in order in the simulation) and local
half-hour: arrivals, the
visitors who left (cancelled or no-show), their waiting exposure and the counter-time
sums (from the call to the finish: the walk to the counter occupies it too). Everything else is pure domain code: `domain.forecast` (factors),
`domain.backtest` (accuracy), `domain.erlang` (patience), `domain.staffing` (plans).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Date, bindparam, text

from queue_app.domain.backtest import Backtest, backtest
from queue_app.domain.counter_sim import DayDemand, draw_scenarios, simulate, skill_groups
from queue_app.domain.erlang import Patience, fit_patience
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.forecast import (
    ArrivalModel,
    DayInfo,
    describe_days,
    fit,
    infer_delivery_day,
    monthly,
    with_notices,
)
from queue_app.domain.staffing import StaffingResult, Target, plan_day

if TYPE_CHECKING:
    from queue_app.services.context import ServiceContext

PLAN = "plan:"  # arrivals of a named visit plan are counted as `plan:<id>`
MS_HALF_HOUR = 1_800_000
MS_DAY = 86_400_000
SHORT_WAIT_MS = 600_000  # no-shows called within 10 minutes had no time to give up
BACKTEST_WEEKS = 4
MIN_TRAIN_DAYS = 20  # open days the factors are fitted on in a backtest
# between two visitors a counter needs a moment (the last one leaves, papers are put away)
# that the call-to-finish time does not hold: added to every service
TURNAROUND_MIN = 0.5

HISTORY_SQL = f"""
WITH gone AS (
  SELECT ticket_id, MIN(at_ms) AS left_ms FROM ticket_event
  WHERE office_id = :office AND service_day >= :start AND service_day <= :end
    AND to_state IN ('cancelled', 'no_show')
  GROUP BY ticket_id
)
SELECT tk.service_day AS service_day,
       CASE WHEN tk.plan_id IS NULL OR tk.plan_id = '*' THEN tk.issued_service_id
            ELSE 'plan:' || tk.plan_id END AS service_id,
       ((tk.issued_ms + :off) % {MS_DAY}) / {MS_HALF_HOUR} AS half_hour,
       COUNT(*) AS arrivals,
       SUM(CASE WHEN tk.state = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
       SUM(CASE WHEN tk.state = 'no_show' THEN 1 ELSE 0 END) AS no_show,
       SUM(CASE WHEN tk.called_ms IS NOT NULL THEN 1 ELSE 0 END) AS called,
       SUM(CASE WHEN tk.called_ms - tk.issued_ms <= {SHORT_WAIT_MS} THEN 1 ELSE 0 END)
         AS called_soon,
       SUM(CASE WHEN tk.state = 'no_show' AND tk.called_ms - tk.issued_ms <= {SHORT_WAIT_MS}
                THEN 1 ELSE 0 END) AS no_show_soon,
       SUM(CASE WHEN COALESCE(tk.called_ms, gone.left_ms) > tk.issued_ms
                THEN COALESCE(tk.called_ms, gone.left_ms) - tk.issued_ms ELSE 0 END)
         AS exposure_ms,
       SUM(CASE WHEN tk.state = 'done' AND tk.finished_ms > tk.called_ms THEN 1 ELSE 0 END)
         AS svc_n,
       SUM(CASE WHEN tk.state = 'done' AND tk.finished_ms > tk.called_ms
                THEN (tk.finished_ms - tk.called_ms) / 1000.0 ELSE 0 END) AS svc_s,
       SUM(CASE WHEN tk.state = 'done' AND tk.finished_ms > tk.called_ms
                THEN ((tk.finished_ms - tk.called_ms) / 1000.0)
                     * ((tk.finished_ms - tk.called_ms) / 1000.0) ELSE 0 END) AS svc_s2
FROM ticket tk LEFT JOIN gone ON gone.ticket_id = tk.id
WHERE tk.office_id = :office AND tk.service_day >= :start AND tk.service_day <= :end
GROUP BY tk.service_day, 2, half_hour
"""


def departures(
    cancelled: int, no_show: int, called: int, called_soon: int, no_show_soon: int
) -> int:
    """Visitors who left because the wait was too long: every cancellation, and the
    no-shows beyond the base rate of no-shows among visitors called within 10 minutes
    (absent for another reason: they had no time to give up)."""
    base = no_show_soon / called_soon if called_soon else 0.0
    return cancelled + max(0, round(no_show - base * called))


@dataclass(frozen=True)
class History:
    office_id: str
    start: date
    end: date
    days: tuple[DayInfo, ...]  # open days of [start, end]
    counts: dict[tuple[date, str, int], float]  # (day, procedure, slot minute) -> arrivals
    service: dict[str, tuple[float, float, int]]  # procedure -> (mean min, cv, finished)
    patience: Patience
    deliveries: tuple[date, ...]  # notice delivery dates used
    notice_source: str  # given | config | inferred | none


@dataclass(frozen=True)
class StaffingReport:
    office_id: str
    day: date
    info: DayInfo
    history: History
    model: ArrivalModel
    accuracy: Backtest | None
    result: StaffingResult
    counters: dict[str, tuple[int, ...]]  # group key -> counter numbers
    names: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # id -> (ja, en): office, procedures

    def name(self, key: str, lang: str) -> str:
        ja, en = self.names.get(key, (key, key))
        return en if lang == "en" else ja


@dataclass(frozen=True)
class DayWaits:
    """One forecast day with every configured counter open: arrivals and the mean wait
    per half-hour (simulated), for the congestion calendar."""

    info: DayInfo
    arrivals: tuple[float, ...]
    waits: tuple[float, ...]  # minutes: mean wait of the visitors who are called
    factor: float  # expected arrivals / those of an ordinary day (every factor 1)

    @property
    def mean_wait(self) -> float:
        total = sum(self.arrivals)
        return (
            sum(a * w for a, w in zip(self.arrivals, self.waits, strict=True)) / total
            if total
            else 0.0
        )

    def hours(self) -> dict[int, float]:
        """Mean wait per clock hour (arrival-weighted over its half-hours)."""
        mass: dict[int, float] = {}
        acc: dict[int, float] = {}
        for m, a, w in zip(self.info.slots, self.arrivals, self.waits, strict=True):
            h = m // 60
            mass[h] = mass.get(h, 0.0) + a
            acc[h] = acc.get(h, 0.0) + a * w
        return {h: (acc[h] / mass[h] if mass[h] else 0.0) for h in sorted(mass)}


class StaffingService:
    def __init__(self, services: ServiceContext) -> None:
        self.services = services
        self.config = services.config
        self.calendar = services.calendar

    # -- history --------------------------------------------------------------------------
    def history(
        self,
        office_id: str,
        start: date,
        end: date,
        extra_days_until: date | None = None,
        notice_dates: Sequence[date] | None = None,
    ) -> History:
        """The office's arrivals in [start, end] per day, procedure and half-hour; the day
        descriptions run on to `extra_days_until` (the days to forecast)."""
        office = self.config.office(office_id)
        offset = self.calendar.at(office_id, end, time(12, 0)).utcoffset()
        off_ms = int(offset.total_seconds() * 1000) if offset else 0
        with self.services.uow.read() as session:
            rows = session.execute(
                text(HISTORY_SQL).bindparams(
                    bindparam("start", type_=Date), bindparam("end", type_=Date)
                ),
                {"office": office_id, "start": start, "end": end, "off": off_ms},
            ).all()
        raw: list[tuple[date, str, int, int]] = []
        tally, exposure = [0, 0, 0, 0, 0], 0.0
        svc: dict[str, list[float]] = {}
        for r in rows:  # day, service, half-hour, arrivals, 5 tallies, exposure, 3 sums
            d = r[0] if isinstance(r[0], date) else date.fromisoformat(r[0])
            raw.append((d, str(r[1]), int(r[2]) * 30, int(r[3])))
            for i in range(5):
                tally[i] += int(r[4 + i] or 0)
            exposure += float(r[9] or 0) / 60_000
            acc = svc.setdefault(str(r[1]), [0.0, 0.0, 0.0])
            acc[0] += float(r[10] or 0)
            acc[1] += float(r[11] or 0)
            acc[2] += float(r[12] or 0)
        until = extra_days_until or end
        days = describe_days(self.calendar, office_id, start, until)
        slots = {i.day: i.slots for i in days}
        counts: dict[tuple[date, str, int], float] = {}
        for d, sid, minute, n in raw:
            open_slots = slots.get(d)
            if not open_slots:
                continue  # a ticket on a closed day (staff override): not demand to plan for
            m = min(max(minute, open_slots[0]), open_slots[-1])  # 08:20 counts at 08:30
            counts[(d, sid, m)] = counts.get((d, sid, m), 0.0) + n
        if counts:  # the history starts with the first day that has tickets (a new office,
            first = min(d for d, _s, _m in counts)  # a new database): not with empty days
            days = [i for i in days if i.day >= first]
            start = max(start, first)
        deliveries, source = self._deliveries(notice_dates, days, counts, start, end, until)
        days = with_notices(days, deliveries)
        service: dict[str, tuple[float, float, int]] = {}
        for sid in office.services:
            fin, s, s2 = svc.get(sid, [0.0, 0.0, 0.0])
            if fin >= 10:
                mean = s / fin / 60
                var = max(0.0, s2 / fin / 3600 - mean * mean)
                service[sid] = (mean, math.sqrt(var) / mean if mean > 0 else 0.5, int(fin))
            else:  # too few finished visits: the configured minutes, a moderate spread
                service[sid] = (float(self.config.services[sid].minutes), 0.5, int(fin))
        return History(
            office_id,
            start,
            end,
            tuple(days),
            counts,
            service,
            fit_patience(departures(*tally), exposure),
            tuple(deliveries),
            source,
        )

    def _deliveries(
        self,
        given: Sequence[date] | None,
        days: Sequence[DayInfo],
        counts: dict[tuple[date, str, int], float],
        start: date,
        end: date,
        until: date,
    ) -> tuple[list[date], str]:
        """Notice delivery dates: given, else configured, else the day of the month that
        best explains the e-certificate arrivals (`infer_delivery_day`)."""
        if given:
            return sorted(set(given)), "given"
        configured = self.config.settings.reports.notice_dates
        if configured:
            return sorted(set(configured)), "config"
        renewal = self.config.settings.inquiry.service
        dom = infer_delivery_day([d for d in days if d.day <= end], counts, renewal)
        if dom is None:
            return [], "none"
        return monthly(dom, start, until), "inferred"

    def keys(self, office_id: str) -> list[str]:
        """What arrivals are counted by: each procedure, and each named visit plan of the
        office (`plan:tennyu`: its visitor loads the plan's queues in order)."""
        office = self.config.office(office_id)
        return [*office.services, *(PLAN + p.id for p in self.config.office_plans(office_id))]

    def routes(self, office_id: str) -> dict[str, tuple[str, ...]]:
        return {PLAN + p.id: p.steps for p in self.config.office_plans(office_id)}

    def model(self, hist: History) -> ArrivalModel:
        train = [d for d in hist.days if d.day <= hist.end]
        return fit(train, hist.counts, self.keys(hist.office_id))

    def accuracy(self, hist: History, weeks: int = BACKTEST_WEEKS) -> Backtest | None:
        """Backtest on the last `weeks` weeks; a short history (the demo's 8 weeks) holds out
        fewer weeks so that at least `MIN_TRAIN_DAYS` open days remain to train on."""
        train = [d for d in hist.days if d.day <= hist.end]
        weeks = min(weeks, (len(train) - MIN_TRAIN_DAYS) // 5)
        if weeks < 1:
            return None
        return backtest(train, hist.counts, self.keys(hist.office_id), weeks)

    def demand(self, hist: History, model: ArrivalModel, info: DayInfo) -> DayDemand:
        status = self.calendar.day(hist.office_id, info.day)
        close = status.closes
        assert close is not None
        expected = model.expected(info)
        rates = {
            sid: tuple(expected.get(sid, {}).get(m, 0.0) for m in info.slots)
            for sid in self.keys(hist.office_id)
        }
        service = {sid: (v[0] + TURNAROUND_MIN, v[1]) for sid, v in hist.service.items()}
        ranges = [
            (r.start.hour * 60 + r.start.minute, r.end.hour * 60 + r.end.minute)
            for r in status.hours
        ]
        ends = tuple(
            min((m // 30 + 1) * 30, next((e for a, e in ranges if a <= m < e), m + 30))
            for m in info.slots
        )
        return DayDemand(
            info.slots,
            close.hour * 60 + close.minute,
            rates,
            service,
            hist.patience.mean_minutes,
            ends,
            self.routes(hist.office_id),
        )

    def expected_waits(
        self,
        hist: History,
        model: ArrivalModel,
        info: DayInfo,
        replications: int = 20,
        seed: int = 1,
    ) -> DayWaits:
        """Simulate the forecast day with every configured counter open all day."""
        office = self.config.office(hist.office_id)
        demand = self.demand(hist, model, info)
        groups = skill_groups([(c.number, c.services) for c in office.counters])
        full = tuple(tuple(g.size for g in groups) for _ in demand.slots)
        days = draw_scenarios(demand, replications, seed + info.day.toordinal())
        out = simulate(groups, full, demand, days, 30.0)
        ordinary = sum(m.base for sid, m in model.services.items() if sid in info.services)
        return DayWaits(
            info,
            tuple(demand.arrivals(k) for k in range(len(demand.slots))),
            tuple(s.called_wait for s in out.slots),
            model.day_total(info) / ordinary if ordinary > 0 else 1.0,
        )

    # -- the plan ---------------------------------------------------------------------------
    def plan(
        self,
        office_id: str,
        day: date,
        weeks: int = 52,
        within: float | None = None,
        share: float = 0.8,
        replications: int = 30,
        seed: int = 1,
        notice_dates: Sequence[date] | None = None,
    ) -> StaffingReport:
        office = self.config.office(office_id)
        if not 0 < share < 1:
            raise InputError("err.plan_share", value=share)
        status = self.calendar.day(office_id, day)
        if not status.open:
            nxt = self.calendar.next_open_day(office_id, day, include_start=False)
            raise DomainError(
                "err.sim_closed",
                office=office.name_ja,
                office_en=office.name_en,
                date=day.isoformat(),
                reason=status.reason_text("ja") or "",
                reason_en=status.reason_text("en") or "",
                next_day=nxt.isoformat() if nxt else "-",
            )
        today = self.calendar.service_day(office_id, self.services.clock.now())
        end = min(day, today) - timedelta(days=1)
        start = end - timedelta(days=weeks * 7 - 1)
        hist = self.history(office_id, start, end, max(day, end), notice_dates)
        if not hist.counts:
            raise DomainError(
                "err.plan_no_history",
                office=office_id,
                start=start.isoformat(),
                end=end.isoformat(),
                weeks=weeks,
            )
        model = self.model(hist)
        info = next(i for i in hist.days if i.day == day)
        demand = self.demand(hist, model, info)
        target = Target(
            float(within if within is not None else self.config.settings.target_wait_minutes),
            share,
        )
        groups = skill_groups([(c.number, c.services) for c in office.counters])
        result = plan_day(groups, demand, target, replications, seed)
        return StaffingReport(
            office_id,
            day,
            info,
            hist,
            model,
            self.accuracy(hist),
            result,
            {g.key: g.counters for g in groups},
            {
                office_id: (office.name_ja, office.name_en),
                **{
                    sid: (self.config.services[sid].name_ja, self.config.services[sid].name_en)
                    for sid in office.services
                },
                **{
                    PLAN + p.id: (p.name_ja, p.name_en) for p in self.config.office_plans(office_id)
                },
            },
        )


__all__ = ["DayWaits", "History", "StaffingReport", "StaffingService"]
