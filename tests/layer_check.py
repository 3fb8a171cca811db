"""Reads the import graph of the project's own packages from the source (no import runs),
and checks it: no import cycles between modules, no import across a layer boundary.

Every import counts, wherever it stands: at the top, inside a function, and inside an
`if TYPE_CHECKING:` block (a type-checking-only import is still a dependency of the idea:
a domain rule that names a service's type knows about the use cases).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# the project's own top-level packages (layers 1-5); `web` may not exist yet
PACKAGES = ("queue_app", "db", "screens", "web")
SKIP = ("db.migrations",)  # Alembic scripts, loaded by Alembic only


@dataclass(frozen=True)
class Rule:
    """Modules under `layer` must not import anything under the `forbidden` prefixes."""

    layer: str
    forbidden: tuple[str, ...]
    why: str


UI = ("textual", "screens", "web")
ENTRY = ("queue_app.cli", "queue_app.commands")
DATABASE = ("db", "sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3")

RULES: tuple[Rule, ...] = (
    Rule(
        "queue_app.domain",
        (
            *DATABASE,
            *UI,
            *ENTRY,
            "queue_app.services",
            "queue_app.demo",
            "queue_app.config",
            "queue_app.context",
            "aiohttp",
        ),
        "domain code is pure: no I/O, no SQL, no UI, no use cases",
    ),
    Rule("db", (*UI, *ENTRY, "queue_app.services", "queue_app.demo"), "db holds tables only"),
    Rule("queue_app.services", (*UI, *ENTRY), "use cases know no face and no command"),
    Rule("queue_app.demo.history", (*UI, *ENTRY), "the history generator writes rows only"),
    Rule("queue_app.demo.live", (*UI, *ENTRY), "the live demo drives services only"),
    Rule(
        "screens",
        (*DATABASE, *ENTRY, "web", "aiohttp"),
        "screens call services: never SQL, never the database",
    ),
    Rule(
        "web",
        (*DATABASE, *ENTRY, "textual", "screens"),
        "the web face calls services (and reads domain values): never SQL, never Textual",
    ),
)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    """Module name -> file, for every .py under the given top-level packages of `root`."""
    found: dict[str, Path] = {}
    for package in packages:
        base = root / package
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.py")):
            name = module_name(root, path)
            if not name.startswith(SKIP):
                found[name] = path
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    keep = len(parts) - node.level + (1 if is_package else 0)
    base = parts[:keep]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """Every module `module` imports, anywhere in the file (TYPE_CHECKING blocks and
    function bodies included). `from a import b` names `a.b` when that is a module."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    out.discard(module)
    return out


def import_graph(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, set[str]]:
    known = source_modules(root, packages)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The import cycles between the graph's own modules (strongly connected components of
    two or more modules), each sorted, the list sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def edges(node: str) -> list[str]:
        return sorted(t for t in graph.get(node, ()) if t in graph)

    for start in sorted(graph):
        if start in index:
            continue
        # iterative Tarjan: (node, iterator over its edges)
        work: list[tuple[str, Iterable[str]]] = []
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work.append((start, iter(edges(start))))
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges(nxt))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def violations(graph: Mapping[str, set[str]], rules: Iterable[Rule] = RULES) -> list[str]:
    """`module -> imported (layer rule)` for every import a layer rule forbids."""
    out: list[str] = []
    for rule in rules:
        for module in sorted(graph):
            if not _within(module, rule.layer):
                continue
            for target in sorted(graph[module]):
                if any(_within(target, bad) for bad in rule.forbidden):
                    out.append(f"{module} -> {target} ({rule.layer}: {rule.why})")
    return out
