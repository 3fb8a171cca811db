"""The layers: domain, db and services never import textual; screens never import the
database (sqlalchemy, sqlmodel, db); no import cycle between modules; no import across a
layer, counting imports inside functions and inside `if TYPE_CHECKING:` blocks
(`tests/layer_check.py` holds the rules; `web/` sits beside `screens/`)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests import layer_check

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


# -- the import graph: no cycles, no import across a layer (TYPE_CHECKING ones included) --
def test_no_import_cycles_between_modules() -> None:
    found = layer_check.cycles(layer_check.import_graph(ROOT))
    assert found == [], "import cycles (break them with a module both sides may import):\n" + (
        "\n".join(" <-> ".join(c) for c in found)
    )


def test_no_import_crosses_a_layer() -> None:
    found = layer_check.violations(layer_check.import_graph(ROOT))
    assert found == [], "imports across a layer:\n" + "\n".join(found)


def _plant(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_checker_reports_a_planted_circle(tmp_path: Path) -> None:
    """Two screens importing each other, one of them only for type checking and the other
    inside a function (the shape `screens/app.py` and the display screen once had)."""
    root = _plant(
        tmp_path,
        {
            "screens/__init__.py": "",
            "screens/app.py": """\
                def _display():
                    from screens.display import DisplayScreen
                    return DisplayScreen()
            """,
            "screens/display.py": """\
                from __future__ import annotations
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from screens.app import MadoguchiApp
                class DisplayScreen: ...
            """,
            "screens/other.py": "import screens.display\n",
        },
    )
    graph = layer_check.import_graph(root)
    assert layer_check.cycles(graph) == [["screens.app", "screens.display"]]


def test_checker_reports_a_relative_import_circle(tmp_path: Path) -> None:
    root = _plant(
        tmp_path,
        {
            "queue_app/__init__.py": "",
            "queue_app/services/__init__.py": "from .a import A\n",
            "queue_app/services/a.py": "from . import b\nclass A: ...\n",
            "queue_app/services/b.py": "from queue_app.services import a\n",
        },
    )
    graph = layer_check.import_graph(root)
    assert layer_check.cycles(graph) == [["queue_app.services.a", "queue_app.services.b"]]


def test_checker_reports_a_planted_domain_to_services_import(tmp_path: Path) -> None:
    """A domain module naming a service type, only under TYPE_CHECKING: still a violation."""
    root = _plant(
        tmp_path,
        {
            "queue_app/__init__.py": "",
            "queue_app/domain/__init__.py": "",
            "queue_app/domain/views.py": """\
                from __future__ import annotations
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from queue_app.services.views import TicketView
                def f(t: TicketView) -> None: ...
            """,
            "queue_app/services/__init__.py": "",
            "queue_app/services/views.py": "class TicketView: ...\n",
        },
    )
    found = layer_check.violations(layer_check.import_graph(root))
    assert len(found) == 1
    assert found[0].startswith("queue_app.domain.views -> queue_app.services.views")


def test_checker_reports_web_reaching_for_the_database_or_textual(tmp_path: Path) -> None:
    root = _plant(
        tmp_path,
        {
            "web/__init__.py": "",
            "web/app.py": """\
                from queue_app.services.views import TicketView
                from queue_app.domain.tickets import TicketState
                def handler():
                    from sqlmodel import Session
                    import textual.app
            """,
            "web/feed.py": "from db.models import Ticket\n",
        },
    )
    found = layer_check.violations(layer_check.import_graph(root))
    assert [line.split(" (")[0] for line in found] == [
        "web.app -> sqlmodel",
        "web.app -> textual.app",
        "web.feed -> db.models",
    ]


def test_the_real_tree_is_read() -> None:
    """Guards the two tests above against reading nothing."""
    graph = layer_check.import_graph(ROOT)
    assert "queue_app.services.tickets.issue" in graph
    assert "screens.app" in graph
    assert "queue_app.domain.tickets" in graph["queue_app.services.tickets.calls"]
