"""The visitor page's view of plan tickets: each of today's plan tickets at an office with
its steps (procedure, state, outcome) in one query, read with the rest of `OfficeLive`.

Procedure and state only, never personal data; a single-procedure ticket has no entry (its
page shows its one procedure as before).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from db.models import Ticket, VisitStep
from queue_app.domain.pickup import pickup_state
from queue_app.services.plan_views import PlanView, StepView
from queue_app.services.uow import from_ms

if TYPE_CHECKING:
    from queue_app.services import Services


def office_plans(services: Services, office_id: str, day: date) -> dict[int, PlanView]:
    """Every plan ticket of the office's service day, by ticket id."""
    with services.uow.read() as session:
        rows = session.execute(
            select(
                Ticket.id,
                Ticket.display_number,
                Ticket.plan_id,
                Ticket.state,
                VisitStep.position,
                VisitStep.service_id,
                VisitStep.state,
                VisitStep.outcome,
                VisitStep.ended_ms,
            )
            .join(VisitStep, VisitStep.ticket_id == Ticket.id)  # type: ignore[arg-type]
            .where(
                Ticket.office_id == office_id,  # type: ignore[arg-type]
                Ticket.service_day == day,  # type: ignore[arg-type]
                Ticket.plan_id.is_not(None),  # type: ignore[union-attr]
            )
            .order_by(Ticket.id, VisitStep.position)  # type: ignore[arg-type]
        ).all()
    steps: dict[int, list[StepView]] = defaultdict(list)
    heads: dict[int, tuple[str, str, str]] = {}
    for tid, label, plan_id, state, pos, service, step_state, outcome, ended in rows:
        heads[int(tid)] = (str(label), str(plan_id), str(state))
        steps[int(tid)].append(StepView(int(pos), service, step_state, outcome, from_ms(ended)))
    out: dict[int, PlanView] = {}
    for tid, (label, plan_id, state) in heads.items():
        pickup = pickup_state(state)
        out[tid] = PlanView(
            ticket_id=tid,
            office_id=office_id,
            display_number=label,
            plan_id=plan_id,
            ticket_state=state,
            steps=tuple(steps[tid]),
            pickup=pickup.value if pickup else None,
        )
    return out
