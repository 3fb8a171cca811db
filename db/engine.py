"""`make_engine(url)`: the one place that knows SQLite and PostgreSQL differ.

SQLite: WAL, `busy_timeout`, `foreign_keys` on every connection, and `BEGIN IMMEDIATE`
for write transactions so two terminals never deadlock upgrading a read lock. Reads can
use `read_engine(engine)` (deferred BEGIN). A read-only engine (`read_only=True`) opens the
file with `mode=ro`: the waiting-room display cannot write even by mistake.
PostgreSQL: psycopg 3, pre-ping, short connect timeout.

A SQLite URL whose folder does not exist can be refused (`create_folder=False`, what the
CLI does for a URL the user gave: a typo must not create a new empty database); a new
database file is created with mode 0600 (it may hold personal
data). A read-only engine also installs an authorizer that refuses ATTACH, so nothing
running inside the display can open another (writable) database through it.
PostgreSQL sessions carry `application_name` = "madoguchi <command>", so a restore can
name the processes still connected.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError

from db.driver import inode, refuse_attach
from db.engine_url import application_name, normalize_url
from queue_app.domain.errors import DatabaseError, DatabaseUrlError, SetupError

BUSY_TIMEOUT_MS = 5000


def make_engine(
    url: str,
    *,
    read_only: bool = False,
    synchronous: str = "NORMAL",
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    echo: bool = False,
    create_folder: bool = True,
    create_file: bool = True,
) -> Engine:
    """`create_folder=False`: a SQLite URL whose folder is missing is an error (the CLI
    passes it for a URL the user typed: a typo must not create an empty database).
    `create_file=False`: a SQLite file that does not exist is an error and is not created
    (every command but `init` and `db upgrade`: reading a typo'd path must leave no empty
    file behind)."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DatabaseUrlError("err.db_url", url=url, problem=str(exc)) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(
            url,
            parsed.database,
            read_only,
            synchronous,
            busy_timeout_ms,
            echo,
            create_folder,
            create_file,
        )
    if parsed.get_backend_name() == "postgresql":
        args: dict[str, Any] = {"connect_timeout": 5, "application_name": application_name()}
        if read_only:
            args["options"] = "-c default_transaction_read_only=on"
        return create_engine(
            url, pool_pre_ping=True, connect_args=args, echo=echo, pool_size=5, max_overflow=5
        )
    raise DatabaseUrlError(
        "err.db_url", url=url, problem="only sqlite:/// and postgresql:// are supported"
    )


def _sqlite_engine(
    url: str,
    database: str | None,
    read_only: bool,
    synchronous: str,
    busy_timeout_ms: int,
    echo: bool,
    create_folder: bool = True,
    create_file: bool = True,
) -> Engine:
    if not database or database == ":memory:":
        raise DatabaseUrlError(
            "err.db_url", url=url, problem="use a file: several processes share it"
        )
    path = Path(database).expanduser()
    if read_only:
        if not path.exists():
            raise DatabaseError("err.db_missing", path=str(path))
        # pooled: a display reads the board several times a second after a change, and a
        # new connection per read cost a third of each snapshot. A pooled connection is
        # checked out only while its file is still the one it opened (same inode): a
        # database moved away or replaced (restore) is opened afresh, or reported missing.
        engine = create_engine(
            f"sqlite:///file:{path}?mode=ro&uri=true",
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            pool_size=2,
            max_overflow=8,
            echo=echo,
        )
        _reopen_when_replaced(engine, path)
    else:
        _prepare_file(path, create_folder, create_file)
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            echo=echo,
        )
    # how long one write may wait for another process's lock, in total (UnitOfWork)
    setattr(engine, "madoguchi_busy_s", busy_timeout_ms / 1000)  # noqa: B010
    sync = synchronous.upper()
    if sync not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise DatabaseUrlError("err.db_url", url=url, problem=f"bad synchronous mode {synchronous}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if read_only:
            dbapi_conn.set_authorizer(refuse_attach)
        else:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute(f"PRAGMA synchronous = {sync}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        reading = read_only or conn.get_execution_options().get("madoguchi_read", False)
        statement = "BEGIN" if reading else "BEGIN IMMEDIATE"
        # straight to the driver (this runs once per transaction: the hot path), with its
        # errors ("database is locked") wrapped like any statement's
        try:
            conn.connection.driver_connection.execute(statement)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(
                statement, (), exc, sqlite3.Error, dialect=conn.dialect
            ) from exc

    return engine


def _reopen_when_replaced(engine: Engine, path: Path) -> None:
    @event.listens_for(engine, "connect")
    def _remember(_dbapi_conn: Any, record: Any) -> None:
        record.info["inode"] = inode(path)

    @event.listens_for(engine, "checkout")
    def _still_there(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if inode(path) != record.info.get("inode"):
            raise DisconnectionError("the database file was moved or replaced")


def _prepare_file(path: Path, create_folder: bool, create_file: bool = True) -> None:
    """Refuse a missing folder or file (unless asked to create them); create a new file
    as 0600."""
    if not path.parent.is_dir():
        if not create_folder:
            raise SetupError("err.db_folder_missing", folder=str(path.parent))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                "err.db_unwritable", path=str(path), problem=exc.strerror or str(exc)
            ) from None
    if not path.exists():
        if not create_file:
            raise DatabaseError("err.db_missing", path=str(path))
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        except OSError:
            pass  # refused when first used, with SQLite's own words (db.migrate, uow)


def read_engine(engine: Engine) -> Engine:
    """The same pool, but transactions begin DEFERRED on SQLite (for pure reads)."""
    return engine.execution_options(madoguchi_read=True)


__all__ = ["application_name", "make_engine", "normalize_url", "read_engine"]
