"""Two processes: a ticket called by another process is on the display within 1 s.

The display runs here (run_test, read-only engine; on PostgreSQL as a SELECT-only role);
`tests/display_caller.py` runs in a subprocess, issues and calls a ticket, and prints the
wall-clock time just after its commit."""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from pathlib import Path

from tests.conftest import make_services
from tests.display_support import display_app, loaded, seed, wait_until

ROOT = Path(__file__).resolve().parents[1]


async def _called_elsewhere_shows_within_1s(url_for_caller, url_for_display, config, clock):
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.display_caller",
        url_for_caller,
        cwd=str(ROOT),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert (await asyncio.wait_for(proc.stdout.readline(), 60)).strip() == b"READY"
        app = display_app(url_for_display, config, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            screen = app.screen
            assert screen.shown_call() == ("A-002", "4")
            proc.stdin.write(b"go\n")
            await proc.stdin.drain()
            line = await asyncio.wait_for(proc.stdout.readline(), 30)
            label, counter, committed = line.decode().split()
            shown = await wait_until(
                pilot, lambda: screen.shown_call() == (label, counter), timeout=5, step=0.01
            )
            latency = shown - float(committed)
            assert label == "A-007"
            assert latency < 1.0, f"shown {latency:.3f}s after the commit"
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_two_processes_sqlite(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    svc.engine.dispose()
    started = time.monotonic()
    await _called_elsewhere_shows_within_1s(sqlite_url, sqlite_url, config, clock)
    assert time.monotonic() - started < 120


async def test_two_processes_postgres_select_only_role(pg_url, pg_cluster, config, clock):
    svc = make_services(pg_url, config, clock)
    seed(svc)
    svc.engine.dispose()
    role_url = pg_cluster.create_role(
        f"display_{uuid.uuid4().hex[:8]}", "pw-display", database=pg_url, read_only=True
    )
    await _called_elsewhere_shows_within_1s(pg_url, role_url, config, clock)
