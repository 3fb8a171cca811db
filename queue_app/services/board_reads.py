"""The statements the waiting-room board and the queue lines read, in plain SQL, once.

Both faces of the data run them: the full services on their session's driver connection
(`UnitOfWork`'s `session_reader`), the display process on a bare read-only driver
connection (`db/driver.py`), which spares it SQLAlchemy, SQLModel and pydantic (about a
second of start-up and a third of its memory; docs/benchmarks.md). Every statement goes
through one index: `ix_ticket_queue (office_id, service_day, state)` or
`ix_event_office_day (office_id, service_day)`, as their ORM forms did.

`Reader` is anything with `rows(sql, params) -> list[tuple]` (`db.driver.DriverReader`):
`:name` parameters; a `date` is bound as each engine stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from queue_app.domain.tickets import TicketState

WAITING = TicketState.WAITING.value
DONE = TicketState.DONE.value
PICKUP_STATES = (TicketState.PREPARING.value, TicketState.READY.value)


class Reader(Protocol):
    def rows(
        self, sql: str, params: Mapping[str, object] | None = None
    ) -> list[tuple[Any, ...]]: ...


REVISIONS = "SELECT office_id, value FROM revision ORDER BY office_id"

# today's calls from the event history, newest first (a recall is a call too)
CALLS = (
    "SELECT e.ticket_id, e.counter, e.at_ms, e.detail, e.service_id,"
    " t.display_number, t.number, t.state"
    " FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
    " WHERE e.office_id = :office AND e.service_day = :day AND e.to_state = 'called'"
    " ORDER BY e.at_ms DESC, e.id DESC LIMIT :limit"
)

# per service: how many wait now, and since when the longest-waiting one queued
WAITING_NOW = (
    "SELECT service_id, count(*), min(queued_ms) FROM ticket"
    f" WHERE office_id = :office AND service_day = :day AND state = '{WAITING}'"
    " GROUP BY service_id"
)

# the durations of the visits finished in the estimate window, newest first
RECENT_DURATIONS = (
    "SELECT finished_ms - started_ms FROM ticket"
    " WHERE office_id = :office AND service_day >= :first_day AND service_id = :service"
    f" AND state = '{DONE}' AND finished_ms >= :since AND finished_ms <= :now"
    " ORDER BY finished_ms DESC LIMIT :limit"
)

# the pickup stage: tickets preparing or ready, each with when it got there (oldest first)
PICKUP = (
    "SELECT t.id, t.display_number, t.service_id, t.state, s.since FROM ticket t"
    " JOIN (SELECT ticket_id, max(at_ms) AS since FROM ticket_event"
    "  WHERE office_id = :office AND service_day = :day"
    f"  AND to_state IN ('{PICKUP_STATES[0]}', '{PICKUP_STATES[1]}')"
    "  GROUP BY ticket_id) s ON s.ticket_id = t.id"
    " WHERE t.office_id = :office AND t.service_day = :day"
    f" AND t.state IN ('{PICKUP_STATES[0]}', '{PICKUP_STATES[1]}')"
    " ORDER BY s.since, t.id"
)


def revisions(reader: Reader) -> tuple[tuple[str, int], ...]:
    """Every office's revision: a change anywhere shows (other offices' queues too)."""
    return tuple((str(o), int(v)) for o, v in reader.rows(REVISIONS))


def call_rows(reader: Reader, office_id: str, day: date, limit: int) -> list[tuple[Any, ...]]:
    """(ticket_id, counter, at_ms, detail, service_id, display_number, number, state)."""
    return reader.rows(CALLS, {"office": office_id, "day": day, "limit": limit})


def waiting_now(reader: Reader, office_id: str, day: date) -> dict[str, tuple[int, int | None]]:
    """service id → (tickets waiting, the oldest one's queued_ms)."""
    rows = reader.rows(WAITING_NOW, {"office": office_id, "day": day})
    return {str(sid): (int(n), int(first) if first is not None else None) for sid, n, first in rows}


def recent_durations(
    reader: Reader,
    office_id: str,
    service_id: str,
    first_day: date,
    since_ms: int,
    now_ms: int,
    limit: int,
) -> list[int | None]:
    """Milliseconds each of the latest finished visits took (newest first)."""
    params = {
        "office": office_id,
        "service": service_id,
        "first_day": first_day,
        "since": since_ms,
        "now": now_ms,
        "limit": limit,
    }
    return [row[0] for row in reader.rows(RECENT_DURATIONS, params)]


def pickup_rows(reader: Reader, office_id: str, day: date) -> list[tuple[Any, ...]]:
    """(id, display_number, service_id, state, since_ms), oldest first."""
    return reader.rows(PICKUP, {"office": office_id, "day": day})
