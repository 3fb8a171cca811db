"""Shared by the issue-16 fault tests: the CLI wired to a migrated database (SQLite or
PostgreSQL), run in-process (the `cli` and `sqlite_cli` fixtures in conftest.py), the check
of a clean exit, and a scan of every stored string for a 12-digit run."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import String, inspect, select
from sqlalchemy.engine import Engine

from queue_app.cli import main
from tests.conftest import SECRET, make_services

NOW = "2026-12-01T09:00:00+09:00"  # an ordinary open Tuesday morning
TWELVE = re.compile(r"(?:\d[\s\-‐－ー]?){11}\d")
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass
class Cli:
    url: str
    services: Any
    capsys: pytest.CaptureFixture[str]
    tmp: Path

    def run(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: usage errors and --help
            code = int(exc.code or 0) if not isinstance(exc.code, str) else 2
        out, err = self.capsys.readouterr()
        return code, out, err

    def count(self, table: str = "ticket") -> int:
        from sqlalchemy import text

        with self.services.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def make_cli(
    url: str,
    config: Any,
    clock: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    services = make_services(url, config, clock)
    secret = tmp_path / "secret.key"
    secret.write_bytes(SECRET + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", url)
    monkeypatch.setenv("MADOGUCHI_SECRET_FILE", str(secret))
    monkeypatch.setenv("MADOGUCHI_NOW", NOW)
    return Cli(url, services, capsys, tmp_path)


def clean_exit(code: int, err: str, expected: int) -> None:
    """The command ended with `expected` and one plain message: never a traceback."""
    assert code == expected, err
    assert "Traceback" not in err
    assert err.startswith(("madoguchi", "usage:", "使い方:")), err


def stored_twelve_digit_runs(engine: Engine) -> list[tuple[str, str]]:
    """(table.column, value) of every stored string holding a run of 12 digits."""
    found = []
    with engine.connect() as conn:
        for table_name in inspect(conn).get_table_names():
            if table_name == "alembic_version":
                continue
            from sqlalchemy import MetaData, Table

            table = Table(table_name, MetaData(), autoload_with=conn)
            columns = [c for c in table.columns if isinstance(c.type, String)]
            if not columns:
                continue
            for row in conn.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and TWELVE.search(value.translate(FULLWIDTH)):
                        found.append((f"{table_name}.{column.name}", value))
    return found
