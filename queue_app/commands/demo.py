"""`madoguchi demo`: a demo database with weeks of history and a simulated live day.

Never touches the real database: the demo lives in `<data dir>/demo/` with its own secret
(or at `--db-path`, which must not be the configured database and, if it exists, must be a
demo database made by this command). Each run rebuilds it, so every demo starts fresh.

A running demo holds an exclusive lock on `<database>.lock` until it exits; a second
`madoguchi demo` on the same database finds the lock taken and refuses (exit 3) instead of
deleting the database under the running one. The operating system drops the lock when the
process ends, however it ends, so a crashed demo never blocks the next one.
"""

from __future__ import annotations

import argparse
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from queue_app.context import CliContext
from queue_app.domain.errors import DatabaseError, InputError

DEMO_STAFF = "S001"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="open a demo: weeks of history and a live simulated day (never the real data)",
        description=(
            "Build a demo database under the data folder (demo/madoguchi-demo.db), fill it "
            "with --weeks of realistic history for every office, then play today forward "
            "from 09:30 with simulated clerks at --speed times real time, in a TUI whose "
            "reception, display and reports modes can be switched (Ctrl+O)."
        ),
    )
    p.add_argument("--speed", type=float, default=20.0, help="simulated seconds per second (20)")
    p.add_argument("--weeks", type=int, default=8, help="weeks of history before today (8)")
    p.add_argument("--db-path", metavar="PATH", help="demo database file (default: data dir)")
    p.add_argument("--office", default="sogo", help="office shown in the TUI (sogo)")
    p.add_argument(
        "--mode", default="display", choices=["reception", "display", "reports"], help="first mode"
    )
    p.add_argument("--seed", type=int, default=1, help="random seed (1)")
    p.add_argument("--no-tui", action="store_true", help="build and simulate, print, no TUI")
    p.add_argument(
        "--live-minutes",
        type=int,
        default=60,
        help="with --no-tui: simulated minutes to play after 09:30 (60)",
    )
    p.set_defaults(handler=run)


def demo_paths(ctx: CliContext, db_path: str | None) -> tuple[Path, Path]:
    from queue_app.config import data_dir

    folder = data_dir(ctx.env, ctx.config) / "demo"
    path = Path(db_path).expanduser() if db_path else folder / "madoguchi-demo.db"
    secret = path.parent / "demo-secret.key"
    return path, secret


def _is_demo_db(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM audit_entry WHERE actor = 'demo' AND action = 'demo_history' LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None


def lock_demo(ctx: CliContext, path: Path) -> None:
    """Take the demo database's lock for as long as this command runs, or refuse: another
    `madoguchi demo` is using it. Released by `ctx.close()` or by the process ending."""
    import fcntl
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise DatabaseError("err.demo_running", path=str(path)) from None
    ctx._closers.append(lambda: os.close(fd))


def prepare(ctx: CliContext, path: Path) -> None:
    """Refuse the real database, foreign files and a demo in use; remove an old demo database."""
    from db.backup import sqlite_path

    try:
        real = sqlite_path(ctx.database_url)
    except Exception:
        real = None
    if real is not None and real.expanduser().resolve() == path.resolve():
        raise InputError("err.demo_real_db", path=str(path))
    if path.exists() and not _is_demo_db(path):
        raise InputError("err.demo_not_demo", path=str(path))
    lock_demo(ctx, path)
    if path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def demo_day(ctx: CliContext, office_id: str) -> date:
    found = ctx.calendar.next_open_day(office_id, ctx.today())
    return found or ctx.today()


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.engine import make_engine
    from db.migrate import upgrade
    from queue_app.config import ensure_secret
    from queue_app.demo.history import DEMO_PLAN_RATE, HistoryConfig, generate
    from queue_app.demo.live import LiveDay
    from queue_app.domain.clock import MutableClock
    from queue_app.services import Services

    if not 0 <= args.weeks <= 520:
        raise InputError("err.demo_weeks", value=args.weeks)
    if not 0 < args.speed <= 3600:
        raise InputError("err.demo_speed", value=args.speed)
    office = ctx.config.office(args.office)
    path, secret_file = demo_paths(ctx, args.db_path)
    prepare(ctx, path)
    ctx.out(ctx.tr("demo.building", path=str(path)))
    ensure_secret(secret_file)
    secret = secret_file.read_text("utf-8").strip().encode("utf-8")
    engine = make_engine(f"sqlite:///{path}")
    ctx._closers.append(engine.dispose)
    upgrade(engine)

    day = demo_day(ctx, office.id)
    start = day - timedelta(weeks=args.weeks)
    end = day - timedelta(days=1)
    # the demo shows visit plans (転入) too: a share of the moving-in visitors
    history = HistoryConfig(plan_rate=DEMO_PLAN_RATE)
    if args.weeks > 0:
        result = generate(engine, ctx.config, start, end, seed=args.seed, options=history)
    else:  # an empty history still needs the demo marker
        result = generate(engine, ctx.config, end, end, seed=args.seed, offices=[])
    ctx.out(
        ctx.tr(
            "demo.history",
            weeks=args.weeks,
            start=start.isoformat(),
            end=end.isoformat(),
            tickets=result.tickets,
            events=result.events,
            cases=result.cases,
            seconds=result.seconds,
        )
    )

    calendar = ctx.calendar
    opening = calendar.reception_start(office.id, day) or calendar.at(office.id, day, time(8, 30))
    clock = MutableClock(opening - timedelta(minutes=5))
    services = Services(engine=engine, config=ctx.config, clock=clock, secret=secret)
    counter = 3 if office.counter(3) is not None else office.counters[0].number
    live = LiveDay(
        services,
        clock,
        speed=args.speed,
        seed=args.seed,
        reserved={(office.id, counter)},
        options=history,
    )
    live.fast_forward(calendar.at(office.id, day, time(9, 30)))
    ctx.out(
        ctx.tr("demo.day", day=day.isoformat(), time="09:30", speed=args.speed, counter=counter)
    )
    if args.no_tui:
        live.advance(max(0, args.live_minutes) * 60)
        local = calendar.local(office.id, clock.now())
        ctx.out(
            ctx.tr(
                "demo.live_done",
                time=local.strftime("%H:%M"),
                issued=live.stats.issued,
                called=live.stats.called,
                finished=live.stats.finished,
            )
        )
        return 0

    from queue_app.demo.app import DemoApp
    from screens.app import AppOptions

    options = AppOptions(
        office_id=office.id,
        mode=args.mode,
        counter=counter,
        staff=DEMO_STAFF if DEMO_STAFF in ctx.config.staff else None,
        lang=ctx.lang,
    )
    app = DemoApp(services, options, ["reception", "display", "reports"], live=live)
    try:
        app.run()
    finally:
        live.stop()
    return 0
