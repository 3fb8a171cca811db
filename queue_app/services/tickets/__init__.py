"""Ticket use cases: issue, call, recall, start, finish, no-show, cancel, transfer, requeue.

One module per reason to change, stacked into one `TicketService` so callers keep writing
`services.tickets.<method>`:

- `base.py`       configuration lookups, the opening check
- `queue.py`      reading the queue (one ticket, lists, who waits, recent calls, revision)
- `tokens.py`     the ticket's signed QR token
- `estimates.py`  wait estimates per ticket and per service queue
- `issue.py`      issuing a ticket from the full services (`IssueCore` below)
- `calls.py`      transitions at the counter (call, start, finish, no-show, transfer ...);
                  finishing a plan's step joins the next step's queue, a pickup procedure
                  goes to preparing
- `steps.py`      a plan ticket's `visit_step` rows inside the caller's transaction
- `plans.py`      issuing with a plan, the plan view, the clerk's edits (add, skip, move)
- `pickup.py`     the pickup stage (交付): ready, hand over, the ready list
- `issue_core.py` the one issue path, no SQLAlchemy on it (`issue_sql.py`: its plain SQL;
                  `estimate_core.py`: the estimate at issue); `ticket issue` runs it on
                  a bare driver connection

The call path uses SQLAlchemy Core statements inside the unit of work's session:
the ORM costs ~0.5 ms per ticket and its read-increment-write loses numbers under
concurrency. Numbers come from one atomic upsert on `daily_counter`, with the unique
constraint `uq_ticket_number` as the backstop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.issue_core import IssueRequest

if TYPE_CHECKING:
    from queue_app.services.tickets.service import TicketService


__all__ = ["WAITING", "IssueRequest", "TicketService"]


def __getattr__(name: str) -> Any:
    """`TicketService` stands on SQLAlchemy: loaded on first use, so that the one issue
    path (`issue_core.py`) imports without it (`ticket issue` on the bare driver)."""
    if name == "TicketService":
        from queue_app.services.tickets.service import TicketService

        return TicketService
    raise AttributeError(f"module 'queue_app.services.tickets' has no attribute {name!r}")
