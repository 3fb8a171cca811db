"""A kiosk or a cron job calling a pure rule must not pay for the database or the terminal UI:
`madoguchi --help`, `renewal`, `assess` and `calendar` import neither SQLAlchemy (nor
SQLModel, pydantic, `db`) nor Textual. Checked in a fresh interpreter through `sys.modules`,
because an import made once anywhere in the test process would hide the regression."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "db", "textual", "screens", "web", "psycopg")

PROBE = """
import contextlib, io, json, sys
from queue_app.cli import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        rc = main(sys.argv[1:])
except SystemExit as exc:
    rc = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(HEAVY)))
result = {"rc": rc, "heavy": heavy, "out": out.getvalue(), "modules": sorted(sys.modules)}
sys.stderr.write(json.dumps(result) + "\\n")
"""


def _run(tmp_path: Path, *argv: str, heavy: tuple[str, ...] = HEAVY) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "MADOGUCHI_DATA_DIR": str(tmp_path / "data"),
        "MADOGUCHI_CONFIG": str(tmp_path / "absent.toml"),
        "MADOGUCHI_NOW": "2026-12-01T09:00:00+09:00",
        "PYTHONPATH": str(ROOT),
    }
    code = PROBE.replace("json.loads(HEAVY)", f"json.loads({json.dumps(json.dumps(heavy))})")
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    last = proc.stderr.strip().splitlines()[-1]
    return json.loads(last)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["renewal", "--expiry", "2027-03-24", "--json"],
        ["assess", "--visit", "agent_first", "--brought", "card", "nonphoto_id", "--json"],
        [
            "calendar",
            "--office",
            "station",
            "--service",
            "ecert",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
        ],
    ],
    ids=["help", "renewal", "assess", "calendar"],
)
def test_pure_commands_never_load_the_database_or_textual(tmp_path: Path, argv: list[str]) -> None:
    result = _run(tmp_path, *argv)
    assert result["rc"] == 0, result
    assert result["out"].strip(), "the command printed nothing"
    assert result["heavy"] == [], f"{argv[0]} imported {result['heavy']}"


# What these commands once imported and do not need (issue 17), beyond the database and the
# UI: the configuration for a rule given its dates, the clock, every message-catalogue
# section but the one holding the command's texts, `init`'s secret generator, the platform
# folders lookup (MADOGUCHI_CONFIG and MADOGUCHI_DATA_DIR are set), the visit rules.
LIGHT = {
    "help": (
        ["--help"],
        ("queue_app.context", "queue_app.domain.dates", "queue_app.config", "dataclasses"),
        [],
    ),
    "renewal": (
        ["renewal", "--expiry", "2027-05-07", "--today", "2027-03-01", "--json"],
        ("queue_app.config", "queue_app.domain.config", "queue_app.domain.clock", "tomllib"),
        ["assess"],
    ),
    # without --today: the configured time zone and language alone (load_general), not the
    # configuration's classes and rules, nor `dataclasses` (with `inspect`) or dateutil
    "renewal-today-from-clock": (
        ["renewal", "--expiry", "2027-05-07", "--json"],
        (
            "queue_app.domain.config",
            "queue_app.domain.config_schema.document",
            "queue_app.domain.config_schema.settings",
            "dataclasses",
            "inspect",
            "dateutil",
        ),
        ["assess"],
    ),
    "assess": (
        ["assess", "--visit", "self", "--brought", "card", "--today", "2027-03-01", "--json"],
        ("queue_app.config", "queue_app.domain.config", "queue_app.domain.clock", "tomllib"),
        ["assess"],
    ),
    "calendar": (
        ["calendar", "--office", "sogo", "--from", "2026-12-28", "--to", "2027-01-05"],
        ("secrets", "platformdirs", "queue_app.domain.visit_plans", "queue_app.domain.tickets"),
        ["core"],
    ),
    # `dataclasses` imported `inspect` (with ast, dis, tokenize: ~8 ms) for docstrings our
    # classes have: `cli.defer_inspect` gives it a stand-in that imports it at first use
    "calendar-without-inspect": (
        ["calendar", "--office", "sogo", "--from", "2026-12-01", "--to", "2026-12-31"],
        ("inspect", "ast", "dis", "tokenize"),
        ["core"],
    ),
    # argparse's formatter, made at every add_argument, imported `shutil` (with bz2 and lzma)
    # for the terminal's width: `cli.SafeParser` asks for the width without it
    "calendar-without-shutil": (
        ["calendar", "--office", "sogo", "--from", "2026-12-01", "--to", "2026-12-31"],
        ("shutil", "bz2", "lzma"),
        ["core"],
    ),
}


@pytest.mark.parametrize("name", list(LIGHT))
def test_pure_commands_import_only_what_they_use(tmp_path: Path, name: str) -> None:
    argv, absent, sections = LIGHT[name]
    result = _run(tmp_path, *argv)
    assert result["rc"] == 0, result
    modules = set(result["modules"])
    assert sorted(modules & set(absent)) == [], f"{name} imported them"
    loaded = sorted(
        m.removeprefix("queue_app.i18n.catalog_")
        for m in modules
        if m.startswith("queue_app.i18n.catalog_")
    )
    assert loaded == sections, f"{name} loaded the message sections {loaded}"


def test_ticket_issue_still_loads_the_database(tmp_path: Path) -> None:
    """The probe can see a heavy import: a command that needs the database does load it."""
    result = _run(tmp_path, "ticket", "list", "--office", "sogo", "--date", "2026-12-01")
    assert "sqlalchemy" in result["heavy"], result


def test_ticket_issue_loads_only_the_database_layer(tmp_path: Path) -> None:
    """A kiosk's `ticket issue --json` needs the database, nothing else: not Alembic (the
    schema check reads `alembic_version` itself), not qrcode/PIL (no file, no print command
    asked), not the `holidays` package (the built-in table), not Textual."""
    assert _run(tmp_path, "init")["rc"] == 0
    argv = ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--json"]
    result = _run(tmp_path, *argv, heavy=("alembic", "qrcode", "PIL", "holidays", "textual"))
    assert result["rc"] == 0, result
    assert json.loads(result["out"])["number"]
    assert result["heavy"] == [], f"ticket issue imported {result['heavy']}"


def test_a_command_named_first_builds_no_other_command() -> None:
    """`madoguchi --lang en calendar ...` can show neither the main help nor the list of
    commands: the other eighteen are not even stubbed. A command line that might show
    them (help first, another word first) keeps them."""
    from queue_app import cli

    for argv in (["calendar", "--office", "sogo"], ["--lang", "en", "--db=x.db", "calendar"]):
        assert cli.named_first(argv, "calendar")
        parser = cli.build_parser("calendar", stubs=False)
        assert list(parser._subparsers._group_actions[0].choices) == ["calendar"]  # type: ignore[union-attr]
    for argv in (["-h", "calendar"], ["--he", "calendar"], ["x", "calendar"], ["--", "calendar"]):
        assert not cli.named_first(argv, "calendar")
    assert not cli.named_first([], None)
