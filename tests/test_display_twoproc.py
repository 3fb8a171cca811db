"""Two processes: a ticket called by another process shows up on the display.

The display runs here (run_test, read-only engine; on PostgreSQL as a SELECT-only role);
`tests/display_caller.py` runs in a subprocess, issues and calls a ticket. The test waits
for the call to appear (generous deadline, tests/waiting.py); how fast it appears is
measured by bench/display_latency.py, not asserted here."""

from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path

from tests.conftest import make_services
from tests.display_support import display_app, loaded, seed, wait_until
from tests.waiting import DEADLINE

ROOT = Path(__file__).resolve().parents[1]


async def _called_elsewhere_shows_up(url_for_caller, url_for_display, config, clock):
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
        assert (await asyncio.wait_for(proc.stdout.readline(), DEADLINE)).strip() == b"READY"
        app = display_app(url_for_display, config, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            screen = app.screen
            assert screen.shown_call() == ("A-002", "4")
            proc.stdin.write(b"go\n")
            await proc.stdin.drain()
            line = await asyncio.wait_for(proc.stdout.readline(), DEADLINE)
            label, counter, _committed = line.decode().split()
            assert (label, counter) == ("A-007", "3")
            await wait_until(pilot, lambda: screen.shown_call() == (label, counter))
        assert await asyncio.wait_for(proc.wait(), DEADLINE) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_two_processes_sqlite(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    svc.engine.dispose()
    await _called_elsewhere_shows_up(sqlite_url, sqlite_url, config, clock)


async def test_two_processes_postgres_select_only_role(pg_url, pg_cluster, config, clock):
    svc = make_services(pg_url, config, clock)
    seed(svc)
    svc.engine.dispose()
    role_url = pg_cluster.create_role(
        f"display_{uuid.uuid4().hex[:8]}", "pw-display", database=pg_url, read_only=True
    )
    await _called_elsewhere_shows_up(pg_url, role_url, config, clock)
