"""At the counter: call, recall, start, finish, no-show, cancel, requeue, transfer; each one
transaction writing the new state, its event and the revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session

from db.models import Ticket, TicketEvent
from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.domain.fields import check_field, check_id
from queue_app.domain.pickup import finish_action, hand_over_action
from queue_app.domain.staff import outcome_required
from queue_app.domain.tickets import (
    TRANSITIONS,
    Action,
    Outcome,
    TicketState,
    next_state,
    recall_result,
)
from queue_app.domain.visit_plans import (
    VisitPlan,
    cancel_rest,
    finish_current,
    return_priority,
)
from queue_app.services.tickets.counter import TicketCounter
from queue_app.services.tickets.marks import mark_values
from queue_app.services.tickets.steps import load_plan, retarget_current, save_plan
from queue_app.services.uow import to_ms
from queue_app.services.views import TicketView


class TicketCalls(TicketCounter):
    # -- at the counter ----------------------------------------------------------------
    def call_next(
        self, office_id: str, counter_no: int, staff: str | None = None
    ) -> TicketView | None:
        """Checked-in appointments first, then by arrival; only this counter's services."""
        staff = check_field("staff", staff) or None
        counter = self.config.counter(office_id, counter_no)
        now = self.clock.now()
        day = self.calendar.service_day(office_id, now)
        now_ms = to_ms(now)

        def work(session: Session) -> TicketView | None:
            # one visitor at a time: refused while a ticket is still open at this counter
            self._hold_counter(session, office_id, counter_no, day)
            for _ in range(20):  # SQLite: a bounded loop; PostgreSQL skips locked tickets
                candidate = self._next_candidate(
                    session, office_id, counter_no, counter.services, day
                )
                if candidate is None:
                    return None
                view = self._apply(
                    session, candidate, Action.CALL, counter_no, staff, now_ms, held=True
                )
                if view is not None:
                    return view
            return None

        return self.uow.write(work)

    def call(self, ticket_id: int, counter_no: int, staff: str | None = None) -> TicketView:
        """Call one specific ticket (a visitor who came back, a priority case)."""
        return self._transition(ticket_id, Action.CALL, counter_no, staff)

    def recall(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.RECALL, counter_no, staff)

    def start(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.START, counter_no, staff)

    def finish(
        self,
        ticket_id: int,
        outcome: str | None = None,
        counter_no: int | None = None,
        staff: str | None = None,
    ) -> TicketView:
        """Finish with an outcome; without one, 'served', except for procedures whose
        outcomes the city counts (`outcome_required`, the e-certificate): refused."""
        value: str | None = None
        if outcome is not None:
            try:
                value = Outcome(outcome).value
            except ValueError:
                raise InputError(
                    "err.outcome", value=outcome, known=", ".join(o.value for o in Outcome)
                ) from None
        return self._transition(ticket_id, Action.FINISH, counter_no, staff, outcome=value)

    def no_show(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.NO_SHOW, counter_no, staff)

    def cancel(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.CANCEL, counter_no, staff)

    def requeue(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.REQUEUE, counter_no, staff)

    def transfer(
        self,
        ticket_id: int,
        to_service: str | None = None,
        to_counter: int | None = None,
        counter_no: int | None = None,
        staff: str | None = None,
    ) -> TicketView:
        """Send a visitor to another service or counter, keeping the arrival time."""
        ticket = self.get(ticket_id)
        service = to_service or ticket.service_id
        self.config.office_service(ticket.office_id, service)
        if to_counter is not None:
            target = self.config.counter(ticket.office_id, to_counter)
            if service not in target.services:
                raise InputError("err.counter_service", counter=to_counter, service=service)
        if to_service is None and to_counter is None:
            raise InputError("err.transfer_target")
        return self._transition(
            ticket_id, Action.TRANSFER, counter_no, staff, to_service=service, to_counter=to_counter
        )

    def _transition(
        self,
        ticket_id: int,
        action: Action,
        counter_no: int | None,
        staff: str | None,
        **extra: Any,
    ) -> TicketView:
        ticket_id = check_id(ticket_id, "ticket id")
        staff = check_field("staff", staff) or None  # the one validator, before the database
        now_ms = to_ms(self.clock.now())
        if counter_no is not None:
            current = self.get(ticket_id)
            self.config.counter(current.office_id, counter_no)

        def work(session: Session) -> TicketView:
            view = self._apply(session, ticket_id, action, counter_no, staff, now_ms, **extra)
            if view is None:  # changed under us by another terminal: report the fresh state
                row = session.get(Ticket, ticket_id)
                state = row.state if row else "?"
                raise DomainError("err.illegal_transition", state=state, action=action.value)
            return view

        return self.uow.write(work)

    def _apply(
        self,
        session: Session,
        ticket_id: int,
        action: Action,
        counter_no: int | None,
        staff: str | None,
        now_ms: int,
        outcome: str | None = None,
        to_service: str | None = None,
        to_counter: int | None = None,
        held: bool = False,
    ) -> TicketView | None:
        """Apply one action in the caller's transaction; None if the row changed meanwhile.
        A call first takes the counter (`held`: the caller did) and is refused while
        another ticket is open there."""
        row = session.get(Ticket, ticket_id)
        if row is None:
            raise NotFoundError("err.ticket_not_found", id=ticket_id)
        session.refresh(row)
        old = TicketState(row.state)
        # a plan ticket: its steps change with the ticket, in this transaction
        plan = load_plan(session, ticket_id, row.plan_id) if row.plan_id is not None else None
        after: VisitPlan | None = None
        asked = action  # what the clerk did (named in a refusal)
        old_service = row.service_id  # (the UPDATE below refreshes `row`)
        if action is Action.FINISH:  # the step ends: done, next step's queue, or preparing
            pickup = self.config.services[row.service_id].pickup
            action = finish_action(pickup, plan is not None and plan.has_next)
        elif action is Action.HAND_OVER:
            action = hand_over_action(plan is not None and plan.has_next)
        if (old, asked) not in TRANSITIONS and (old, action) not in TRANSITIONS:
            raise DomainError("err.illegal_transition", state=old.value, action=asked.value)
        new = next_state(old, action)
        values: dict[str, Any] = {"state": new.value}
        detail: str | None = None
        if staff:
            values["staff"] = staff
        if action is Action.CALL:
            if counter_no is None:
                raise InputError("err.counter_required")
            counter = self.config.counter(row.office_id, counter_no)
            if row.service_id not in counter.services:
                raise DomainError("err.counter_service", counter=counter_no, service=row.service_id)
            if not held:
                self._hold_counter(session, row.office_id, counter_no, row.service_day)
            values.update(counter=counter_no, called_ms=now_ms, recall_count=0)
        elif action is Action.RECALL:
            new, count = recall_result(row.recall_count, self.config.settings.recall_limit)
            values.update(state=new.value, recall_count=count)
            detail = f"recall:{count}" if new is TicketState.CALLED else "recall_limit"
        elif action is Action.START:
            values["started_ms"] = now_ms
        elif action in (Action.FINISH, Action.PREPARE) or (
            action is Action.ADVANCE and old is TicketState.SERVING
        ):
            if outcome is None:
                if outcome_required(self.config, row.service_id):
                    service = self.config.services[row.service_id]
                    raise InputError(
                        "err.outcome_required",
                        service_ja=service.name_ja,
                        service_en=service.name_en,
                        known=", ".join(o.value for o in Outcome),
                    )
                outcome = Outcome.SERVED.value
            values.update(finished_ms=now_ms, outcome=outcome)
            detail = f"outcome:{outcome}"
            if plan is not None and action is Action.FINISH:
                after = finish_current(plan, outcome)
            elif action is Action.ADVANCE:
                assert plan is not None
                after = finish_current(plan, outcome)
                detail += self._advance(row, after, values)
        elif action is Action.READY:
            detail = "ready"
        elif action in (Action.HAND_OVER, Action.ADVANCE):  # from ready: handed over
            # the step's outcome, like a finish; finished_ms stays the counter step's end
            detail = f"outcome:{row.outcome or Outcome.SERVED.value}"
            if counter_no is not None:
                values["counter"] = counter_no
            if plan is not None:
                after = finish_current(plan, row.outcome)
                if action is Action.ADVANCE:
                    detail += self._advance(row, after, values)
        elif action is Action.TRANSFER:
            assert to_service is not None
            values.update(
                service_id=to_service,
                target_counter=to_counter,
                counter=None,
                started_ms=None,
                recall_count=0,
            )
            detail = f"transfer:{row.service_id}->{to_service}" + (
                f"@{to_counter}" if to_counter else ""
            )
        elif action is Action.CANCEL and plan is not None:
            after = cancel_rest(plan)
        elif action is Action.REQUEUE:
            values.update(counter=None, recall_count=0, started_ms=None)
            detail = "requeue"
        # the report marks its event sets on the row (first call, transferred): same UPDATE
        values.update(mark_values(values["state"], detail, now_ms))
        result = session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.state == old.value)  # type: ignore[arg-type]
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        session.execute(
            insert(TicketEvent).values(
                ticket_id=ticket_id,
                office_id=row.office_id,
                service_id=values.get("service_id", row.service_id),
                service_day=row.service_day,
                from_state=old.value,
                to_state=values["state"],
                at_ms=now_ms,
                counter=counter_no if counter_no is not None else row.counter,
                staff=staff,
                detail=detail,
            )
        )
        if plan is not None and after is not None:
            save_plan(session, ticket_id, plan, after, now_ms, staff)
        if plan is not None and action is Action.TRANSFER and to_service != old_service:
            assert to_service is not None
            retarget_current(session, ticket_id, plan, to_service)  # the step's procedure
        self.uow.bump_revision(session, row.office_id)
        session.flush()
        session.refresh(row)
        return TicketView.of(row)

    def _advance(self, row: Ticket, after: VisitPlan, values: dict[str, Any]) -> str:
        """The ticket joins its next step's queue at once: that procedure, no counter, the
        same arrival time (`queued_ms` untouched), the configured return priority. Returns
        the event detail's tail naming the next procedure."""
        step = after.current
        assert step is not None
        values.update(
            service_id=step.service_id,
            counter=None,
            target_counter=None,
            started_ms=None,
            finished_ms=None,
            recall_count=0,
            outcome=None,
            priority=return_priority(row.priority, self.config.settings.return_priority),
        )
        return f";next:{step.service_id}"
