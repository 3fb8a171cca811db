"""Start-up, CLI commands and idle cost, each beside its bare baseline measured in the same run.

    python bench/startup.py [--runs 5] [--idle-seconds 20] [--no-write] [--root CHECKOUT]
                            [--source]

`--root` measures another checkout of Madoguchi (e.g. a `git worktree` of an older commit,
for a before/after in one sitting) with this script; it then writes nothing.
`--against CHECKOUT [--only NAME]`: the CLI command lines only (step 2), this checkout and
CHECKOUT interleaved run by run (before, after, before, after...: a burst of load hits both
alike), each line's median and range and the load before and after; writes nothing.

1. Start-up to a usable screen, in a fresh interpreter (imports, engine, first paint and the
   first data shown), median of `--runs`: the reception (80x24, its waiting list filled, built
   as `madoguchi reception` builds it: `commands/reception.build_app`) and
   the display (160x48, the board drawn), headless (Textual `run_test`) on a SQLite file;
   baseline: a bare Textual app (a Static and a Footer) to its first paint.
2. CLI commands, wall time of the whole process, median of `--runs`: `--help`, `renewal`
   (a pure rule; without `--today` it reads the configuration for the time zone), `assess`,
   `calendar` (reads the configuration), `ticket issue --json` on SQLite; baselines
   `python -c pass` and `python -c "import sqlalchemy, sqlmodel"` (what `ticket issue`
   cannot avoid).
3. Idle cost: the reception, the display and the bare Textual app each run headless on an
   unchanging database; once the reception's services are up, after a 3 s warm-up, their
   own CPU time over `--idle-seconds`
   (percent of one core) and their RSS at the end.

Bytecode: every child runs with a private bytecode cache (PYTHONPYCACHEPREFIX in the
temporary folder, filled by one untimed warm-up run of each line), as an installed program
has it (pip compiles at install). Without it, a checkout run with PYTHONDONTWRITEBYTECODE=1
(as on this project's machines) compiles Madoguchi's own modules at every start, or not,
depending on whether some earlier run left a `__pycache__`: figures that depend on the
checkout's history. `--source` measures that case on purpose (PYTHONDONTWRITEBYTECODE=1,
no cache; meaningful on a checkout without `__pycache__`).

The load average (1 min) is printed before and after: the machines are shared and noisy, so
compare each figure with its baseline of the same run, not with another run's. Results are
printed and written to the "## Start-up and idle" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
NOW = "2026-12-01T09:00:00+09:00"  # an open Tuesday morning

CHILD = r"""
import asyncio, os, resource, sys, time
sys.path.insert(0, {root!r})
what, phase, folder, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])

def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def build():
    if what == "bare":
        from textual.app import App
        from textual.widgets import Footer, Static

        class Bare(App):
            def compose(self):
                yield Static("bare")
                yield Footer()

            def on_mount(self):
                self.call_after_refresh(lambda: setattr(self, "ready", True))

        app = Bare()
        app.ready = False
        return app, (lambda: app.ready), (80, 24)
    from datetime import datetime
    from queue_app.config import load_config
    from queue_app.domain.clock import Clock
    from screens.app import AppOptions, create_app

    clock = Clock.fixed(datetime.fromisoformat({now!r}))
    url = f"sqlite:///{{folder}}/bench.db"
    if what == "display":  # what `madoguchi display` builds: the bare read-only source
        from queue_app.services.board_source import DisplaySource

        source = DisplaySource(url, load_config(env={{}}), clock)
        options = AppOptions(office_id="sogo", mode="display", lang="ja", chime=False)
        app = create_app(None, options, modes=["display"], board_source=source)
        return app, (lambda: getattr(app.screen, "snapshot", None) is not None), (160, 48)
    ready = lambda: getattr(app.screen, "revision", None) is not None
    try:  # what `madoguchi reception` builds: lists on plain reads, services after the paint
        from queue_app.commands.reception import build_app
    except ImportError:  # a checkout before it (--root): the services first
        build_app = None
    if build_app is not None:
        import argparse
        from queue_app.context import CliContext

        args = argparse.Namespace(
            command="reception", office="sogo", counter=3, staff="S001", db=None
        )
        app = build_app(args, CliContext(args))
        return app, ready, (80, 24)
    from db.engine import make_engine
    from queue_app.services import Services

    services = Services(make_engine(url), load_config(env={{}}), clock, b"s" * 32)
    options = AppOptions(office_id="sogo", mode="reception", counter=3, staff="S001", lang="ja")
    app = create_app(services, options, modes=["reception"])
    return app, ready, (80, 24)

