"""No module of the application over 450 lines (tests and migrations aside): a module that
grows past it holds more than one job and is split by reason to change."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("queue_app", "db", "screens", "web")
LIMIT = 450


def oversized(root: Path, limit: int = LIMIT) -> list[str]:
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" in path.relative_to(root).parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > limit:
                found.append(f"{path.relative_to(root).as_posix()} ({lines} lines)")
    return found


def test_no_module_over_the_limit() -> None:
    found = oversized(ROOT)
    assert found == [], f"modules over {LIMIT} lines, split them: " + ", ".join(found)


def test_the_check_names_the_offenders(tmp_path: Path) -> None:
    (tmp_path / "screens" / "big").mkdir(parents=True)
    (tmp_path / "screens" / "big" / "hall.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "screens" / "room.py").write_text("x = 1\n" * LIMIT)
    (tmp_path / "db" / "migrations" / "versions").mkdir(parents=True)
    (tmp_path / "db" / "migrations" / "versions" / "0009_x.py").write_text("x = 1\n" * 999)
    assert oversized(tmp_path) == [f"screens/big/hall.py ({LIMIT + 1} lines)"]
