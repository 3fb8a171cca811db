"""Units of work: one Session per use case, a bounded retry on busy/locked, clear errors.

Every write runs in one transaction that writes the change, its event and the office's
revision together: a failure leaves no trace of a half change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import func, insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from db.driver import NOTIFY_CHANNEL
from db.driver_write import short_error
from db.engine import read_engine
from db.models import AuditEntry
from queue_app.domain.errors import DatabaseError
from queue_app.services.epoch import from_ms, to_ms
from queue_app.services.revision_sql import bump_revision

if TYPE_CHECKING:
    from db.driver import DriverReader
    from db.driver_write import DriverWriter

T = TypeVar("T")


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reader = read_engine(engine)
        self.dialect = engine.dialect.name
        # where the data lives, for messages (never the password)
        self.where = (
            str(engine.url.database)
            if self.dialect == "sqlite"
            else engine.url.render_as_string(hide_password=True)
        )

    def insert_for(self, table: object):  # type: ignore[no-untyped-def]
        """Dialect insert that supports ON CONFLICT on both SQLite and PostgreSQL."""
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)  # type: ignore[arg-type]

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self.reader, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise DatabaseError("err.db_unavailable", problem=short_error(exc)) from None

    @contextmanager
    def read_plain(self) -> Iterator[DriverReader]:
        """One read transaction (one snapshot) for plain statements (`db.driver.DriverReader`)
        on a pooled connection, without an ORM session: for reads that build no ORM object
        (the daily report), where the session's set-up was a measurable part of the work."""
        from db.driver import DriverReader

        try:
            with self.reader.connect() as conn:
                conn.begin()  # rolled back when the connection goes back to the pool
                yield DriverReader(conn.connection.driver_connection, self.dialect)
        except OperationalError as exc:
            raise DatabaseError("err.db_unavailable", problem=short_error(exc)) from None

    def write(self, fn: Callable[[Session], T], retry_integrity: bool = False) -> T:
        """Run `fn` in one transaction; retry when the database is busy (bounded)."""

        def attempt() -> T:
            with Session(self.engine, expire_on_commit=False) as session:
                result = fn(session)
                session.commit()
                return result

        return self._retrying(attempt, retry_integrity)

    def write_core(self, fn: Callable[[Connection], T], retry_integrity: bool = False) -> T:
        """`write` for hot paths: `fn` gets a Core Connection instead of an ORM Session
        (same transaction rules, retries and errors; no identity map, less overhead)."""

        def attempt() -> T:
            with self.engine.connect() as conn:
                with conn.begin():
                    return fn(conn)

        return self._retrying(attempt, retry_integrity)

    def write_plain(self, fn: Callable[[DriverWriter], T], retry_integrity: bool = False) -> T:
        """`write_core` for plain statements (`db.driver_write.DriverWriter`) on the pooled
        connection's driver connection, inside SQLAlchemy's transaction (BEGIN IMMEDIATE on
        SQLite): the issue's statements, written once for this and for the bare
        `ticket issue` (`services/tickets/issue_sql.py`). The same retries and errors
        (`db.driver_write.run_retrying`)."""
        from db.driver_write import DriverWriter

        def attempt() -> T:
            with self.engine.connect() as conn:
                with conn.begin():
                    return fn(DriverWriter(conn.connection.driver_connection, self.dialect))

        return self._retrying(attempt, retry_integrity)

    def _retrying(self, attempt_fn: Callable[[], T], retry_integrity: bool) -> T:
        """The one retry of every write (`db.driver_write.run_retrying`): SQLite's attempts
        each wait up to busy_timeout for the lock; once that much time has gone by in total,
        the lock is someone else's for good, and the error says so."""
        from db.driver_write import run_retrying

        return run_retrying(attempt_fn, retry_integrity, self._patience(), self.where)

    def _patience(self) -> float:
        return float(getattr(self.engine, "madoguchi_busy_s", 0.0) or 0.0)

    def bump_revision(self, session: Session | Connection, office_id: str) -> int:
        """+1 on the office's revision (created at 1) and its new value, plus NOTIFY on
        PostgreSQL: the one statement of every change (`revision_sql.py`), run on the unit
        of work's own driver connection inside its transaction (inside the write lock)."""
        from db.driver_write import DriverWriter

        conn = session.connection() if isinstance(session, Session) else session
        writer = DriverWriter(conn.connection.driver_connection, self.dialect)
        return bump_revision(writer, self.dialect, office_id)

    def audit(
        self,
        session: Session,
        at_ms: int,
        actor: str,
        action: str,
        subject: str,
        detail: str | None = None,
        office_id: str | None = None,
    ) -> None:
        """One append-only audit row (the table refuses UPDATE and DELETE, migration 0004)."""
        session.execute(
            insert(AuditEntry).values(
                at_ms=at_ms,
                actor=actor,
                action=action,
                subject=subject,
                detail=detail,
                office_id=office_id,
            )
        )


def session_reader(session: Session) -> DriverReader:
    """The session's own driver connection, inside its transaction, for the plain statements
    shared with the display's bare-driver reads (`services/board_reads.py`)."""
    from db.driver import DriverReader

    conn = session.connection()  # begins the session's transaction: one snapshot
    return DriverReader(conn.connection.driver_connection, conn.dialect.name)


__all__ = [
    "NOTIFY_CHANNEL",
    "UnitOfWork",
    "to_ms",
    "from_ms",
    "session_reader",
    "short_error",
    "func",
    "update",
]