async def main():
    app, ready, size = build()
    async with app.run_test(size=size) as pilot:
        while not ready():
            await asyncio.sleep(0.002)
        if phase == "startup":
            print("READY", time.time(), flush=True)
            return
        while not getattr(app, "services_ready", True):  # the reception's, after its paint
            await asyncio.sleep(0.01)
        await asyncio.sleep(3.0)  # warm-up: first snapshot, preloads, layout
        c0, w0 = time.process_time(), time.monotonic()
        await asyncio.sleep(seconds)
        c1, w1 = time.process_time(), time.monotonic()
        print("IDLE", (c1 - c0) / (w1 - w0) * 100, rss_mib(), flush=True)

asyncio.run(main())
"""


def load() -> float:
    return os.getloadavg()[0]


CODE = ROOT  # the checkout measured (--root)
SOURCE = False  # --source: no bytecode cache


def env_for(folder: str) -> dict[str, str]:
    env = dict(
        os.environ,
        MADOGUCHI_DATA_DIR=folder,
        MADOGUCHI_CONFIG=str(Path(folder) / "madoguchi.toml"),
        MADOGUCHI_DATABASE_URL=f"sqlite:///{folder}/bench.db",
        MADOGUCHI_NOW=NOW,
        PYTHONPATH=str(CODE),
    )
    env.pop("PYTHONPYCACHEPREFIX", None)
    if SOURCE:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:  # compiled once into the run's own cache, as an installed program is
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
    return env


def prepare(folder: str) -> None:
    env = env_for(folder)
    subprocess.run(
        [sys.executable, "-m", "queue_app.cli", "init"],
        env=env,
        cwd=CODE,
        check=True,
        capture_output=True,
    )
    for service in ("ecert", "ecert", "certificate", "moving"):  # a small queue to show
        subprocess.run(
            [sys.executable, "-m", "queue_app.cli", "ticket", "issue", "--office", "sogo",
             "--service", service, "--json"],
            env=env, cwd=CODE, check=True, capture_output=True,
        )  # fmt: skip


def child(what: str, phase: str, folder: str, seconds: float = 0.0) -> list[str]:
    code = CHILD.format(root=str(CODE), now=NOW)
    out = subprocess.run(
        [sys.executable, "-c", code, what, phase, folder, str(seconds)],
        env=env_for(folder), cwd=CODE, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return out.split()


def startup_ms(what: str, folder: str) -> float:
    t0 = time.time()
    fields = child(what, "startup", folder)
    return (float(fields[fields.index("READY") + 1]) - t0) * 1000


def command_ms(argv: list[str], folder: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env_for(folder), cwd=CODE, capture_output=True, check=True)
    return (time.perf_counter() - t0) * 1000


def idle(what: str, folder: str, seconds: float) -> tuple[float, float]:
    fields = child(what, "idle", folder, seconds)
    i = fields.index("IDLE")
    return float(fields[i + 1]), float(fields[i + 2])


def median_of(runs: int, measure) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(measure() for _ in range(runs))


def write_doc(text: str) -> None:
    doc = DOC.read_text("utf-8") if DOC.exists() else "# Benchmarks\n"
    section = "## Start-up and idle\n\n" + text.strip() + "\n"
    pattern = re.compile(r"^## Start-up and idle\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _m: section + "\n", doc).rstrip() + "\n"
    else:
        doc = doc.rstrip() + "\n\n" + section
    DOC.write_text(doc, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--root", help="measure this checkout instead (writes nothing)")
    parser.add_argument(
        "--source", action="store_true", help="no bytecode cache (writes nothing; see above)"
    )
    parser.add_argument("--against", help="CLI lines only, interleaved with this checkout")
    parser.add_argument("--only", help="with --against: the command lines whose name has this")
    args = parser.parse_args()
    if args.against:
        return against(Path(args.against).resolve(), args.runs, args.only)
    global CODE, SOURCE
    if args.root:
        CODE = Path(args.root).resolve()
        args.no_write = True
    if args.source:
        SOURCE = args.no_write = True
        if any(CODE.glob("queue_app/**/__pycache__")):
            print(f"warning: {CODE} holds __pycache__ folders: its bytecode may be used")
    py = sys.executable
    cli = [py, "-m", "queue_app.cli"]
    load_before = load()
    with tempfile.TemporaryDirectory() as folder:
        prepare(folder)
        n = args.runs
        starts: dict[str, list[float]] = {"bare": [], "reception": [], "display": []}
        for what in starts:  # warm-up, untimed: fills the bytecode cache
            startup_ms(what, folder)
        # start-up: interleaved, so a burst of load hits every line alike
        for _ in range(n):
            for what in starts:
                starts[what].append(startup_ms(what, folder))
        start = {what: statistics.median(v) for what, v in starts.items()}
        commands = cli_lines(py, cli)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():  # warm-up, untimed
            command_ms(argv, folder)
        for _ in range(n):
            for name, argv in commands.items():
                times[name].append(command_ms(argv, folder))
        cmd = {name: statistics.median(v) for name, v in times.items()}
        idle_cost = {what: idle(what, folder, args.idle_seconds) for what in starts}
    load_after = load()
    return report(args, n, start, cmd, idle_cost, load_before, load_after)


def cli_lines(py: str, cli: list[str]) -> dict[str, list[str]]:
    """The CLI command lines measured, by name (with their two baselines)."""
    return {
            "python -c pass": [py, "-c", "pass"],
            'python -c "import sqlalchemy, sqlmodel"': [py, "-c", "import sqlalchemy, sqlmodel"],
            "madoguchi --help": [*cli, "--help"],
            "madoguchi renewal --expiry 2027-03-24 --json": [
                *cli, "renewal", "--expiry", "2027-03-24", "--json",
            ],
            "madoguchi assess": [
                *cli, "assess", "--visit", "agent_first", "--brought", "card", "nonphoto_id",
                "--json",
            ],
            "madoguchi calendar": [
                *cli, "calendar", "--office", "sogo", "--from", "2026-12-01", "--to", "2026-12-31",
            ],
            "madoguchi ticket issue --office sogo --service ecert --json": [
                *cli, "ticket", "issue", "--office", "sogo", "--service", "ecert", "--json",
            ],
        }  # fmt: skip


def against(before: Path, runs: int, only: str | None) -> int:
    """`--against`: the CLI lines of `before` and of this checkout, interleaved."""
    global CODE
    py = sys.executable
    cli = [py, "-m", "queue_app.cli"]
    lines = {
        name: argv
        for name, argv in cli_lines(py, cli).items()
        if not only or only in name or name == "python -c pass"
    }
    trees = {"before": before, "after": ROOT}
    times = {(tree, name): [] for tree in trees for name in lines}  # type: ignore[var-annotated]
    load_before = load()
    with tempfile.TemporaryDirectory() as folder:
        CODE = ROOT
        prepare(folder)
        for code in trees.values():  # warm-up, untimed: each tree's bytecode cache
            CODE = code
            for argv in lines.values():
                command_ms(argv, folder)
        for _ in range(runs):
            for tree, code in trees.items():
                CODE = code
                for name, argv in lines.items():
                    times[tree, name].append(command_ms(argv, folder))
    load_after = load()
    print(
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {runs} runs interleaved, before "
        f"{before}, after {ROOT}; load average (1 min) {load_before:.2f} before, "
        f"{load_after:.2f} after"
    )
    for name in lines:
        for tree in trees:
            v = times[tree, name]
            print(
                f"{tree:6} {name}: median {statistics.median(v):.0f} ms ({min(v):.0f}-{max(v):.0f})"
            )
    return 0


def report(  # type: ignore[no-untyped-def]
    args, n, start, cmd, idle_cost, load_before, load_after
) -> int:

    bare, floor, db_floor = (
        start["bare"],
        cmd["python -c pass"],
        cmd['python -c "import sqlalchemy, sqlmodel"'],
    )
    rows = [
        f"Measured {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {platform.node() or '?'} "
        f"({os.cpu_count()} CPU, Python {platform.python_version()}), `python bench/startup.py "
        f"--runs {n} --idle-seconds {args.idle_seconds:.0f}{' --source' if SOURCE else ''}`; "
        f"**load average (1 min) {load_before:.2f} before, {load_after:.2f} after**; "
        + (
            "no bytecode cache (every start compiles Madoguchi's own modules)."
            if SOURCE
            else "bytecode cached, as installed (see the script's docstring)."
        ),
        "",
        "| figure | measured | bare baseline, same run | ratio | target |",
        "|---|---:|---:|---:|---|",
        f"| reception start-up to its list shown (median of {n}) | {start['reception']:.0f} ms "
        f"| bare Textual app to first paint: {bare:.0f} ms | {start['reception'] / bare:.1f}x "
        "| <= 800 ms (moonshot <= 2x bare) |",
        f"| display start-up to its board drawn (median of {n}) | {start['display']:.0f} ms "
        f"| {bare:.0f} ms | {start['display'] / bare:.1f}x | <= 800 ms (moonshot <= 2x bare) |",
        f"| `madoguchi --help` | {cmd['madoguchi --help']:.0f} ms | `python -c pass`: "
        f"{floor:.0f} ms | {cmd['madoguchi --help'] / floor:.1f}x | <= 150 ms |",
        f"| `madoguchi renewal ... --json` | "
        f"{cmd['madoguchi renewal --expiry 2027-03-24 --json']:.0f} ms | {floor:.0f} ms | "
        f"{cmd['madoguchi renewal --expiry 2027-03-24 --json'] / floor:.1f}x | <= 150 ms |",
        f"| `madoguchi assess ... --json` | {cmd['madoguchi assess']:.0f} ms | {floor:.0f} ms | "
        f"{cmd['madoguchi assess'] / floor:.1f}x | <= 150 ms |",
        f"| `madoguchi calendar` (one month) | {cmd['madoguchi calendar']:.0f} ms | "
        f"{floor:.0f} ms | {cmd['madoguchi calendar'] / floor:.1f}x | <= 150 ms |",
        f"| `madoguchi ticket issue ... --json` (SQLite) | "
        f"{cmd['madoguchi ticket issue --office sogo --service ecert --json']:.0f} ms | "
        f"`import sqlalchemy, sqlmodel`: {db_floor:.0f} ms | "
        f"{cmd['madoguchi ticket issue --office sogo --service ecert --json'] / db_floor:.1f}x "
        "| <= 800 ms |",
    ]
    b_cpu, b_rss = idle_cost["bare"]
    for what in ("reception", "display"):
        cpu, rss = idle_cost[what]
        rows.append(
            f"| {what} idle CPU ({args.idle_seconds:.0f} s, nobody touches it) | {cpu:.2f}% of a "
            f"core | bare Textual app: {b_cpu:.2f}% | - | <= 0.5% |"
        )
        rows.append(
            f"| {what} memory (RSS) | {rss:.0f} MiB | bare Textual app: {b_rss:.0f} MiB | "
            f"{rss / b_rss:.1f}x | <= 60 MiB |"
        )
    text = "\n".join(rows)
    print(text)
    if not args.no_write:
        write_doc(text)
        print(f"\nwritten to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
