"""Issue 16, as an attacker would: arbitrary text, undecodable bytes (as Python hands them
over, surrogate-escaped), huge and negative numbers in every argument of every command.

Whatever comes in: the exit code is 0, 2 or 3, there is no traceback (MADOGUCHI_DEBUG=1 is
set, so an unexpected exception fails the test instead of being turned into one line), and
no string in the database holds a run of 12 digits afterwards. In-process calls, a modest
number of examples per database, no deadline: bounded on a loaded machine.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queue_app.cli import build_parser
from tests.faults_support import make_cli, stored_twelve_digit_runs

# full-screen programs and servers are not driven from here (they have their own tests): a
# drawn `web` with valid options would serve until the test's timeout
INTERACTIVE = {"reception", "display", "demo", "reports", "web"}
COMMON = {"--config", "--db", "--lang", "-h", "--help"}


def _commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(path: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, parser))
            return
        for name, child in subs[0].choices.items():
            if not path and name in INTERACTIVE:
                continue
            walk((*path, name), child)

    walk((), build_parser())
    return found


COMMANDS = _commands()

values = st.one_of(
    st.text(max_size=24),
    st.binary(max_size=16).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "",
            "123456789012",
            "1234-5678-9012",
            "１２３４５６７８９０１２",
            "9" * 30,
            str(2**63),
            str(2**31),
            "-5",
            "0",
            "1",
            "3",
            "A-001",
            "sogo",
            "ecert",
            "2026-12-01",
            "MDG1.T.sogo.20261201.1.A-001.AAAAAAAAAAAAAAAA",
            "x" * 400,
        ]
    ),
)


# plausible values for some options, so that commands get past "unknown office" and reach
# the database with the rest of their (arbitrary) arguments
PLAUSIBLE = {
    "office": "sogo",
    "service": "ecert",
    "counter": "3",
    "date": "2026-12-01",
    "outcome": "served",
    "visit": "self",
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:  # positional: always given
            argv.append(draw(values))
            continue
        if set(action.option_strings) & COMMON:
            continue
        if not action.required and not draw(st.booleans()):
            continue
        flag = action.option_strings[-1]
        if action.nargs == 0:
            argv.append(flag)
        elif action.dest in PLAUSIBLE and draw(st.booleans()):
            argv += [flag, PLAUSIBLE[action.dest]]
        else:
            argv += [flag, draw(values)]
    return argv


@pytest.mark.parametrize("max_examples", [50])
def test_any_argument_to_any_command(
    db_url: str,
    config: Any,
    clock: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    max_examples: int,
) -> None:
    cli = make_cli(db_url, config, clock, tmp_path, monkeypatch, capsys)
    monkeypatch.setenv("MADOGUCHI_DEBUG", "1")
    monkeypatch.chdir(tmp_path)  # a relative --out or --png lands here
    examples = max_examples if db_url.startswith("sqlite") else max_examples // 2

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(argv=command_lines())
    def check(argv: list[str]) -> None:
        code, out, err = cli.run(*argv)
        assert code in (0, 2, 3), (argv, code, err)
        assert "Traceback" not in err + out, argv
        assert stored_twelve_digit_runs(cli.services.engine) == [], argv

    try:
        check()
    finally:
        cli.services.engine.dispose()
