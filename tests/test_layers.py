"""The layers: domain, db and services never import textual; screens never import the
database (sqlalchemy, sqlmodel, db)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, pkgutil, sys
import queue_app.domain, db, queue_app.services
for package in (queue_app.domain, db, queue_app.services):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.startswith("db.migrations"):
            continue  # alembic scripts, loaded by alembic only
        importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("IMPORTED", len(sys.modules))
print("TEXTUAL", bad)
"""


def test_domain_db_services_never_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL []" in result.stdout, result.stdout


FORBIDDEN_IN_SCREENS = ("sqlalchemy", "sqlmodel", "db")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_screens_never_import_the_database() -> None:
    files = sorted((ROOT / "screens").rglob("*.py"))
    assert files, "no screens found"
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN_IN_SCREENS
    ]
    assert offenders == []


def test_domain_and_db_source_never_mention_textual() -> None:
    """The same rule by reading the source (also catches imports inside functions)."""
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("queue_app/domain", "db", "queue_app/services")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ("textual", "screens")
    ]
    assert offenders == []
