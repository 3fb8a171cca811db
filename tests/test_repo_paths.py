"""The repository stands on its own: no file points outside it, and the rules it cites are
its own (docs/rules.md), by sections that exist.

A clean clone has no workspace around it: a comment or test that cites a document outside
the repository (an absolute path of the machine it was written on, a `../` that leaves the
checkout, a design note kept elsewhere) points at nothing. The counter's rules live in
docs/rules.md and are cited as `docs/rules.md#<section>`.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}

# absolute paths of a developer's machine or workspace (system paths such as /usr/bin or
# example locations such as /srv/madoguchi are fine: they are not documents)
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(work|root|home|Users)/[\w.-]")
# documents that lived beside the repository, never inside it
OUTSIDE_DOCS = re.compile(
    r"RULES\.md|seed-shiki|PERF-NOTES|STYLE\.md|ARCHITECTURE\.md|shared/(domain|design)/"
)
RELATIVE = re.compile(r"(?:\.\./)+[\w./-]*")
CITATION = re.compile(r"\b(docs/[\w-]+\.md)#([\w-]+)")
ANCHOR = re.compile(r"<a id=\"([\w-]+)\"></a>")


def repo_files() -> list[Path]:
    """Every file of the checkout that git would commit (tracked or new, not ignored)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: walk the tree
        names = []
        for top, dirs, files in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
            names += [os.path.relpath(os.path.join(top, f), ROOT) for f in files]
    return [ROOT / n for n in sorted(names) if (ROOT / n).is_file()]


def texts() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in repo_files():
        try:
            found[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # binary files cite nothing
            continue
    return found


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading (ASCII headings are all this repo needs)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    ids = set(ANCHOR.findall(markdown))
    ids |= {_slug(h) for h in re.findall(r"^#+ (.+)$", markdown, re.MULTILINE)}
    return ids


def test_no_file_mentions_a_path_outside_the_repository() -> None:
    offenders: list[str] = []
    for name, text in texts().items():
        if name == "tests/test_repo_paths.py":
            continue
        for number, line in enumerate(text.splitlines(), 1):
            where = f"{name}:{number}: {line.strip()[:100]}"
            if MACHINE_PATH.search(line) or OUTSIDE_DOCS.search(line):
                offenders.append(where)
                continue
            for rel in RELATIVE.findall(line):
                target = (ROOT / name).parent / rel
                if not target.resolve().is_relative_to(ROOT):
                    offenders.append(where)
    assert offenders == [], "\n".join(offenders)


def test_every_citation_of_a_document_names_a_section_it_has() -> None:
    files = texts()
    cited = 0
    broken: list[str] = []
    for name, text in files.items():
        for doc, anchor in CITATION.findall(text):
            cited += 1
            if doc not in files:
                broken.append(f"{name}: {doc} does not exist")
            elif anchor not in anchors(files[doc]):
                broken.append(f"{name}: {doc}#{anchor}: no such section")
    assert broken == [], "\n".join(broken)
    assert cited >= 10  # the code and tests do cite the rules


def test_rules_have_stable_unique_anchors() -> None:
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    ids = ANCHOR.findall(rules)
    assert len(ids) == len(set(ids))
    for needed in (
        "certificates",
        "pin",
        "renewal-window",
        "validity",
        "signing-certificate",
        "expiry-notice",
        "visit-kinds",
        "visit-guardian",
        "document-inquiry",
        "id-documents",
        "offices",
        "maintenance-sunday",
        "holidays",
        "crowding",
    ):
        assert needed in ids, needed
    # the facts the code relies on, in the project's words
    for fact in ("12/25", "3/24", "6th birthday", "第3土曜日の翌日曜日", "30 minutes to 1 hour"):
        assert fact in rules, fact


def test_the_checks_catch_what_they_are_for() -> None:
    assert MACHINE_PATH.search("see /work/shared/domain/x")
    assert OUTSIDE_DOCS.search("(RULES.md)") and OUTSIDE_DOCS.search("../shared/design/x")
    assert not MACHINE_PATH.search("sqlite:////srv/madoguchi/madoguchi.db /usr/bin/chromium")
    assert RELATIVE.findall("measured in ../shared/design/PERF-NOTES.md") == [
        "../shared/design/PERF-NOTES.md"
    ]
    assert (
        _slug("## 9. Offices and reception hours".lstrip("# ")) == "9-offices-and-reception-hours"
    )


def test_nothing_tracked_is_a_symlink_or_a_virtualenv() -> None:
    """A clean clone must build its own `.venv`. A symlink committed by mistake (a worktree's
    `.venv -> /elsewhere/.venv`: `.venv/` in .gitignore matches a folder, not a link) made
    `scripts/ensure-venv.sh` install into whatever the link pointed at, or into nothing."""
    out = subprocess.run(
        ["git", "ls-files", "-s", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    entries = [line.split("\t", 1) for line in out.split("\0") if line]
    links = [name for meta, name in entries if meta.startswith("120000")]
    assert links == [], f"symlinks tracked by git: {links}"
    assert not [name for _, name in entries if name.split("/")[0] == ".venv"]
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", ".venv"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0, ".venv (folder or link) must be ignored"
