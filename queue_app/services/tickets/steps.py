"""A plan ticket's `visit_step` rows, read and written inside the caller's transaction.

The rules (next step, skip, move, pickup) are the domain's (`visit_plans`, `pickup`); this
module only turns rows into a `VisitPlan` and writes back what changed, so a ticket's
transition, its event, its steps and the revision commit together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from db.models import VisitStep
from queue_app.domain.visit_plans import PlanStep, StepState, VisitPlan
from queue_app.services.tickets.issue_sql import AD_HOC


def load_plan(session: Session | Connection, ticket_id: int, plan_id: str | None) -> VisitPlan:
    """The plan of a ticket as stored (positions in order)."""
    rows = session.execute(
        select(VisitStep.position, VisitStep.service_id, VisitStep.state, VisitStep.outcome)
        .where(VisitStep.ticket_id == ticket_id)  # type: ignore[arg-type]
        .order_by(VisitStep.position)  # type: ignore[arg-type]
    ).all()
    steps = tuple(PlanStep(int(p), str(s), StepState(st), o) for p, s, st, o in rows)
    return VisitPlan(steps, None if plan_id in (None, AD_HOC) else plan_id)


def load_plans(session: Session, ticket_ids: Sequence[int]) -> dict[int, list[PlanStep]]:
    """The steps of several tickets at once (for lists)."""
    out: dict[int, list[PlanStep]] = {}
    if not ticket_ids:
        return out
    rows = session.execute(
        select(
            VisitStep.ticket_id,
            VisitStep.position,
            VisitStep.service_id,
            VisitStep.state,
            VisitStep.outcome,
        )
        .where(VisitStep.ticket_id.in_(list(ticket_ids)))  # type: ignore[attr-defined]
        .order_by(VisitStep.ticket_id, VisitStep.position)  # type: ignore[arg-type]
    ).all()
    for tid, pos, sid, state, outcome in rows:
        out.setdefault(int(tid), []).append(PlanStep(int(pos), str(sid), StepState(state), outcome))
    return out


def save_plan(
    session: Session,
    ticket_id: int,
    before: VisitPlan,
    after: VisitPlan,
    now_ms: int,
    staff: str | None,
) -> None:
    """Write the steps that changed between `before` and `after` (a step is matched by its
    procedure and position, the old position when `move_step` renumbered it), insert the
    added ones."""
    old_by_position = {s.position: s for s in before.steps}
    moved = _moves(before, after)
    for step in after.steps:
        origin = moved.get((step.service_id, step.position), step.position)
        old = old_by_position.get(origin)
        if old is not None and old.service_id != step.service_id:
            old = None  # another procedure at that place: this step is new
        if old is None:
            session.execute(
                insert(VisitStep).values(
                    ticket_id=ticket_id,
                    position=step.position,
                    service_id=step.service_id,
                    state=step.state.value,
                    outcome=step.outcome,
                    staff=staff,
                )
            )
            continue
        if old == step:
            continue
        values: dict[str, Any] = {
            "position": step.position,
            "state": step.state.value,
            "outcome": step.outcome,
        }
        if step.state.ended and not old.state.ended:
            values["ended_ms"] = now_ms
            if step.state is StepState.SKIPPED:
                values["staff"] = staff
        session.execute(
            update(VisitStep)
            .where(
                VisitStep.ticket_id == ticket_id,  # type: ignore[arg-type]
                VisitStep.position == origin,  # type: ignore[arg-type]
                VisitStep.service_id == old.service_id,  # type: ignore[arg-type]
            )
            .values(**values)
        )


def _moves(before: VisitPlan, after: VisitPlan) -> dict[tuple[str, int], int]:
    """(procedure, new position) -> old position, for the steps whose position changed.
    A procedure is in a plan once among the steps not ended, so it identifies the step."""
    old_pos = {s.service_id: s.position for s in before.steps if not s.state.ended}
    out: dict[tuple[str, int], int] = {}
    for s in after.steps:
        if s.service_id in old_pos and old_pos[s.service_id] != s.position:
            out[(s.service_id, s.position)] = old_pos[s.service_id]
    return out


def retarget_current(session: Session, ticket_id: int, plan: VisitPlan, service_id: str) -> None:
    """A transfer changes the procedure of the current step (same place in the plan)."""
    current = plan.current
    if current is None:
        return
    session.execute(
        update(VisitStep)
        .where(
            VisitStep.ticket_id == ticket_id,  # type: ignore[arg-type]
            VisitStep.position == current.position,  # type: ignore[arg-type]
        )
        .values(service_id=service_id)
    )
