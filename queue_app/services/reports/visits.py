"""The visits report (issue 13): time in the building per visit, per step and per plan.

Read from `ticket` (state, plan) and `ticket_event` (the steps) for one office and a range
of service days; the steps and figures are the domain's (`domain/visit_times.py`), so a
single-procedure ticket and every ticket of the history before visit plans read as one step.
Waiting and preparing (交付) are separate figures. Definitions: docs/reports.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from db.models import Ticket, TicketEvent
from queue_app.domain.visit_times import (
    Event,
    PlanFigures,
    Spread,
    StepFigures,
    VisitFigures,
    VisitTimes,
    figures,
    read_visit,
)
from queue_app.services.reports.forecast import ReportForecast
from queue_app.services.reports.models import Label, future_days_text


@dataclass(frozen=True)
class VisitReport:
    office_id: str
    office: Label
    start: date
    end: date
    figures: VisitFigures
    services: dict[str, Label]  # procedure id -> its names
    plans: dict[str, Label]  # plan key -> its names ("" single procedure, "*:a+b" ad hoc)
    # a range reaching past today (by the clock): today and the days still to come, which
    # have had no visits yet (the report says so: `future_text`)
    today: date | None = None
    future_days: tuple[date, ...] = ()

    def future_text(self, lang: str) -> str:
        return future_days_text(lang, self.today, self.future_days, "rpt.visits.future")

    def plan_label(self, key: str, lang: str) -> str:
        return self.plans[key].text(lang) if key in self.plans else key

    def service_label(self, service_id: str, lang: str) -> str:
        label = self.services.get(service_id)
        return label.text(lang) if label else service_id

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        f = self.figures
        share = f.multi_counter_share
        return {
            "report": "visits",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "visits": f.visits,
            "completed": f.completed,
            "multi_counter": f.multi_counter,
            "multi_counter_share": None if share is None else round(share, 3),
            "building_minutes": f.building.to_json(),
            "plans": [self._plan_json(p, lang) for p in f.plans],
            "services": [self._step_json(s, lang) for s in f.per_service],
            "today": self.today.isoformat() if self.today else None,
            "future_days": [d.isoformat() for d in self.future_days],
            "future_note": self.future_text(lang) or None,
        }

    def _plan_json(self, p: PlanFigures, lang: str) -> dict[str, object]:
        return {
            "plan": p.key or None,
            "name": self.plan_label(p.key, lang),
            "visits": p.visits,
            "completed": p.completed,
            "building_minutes": p.building.to_json(),
            "steps": [self._step_json(s, lang) for s in p.steps],
            "longest_wait_step": p.longest_wait.position if p.longest_wait else None,
        }

    def _step_json(self, s: StepFigures, lang: str) -> dict[str, object]:
        return {
            "position": s.position or None,
            "service": s.service_id,
            "name": self.service_label(s.service_id, lang),
            "wait_minutes": s.wait.to_json(),
            "service_minutes": s.service.to_json(),
            "preparing_minutes": s.preparing.to_json(),
            "pickup_wait_minutes": s.pickup_wait.to_json(),
        }


class ReportVisits(ReportForecast):
    def visits(self, office_id: str, start: date, end: date | None = None) -> VisitReport:
        """Every visit (ticket) of the office issued from `start` to `end` (service days)."""
        end = end or start
        self._check_range(start, end)
        office = self.config.office(office_id)
        times = self.visit_times(office_id, start, end)
        ahead = self._future_from(office_id, start, end)
        future: tuple[date, ...] = ()
        if ahead is not None:  # a clock set back (tests, demo) can leave visits on a later day
            last = self._last_ticket_day(office_id, ahead[1], end)
            first = ahead[1] if last is None else max(ahead[1], last + timedelta(days=1))
            future = tuple(first + timedelta(days=i) for i in range((end - first).days + 1))
        report_figures = figures(times, office.services)
        plans: dict[str, Label] = {"": Label("単一の手続", "Single procedure")}
        for p in report_figures.plans:
            if p.key in self.config.plans:
                named = self.config.plans[p.key]
                plans[p.key] = Label(named.name_ja, named.name_en)
            elif p.key.startswith("*:"):
                route = p.key[2:].split("+")
                plans[p.key] = Label(
                    "→".join(self._service_label(s).ja for s in route),
                    " → ".join(self._service_label(s).en for s in route),
                )
        return VisitReport(
            office_id=office_id,
            office=self._office(office_id),
            start=start,
            end=end,
            figures=report_figures,
            services={s: self._service_label(s) for s in self.config.services},
            plans=plans,
            today=ahead[0] if future else None,
            future_days=future,
        )

    def visit_times(self, office_id: str, start: date, end: date) -> list[VisitTimes]:
        """Each ticket's steps, read from its events (two indexed queries)."""
        with self.uow.read() as session:
            tickets = session.execute(
                select(Ticket.id, Ticket.plan_id, Ticket.state)
                .where(
                    Ticket.office_id == office_id,  # type: ignore[arg-type]
                    Ticket.service_day >= start,  # type: ignore[arg-type]
                    Ticket.service_day <= end,  # type: ignore[arg-type]
                )
                .order_by(Ticket.id)  # type: ignore[arg-type]
            ).all()
            rows = session.execute(
                select(
                    TicketEvent.ticket_id,
                    TicketEvent.from_state,
                    TicketEvent.to_state,
                    TicketEvent.service_id,
                    TicketEvent.at_ms,
                    TicketEvent.detail,
                )
                .where(
                    TicketEvent.office_id == office_id,  # type: ignore[arg-type]
                    TicketEvent.service_day >= start,  # type: ignore[arg-type]
                    TicketEvent.service_day <= end,  # type: ignore[arg-type]
                )
                .order_by(TicketEvent.ticket_id, TicketEvent.id)  # type: ignore[arg-type]
            ).all()
        events: dict[int, list[Event]] = {}
        for tid, frm, to, service, at_ms, detail in rows:
            events.setdefault(int(tid), []).append(Event(frm, to, service, int(at_ms), detail))
        out: list[VisitTimes] = []
        for tid, plan_id, state in tickets:
            visit = read_visit(int(tid), plan_id, state, events.get(int(tid), []))
            if visit is not None:
                out.append(visit)
        return out


__all__ = ["ReportVisits", "Spread", "VisitReport"]
