"""The suite passes on any machine, loaded or not (issue 11, "CI must be green").

- Snapshots and rendered text never depend on a cursor's blink (tests/conftest.py makes
  every Input and TextArea cursor steady).
- No test asserts how fast something happened (timing is measured in `bench/`), spins
  without a deadline, or turns a missing required module into a skip.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from tests.test_reception_support import open_intake, reception_app, settle

TESTS = Path(__file__).resolve().parent
THIS = Path(__file__).name


class _TwoInputs(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(value="abc", id="first")
        yield TextArea("text", id="area")


class _SubclassedInput(Input):
    def __init__(self) -> None:
        super().__init__(value="x", id="sub")


class _Subclassed(App[None]):
    def compose(self) -> ComposeResult:
        yield _SubclassedInput()


async def test_every_input_and_text_area_has_a_steady_cursor() -> None:
    app = _TwoInputs()
    async with app.run_test(size=(40, 6)) as pilot:
        field = app.query_one("#first", Input)
        field.focus()
        await pilot.pause()
        assert not field.cursor_blink and not app.query_one(TextArea).cursor_blink
        before = app.export_screenshot()
        await pilot.pause(0.75)  # 1.5 blink periods: a blinking cursor would have toggled
        assert app.export_screenshot() == before
    async with _Subclassed().run_test() as pilot:
        assert not pilot.app.query_one("#sub", Input).cursor_blink


async def test_the_reception_intake_renders_without_blinking(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        inputs = list(intake.query(Input))
        assert inputs and not any(field.cursor_blink for field in inputs)


def _test_sources() -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(TESTS.glob("*.py"))
        if path.name != THIS
    }


def test_no_importorskip_on_required_modules() -> None:
    """Every import the tests need is a locked dependency: a broken install must fail."""
    offenders = [name for name, text in _test_sources().items() if "importorskip" in text]
    assert offenders == []


WALL_CLOCK_ASSERT = re.compile(
    r"assert [^\n]*(monotonic\(\)|perf_counter\(\)|time\.time\(\)|latency|elapsed|seen_\w+)"
    r"[^\n]*<\s*\d"
)
SPIN = re.compile(r"^\s*while [^\n]*:\s*\n\s*pass\b", re.MULTILINE)
WAITS = {"wait_until", "until", "poll", "wait_for_port"}


def small_waits(source: str) -> list[str]:
    """Calls of a wait helper given a laptop's patience: a literal timeout under 10 s."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        for kw in node.keywords:
            value = kw.value
            if (
                name in WAITS
                and kw.arg == "timeout"
                and isinstance(value, ast.Constant)
                and isinstance(value.value, int | float)
                and value.value < 10
            ):
                found.append(f"{name}(..., timeout={value.value}) line {node.lineno}")
    return found


def test_no_wall_clock_assertions_spins_or_tight_deadlines() -> None:
    found: list[str] = []
    for name, text in _test_sources().items():
        found += [f"{name}: {m.group(0)!r}" for m in WALL_CLOCK_ASSERT.finditer(text)]
        found += [f"{name}: spin {m.group(0).strip()!r}" for m in SPIN.finditer(text)]
        found += [f"{name}: {call}" for call in small_waits(text)]
    assert found == []


def test_the_patterns_catch_what_they_are_for() -> None:
    assert WALL_CLOCK_ASSERT.search("assert latency < 1.0, 'slow'")
    assert WALL_CLOCK_ASSERT.search("assert time.monotonic() - started < 120")
    assert WALL_CLOCK_ASSERT.search("assert seen_a < 2.0 and seen_b < 2.0")
    assert not WALL_CLOCK_ASSERT.search("assert time.monotonic() - began < DEADLINE")
    assert SPIN.search("        while len(issued) < 5:\n            pass\n")
    assert small_waits("wait_until(pilot, lambda: x, timeout=2)")
    assert small_waits("wait_until(\n    pilot,\n    lambda: (a and f(b)),\n    timeout=5,\n)")
    assert not small_waits("wait_until(pilot, lambda: x)\nfoo(timeout=2)")
    assert not small_waits("poll(lambda: x, 'y', timeout=DEADLINE)")
