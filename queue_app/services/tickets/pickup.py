"""The pickup stage (交付): mark a document ready, hand it over, and the ready list.

Finishing the counter step of a procedure with `pickup = true` puts the ticket into
`preparing` (`calls.py`, in the finish transaction). Here the back office marks it `ready`
(`madoguchi ticket ready A-012`) and a clerk hands it over at a counter: the visit ends,
or the ticket joins its plan's next step's queue. Each is one transaction with its event
and the revision, like every transition.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import Ticket, TicketEvent
from queue_app.domain.tickets import Action, TicketState
from queue_app.services.plan_views import PickupBoard, PickupEntry
from queue_app.services.tickets.plans import TicketPlans
from queue_app.services.uow import from_ms
from queue_app.services.views import TicketView

_PICKUP = (TicketState.PREPARING.value, TicketState.READY.value)


class TicketPickup(TicketPlans):
    def mark_ready(self, ticket_id: int, staff: str | None = None) -> TicketView:
        """The document is ready (お渡しできます): the ticket shows on the ready list."""
        return self._transition(ticket_id, Action.READY, None, staff)

    def hand_over(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        """Handed over at a counter: the visit ends (done), or goes on to the plan's next
        step's queue, keeping its arrival time."""
        return self._transition(ticket_id, Action.HAND_OVER, counter_no, staff)

    def pickup_board(self, office_id: str, day: date | None = None) -> PickupBoard:
        """Today's pickup stage at one office: ready (oldest first: the board's list) and
        preparing (for the back office), each with the moment it got there."""
        self.config.office(office_id)
        day = day or self.today(office_id)
        with self.uow.read() as session:
            since = (
                select(TicketEvent.ticket_id, func.max(TicketEvent.at_ms).label("since"))
                .where(
                    TicketEvent.office_id == office_id,  # type: ignore[arg-type]
                    TicketEvent.service_day == day,  # type: ignore[arg-type]
                    TicketEvent.to_state.in_(_PICKUP),  # type: ignore[attr-defined]
                )
                .group_by(TicketEvent.ticket_id)  # type: ignore[arg-type]
                .subquery()
            )
            rows = session.execute(
                select(
                    Ticket.id,
                    Ticket.display_number,
                    Ticket.service_id,
                    Ticket.state,
                    since.c.since,
                )
                .join(since, since.c.ticket_id == Ticket.id)
                .where(
                    Ticket.office_id == office_id,  # type: ignore[arg-type]
                    Ticket.service_day == day,  # type: ignore[arg-type]
                    Ticket.state.in_(_PICKUP),  # type: ignore[attr-defined]
                )
                .order_by(since.c.since, Ticket.id)
            ).all()
        entries = []
        for tid, label, service, state, at_ms in rows:
            moment = from_ms(int(at_ms))
            assert moment is not None
            entries.append(PickupEntry(int(tid), label, service, state, moment))
        return PickupBoard(
            office_id,
            ready=tuple(e for e in entries if e.state == TicketState.READY.value),
            preparing=tuple(e for e in entries if e.state == TicketState.PREPARING.value),
        )
