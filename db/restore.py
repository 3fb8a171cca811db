"""`madoguchi db restore`: replace the database with a backup without ever handing out a
number, an id or a token twice.

1. The backup is checked (db.backup) before anything is touched.
2. Nobody else may be using the database: the processes that have the SQLite file open, or
   the other sessions on the PostgreSQL database, are named and the restore stops
   (db.liveness). A restore under a running reception would mix two histories.
3. The high-water mark (last number per counter and day, last id per table) is read from
   the database being replaced (db.highwater). If it cannot be read (the file is gone or
   damaged) the numbers issued since the backup are unknown: refused unless `force`.
4. The backup is copied in (SQLite backup API / pg_restore), brought to the current schema
   (an older backup is upgraded), and the mark is applied on top: numbering continues above
   the highest number ever issued, ids continue above the highest id ever used.
   SQLite: all of this happens in a staging file beside the database (`<name>.restoring`),
   which then replaces it in one rename: a restore killed before the mark is applied leaves
   the old database, which still knows every number (run the restore again).
   PostgreSQL: all of this is ONE transaction (the backup's script run on our connection,
   `db.pg_script`): a failure or a kill at any point leaves the old database whole.

Proved by tests/test_faults_restore.py (SQLite and PostgreSQL).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from db import backup as files
from db import highwater, liveness
from db.engine import make_engine
from queue_app.domain.errors import DatabaseError, MadoguchiError


@dataclass(frozen=True)
class RestoreResult:
    kind: str  # sqlite | postgresql
    revision: str | None  # the backup's schema revision (None: not known, PostgreSQL)
    upgraded_to: str | None  # the revision it was upgraded to, if it was older
    counters_raised: int
    ids_raised: int


def _short(exc: Exception) -> str:
    if isinstance(exc, MadoguchiError):
        return exc.key
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def _read_mark(engine: Engine, target: str, force: bool) -> highwater.HighWater | None:
    """The mark of the database about to be replaced (an empty database has none); None
    when it cannot be read and `force` says to go ahead anyway."""
    try:
        if "daily_counter" not in inspect(engine).get_table_names():
            return highwater.HighWater()  # a new, empty database: nothing was issued
        return highwater.read(engine)
    except Exception as exc:  # unreadable: what it issued is unknown
        if force:
            return None
        raise DatabaseError(
            "err.restore_unknown_high_water", target=target, problem=_short(exc)
        ) from None


def _finish(engine: Engine, mark: highwater.HighWater) -> tuple[str | None, int, int]:
    """Bring the restored database to the current schema, then apply the mark."""
    from db.migrate import current_revision, head_revision, upgrade

    upgraded = None
    if current_revision(engine) != head_revision():
        upgraded = upgrade(engine)
    counters, ids = highwater.apply(engine, mark)
    return upgraded, counters, ids


def restore(url: str, source: Path, *, force: bool = False) -> RestoreResult:
    source = source.expanduser()
    target = files.sqlite_path(url)
    if target is not None:
        return _restore_sqlite(url, source, target, force)
    return _restore_postgres(url, source, force)


def _set_aside(target: Path) -> None:
    """Rename a database that cannot be read (and its -wal/-shm) to `<name>.unreadable-<time>`."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{target}{suffix}")
        if path.exists():
            path.rename(Path(f"{target}.unreadable-{stamp}{suffix}"))


def _restore_sqlite(url: str, source: Path, target: Path, force: bool) -> RestoreResult:
    revision = files.check_backup_file(source)
    known = files.known_revisions()
    if revision not in known:
        raise DatabaseError("err.db_newer", revision=revision, head=max(known))
    if target.exists() and source.resolve() == target.resolve():
        from queue_app.domain.errors import InputError

        raise InputError("err.backup_same_file", path=str(source))
    users = liveness.sqlite_users(target)
    if users:
        raise DatabaseError("err.restore_live", target=str(target), processes="; ".join(users))
    if target.exists():
        engine = make_engine(url)
        try:
            read = _read_mark(engine, str(target), force)
        finally:
            engine.dispose()
        if read is None:  # forced over a damaged file: keep it aside, never delete it
            _set_aside(target)
        mark = read or highwater.HighWater()
    elif force:
        mark = highwater.HighWater()
    else:
        raise DatabaseError(
            "err.restore_unknown_high_water", target=str(target), problem="file not found"
        )
    staging = target.with_name(f"{target.name}.restoring")
    _remove(staging)  # left by a restore that was killed
    try:
        files.restore_sqlite(source, staging, known)
        engine = make_engine(f"sqlite:///{staging}")
        try:
            upgraded, counters, ids = _finish(engine, mark)
        finally:
            engine.dispose()
        _swap_in(staging, target, known)
    except BaseException:
        _remove(staging)
        raise
    return RestoreResult("sqlite", revision, upgraded, counters, ids)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _swap_in(staging: Path, target: Path, known: set[str]) -> None:
    """Copy the finished `staging` file over `target` with the backup API: one write
    transaction on the target, so a restore killed here leaves the old database whole.
    The staging file leaves WAL mode first, so it is one self-contained file."""
    try:
        conn = sqlite3.connect(staging, timeout=30)
        try:
            conn.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError("err.restore_failed", path=str(target), problem=str(exc)) from None
    files.restore_sqlite(staging, target, known)
    _remove(staging)


def _restore_postgres(url: str, source: Path, force: bool) -> RestoreResult:
    """One transaction on the database: the backup's script (`db.pg_script`), the schema
    upgrade and the high-water mark commit together, or nothing does (a failure anywhere,
    a killed process, leaves the old database whole: run the restore again)."""
    if not source.exists():
        from queue_app.domain.errors import InputError

        raise InputError("err.restore_missing", path=str(source))
    files.pg_tool("pg_restore")
    engine = make_engine(url)
    target = engine.url.render_as_string(hide_password=True)
    try:
        try:
            users = liveness.postgres_users(engine)
        except Exception as exc:
            raise DatabaseError("err.db_unavailable", problem=_short(exc)) from None
        if users:
            raise DatabaseError("err.restore_live", target=target, processes="; ".join(users))
        mark = _read_mark(engine, target, force) or highwater.HighWater()
        from db.migrate import upgrade_in
        from db.pg_script import run_restore_script

        name = engine.url.database or target
        try:
            with engine.connect() as conn, conn.begin():
                with files.postgres_script(source, name) as lines:
                    run_restore_script(conn, lines)
                upgraded = upgrade_in(conn)
                counters, ids = highwater.apply_on(conn, mark)
        except MadoguchiError:
            raise  # already says what is wrong (a newer backup, a backup pg_restore refused)
        except Exception as exc:  # the driver's: the transaction was rolled back, say why
            raise DatabaseError("err.restore_failed", path=name, problem=_short(exc)) from None
    finally:
        engine.dispose()
    return RestoreResult("postgresql", None, upgraded, counters, ids)
