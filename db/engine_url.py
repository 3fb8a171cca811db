"""A database URL's spelling and the name a connection gives itself: shared by the
SQLAlchemy engine (`db/engine.py`) and the bare-driver reader (`db/driver.py`), and
importable without SQLAlchemy."""

from __future__ import annotations

import os
import sys


def normalize_url(url: str) -> str:
    """Accept `postgres://` and `postgresql://` and use the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def application_name() -> str:
    """'madoguchi <command>' for PostgreSQL's pg_stat_activity (never other arguments: they
    may hold a password)."""
    command = next((a for a in sys.argv[1:] if a and not a.startswith("-")), "")
    name = f"madoguchi {command}".strip() if command.isidentifier() else "madoguchi"
    return f"{name} (pid {os.getpid()})"[:63]
