"""The newest schema revision, read from the migration scripts' own lines without Alembic or
SQLAlchemy: every command checks the schema at start-up, and the display checks it on the
bare driver (`queue_app/services/board_source.py`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|None)', re.M)


@lru_cache(maxsize=1)
def quick_head() -> str | None:
    """The head revision read from the scripts' own `revision` / `down_revision` lines,
    without Alembic: the one revision no other script names as its parent (None when the
    scripts do not say it plainly; then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(
            (key, value or None) for key, value in _REVISION_LINE.findall(script.read_text("utf-8"))
        )
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(str(found["revision"]))
        if found["down_revision"]:
            parents.add(str(found["down_revision"]))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
