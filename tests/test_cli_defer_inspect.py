"""`cli.defer_inspect` (the light commands' start-up, issue 17): `dataclasses`, when it is
imported, gets a stand-in for `inspect` that imports the real module at its first use, and
every other `import inspect` gets the real module; a command that does not import
`dataclasses` does not import it either. Checked in a fresh interpreter (the test process has
imported both long ago)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
from queue_app.cli import defer_inspect
defer_inspect()
assert "dataclasses" not in sys.modules, "dataclasses imported before it is asked for"
import dataclasses
assert "inspect" not in sys.modules, "inspect imported"
assert dataclasses.__spec__.origin.endswith("dataclasses.py")

@dataclasses.dataclass
class Undocumented:  # dataclasses writes its docstring with inspect.signature
    a: int
    b: str = "x"

assert Undocumented.__doc__ == "Undocumented(a: int, b: str = 'x')", Undocumented.__doc__
import inspect
assert type(inspect).__name__ == "module" and inspect.signature(len) is not None
assert sys.modules["inspect"] is inspect
print("ok")
"""


def test_dataclasses_work_and_inspect_is_real_once_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_process_with_inspect_already_is_left_alone() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import inspect, sys\nfrom queue_app.cli import defer_inspect\ndefer_inspect()\n"
            "assert sys.modules['inspect'] is inspect\nprint('ok')",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
