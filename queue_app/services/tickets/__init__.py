"""Ticket use cases: issue, call, recall, start, finish, no-show, cancel, transfer, requeue.

One module per reason to change, stacked into one `TicketService` so callers keep writing
`services.tickets.<method>`:

- `base.py`       configuration lookups, the opening check
- `queue.py`      reading the queue (one ticket, lists, who waits, recent calls, revision)
- `tokens.py`     the ticket's signed QR token
- `estimates.py`  wait estimates per ticket and per service queue
- `issue.py`      issuing a ticket (`IssueRequest`)
- `calls.py`      transitions at the counter (call, start, finish, no-show, transfer ...);
                  finishing a plan's step joins the next step's queue, a pickup procedure
                  goes to preparing
- `steps.py`      a plan ticket's `visit_step` rows inside the caller's transaction
- `plans.py`      issuing with a plan, the plan view, the clerk's edits (add, skip, move)
- `pickup.py`     the pickup stage (交付): ready, hand over, the ready list

Hot paths (issue, call) use SQLAlchemy Core statements inside the unit of work's session:
the ORM costs ~0.5 ms per ticket and its read-increment-write loses numbers under
concurrency. Numbers come from one atomic upsert on `daily_counter`, with the unique
constraint `uq_ticket_number` as the backstop.
"""

from __future__ import annotations

from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.issue import IssueRequest
from queue_app.services.tickets.pickup import TicketPickup


class TicketService(TicketPickup):
    """All ticket use cases behind one name (see the module list above)."""


__all__ = ["WAITING", "IssueRequest", "TicketService"]
