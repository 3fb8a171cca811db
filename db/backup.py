"""Backups and restores: `madoguchi db backup --out FILE`, `madoguchi db restore --from FILE`.

SQLite: the sqlite3 online backup API copies the database page by page inside a read
transaction, so the copy is consistent even while reception terminals keep writing (with
WAL, writers are not blocked; the backup restarts its pass only if a page it copied changes
through another connection, which WAL readers never see). The copy is written to a
temporary file next to the target and renamed into place, so a failed backup never leaves
half a file under the requested name. Restore checks the file (a SQLite database, integrity
"ok", a Madoguchi schema this program knows) and copies it back with the same API into the
configured database: every connection sees the restored content at once.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, run with the
password in the environment (PGPASSWORD), never on the command line where `ps` shows it.
When those tools are not installed, a clear message says what to install and run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy.engine import URL, make_url

from db.engine import normalize_url
from queue_app.domain.errors import DatabaseError, InputError, SetupError

PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupResult:
    kind: str  # sqlite | postgresql
    path: Path
    size: int
    revision: str | None


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL, None for other databases."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise DatabaseError("err.db_url", url=url, problem="use a file")
    return Path(parsed.database).expanduser()


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _private_part(out: Path) -> Path:
    """`FILE.part`, created empty with mode 0600 (a backup holds personal data), after
    checking that FILE can be written at all; a clear message when it cannot."""
    try:
        if out.is_dir():
            raise SetupError("err.backup_unwritable", path=str(out), problem="is a folder")
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise SetupError(
            "err.backup_unwritable", path=str(out), problem=exc.strerror or str(exc)
        ) from None
    except ValueError as exc:  # a NUL byte in the path
        raise SetupError("err.backup_unwritable", path=str(out), problem=str(exc)) from None
    return tmp


def _replace(tmp: Path, out: Path) -> None:
    try:
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SetupError(
            "err.backup_unwritable", path=str(out), problem=exc.strerror or str(exc)
        ) from None


def backup_sqlite(source: Path, out: Path, force: bool = False) -> BackupResult:
    if not source.exists():
        raise DatabaseError("err.db_missing", path=str(source))
    out = out.expanduser()
    if out.exists() and not out.is_dir() and not force:
        raise InputError("err.backup_exists", path=str(out))
    if out.exists() and out.resolve() == source.resolve():
        raise InputError("err.backup_same_file", path=str(out))
    tmp = _private_part(out)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst, pages=PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            revision = _revision(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError("err.backup_failed", path=str(out), problem=str(exc)) from None
    finally:
        src.close()
    _replace(tmp, out)
    return BackupResult("sqlite", out, out.stat().st_size, revision)


def known_revisions() -> set[str]:
    """Every schema revision this program can read or upgrade from."""
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATIONS

    return {rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def check_backup_file(path: Path) -> str | None:
    """A readable SQLite file with integrity 'ok'; returns its schema revision."""
    if not path.exists():
        raise InputError("err.restore_missing", path=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            revision = _revision(conn)
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError("err.restore_not_sqlite", path=str(path), problem=str(exc)) from None
    if not result or result[0] != "ok":
        raise InputError("err.restore_corrupt", path=str(path), problem=str(result))
    if "ticket" not in tables or revision is None:
        raise InputError("err.restore_not_madoguchi", path=str(path))
    return revision


def restore_sqlite(backup: Path, target: Path, known: set[str] | None = None) -> BackupResult:
    """Copy `backup` over the database at `target` (the caller has asked for confirmation)."""
    backup = backup.expanduser()
    revision = check_backup_file(backup)
    known = known if known is not None else known_revisions()
    if revision not in known:
        raise DatabaseError("err.db_newer", revision=revision, head=max(known))
    if target.exists() and backup.resolve() == target.resolve():
        raise InputError("err.backup_same_file", path=str(backup))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():  # a database holds personal data: 0600 from the start
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            dst.execute("PRAGMA busy_timeout = 30000")
            src.backup(dst, pages=PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode = WAL")
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise DatabaseError("err.restore_failed", path=str(target), problem=str(exc)) from None
    finally:
        src.close()
    return BackupResult("sqlite", target, target.stat().st_size, revision)


# -- PostgreSQL -------------------------------------------------------------------------------


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    parsed: URL = make_url(normalize_url(url))
    args = []
    if parsed.host:
        args += ["--host", parsed.host]
    if parsed.port:
        args += ["--port", str(parsed.port)]
    if parsed.username:
        args += ["--username", parsed.username]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return args, env


def _dbname(url: str) -> str:
    return make_url(normalize_url(url)).database or ""


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError("err.pg_tool_missing", tool=name)
    return found


def backup_postgres(url: str, out: Path, force: bool = False) -> BackupResult:
    out = out.expanduser()
    if out.exists() and not force:
        raise InputError("err.backup_exists", path=str(out))
    tool = pg_tool("pg_dump")
    args, env = _pg_args(url)
    tmp = _private_part(out)  # pg_dump truncates it and keeps the mode
    cmd = [tool, *args, "--format=custom", "--no-password", "--file", str(tmp), _dbname(url)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        problem = (proc.stderr or proc.stdout).strip().splitlines()
        raise DatabaseError(
            "err.backup_failed", path=str(out), problem=problem[-1] if problem else "pg_dump"
        )
    _replace(tmp, out)
    return BackupResult("postgresql", out, out.stat().st_size, None)


@contextmanager
def postgres_script(backup: Path, target: str) -> Iterator[Iterator[str]]:
    """The backup as the SQL script `pg_restore` writes (`--clean --if-exists --no-owner`,
    no database needed), line by line as it comes (`db.pg_script` runs it inside the
    restore's transaction). A backup pg_restore cannot read raises `err.restore_failed`
    when the lines are done, so the caller's transaction is rolled back."""
    backup = backup.expanduser()
    if not backup.exists():
        raise InputError("err.restore_missing", path=str(backup))
    tool = pg_tool("pg_restore")
    cmd = [tool, "--clean", "--if-exists", "--no-owner", "--file", "-", str(backup)]
    with tempfile.TemporaryFile() as errors:  # a pipe nobody reads could fill and block it
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, encoding="utf-8")
        assert proc.stdout is not None
        try:
            yield _lines_then_check(proc, errors, target)
        finally:
            proc.stdout.close()
            if proc.poll() is None:
                proc.kill()
            proc.wait()


def _lines_then_check(proc: subprocess.Popen[str], errors: IO[bytes], target: str) -> Iterator[str]:
    assert proc.stdout is not None
    yield from proc.stdout
    if proc.wait() != 0:
        errors.seek(0)
        problem = errors.read().decode("utf-8", "replace").strip().splitlines()
        raise DatabaseError(
            "err.restore_failed",
            path=target,
            problem=problem[-1] if problem else "pg_restore",
        )


def backup(url: str, out: Path, force: bool = False) -> BackupResult:
    path = sqlite_path(url)
    if path is not None:
        return backup_sqlite(path, out, force)
    return backup_postgres(url, out, force)
