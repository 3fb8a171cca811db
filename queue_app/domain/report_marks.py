"""What a ticket row keeps of its own history for the range report (migration 0007).

The range report counts, per ticket, its first call (the wait ends there) and whether it
was ever transferred. Both are facts of the event log (`ticket_event`), which stays the
record: the ticket row only carries them so that a one-year report reads one table
instead of joining every ticket to its events (docs/benchmarks.md, "one-year range").

- `first_called_ms`: the earliest `at_ms` of the ticket's events whose `to_state` is
  `called` (a call or a recall, or a plan edit while called); NULL when never called.
  Recalls, re-queues, transfers and the later steps of a plan do not move it.
- `transferred`: 1 when any of its events has a detail starting with `transfer:`, else 0.

The transitions write them in the same transaction as the event (`services/tickets/
marks.py`); migration 0007 fills them for older history from the events, by the same rule
in SQL; the demo history and the benchmark's bulk loader fold their own events with
`fold_marks` below.
"""

from __future__ import annotations

from collections.abc import Iterable

CALLED = "called"
TRANSFER_PREFIX = "transfer:"


def is_call(to_state: str | None) -> bool:
    """An event that counts as a call (the first one ends the wait)."""
    return to_state == CALLED


def is_transfer(detail: str | None) -> bool:
    """An event that marks the ticket as transferred (the range report's `LIKE
    'transfer:%'`; every detail the program writes is lower case)."""
    return detail is not None and detail.startswith(TRANSFER_PREFIX)


def fold_marks(events: Iterable[tuple[str | None, int, str | None]]) -> tuple[int | None, int]:
    """(first_called_ms, transferred) of one ticket from its events as (to_state, at_ms,
    detail), in any order."""
    first: int | None = None
    transferred = 0
    for to_state, at_ms, detail in events:
        if is_call(to_state) and (first is None or at_ms < first):
            first = at_ms
        if is_transfer(detail):
            transferred = 1
    return first, transferred
