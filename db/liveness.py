"""Who else is using the database: a restore must not replace data under running programs.

SQLite: every process that has the database file (or its -wal/-shm) open, found in
/proc/<pid>/fd (Linux; processes of other users are not visible without privileges).
PostgreSQL: the other sessions on the database in `pg_stat_activity`; Madoguchi's own
connections name themselves there (`application_name` = "madoguchi <command> (pid N)").
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

_PASSWORD = re.compile(r"://[^@/\s]*@")


def _cmdline(pid: str) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    words = [w.decode("utf-8", "replace") for w in raw.split(b"\0") if w]
    # the program and its first arguments: enough to recognise it, never a password
    shown = " ".join(Path(words[0]).name if i == 0 else w for i, w in enumerate(words[:4]))
    return _PASSWORD.sub("://***@", shown)[:80] or "?"


def sqlite_users(path: Path) -> list[str]:
    """'pid N (command)' of every other process with the database files open."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    try:
        base = path.resolve()
    except OSError:
        return []
    targets = {str(base), f"{base}-wal", f"{base}-shm", f"{base}-journal"}
    own = str(os.getpid())
    found: list[str] = []
    for entry in proc.iterdir():
        pid = entry.name
        if not pid.isdigit() or pid == own:
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target in targets:
                found.append(f"pid {pid} ({_cmdline(pid)})")
                break
    return sorted(found)


def postgres_users(engine: Engine) -> list[str]:
    """The other client sessions connected to this PostgreSQL database."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT pid, coalesce(application_name, ''), coalesce(host(client_addr), "
                "'local') FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend' ORDER BY pid"
            )
        ).all()
    return [f"pid {pid} ({name or '?'} @ {addr})" for pid, name, addr in rows]
