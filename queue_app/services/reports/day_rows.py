"""The daily report's two reads: one office-day's tickets and the events its figures count.

Two plain statements, each through one index (`ix_ticket_queue (office_id, service_day,
state)`, `ix_event_office_day (office_id, service_day)`; EXPLAIN on SQLite and PostgreSQL in
docs/benchmarks.md), their rows handed to `domain/day_figures.py`, which computes the rest.

Why on the driver's cursor: a day is ~360 tickets and ~740 of their events. Executing
these through `Session.execute` and building SQLAlchemy `Row`s for them cost a third of
the whole report (bench/report_scaling.py: `daily` beside `raw rows`). The statements are
still SQLAlchemy's: rendered once per dialect into the driver's parameter style, the day
bound as SQLAlchemy binds a `Date` there, run on the session's own connection and
transaction (the same snapshot), and a driver error is raised as SQLAlchemy's
(`UnitOfWork.read` turns an unreachable database into its message, as for any read).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, bindparam, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from queue_app.domain.day_figures import EventRow, TicketRow

_DAY = bindparam("day", type_=Date)
# column order: domain/day_figures.py's TicketRow and EventRow
DAY_TICKETS = text(
    "SELECT id, issued_service_id, visit_kind, state, issued_ms, started_ms, finished_ms"
    " FROM ticket WHERE office_id = :office AND service_day = :day"
).bindparams(_DAY)
# only the events a figure reads: calls (first call), transfers, and those entering or
# leaving `waiting` (people waiting at once); a transfer is decided by the same `LIKE` as
# the range report's SQL, so both reports count the same transfers on each engine
DAY_EVENTS = text(
    "SELECT at_ms, id, ticket_id, from_state, to_state,"
    " CASE WHEN detail LIKE 'transfer:%' THEN 1 ELSE 0 END AS transfer"
    " FROM ticket_event WHERE office_id = :office AND service_day = :day"
    " AND (to_state IN ('called', 'waiting') OR from_state = 'waiting'"
    " OR detail LIKE 'transfer:%')"
).bindparams(_DAY)


@dataclass(frozen=True)
class _DriverReads:
    """The two statements in one driver's terms: SQL text and positional parameter names
    (None: named parameters), and how it binds a date."""

    statements: tuple[tuple[str, Sequence[str] | None], ...]
    bind_day: Callable[[Any], Any] | None

    @classmethod
    def for_dialect(cls, dialect: Dialect) -> _DriverReads:
        statements = []
        for stmt in (DAY_TICKETS, DAY_EVENTS):
            compiled = stmt.compile(dialect=dialect)
            names = compiled.positiontup
            statements.append((str(compiled), tuple(names) if names is not None else None))
        return cls(tuple(statements), dialect.type_descriptor(Date()).bind_processor(dialect))

    def parameters(self, names: Sequence[str] | None, office_id: str, day: date) -> Any:
        values = {"office": office_id, "day": self.bind_day(day) if self.bind_day else day}
        return values if names is None else tuple(values[n] for n in names)


_READS: dict[tuple[str, str, str], _DriverReads] = {}


def read_day_rows(
    session: Session, office_id: str, day: date
) -> tuple[Sequence[TicketRow], Sequence[EventRow]]:
    """The day's tickets and the events its figures read, as the driver's plain tuples
    (both drivers, sqlite3 and psycopg, give tuples)."""
    conn = session.connection()  # begins the session's transaction: one snapshot for both
    dialect = conn.dialect
    key = (dialect.name, dialect.driver, str(dialect.paramstyle))
    reads = _READS.get(key)
    if reads is None:
        reads = _READS[key] = _DriverReads.for_dialect(dialect)
    cursor = conn.connection.cursor()
    out: list[Any] = []
    sql = ""
    try:
        for sql, names in reads.statements:
            cursor.execute(sql, reads.parameters(names, office_id, day))
            out.append(cursor.fetchall())
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(
            sql, None, exc, dialect.loaded_dbapi.Error, dialect=dialect
        ) from exc
    finally:
        cursor.close()
    return out[0], out[1]
