"""A file name the operating system refuses to look up (longer than its limit) is the user's
input: one clear line and exit 2, never "unexpected error" or a traceback, and nothing
written. `Path.exists()` raises for such a name instead of answering no, so the backup, the
restore, a SQLite `--db` and the demo's `--db-path` all met it (found by
test_faults_property.py on a loaded CI run: `db backup --out xxx…`)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from queue_app.domain.errors import InputError, SetupError, file_problem
from tests.faults_support import Cli, clean_exit

LONG = "x" * 300  # one name past NAME_MAX (255 bytes on Linux)


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    # an unexpected exception would be raised here instead of turned into one line
    monkeypatch.setenv("MADOGUCHI_DEBUG", "1")


@pytest.mark.parametrize(
    "argv",
    [
        ("db", "backup", "--out", LONG),
        ("db", "backup", "--out", f"{LONG}/backup.db"),
        ("db", "restore", "--from", LONG, "--yes"),
        ("demo", "--db-path", f"/tmp/{LONG}/demo.db"),
    ],
    ids=["backup", "backup-folder", "restore", "demo"],
)
def test_a_path_too_long_is_named_and_nothing_is_written(
    sqlite_cli: Cli, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = sqlite_cli.run(*argv)
    clean_exit(code, err, 2)
    assert "パスが長すぎます" in err and "短い名前" in err, err
    assert LONG not in err  # a 300-character value is not echoed
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert sqlite_cli.count() == 0


def test_a_sqlite_url_too_long_is_named_in_english(sqlite_cli: Cli) -> None:
    code, _out, err = sqlite_cli.run(
        "--lang", "en", "--db", f"sqlite:///{LONG}.db", "ticket", "list", "--office", "sogo"
    )
    clean_exit(code, err, 2)
    assert "the file path is too long" in err and "shorter" in err, err


def test_other_refusals_are_the_machines_setup() -> None:
    problem = file_problem(OSError(errno.EACCES, os.strerror(errno.EACCES), "/srv/x.db"))
    assert isinstance(problem, SetupError) and problem.exit_code == 3
    assert "/srv/x.db" in problem.message("en") and "ermission denied" in problem.message("en")
    too_long = file_problem(OSError(errno.ENAMETOOLONG, "File name too long", LONG))
    assert isinstance(too_long, InputError) and too_long.exit_code == 2
