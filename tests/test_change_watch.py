"""The display and the reception read the database only when something changed.

A screen nobody touches must not wake a thread, open a connection or redraw anything on a
timer tick: the change feed (SQLite `PRAGMA data_version` on one kept connection, woken by
inotify; PostgreSQL LISTEN/NOTIFY) tells it of a commit, and only then does it read the
revision, and the full picture only if the revision moved. Speed is measured by
bench/display_latency.py and bench/startup.py, not here: these tests wait for events with
the suite's generous deadline."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from queue_app.services.feed import ChangeFeed
from tests.conftest import make_services
from tests.display_support import call_next, display_app, loaded, seed, wait_until
from tests.waiting import DEADLINE

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def writer(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    yield svc
    svc.engine.dispose()


def _quiet(screen) -> None:  # type: ignore[no-untyped-def]
    """No liveness check during the test: a tick may read only because of a change."""
    screen.change_watch.liveness = 1e9
    screen.change_watch.next_check = float("inf")


async def test_idle_display_reads_nothing_and_redraws_nothing(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock, poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await wait_until(pilot, lambda: screen.change_watch.live)
        _quiet(screen)
        reads, fetches, updated = screen.poll.reads, screen.poll.fetches, screen.updated_at
        ticks = screen.poll.polls
        await wait_until(pilot, lambda: screen.poll.polls >= ticks + 4)
        # four ticks and not one database read, not one redraw
        assert (screen.poll.reads, screen.poll.fetches) == (reads, fetches)
        assert screen.updated_at == updated
        # a commit by another connection wakes it: one read, one new picture
        call_next(writer, 3)
        await wait_until(pilot, lambda: screen.shown_call() == ("A-003", "3"))
        assert screen.change_watch.signals >= 1
        assert screen.poll.reads > reads and screen.poll.fetches > fetches


def test_a_write_that_moves_no_revision_wakes_nobody(writer, sqlite_url, config, clock):
    """The feed reports only offices whose revision moved: any other commit (housekeeping,
    audit) is seen through data_version and dropped, so no screen reads anything."""
    import queue

    from tests.display_support import display_services

    reader = display_services(sqlite_url, config, clock)
    seen: queue.Queue[frozenset[str]] = queue.Queue()
    feed = ChangeFeed(reader.engine, tuple(config.offices), fallback=60)
    feed.start(seen.put)
    try:
        assert feed.connected.wait(DEADLINE)
        with writer.engine.begin() as conn:  # a commit that is not a queue change
            conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        call_next(writer, 1, office="yanasegawa")  # then one that is
        assert seen.get(timeout=DEADLINE) == frozenset({"yanasegawa"})
        assert seen.empty()
    finally:
        feed.stop()
        reader.engine.dispose()


async def test_data_version_wakes_the_display_after_another_process_writes(
    writer, sqlite_url, config, clock
):
    """The display polls its timer only every few seconds here (poll 10 s): what shows the
    call is the change feed, woken by the other process's commit."""
    writer.engine.dispose()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.display_caller",
        sqlite_url,
        cwd=str(ROOT),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert (await asyncio.wait_for(proc.stdout.readline(), DEADLINE)).strip() == b"READY"
        app = display_app(sqlite_url, config, clock, poll=10.0)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            screen = app.screen
            await wait_until(pilot, lambda: screen.change_watch.live)
            _quiet(screen)
            signals = screen.change_watch.signals
            proc.stdin.write(b"go\n")
            await proc.stdin.drain()
            line = await asyncio.wait_for(proc.stdout.readline(), DEADLINE)
            label, counter, _committed = line.decode().split()
            await wait_until(pilot, lambda: screen.shown_call() == (label, counter))
            assert screen.change_watch.signals > signals
        assert await asyncio.wait_for(proc.wait(), DEADLINE) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


def test_feed_reconnects_when_the_file_is_replaced(writer, sqlite_url, config, clock, tmp_path):
    """A database restored over the old file (a new inode) is watched afresh: the feed
    reconnects and reports every office, then sees the new file's commits."""
    import queue
    import shutil

    from tests.display_support import display_services

    reader = display_services(sqlite_url, config, clock)
    seen: queue.Queue[frozenset[str]] = queue.Queue()
    feed = ChangeFeed(reader.engine, tuple(config.offices), fallback=60, safety=0.05)
    feed.start(seen.put)
    try:
        assert feed.connected.wait(DEADLINE)
        path = Path(sqlite_url.removeprefix("sqlite:///"))
        writer.engine.dispose()
        copy = tmp_path / "copy.db"
        shutil.copy(path, copy)
        copy.replace(path)  # same name, new file
        offices = seen.get(timeout=DEADLINE)
        assert offices == frozenset(config.offices)
    finally:
        feed.stop()
        reader.engine.dispose()
