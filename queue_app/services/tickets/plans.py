"""Visit plans: issue one ticket for several procedures, read its plan, edit the steps to come.

Finishing a step (`finish`) is a transition like any other (`calls.py`): the ticket joins
its next step's queue in the same transaction as its event, its steps and the revision.
Here: issuing with a plan, the plan view for the faces, and the clerk's edits (add, skip,
move), each one transaction whose event keeps the ticket's state and names the edit and the
clerk's staff code (`plan:add:other@2`, `plan:skip:moving`, `plan:move:other@1`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from db.models import Ticket, TicketEvent, VisitStep
from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.domain.fields import check_field, check_id
from queue_app.domain.pickup import pickup_state
from queue_app.domain.tickets import TERMINAL, TicketState
from queue_app.domain.visit_plans import (
    PlanStep,
    StepState,
    VisitPlan,
    add_step,
    check_steps,
    find_pending,
    move_step,
    skip_step,
)
from queue_app.services.plan_views import PlanView, StepView
from queue_app.services.tickets.calls import TicketCalls
from queue_app.services.tickets.marks import mark_values
from queue_app.services.tickets.steps import AD_HOC, load_plan, save_plan
from queue_app.services.uow import from_ms, to_ms


class TicketPlans(TicketCalls):
    # (issuing with a plan: `IssueCore.plan_steps` / `issue_plan`, the one issue path)
    # -- reading -----------------------------------------------------------------------
    def plan(self, ticket_id: int) -> PlanView:
        """The ticket's whole visit for the faces: procedures, their states and outcomes (a
        single-procedure ticket has one step). Never personal data."""
        ticket_id = check_id(ticket_id, "ticket id")
        with self.uow.read() as session:
            row = session.get(Ticket, ticket_id)
            if row is None:
                raise NotFoundError("err.ticket_not_found", id=ticket_id)
            return self._plan_view(session, row)

    def _plan_view(self, session: Session, row: Ticket) -> PlanView:
        assert row.id is not None
        state = TicketState(row.state)
        if row.plan_id is None:
            steps: tuple[StepView, ...] = (_single_step(row),)
        else:
            rows = session.execute(
                select(
                    VisitStep.position,
                    VisitStep.service_id,
                    VisitStep.state,
                    VisitStep.outcome,
                    VisitStep.ended_ms,
                )
                .where(VisitStep.ticket_id == row.id)  # type: ignore[arg-type]
                .order_by(VisitStep.position)  # type: ignore[arg-type]
            ).all()
            steps = tuple(StepView(int(p), s, st, o, from_ms(e)) for p, s, st, o, e in rows)
        pickup = pickup_state(state)
        if pickup is None and state is TicketState.DONE:
            last = steps[-1] if steps else None
            done = [s for s in steps if s.state == "done"]
            service = done[-1].service_id if done else (last.service_id if last else "")
            if service in self.config.services and self.config.services[service].pickup:
                pickup = pickup_state(state, "ready")
        return PlanView(
            ticket_id=row.id,
            office_id=row.office_id,
            display_number=row.display_number,
            plan_id=row.plan_id,
            ticket_state=state.value,
            steps=steps,
            pickup=pickup.value if pickup else None,
        )

    # -- the clerk's edits ---------------------------------------------------------------
    def edit_plan(
        self,
        ticket_id: int,
        *,
        add: str | None = None,
        at: int | None = None,
        skip: str | None = None,
        move: tuple[str, int] | None = None,
        staff: str | None = None,
    ) -> PlanView:
        """Add a procedure (at place `at` among the steps to come, 1 = next; default last),
        skip one, or move one to another place; in that order, one transaction, one event
        per edit with the staff code. Adding to a single-procedure ticket makes it a plan."""
        ticket_id = check_id(ticket_id, "ticket id")
        staff = check_field("staff", staff) or None
        if add is None and skip is None and move is None:
            raise InputError("err.plan_edit_nothing")
        now_ms = to_ms(self.clock.now())

        def work(session: Session) -> PlanView:
            row = session.get(Ticket, ticket_id)
            if row is None:
                raise NotFoundError("err.ticket_not_found", id=ticket_id)
            session.refresh(row)
            old_state = TicketState(row.state)
            single = row.plan_id is None  # (the UPDATE below refreshes `row`)
            old_service = row.service_id
            if old_state in TERMINAL:
                raise DomainError("err.plan_ended")
            if single and add is None:
                raise InputError("err.not_a_plan", number=row.display_number)
            before = (
                load_plan(session, ticket_id, row.plan_id)
                if row.plan_id is not None
                else VisitPlan((PlanStep(1, row.service_id, StepState.CURRENT),))
            )
            plan, details = self._edits(row, before, old_state, add, at, skip, move)
            current = plan.current
            assert current is not None
            values: dict[str, Any] = {"plan_id": row.plan_id or AD_HOC}
            if current.service_id != old_service:  # the current step was skipped
                values.update(service_id=current.service_id, target_counter=None)
            for detail in details:  # the events below: a plan edit while called is a call
                values.update(mark_values(old_state.value, detail, now_ms))
            result = session.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.state == old_state.value)  # type: ignore[arg-type]
                .values(**values)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise DomainError("err.illegal_transition", state=row.state, action="plan")
            if single:  # a single ticket becomes a plan: store its step first
                session.execute(
                    insert(VisitStep).values(
                        ticket_id=ticket_id,
                        position=1,
                        service_id=old_service,
                        state=StepState.CURRENT.value,
                    )
                )
            save_plan(session, ticket_id, before, plan, now_ms, staff)
            for detail in details:
                session.execute(
                    insert(TicketEvent).values(
                        ticket_id=ticket_id,
                        office_id=row.office_id,
                        service_id=values.get("service_id", old_service),
                        service_day=row.service_day,
                        from_state=old_state.value,
                        to_state=old_state.value,
                        at_ms=now_ms,
                        counter=row.counter,
                        staff=staff,
                        detail=detail,
                    )
                )
            self.uow.bump_revision(session, row.office_id)
            session.flush()
            session.refresh(row)
            return self._plan_view(session, row)

        return self.uow.write(work)

    def _edits(
        self,
        row: Ticket,
        plan: VisitPlan,
        state: TicketState,
        add: str | None,
        at: int | None,
        skip: str | None,
        move: tuple[str, int] | None,
    ) -> tuple[VisitPlan, list[str]]:
        """The plan after the edits (domain rules), and one event detail per edit."""
        office = self.config.office(row.office_id)
        details: list[str] = []
        if skip is not None:
            step = find_pending(plan, skip, include_current=True)
            plan = skip_step(plan, step.position, ticket_waiting=state is TicketState.WAITING)
            details.append(f"plan:skip:{skip}")
        if add is not None:
            check_steps([add], [s for s in office.services if office_serves(office, s)])
            plan = add_step(plan, add, at)
            place = 1 + [s.service_id for s in plan.remaining].index(add)
            details.append(f"plan:add:{add}@{place}")
        if move is not None:
            service, place = move
            step = find_pending(plan, service)
            plan = move_step(plan, step.position, place)
            details.append(f"plan:move:{service}@{place}")
        return plan, details


def office_serves(office: Any, service_id: str) -> bool:
    """Some counter of the office serves the procedure (else a step could never be called)."""
    return any(service_id in c.services for c in office.counters)


def _single_step(row: Ticket) -> StepView:
    """The one step of a ticket without a plan, from the ticket itself."""
    state = TicketState(row.state)
    if state is TicketState.DONE:
        step_state = StepState.DONE.value
    elif state is TicketState.CANCELLED:
        step_state = StepState.CANCELLED.value
    else:
        step_state = StepState.CURRENT.value
    ended = from_ms(row.finished_ms) if state is TicketState.DONE else None
    outcome = (
        row.outcome
        if state in (TicketState.DONE, TicketState.PREPARING, TicketState.READY)
        else None
    )
    return StepView(1, row.service_id, step_state, outcome, ended)
