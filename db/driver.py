"""Reading the database on the bare driver (sqlite3, psycopg), without SQLAlchemy.

Why: the waiting-room display only ever reads a handful of small statements, yet loading
SQLAlchemy, SQLModel and pydantic for them cost it about a second of start-up and 35 MiB of
memory for the whole day (docs/benchmarks.md, "The display without the ORM"). A display
process reads through `open_read_only(url)` instead; the full services run the very same
statements on their session's own driver connection (`DriverReader` over it), so every
statement is written once (`queue_app/services/board_reads.py`).

The statements use `:name` parameters (sqlite3's named style); for psycopg they are turned
into `%(name)s` once per statement. A `date` parameter is bound as SQLite stores a `Date`
column (ISO text, as SQLAlchemy writes it) or as a date on PostgreSQL.

`open_read_only` opens what `db.engine.make_engine(url, read_only=True)` opens: SQLite with
`mode=ro` and an authorizer refusing ATTACH, reopened when the file was moved or replaced
(a restore); PostgreSQL with `default_transaction_read_only` and the program's
`application_name`. A lost connection is a `DatabaseError("err.db_unavailable")`; the next
read connects afresh.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from queue_app.domain.errors import DatabaseError, DatabaseUrlError

BUSY_TIMEOUT_MS = 5000
# PostgreSQL: every revision bump also sends `NOTIFY madoguchi_revision, '<office>'` in its
# own transaction (`UnitOfWork.bump_revision`), so a listener (`services/feed.py`) hears of a
# change only once it is committed, and never of one that was rolled back
NOTIFY_CHANNEL = "madoguchi_revision"
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@dataclass(frozen=True)
class DatabaseAddress:
    """Where the data lives: a SQLite file, or a PostgreSQL conninfo for psycopg."""

    dialect: str  # "sqlite" | "postgresql"
    path: str = ""  # SQLite
    conninfo: str = ""  # PostgreSQL (a libpq URI, password included: never shown)

    @classmethod
    def parse(cls, url: str) -> DatabaseAddress:
        """The same reading of a URL as SQLAlchemy's `make_url` for the two forms Madoguchi
        accepts (tests/test_driver_reads.py compares them)."""
        from db.engine_url import normalize_url

        url = normalize_url(url)
        if url.startswith("sqlite:///"):
            path = unquote(url[len("sqlite:///") :].split("?", 1)[0])
            if path.startswith("file:"):  # the URI form a read-only engine uses (mode=ro)
                path = path[len("file:") :]
            if not path or path == ":memory:":
                raise DatabaseUrlError(
                    "err.db_url", url=url, problem="use a file: several processes share it"
                )
            return cls("sqlite", path=os.path.expanduser(path))
        if url.startswith("postgresql+psycopg://"):
            return cls("postgresql", conninfo="postgresql://" + url[len("postgresql+psycopg://") :])
        raise DatabaseUrlError(
            "err.db_url", url=url, problem="only sqlite:/// and postgresql:// are supported"
        )


@lru_cache(maxsize=256)
def for_psycopg(sql: str) -> str:
    """`:name` → `%(name)s` outside string literals, and a literal `%` doubled."""
    parts = sql.split("'")
    for i in range(0, len(parts), 2):  # even parts are outside quotes
        parts[i] = _PARAM.sub(r"%(\1)s", parts[i].replace("%", "%%"))
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].replace("%", "%%")
    return "'".join(parts)


class DriverReader:
    """Runs plain statements on one DB-API connection and gives the driver's tuples."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect

    def rows(self, sql: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        values = dict(params or {})
        if self.dialect == "sqlite":
            for key, value in values.items():
                if isinstance(value, date) and not isinstance(value, datetime):
                    values[key] = value.isoformat()
        else:
            sql = for_psycopg(sql)
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, values)
            return [tuple(row) for row in cursor.fetchall()]
        except Exception as exc:
            raise as_database_error(exc) from None
        finally:
            cursor.close()


