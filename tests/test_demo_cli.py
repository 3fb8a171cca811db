"""`madoguchi demo`: builds a separate demo database, plays a live day, opens the TUI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.models import Ticket
from queue_app.cli import main
from tests.keyboard_support import calm
from tests.waiting import poll

TZ = ZoneInfo("Asia/Tokyo")


@dataclass
class DemoContents:
    first_day: str
    history: int
    live: int
    called: int


def _demo_contents(path: Path) -> DemoContents:
    """What the demo database holds: its first day, tickets before and on the live day
    (2026-12-07), and calls on the live day."""
    from db.engine import make_engine

    live_day = Ticket.service_day == "2026-12-07"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(Ticket)).scalar_one()
            live = conn.execute(select(func.count()).select_from(Ticket).where(live_day))
            live_n = live.scalar_one()
            called = conn.execute(
                select(func.count())
                .select_from(Ticket)
                .where(live_day, Ticket.called_ms.is_not(None))
            ).scalar_one()
            first_day = conn.execute(select(func.min(Ticket.service_day))).scalar_one()
    finally:
        engine.dispose()
    return DemoContents(str(first_day), total - live_n, live_n, called)


@pytest.fixture
def demo_env(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-06T10:00:00+09:00")  # a Sunday
    return tmp_path / "data"


def test_demo_builds_its_own_database_and_plays_the_day(demo_env, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--no-tui", "--weeks", "2", "--live-minutes", "30"]) == 0
    out = capsys.readouterr().out
    path = demo_env / "demo" / "madoguchi-demo.db"
    assert path.exists() and str(path) in out
    assert (demo_env / "demo" / "demo-secret.key").exists()
    assert not (demo_env / "madoguchi.db").exists()  # the real database is never created
    assert "2026-12-07" in out  # Sunday -> the next open day of sogo, Monday
    first = _demo_contents(path)
    assert first.history > 500 and first.live > 20 and first.called > 10
    assert first.first_day == "2026-11-23"  # two weeks before the live day
    # running again rebuilds the demo (a fresh day), it never appends
    assert main(["demo", "--no-tui", "--weeks", "1", "--live-minutes", "0"]) == 0
    again = _demo_contents(path)
    assert again.first_day == "2026-11-30"  # the older week is gone: rebuilt, not appended
    assert 0 < again.history < first.history
    assert 0 < again.live < first.live  # the live day restarted at 09:30, not continued


def test_demo_refuses_the_real_database_and_foreign_files(demo_env, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    real = demo_env / "madoguchi.db"
    assert main(["demo", "--no-tui", "--db-path", str(real)]) == 2
    assert "本番" in capsys.readouterr().err
    foreign = tmp_path / "precious.db"
    foreign.write_bytes(b"")
    import sqlite3

    sqlite3.connect(foreign).execute("CREATE TABLE mine (x)").connection.close()
    assert main(["demo", "--no-tui", "--db-path", str(foreign)]) == 2
    assert "デモ用" in capsys.readouterr().err
    assert foreign.exists() and foreign.stat().st_size > 0
    assert main(["demo", "--no-tui", "--speed", "0"]) == 2
    assert main(["demo", "--no-tui", "--weeks", "-1"]) == 2


def test_live_day_moves_tickets_through_the_services(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    from queue_app.demo.live import LiveDay

    clock.set(datetime(2026, 12, 1, 8, 25, tzinfo=TZ))
    live = LiveDay(sqlite_services, clock, seed=3, reserved={("sogo", 3)})
    live.advance(2 * 3600)  # 08:25 -> 10:25
    assert live.stats.issued > 30 and live.stats.called > 20 and live.stats.finished > 15
    tickets = sqlite_services.tickets.list("sogo")
    assert tickets and all(t.counter != 3 for t in tickets)  # counter 3 is the human's
    for t in tickets:
        if t.called_at is not None:
            assert t.called_at >= t.issued_at
        if t.finished_at is not None and t.started_at is not None:
            assert t.finished_at >= t.started_at
    # the day ends, the queue empties, and the clock jumps to the next open morning
    live.advance(10 * 3600)
    local = clock.now().astimezone(TZ)
    assert local.date() >= date(2026, 12, 2)


def test_live_thread_runs_faster_than_real_time(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    from queue_app.demo.live import LiveDay

    clock.set(datetime(2026, 12, 1, 9, 30, tzinfo=TZ))
    start = clock.now()
    live = LiveDay(sqlite_services, clock, speed=600, seed=1)
    live.start(interval=0.05)
    try:
        poll(lambda: clock.now() - start >= timedelta(minutes=10), "10 demo minutes")
    finally:
        live.stop()
    assert clock.now() - start >= timedelta(minutes=10)
    assert live.stats.errors == 0, live.stats.last_error


async def test_demo_app_switches_modes_and_pauses(sqlite_services, clock) -> None:  # type: ignore[no-untyped-def]
    from queue_app.demo.app import DemoApp
    from queue_app.demo.live import LiveDay
    from screens.app import AppOptions

    clock.set(datetime(2026, 12, 1, 9, 30, tzinfo=TZ))
    live = LiveDay(sqlite_services, clock, speed=60, seed=2, reserved={("sogo", 3)})
    live.advance(600)
    options = AppOptions(office_id="sogo", mode="display", counter=3, staff="S001", lang="ja")
    app = DemoApp(sqlite_services, options, ["reception", "display", "reports"], live=live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.current_mode == "display"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.current_mode == "reports"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.current_mode == "reception"
        await pilot.press("alt+2")
        await pilot.pause()
        assert app.current_mode == "display"
        await pilot.press("ctrl+g")
        assert live.paused
        assert "一時停止" in str(app.sub_title)
        await pilot.press("ctrl+g")
        assert not live.paused
        before = live.speed
        await pilot.press("alt+up")
        assert live.speed > before
        # the display's snapshot worker is exclusive: one cancelled by a newer one after the
        # mode switches is not a failure (under load it may still be pending here)
        await calm(pilot, rounds=1)
    assert live._thread is None  # stopped with the app


def test_demo_database_is_under_the_data_dir(demo_env) -> None:  # type: ignore[no-untyped-def]
    import argparse

    from queue_app.commands.demo import demo_paths
    from queue_app.context import CliContext

    ctx = CliContext(argparse.Namespace())
    path, secret = demo_paths(ctx, None)
    assert path == Path(demo_env) / "demo" / "madoguchi-demo.db"
    assert secret.parent == path.parent


def test_a_second_demo_never_deletes_the_database_of_a_running_one(
    demo_env, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The first demo's TUI is open (its `app.run()`); a second `madoguchi demo` started
    meanwhile refuses, names the database and what to do, and leaves the file alone."""
    from queue_app.demo.app import DemoApp

    path = demo_env / "demo" / "madoguchi-demo.db"
    seen: dict[str, object] = {}

    def second_demo_while_running(self) -> None:  # type: ignore[no-untyped-def]
        inode = path.stat().st_ino
        seen["code"] = main(["demo", "--no-tui", "--weeks", "1", "--live-minutes", "0"])
        seen["err"] = capsys.readouterr().err
        seen["same_file"] = path.exists() and path.stat().st_ino == inode
        seen["contents"] = _demo_contents(path)

    monkeypatch.setattr(DemoApp, "run", second_demo_while_running)
    assert main(["demo", "--weeks", "1", "--live-minutes", "0"]) == 0
    assert seen["code"] == 3
    assert "実行中" in str(seen["err"]) and str(path) in str(seen["err"])
    assert "Traceback" not in str(seen["err"])
    assert seen["same_file"] is True
    assert seen["contents"].history > 0  # type: ignore[attr-defined]
    # once the first demo has ended, a new one starts (the lock went with it)
    assert main(["demo", "--no-tui", "--weeks", "1", "--live-minutes", "0"]) == 0


def test_a_demo_refusal_speaks_english_when_asked(demo_env, capsys) -> None:  # type: ignore[no-untyped-def]
    import fcntl
    import os

    assert main(["demo", "--no-tui", "--weeks", "0", "--live-minutes", "0"]) == 0
    path = demo_env / "demo" / "madoguchi-demo.db"
    fd = os.open(f"{path}.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running demo holds
        capsys.readouterr()
        assert main(["--lang", "en", "demo", "--no-tui", "--weeks", "0"]) == 3
        assert "in use by another running demo" in capsys.readouterr().err
        assert path.exists()
    finally:
        os.close(fd)
