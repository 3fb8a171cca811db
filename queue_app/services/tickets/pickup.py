"""The pickup stage (交付): mark a document ready, hand it over, and the ready list.

Finishing the counter step of a procedure with `pickup = true` puts the ticket into
`preparing` (`calls.py`, in the finish transaction). Here the back office marks it `ready`
(`madoguchi ticket ready A-012`) and a clerk hands it over at a counter: the visit ends,
or the ticket joins its plan's next step's queue. Each is one transaction with its event
and the revision, like every transition.
"""

from __future__ import annotations

from datetime import date

from queue_app.domain.tickets import Action
from queue_app.services.board_pickup import pickup_lists
from queue_app.services.plan_views import PickupBoard
from queue_app.services.tickets.plans import TicketPlans
from queue_app.services.uow import session_reader
from queue_app.services.views import TicketView


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
            ready, preparing = pickup_lists(session_reader(session), office_id, day)
        return PickupBoard(
            office_id,
            ready=ready,
            preparing=preparing,
        )
