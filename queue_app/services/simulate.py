"""`madoguchi simulate`: learn a day's arrivals from history and simulate N counters.

Arrivals per hour come from the same weekday in the recent past (the last `weeks` open
days with that weekday that have tickets): one SQL aggregate over `ticket.issued_ms` grouped
by service day and local hour, averaged over those days. The mean service time (and its
spread) comes from the finished tickets of those days. Visit plans: the share of visitors
per number of procedures (each `advance` event is one more step) makes a plan's visitor join
the queue again after each service (`simulation.simulate_day(steps=...)`). The day itself is judged by the
current rules: closed days are refused with the reason, arrivals only within that day's
reception hours, and the counters default to those configured for the office (service).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from db.models import Ticket, TicketEvent
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.simulation import (
    DayResult,
    Distribution,
    simulate_day,
    smallest_counters,
)

if TYPE_CHECKING:
    from queue_app.services import Services

MS_HOUR = 3_600_000


@dataclass(frozen=True)
class LearnedDay:
    office_id: str
    service_id: str | None
    weekday: int
    sample_days: tuple[date, ...]
    rates: dict[int, float]  # arrivals per hour, averaged over the sample days
    mean_service: float  # minutes
    cv: float  # coefficient of variation of the service time
    service_samples: int
    # visit plans: share of visitors per number of procedures ({1: 0.9, 3: 0.1}); each step
    # after the first is a ticket joining the next queue (an `advance` event)
    steps: dict[int, float] = field(default_factory=lambda: {1: 1.0})


@dataclass(frozen=True)
class SimulationReport:
    office_id: str
    service_id: str | None
    day: date
    opens: str
    closes: str
    learned: LearnedDay
    target_p90: float
    result: DayResult
    recommended: int | None
    recommended_result: DayResult | None

    def to_json(self) -> dict[str, Any]:
        def day_json(r: DayResult | None) -> dict[str, Any] | None:
            if r is None:
                return None
            return {
                "counters": r.counters,
                "mean_wait": round(r.mean_wait, 2),
                "p90_wait": round(r.p90_wait, 2),
                "max_wait": round(r.max_wait, 2),
                "hours": [
                    {
                        "hour": h.hour,
                        "arrivals": round(h.arrivals, 2),
                        "mean_wait": round(h.mean_wait, 2),
                        "p90_wait": round(h.p90_wait, 2),
                        "erlang_c_wait": None
                        if h.erlang_c_wait == float("inf")
                        else round(h.erlang_c_wait, 2),
                    }
                    for h in r.hours
                ],
            }

        return {
            "office": self.office_id,
            "service": self.service_id,
            "date": self.day.isoformat(),
            "hours": [self.opens, self.closes],
            "learned_from": [d.isoformat() for d in self.learned.sample_days],
            "mean_service_minutes": round(self.learned.mean_service, 2),
            "service_cv": round(self.learned.cv, 3),
            "steps_share": {str(n): round(v, 3) for n, v in sorted(self.learned.steps.items())},
            "distribution": self.result.distribution,
            "replications": self.result.replications,
            "target_p90_minutes": self.target_p90,
            "simulation": day_json(self.result),
            "smallest_counters": self.recommended,
            "smallest_counters_simulation": day_json(self.recommended_result),
        }


class SimulationService:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.config = services.config
        self.calendar = services.calendar

    def sample_days(
        self, office_id: str, day: date, weeks: int, service_id: str | None
    ) -> list[date]:
        """Up to `weeks` earlier open days with the same weekday (newest first)."""
        found: list[date] = []
        probe = day - timedelta(days=7)
        for _ in range(weeks * 4):
            if len(found) >= weeks:
                break
            if self.calendar.day(office_id, probe, service_id).open:
                found.append(probe)
            probe -= timedelta(days=7)
        return found

    def learn(
        self, office_id: str, day: date, weeks: int = 8, service_id: str | None = None
    ) -> LearnedDay:
        self.config.office(office_id)
        if service_id:
            self.config.office_service(office_id, service_id)
        candidates = self.sample_days(office_id, day, weeks, service_id)
        offset_ms = 0
        if candidates:  # the office's UTC offset (local hour = (ms + offset) // 1 h % 24)
            offset = self.calendar.at(office_id, candidates[0], time(0, 0)).utcoffset()
            offset_ms = int(offset.total_seconds() * 1000) if offset else 0
        hour = ((Ticket.issued_ms + offset_ms) // MS_HOUR) % 24  # type: ignore[operator]
        conditions: list[Any] = [
            Ticket.office_id == office_id,
            Ticket.service_day.in_(candidates),  # type: ignore[attr-defined]
        ]
        if service_id:
            conditions.append(Ticket.issued_service_id == service_id)
        duration = Ticket.finished_ms - Ticket.started_ms  # type: ignore[operator]
        with self.services.uow.read() as session:
            rows = session.execute(
                select(Ticket.service_day, hour.label("hour"), func.count())
                .where(*conditions)
                .group_by(Ticket.service_day, hour)
            ).all()
            stats = session.execute(
                select(
                    func.count(),
                    func.avg(duration * 1.0),
                    func.avg(duration * 1.0 * duration),
                ).where(
                    *conditions,
                    Ticket.started_ms.is_not(None),  # type: ignore[union-attr]
                    Ticket.finished_ms.is_not(None),  # type: ignore[union-attr]
                )
            ).one()
            advances = (
                session.execute(
                    select(TicketEvent.ticket_id, func.count())
                    .where(
                        TicketEvent.office_id == office_id,  # type: ignore[arg-type]
                        TicketEvent.service_day.in_(candidates),  # type: ignore[attr-defined]
                        TicketEvent.to_state == "waiting",  # type: ignore[arg-type]
                        TicketEvent.detail.like("%;next:%"),  # type: ignore[union-attr]
                    )
                    .group_by(TicketEvent.ticket_id)
                ).all()
                if service_id is None  # one procedure's queue: plans do not apply
                else []
            )
        with_data = sorted({r[0] for r in rows}, reverse=True)
        if not with_data:
            raise DomainError(
                "err.sim_no_history", office=office_id, weekday=day.strftime("%a"), weeks=weeks
            )
        totals: dict[int, float] = {}
        for _day, h, n in rows:
            totals[int(h)] = totals.get(int(h), 0.0) + int(n)
        rates = {h: n / len(with_data) for h, n in sorted(totals.items())}
        count, mean_ms, sq_ms = int(stats[0] or 0), stats[1], stats[2]
        if count >= 10 and mean_ms:
            mean = float(mean_ms) / 60_000
            var = max(0.0, float(sq_ms) / 60_000**2 - mean * mean)
            cv = (var**0.5) / mean if mean > 0 else 1.0
        else:
            mean, cv = self._configured_minutes(office_id, service_id), 1.0
        visitors = sum(int(r[2]) for r in rows)
        per_steps: dict[int, int] = {}
        for _tid, n in advances:
            per_steps[1 + int(n)] = per_steps.get(1 + int(n), 0) + 1
        singles = max(0, visitors - sum(per_steps.values()))
        steps = {1: singles / visitors} if visitors else {1: 1.0}
        for n, k in sorted(per_steps.items()):
            steps[n] = k / visitors
        return LearnedDay(
            office_id, service_id, day.weekday(), tuple(with_data), rates, mean, cv, count, steps
        )

    def _configured_minutes(self, office_id: str, service_id: str | None) -> float:
        if service_id:
            return self.config.services[service_id].minutes
        office = self.config.office(office_id)
        values = [self.config.services[s].minutes for s in office.services]
        return sum(values) / len(values)

    def default_counters(self, office_id: str, service_id: str | None) -> int:
        office = self.config.office(office_id)
        if service_id is None:
            return len(office.counters)
        return sum(1 for c in office.counters if service_id in c.services)

    def run(
        self,
        office_id: str,
        day: date,
        counters: int | None = None,
        service_id: str | None = None,
        weeks: int = 8,
        target_p90: float | None = None,
        dist: str = Distribution.LOGNORMAL.value,
        replications: int = 200,
        seed: int = 1,
    ) -> SimulationReport:
        office = self.config.office(office_id)
        if service_id:
            self.config.office_service(office_id, service_id)
        try:
            distribution = Distribution(dist)
        except ValueError:
            raise InputError(
                "err.sim_distribution", value=dist, known=", ".join(d.value for d in Distribution)
            ) from None
        if counters is not None and counters <= 0:
            raise InputError("err.sim_counters", value=counters)
        status = self.calendar.day(office_id, day, service_id)
        if not status.open or status.opens is None or status.closes is None:
            nxt = self.calendar.next_open_day(office_id, day, service_id, include_start=False)
            raise DomainError(
                "err.sim_closed",
                office=office.name_ja,
                office_en=office.name_en,
                date=day.isoformat(),
                reason=status.reason_text("ja") or "",
                reason_en=status.reason_text("en") or "",
                next_day=nxt.isoformat() if nxt else "-",
            )
        learned = self.learn(office_id, day, weeks, service_id)
        n = counters or self.default_counters(office_id, service_id)
        target = float(
            target_p90 if target_p90 is not None else self.config.settings.target_wait_minutes
        )
        open_minute = status.opens.hour * 60 + status.opens.minute
        close_minute = status.closes.hour * 60 + status.closes.minute
        cv = learned.cv if distribution is Distribution.LOGNORMAL else 1.0
        result = simulate_day(
            learned.rates,
            open_minute,
            close_minute,
            max(1, n),
            learned.mean_service,
            distribution,
            cv,
            replications,
            seed,
            learned.steps,
        )
        best, best_result = smallest_counters(
            learned.rates,
            open_minute,
            close_minute,
            learned.mean_service,
            target,
            distribution,
            cv,
            replications,
            seed,
            steps=learned.steps,
        )
        return SimulationReport(
            office_id=office_id,
            service_id=service_id,
            day=day,
            opens=status.opens.strftime("%H:%M"),
            closes=status.closes.strftime("%H:%M"),
            learned=learned,
            target_p90=target,
            result=result,
            recommended=best,
            recommended_result=best_result,
        )


__all__ = ["SimulationService", "SimulationReport", "LearnedDay"]
