"""Apply and check schema migrations (Alembic), without an alembic.ini on disk.

`upgrade(engine)` brings any database to the newest schema; a second run changes nothing.
`check(engine)` refuses a database that is older (run `madoguchi db upgrade`) or newer than
this program (a newer Madoguchi wrote it: upgrade the program, never guess).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from db.engine import read_engine
from db.schema_head import MIGRATIONS, quick_head
from queue_app.domain.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig


def _alembic_config() -> AlembicConfig:
    # Alembic (and the migration scripts it loads) costs ~150-300 ms: every command checks
    # the schema at start-up, so the usual case (up to date) is answered without it
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The schema revision, read in a read transaction (deferred BEGIN on SQLite): the
    start-up check of every command must not wait for another process's write lock."""
    from alembic.runtime.migration import MigrationContext

    with read_engine(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """`alembic_version` read with one plain SELECT (no Alembic import); None when the table
    is missing or holds no single row (Alembic then says what is wrong)."""
    try:
        with read_engine(engine).connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except DBAPIError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def check(engine: Engine) -> str:
    """Return the revision, or raise a clear DatabaseError when it does not fit."""
    head = quick_head()
    if head is not None and _stored_revision(engine) == head:
        return head  # the usual case, without Alembic
    from alembic.script import ScriptDirectory

    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        raise _access_error(engine, exc) from None
    script = ScriptDirectory.from_config(_alembic_config())
    if current is None:
        raise DatabaseError("err.db_not_initialized")
    try:
        script.get_revision(current)
    except Exception:
        raise DatabaseError("err.db_newer", revision=current, head=head_revision()) from None
    if current != head_revision():
        raise DatabaseError("err.db_outdated", revision=current, head=head_revision())
    return current


def upgrade(engine: Engine) -> str:
    from alembic import command
    from alembic.script import ScriptDirectory

    current = None
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        raise _access_error(engine, exc) from None
    script = ScriptDirectory.from_config(_alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseError("err.db_newer", revision=current, head=head_revision()) from None
    cfg = _alembic_config()
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            # SQLite rebuilds a table to change a constraint; foreign keys pointing at it
            # must be off meanwhile, and that pragma only works outside a transaction.
            if sqlite:
                _pragma(conn, "PRAGMA foreign_keys = OFF")
            try:
                with conn.begin():
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if broken:
                            raise DatabaseError(
                                "err.db_unavailable",
                                problem=f"foreign key check failed after migration: {broken[:3]}",
                            )
            finally:
                if sqlite:
                    _pragma(conn, "PRAGMA foreign_keys = ON")
    except DBAPIError as exc:
        raise _access_error(engine, exc) from None
    return head_revision()


def upgrade_in(conn: Connection) -> str | None:
    """Bring the schema on `conn` to the newest inside the caller's open transaction
    (PostgreSQL: DDL is transactional, so a restore's data, upgrade and high-water mark
    commit together); the revision upgraded to, None when it was already the newest. A
    schema newer than this program is refused (and the caller's transaction with it)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = head_revision()
    current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseError("err.db_newer", revision=current, head=head) from None
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
    return head


def _access_error(engine: Engine, exc: DBAPIError) -> DatabaseError:
    """What went wrong opening the database, in words: not a database, locked, read-only,
    or unreachable."""
    text = _short(exc).lower()
    if engine.dialect.name == "sqlite":
        path = str(engine.url.database)
        if "not a database" in text or "malformed" in text or "encrypted" in text:
            return DatabaseError("err.db_not_database", path=path, problem=_short(exc))
        if "locked" in text or "busy" in text:
            return DatabaseError("err.db_locked", problem=_short(exc))
        if _cannot_write(exc):
            return DatabaseError("err.db_unwritable", path=path, problem=_short(exc))
    return DatabaseError("err.db_unavailable", problem=_short(exc))


def _cannot_write(exc: Exception) -> bool:
    text = _short(exc).lower()
    return "unable to open" in text or "readonly" in text or "read-only" in text


def _pragma(conn: Connection, statement: str) -> None:
    """Run a pragma on the driver connection, outside any transaction."""
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.execute(statement)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__
