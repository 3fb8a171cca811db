"""Web fan-out: N concurrent SSE clients on ONE `madoguchi web` process.

    python bench/web_fanout.py [--clients 1000,2000,5000] [--calls 8] [--engine sqlite|postgres|both]
                               [--no-write]

For each engine and each N (loopback only; bounded in count and time; stops by itself):
1. a fresh database with N*0.8 waiting tickets at sogo (one phone per ticket) is prepared;
2. the server runs as its own process (this file with `--serve`), read-only, with the stream
   caps raised for the benchmark;
3. N clients connect from one asyncio process: 80% follow a ticket (`/events/t/<token>`, each
   stream renders its own ticket), 20% an office page or a TV board (`/events/o/`,
   `/events/board/`, shared renders);
4. `tests/display_caller.py` (ANOTHER process) issues and calls a ticket per round and prints
   the wall-clock time right after its commit; each client notes when the called number first
   reaches it. Latency = arrival - commit, over every client and call.
Also measured: the server's peak RSS and its CPU over the call phase, and the load average.
Figures go to the "## Web fan-out" section of docs/benchmarks.md.
Targets: 1,000 clients, p95 <= 1 s, RSS <= 250 MiB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from queue_app.config import load_config  # noqa: E402
from queue_app.domain.clock import MutableClock  # noqa: E402
from queue_app.services import IssueRequest  # noqa: E402
from tests.conftest import SECRET, make_services  # noqa: E402
from tests.web_server import NOW, free_port  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
NUMBER = re.compile(rb"A-\d{3,}")
PHASE_DEADLINE = 240.0  # seconds for connecting, and for all the calls of one N


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- the server process --------------------------------------------------------------------
def serve(url: str, port: int) -> None:
    import dataclasses

    import uvicorn

    from db.engine import make_engine
    from queue_app.context import clock_from_env
    from queue_app.services import Services
    from web.app import create_app

    raise_fd_limit()
    config = load_config(env={})
    settings = dataclasses.replace(
        config.settings.web,
        requests_per_minute=1_000_000,
        max_streams=20_000,
        max_streams_per_address=20_000,
    )
    services = Services(make_engine(url, read_only=True), config, clock_from_env(), SECRET)
    uvicorn.run(
        create_app(services, settings),
        host="127.0.0.1",
        port=port,
        access_log=False,
        log_level="warning",
        backlog=4096,
    )


# -- measuring -----------------------------------------------------------------------------
def prepare(url: str, phones: int) -> list[str]:
    clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    svc = make_services(url, load_config(env={}), clock)
    tokens = []
    for i in range(phones):
        sid = "ecert" if i % 2 else "certificate"
        tokens.append(svc.tickets.issue(IssueRequest("sogo", sid), with_estimate=False).token)
    svc.engine.dispose()
    return tokens


class Client:
    __slots__ = ("path", "seen", "connected")

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: dict[bytes, float] = {}
        self.connected = False

    async def run(self, port: int, stop: asyncio.Event) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        request = (
            f"GET {self.path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        writer.write(request.encode())
        try:
            while not stop.is_set():
                line = await reader.readline()
                if not line:
                    return
                if line.startswith(b"event: update"):
                    self.connected = True
                if line.startswith(b"data:"):
                    now = time.time()
                    for number in NUMBER.findall(line):
                        self.seen.setdefault(number, now)
        finally:
            writer.close()


def proc_stats(pid: int) -> tuple[float, float]:
    """(RSS MiB, CPU seconds) of a process."""
    with open(f"/proc/{pid}/status") as fh:
        rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss, (int(fields[11]) + int(fields[12])) / ticks


async def run_clients(port: int, tokens: list[str], n: int, calls: int, url: str) -> dict:
    stop = asyncio.Event()
    phones = int(n * 0.8)
    paths = [f"/events/t/{tokens[i % len(tokens)]}" for i in range(phones)]
    paths += ["/events/board/sogo"] * (n - phones)  # the office page shows no numbers
    clients = [Client(p) for p in paths]
    tasks = []
    for i, c in enumerate(clients):
        tasks.append(asyncio.create_task(c.run(port, stop)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)  # do not flood the listen backlog
    deadline = time.monotonic() + PHASE_DEADLINE
    while sum(c.connected for c in clients) < n and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    connected = sum(c.connected for c in clients)
    caller = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.display_caller",
        url,
        str(calls),
        cwd=str(ROOT),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert caller.stdin is not None and caller.stdout is not None
    assert (await caller.stdout.readline()).strip() == b"READY"
    latencies: list[float] = []
    missing = 0
    cpu_start = wall_start = 0.0
    for i in range(calls):
        if i == 0:
            cpu_start, wall_start = proc_stats(SERVER_PID[0])[1], time.monotonic()
        caller.stdin.write(b"go\n")
        await caller.stdin.drain()
        number, _counter, committed = (await caller.stdout.readline()).decode().split()
        key = number.encode()
        until = min(time.monotonic() + 30, deadline + PHASE_DEADLINE)
        live = [c for c in clients if c.connected]
        while time.monotonic() < until and any(key not in c.seen for c in live):
            await asyncio.sleep(0.05)
        for c in live:
            if key in c.seen:
                latencies.append(max(0.0, c.seen[key] - float(committed)))
            else:
                missing += 1
        await asyncio.sleep(0.5)  # calls a little apart, as at a counter
    cpu_end, wall_end = proc_stats(SERVER_PID[0])[1], time.monotonic()
    rss, _ = proc_stats(SERVER_PID[0])
    await caller.wait()
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    ms = sorted(v * 1000 for v in latencies)
    return {
        "n": n,
        "connected": connected,
        "events": len(ms),
        "missing": missing,
        "p50": percentile(ms, 0.50),
        "p95": percentile(ms, 0.95),
        "p99": percentile(ms, 0.99),
        "rss": rss,
        "cpu": 100 * (cpu_end - cpu_start) / max(1e-6, wall_end - wall_start),
        # server CPU per delivered event: steadier than latency on a loaded machine
        "cpu_ms_per_event": 1000 * (cpu_end - cpu_start) / max(1, len(ms)),
        "load": os.getloadavg()[0],
    }


SERVER_PID = [0]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def one_round(url: str, n: int, calls: int) -> dict:
    tokens = prepare(url, max(1, int(n * 0.8)))
    port = free_port()
    env = dict(os.environ, MADOGUCHI_NOW=NOW)
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", url, str(port)],
        env=env,
        cwd=str(ROOT),
        start_new_session=True,
    )
    try:
        from tests.web_server import wait_for_port

        wait_for_port(port, server)
        SERVER_PID[0] = server.pid
        return asyncio.run(run_clients(port, tokens, n, calls, url))
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def engine_urls(engine: str, tmp: Path):  # type: ignore[no-untyped-def]
    if engine == "sqlite":
        counter = iter(range(1000))
        return lambda: f"sqlite:///{tmp}/fanout{next(counter)}.db", lambda: None
    from tests.pgcluster import ThrowawayCluster

    cluster = ThrowawayCluster.from_env()
    cluster.start()
    counter = iter(range(1000))
    return lambda: cluster.create_database(f"fanout{next(counter)}"), cluster.stop


def write_doc(text: str) -> None:
    doc = DOC.read_text("utf-8")
    section = "## Web fan-out"
    block = f"{section}\n\n{text}\n"
    if section in doc:
        start = doc.index(section)
        rest = doc.find("\n## ", start + len(section))
        doc = doc[:start] + block + (doc[rest:] if rest != -1 else "")
    else:
        doc = doc.rstrip("\n") + "\n\n" + block
    DOC.write_text(doc, "utf-8")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1000,2000,5000")
    parser.add_argument("--calls", type=int, default=8)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    raise_fd_limit()
    sizes = [int(x) for x in args.clients.split(",")]
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            make_url, stop = engine_urls(engine, Path(tmp))
            try:
                for n in sizes:
                    result = one_round(make_url(), n, args.calls)
                    rows.append((engine, result))
                    print(engine, result, flush=True)
            finally:
                stop()
    lines = [
        f"Measured {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {platform.node() or '?'} "
        f"({os.cpu_count()} CPU, Python {platform.python_version()}), "
        f"`python bench/web_fanout.py --clients {args.clients} --calls {args.calls}`.",
        "",
        "| engine | clients (connected) | call → client p50 | p95 | p99 | missed | server RSS | server CPU | CPU per event | load avg (1 min) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in rows:
        lines.append(
            f"| {'PostgreSQL' if engine == 'postgres' else 'SQLite'} | {r['n']} ({r['connected']}) "
            f"| {r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['p99']:.0f} ms | {r['missing']} "
            f"| {r['rss']:.0f} MiB | {r['cpu']:.0f}% of one core | {r['cpu_ms_per_event']:.2f} ms "
            f"| {r['load']:.2f} |"
        )
    lines += [
        "",
        "Target: 1,000 clients, p95 <= 1 s, RSS <= 250 MiB. One server process; 80% of the "
        "clients follow their own ticket (each stream renders its own part), 20% an office "
        "page or a TV board (rendered once per change and shared). Latency is measured from "
        "the commit in another process (`tests/display_caller.py`) to the called number "
        "arriving at each client; the clients run in one asyncio process on the same 2-core "
        "machine, so client and server share the CPU.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