def as_database_error(exc: Exception) -> Exception:
    """The one translation of a driver's failure into what a face shows
    (`err.db_unavailable` with the driver's first line); anything else (a DatabaseError
    already, a programming error) is returned unchanged, to be raised as it is."""
    if isinstance(exc, DatabaseError) or not is_driver_error(exc):
        return exc
    return DatabaseError("err.db_unavailable", problem=_first_line(exc))


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class ReadOnlyDatabase:
    """One kept read-only connection, opened on first use and again after it failed or
    its SQLite file was replaced. `reading()` is one transaction (one snapshot)."""

    def __init__(self, address: DatabaseAddress, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.address = address
        self.busy_timeout_ms = busy_timeout_ms
        self._conn: Any = None
        self._inode: int | None = None
        self._lock = threading.RLock()
        self._depth = 0  # readings open in the thread holding the lock

    @contextmanager
    def reading(self) -> Iterator[DriverReader]:
        """One transaction; a reading inside another (same thread) joins the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield DriverReader(self._conn, self.address.dialect)
                finally:
                    self._depth -= 1
                return
            conn = self._connection()
            self._depth = 1
            try:
                if self.address.dialect == "sqlite":
                    conn.execute("BEGIN")
                    try:
                        yield DriverReader(conn, "sqlite")
                    finally:
                        conn.execute("COMMIT")
                else:
                    with conn.transaction():
                        yield DriverReader(conn, "postgresql")
            except Exception as exc:
                error = as_database_error(exc)
                if error is exc and not isinstance(exc, DatabaseError):
                    raise  # not the database's failure: the connection is still good
                self._drop()
                raise error from None
            finally:
                self._depth = 0

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _connection(self) -> Any:
        if self._conn is not None and self.address.dialect == "sqlite":
            if inode(self.address.path) != self._inode:  # moved away or replaced
                self._drop()
        if self._conn is None:
            try:
                self._conn = self._open()
            except Exception as exc:
                raise as_database_error(exc) from None
        return self._conn

    def _open(self) -> Any:
        if self.address.dialect == "sqlite":
            path = self.address.path
            if not os.path.exists(path):
                raise DatabaseError("err.db_missing", path=path)
            self._inode = inode(path)
            return connect_sqlite(path, self.busy_timeout_ms)
        return connect_postgres(self.address.conninfo)

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already broken: nothing more to release
                pass


def connect_sqlite(path: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A read-only sqlite3 connection in autocommit mode (the caller says BEGIN), usable from
    the worker threads that take turns with it, refusing ATTACH."""
    conn = sqlite3.connect(
        f"file:{path}?mode=ro",
        uri=True,
        timeout=busy_timeout_ms / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.set_authorizer(refuse_attach)
    return conn


def connect_postgres(conninfo: str) -> Any:
    """A read-only psycopg connection in autocommit mode (the caller opens transactions)."""
    import psycopg

    from db.engine_url import application_name

    return psycopg.connect(
        conninfo,
        autocommit=True,
        connect_timeout=5,
        application_name=application_name(),
        options="-c default_transaction_read_only=on",
    )


def is_driver_error(exc: BaseException) -> bool:
    """Raised by sqlite3 or psycopg (an unreachable server, a locked or broken file)."""
    if isinstance(exc, sqlite3.Error):
        return True
    module = type(exc).__module__
    return module.startswith("psycopg")


def inode(path: str | os.PathLike[str]) -> int | None:
    """The file's inode number, None when it is not there: a kept SQLite connection
    compares it to notice a file moved away or replaced (a restore) under it."""
    try:
        return os.stat(path).st_ino if path else None
    except OSError:
        return None


def refuse_attach(action: int, *_args: object) -> int:
    """sqlite3 authorizer of read-only connections: no ATTACH/DETACH, everything else as
    the `mode=ro` connection allows."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def open_read_only(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> ReadOnlyDatabase:
    """A read-only database for `url`; a SQLite file that does not exist is refused now."""
    address = DatabaseAddress.parse(url)
    if address.dialect == "sqlite" and not os.path.exists(address.path):
        raise DatabaseError("err.db_missing", path=address.path)
    return ReadOnlyDatabase(address, busy_timeout_ms)
