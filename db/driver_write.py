"""Writing on the bare driver (sqlite3, psycopg), without SQLAlchemy: the issue of a ticket.

Why: a kiosk calls `madoguchi ticket issue ... --json` for every visitor, and loading
SQLAlchemy, SQLModel and pydantic for its handful of statements cost that command about a
second (docs/benchmarks.md, "`ticket issue` without the ORM"). The statements of an issue
are written once in plain SQL (`queue_app/services/tickets/issue_sql.py`) and run on a
DB-API connection: the full services hand them their pooled connection's driver connection
inside SQLAlchemy's transaction (`UnitOfWork.write_plain`), the `ticket issue` command a
bare connection of its own (`DriverDatabase`).

`DriverDatabase` opens what `db.engine.make_engine(url)` opens for writing: SQLite in WAL
with `busy_timeout`, `foreign_keys` and `BEGIN IMMEDIATE` for a write (deferred `BEGIN` for
a read); PostgreSQL with the program's `application_name`, one transaction per unit of work.
`run_retrying` is the one retry of every write (`UnitOfWork`'s and this module's): a busy/locked database is tried again
(bounded, with back-off, within the busy timeout), a unique violation is tried again when the
caller asks (an issue's request-id replay), and every failure becomes the same
`DatabaseError` (`err.db_locked`, `err.db_unwritable`, `err.db_unavailable`).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from db.driver import (
    BUSY_TIMEOUT_MS,
    DatabaseAddress,
    DriverReader,
    as_database_error,
    for_psycopg,
    is_driver_error,
)
from queue_app.domain.errors import DatabaseError

T = TypeVar("T")
MAX_ATTEMPTS = 5


class DriverWriter:
    """Runs plain statements (`:name` parameters) on one DB-API connection inside the
    caller's transaction. The driver's own exceptions pass unchanged: the unit of work
    decides what a unique violation or a locked database means (`run_retrying`)."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect

    def _bound(self, sql: str, params: Mapping[str, object] | None) -> tuple[str, dict[str, Any]]:
        values = dict(params or {})
        if self.dialect == "sqlite":
            for key, value in values.items():
                if isinstance(value, date) and not isinstance(value, datetime):
                    values[key] = value.isoformat()  # as SQLAlchemy stores a Date
            return sql, values
        return for_psycopg(sql), values

    def rows(self, sql: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        sql, values = self._bound(sql, params)
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, values)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def execute(self, sql: str, params: Mapping[str, object] | None = None) -> None:
        sql, values = self._bound(sql, params)
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, values)
        finally:
            cursor.close()


# -- what a failure means (the driver's exception, or SQLAlchemy's wrapping of it) --------
def _orig(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def _kinds(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(_orig(exc)).__mro__}


def is_integrity(exc: BaseException) -> bool:
    return "IntegrityError" in _kinds(exc)


def is_operational(exc: BaseException) -> bool:
    return "OperationalError" in _kinds(exc)


def is_busy(exc: BaseException) -> bool:
    text = str(_orig(exc)).lower()
    return "locked" in text or "busy" in text or "deadlock" in text or "could not serialize" in text


def is_read_only(exc: BaseException) -> bool:
    text = str(_orig(exc)).lower()
    return "readonly" in text or "read-only" in text or "permission denied" in text


def short_error(exc: BaseException) -> str:
    lines = str(_orig(exc)).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _is_database_failure(exc: BaseException) -> bool:
    """The driver's error, bare or wrapped by SQLAlchemy (a `DBAPIError` carries it in
    `orig`); SQLAlchemy's own errors (a misuse of its API) are programming errors and pass
    unchanged."""
    return is_driver_error(_orig(exc)) or (
        type(exc).__module__.startswith("sqlalchemy") and hasattr(exc, "orig")
    )


def run_retrying(
    attempt_fn: Callable[[], T], retry_integrity: bool, patience_s: float, where: str
) -> T:
    """`attempt_fn` (one transaction) with `UnitOfWork.write_core`'s retries and errors."""
    delay = 0.02
    started = time.monotonic()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return attempt_fn()
        except DatabaseError:
            raise
        except Exception as exc:
            if not _is_database_failure(exc):
                raise  # a programming error or the domain's refusal: as it is
            if is_integrity(exc):
                if retry_integrity and attempt < MAX_ATTEMPTS:
                    time.sleep(delay)
                    continue
                raise DatabaseError("err.db_unavailable", problem=short_error(exc)) from None
            if is_operational(exc) and is_busy(exc):
                waited_enough = patience_s and time.monotonic() - started >= patience_s
                if attempt < MAX_ATTEMPTS and not waited_enough:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise DatabaseError("err.db_locked", problem=short_error(exc)) from None
            if getattr(exc, "connection_invalidated", False) and attempt < MAX_ATTEMPTS:
                continue
            if is_read_only(exc):
                raise DatabaseError(
                    "err.db_unwritable", path=where, problem=short_error(exc)
                ) from None
            raise DatabaseError("err.db_unavailable", problem=short_error(exc)) from None
    raise DatabaseError("err.db_locked", problem="retries exhausted")  # pragma: no cover


class DriverDatabase:
    """A read-write unit of work on one bare driver connection (a short-lived command's):
    `write_plain(fn)` runs `fn(DriverWriter)` in one write transaction with the retries of
    `run_retrying`; `read_plain()` is one read transaction for `DriverReader` statements."""

    def __init__(self, address: DatabaseAddress, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.address = address
        self.dialect = address.dialect
        self.busy_timeout_ms = busy_timeout_ms
        # where the data lives, for messages (never the password)
        self.where = (
            address.path
            if self.dialect == "sqlite"
            else re.sub(r"(//[^:@/]*):[^@]*@", r"\1:***@", address.conninfo)
        )
        self._conn: Any = None

    def connection(self) -> Any:
        if self._conn is None:
            try:
                self._conn = (
                    connect_sqlite_rw(self.address.path, self.busy_timeout_ms)
                    if self.dialect == "sqlite"
                    else connect_postgres_rw(self.address.conninfo)
                )
            except Exception as exc:
                raise as_database_error(exc) from None
        return self._conn

    def write_plain(self, fn: Callable[[DriverWriter], T], retry_integrity: bool = False) -> T:
        def attempt() -> T:
            conn = self.connection()
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(DriverWriter(conn, "sqlite"))
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                return result
            with conn.transaction():
                return fn(DriverWriter(conn, "postgresql"))

        return run_retrying(attempt, retry_integrity, self.busy_timeout_ms / 1000, self.where)

    @contextmanager
    def read_plain(self) -> Iterator[DriverReader]:
        conn = self.connection()
        try:
            if self.dialect == "sqlite":
                conn.execute("BEGIN")
                try:
                    yield DriverReader(conn, "sqlite")
                finally:
                    conn.execute("COMMIT")
            else:
                with conn.transaction():
                    yield DriverReader(conn, "postgresql")
        except Exception as exc:
            raise as_database_error(exc) from None

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already broken: nothing more to release
                pass


def connect_sqlite_rw(path: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A read-write sqlite3 connection set up as `make_engine` sets up its connections
    (autocommit mode: the unit of work says BEGIN / BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def connect_postgres_rw(conninfo: str) -> Any:
    """A psycopg connection in autocommit mode (each unit of work opens its transaction)."""
    import psycopg

    from db.engine_url import application_name

    return psycopg.connect(
        conninfo, autocommit=True, connect_timeout=5, application_name=application_name()
    )
