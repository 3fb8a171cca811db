"""Ticket use cases: issue, call, recall, start, finish, no-show, cancel, transfer, requeue.

One module per reason to change, stacked into one `TicketService` so callers keep writing
`services.tickets.<method>`:

- `base.py`       configuration lookups, the opening check
- `queue.py`      reading the queue (one ticket, lists, who waits, recent calls, revision)
- `tokens.py`     the ticket's signed QR token
- `estimates.py`  wait estimates per ticket and per service queue
- `issue.py`      issuing a ticket (`IssueRequest`)
- `calls.py`      transitions at the counter (call, start, finish, no-show, transfer ...)

Hot paths (issue, call) use SQLAlchemy Core statements inside the unit of work's session:
the ORM costs ~0.5 ms per ticket and its read-increment-write loses numbers under
concurrency. Numbers come from one atomic upsert on `daily_counter`, with the unique
constraint `uq_ticket_number` as the backstop.
"""

from __future__ import annotations

from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.calls import TicketCalls
from queue_app.services.tickets.issue import IssueRequest


class TicketService(TicketCalls):
    """All ticket use cases behind one name (see the module list above)."""


__all__ = ["WAITING", "IssueRequest", "TicketService"]
