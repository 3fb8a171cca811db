"""The daily report's two reads: one office-day's tickets and the events its figures count.

Two plain statements, each through one index (`ix_ticket_queue (office_id, service_day,
state)`, `ix_event_office_day (office_id, service_day)`; EXPLAIN on SQLite and PostgreSQL in
docs/benchmarks.md), their rows handed to `domain/day_figures.py`, which computes the rest.

They run as the display's board reads do (`services/board_reads.py`): plain SQL with `:name`
parameters on the session's own driver connection and transaction (`uow.session_reader`,
`db.driver.DriverReader`: one way to run plain SQL on SQLite and PostgreSQL; a date bound as
each engine stores it; a lost connection is the database message). A day is ~360 tickets
and ~740 of their events: SQLAlchemy's execute and `Row` objects for them cost a third of
the report (bench/report_scaling.py: `daily` beside `raw rows`).
"""

from __future__ import annotations

from datetime import date

from queue_app.domain.day_figures import EventRow, TicketRow
from queue_app.services.board_reads import Reader

# column order: domain/day_figures.py's TicketRow and EventRow. Each ticket's first call
# and transfer are on its row (migration 0007, written with their events): the range
# report reads the same marks, so both reports count the same first calls and transfers
DAY_TICKETS = (
    "SELECT issued_service_id, visit_kind, state, issued_ms, started_ms, finished_ms,"
    " first_called_ms, transferred"
    " FROM ticket WHERE office_id = :office AND service_day = :day"
)
# the events only for the people waiting at once: those entering or leaving `waiting`,
# in time order (ties of one millisecond by id)
DAY_EVENTS = (
    "SELECT at_ms, id, from_state, to_state"
    " FROM ticket_event WHERE office_id = :office AND service_day = :day"
    " AND (to_state = 'waiting' OR from_state = 'waiting')"
    " ORDER BY at_ms, id"
)


def read_day_rows(
    reader: Reader, office_id: str, day: date
) -> tuple[list[TicketRow], list[EventRow]]:
    """The day's tickets and the events its figures read, as the driver's plain tuples,
    both in one transaction (the reader's: one snapshot)."""
    params = {"office": office_id, "day": day}
    tickets = reader.rows(DAY_TICKETS, params)
    events = reader.rows(DAY_EVENTS, params)
    return tickets, events  # type: ignore[return-value]
