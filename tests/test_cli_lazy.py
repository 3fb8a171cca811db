"""The CLI builds only the command it runs (issue 17): the table of commands in
`queue_app/cli.py` must say what the modules register, and the lazy parser must behave
exactly like the full one: the same help, the same errors, the same parsed arguments."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from queue_app import cli
from queue_app.cli_help import localize


def _registered() -> dict[str, tuple[str, str]]:
    """What each command module registers: name → (module, help line)."""
    common = cli.common_options()
    parser = cli.SafeParser(prog="madoguchi", parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    found: dict[str, tuple[str, str]] = {}
    for module_name in sorted({module for module, _ in cli.COMMANDS.values()}):
        before = {a.dest for a in sub._choices_actions}
        importlib.import_module(f"queue_app.commands.{module_name}").register(sub, common)
        for action in sub._choices_actions:
            if action.dest not in before:
                found[action.dest] = (module_name, str(action.help))
    return found


def test_the_table_says_what_the_modules_register() -> None:
    assert _registered() == cli.COMMANDS
    # and the order of the command list is the table's
    assert list(cli.build_parser()._subparsers._group_actions[0].choices) == list(cli.COMMANDS)  # type: ignore[union-attr]


def _help(parser: argparse.ArgumentParser, lang: str) -> str:
    localize(parser, lang)
    return parser.format_help()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_main_help_is_the_same_from_stubs(lang: str) -> None:
    assert _help(cli.build_parser(None), lang) == _help(cli.build_parser(), lang)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ticket", "issue", "--office", "sogo"], "ticket"),
        (["--db", "sqlite:///x.db", "renewal", "--expiry", "2027-01-01"], "renewal"),
        (["--config", "plan", "ticket", "list"], "ticket"),  # a value named like a command
        (["--lang", "en", "--help"], None),
        (["--", "ticket"], None),
        (["tickets"], None),
        ([], None),
    ],
)
def test_command_in(argv: list[str], expected: str | None) -> None:
    assert cli.command_in(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["ticket", "issue", "--office", "sogo", "--service", "ecert"],
        ["--lang", "en", "renewal", "--expiry", "2027-01-01", "--json"],
        ["report", "daily", "--office", "sogo", "--date", "2026-12-01"],
        [
            "--db",
            "sqlite:///x.db",
            "calendar",
            "--office",
            "sogo",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-07",
        ],
    ],
)
def test_lazy_parse_gives_the_full_parsers_arguments(argv: list[str]) -> None:
    full = vars(cli.build_parser().parse_args(argv))
    lazy = vars(cli.parse(argv, "ja"))
    assert lazy.keys() == full.keys()
    assert {k: v for k, v in lazy.items() if k != "handler"} == {
        k: v for k, v in full.items() if k != "handler"
    }
    assert lazy["handler"] is full["handler"]


def test_a_value_named_like_a_command_falls_back_to_every_command(tmp_path) -> None:
    """`--config plan ticket list`: the guess builds `plan`, argparse picks the stub of
    `ticket`, and the command line is parsed again with every command in full."""
    args = cli.parse(["--config", "plan", "ticket", "list", "--office", "sogo"], "ja")
    assert args.command == "ticket" and args.office == "sogo" and args.handler is not None


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "queue_app.cli", *argv],
        capture_output=True,
        text=True,
        env={"MADOGUCHI_LANG": "en", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_unknown_arguments_and_unknown_commands_fail_as_before() -> None:
    extra = _run("renewal", "--expiry", "2027-01-01", "--colour", "red")
    assert extra.returncode == 2
    assert "unrecognized arguments: --colour red" in extra.stderr
    typo = _run("renewals")
    assert typo.returncode == 2 and "invalid choice" in typo.stderr and "'renewal'" in typo.stderr


def test_help_and_a_pure_rule_import_no_other_command() -> None:
    """`madoguchi --help` imports no command module; `renewal` imports only its own."""
    probe = (
        "import sys, json; from queue_app.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('queue_app.commands.'))),"
        " file=sys.stderr)"
    )
    for argv, allowed in (
        (["--help"], set()),
        (["renewal", "--expiry", "2027-01-01", "--today", "2026-11-01"], {"renewal"}),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv],
            capture_output=True,
            text=True,
            env={"MADOGUCHI_LANG": "en", "PATH": "/usr/bin:/bin"},
            timeout=120,
        )
        loaded = json.loads(done.stderr.strip().splitlines()[-1])
        names = {m.removeprefix("queue_app.commands.") for m in loaded}
        assert not names - allowed - {"common", "args"}, names
