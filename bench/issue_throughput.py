"""Tickets per second: Madoguchi's `TicketService.issue()` beside raw-driver baselines.

    python bench/issue_throughput.py [--tickets 2000] [--pg-tickets 1000] [--no-pg]
        [--rounds 3] [--only normal|full|pg ...]

For each database (SQLite WAL synchronous=NORMAL, SQLite synchronous=FULL, PostgreSQL on a
throwaway cluster from tests.pgcluster) and for 1 and 4 writer processes, in the same run:

* ``raw minimal``: the driver alone (sqlite3 / psycopg 3), one transaction per ticket doing
  the counter upsert (``INSERT .. ON CONFLICT DO UPDATE .. RETURNING``) and the ticket
  insert: the baseline the issue asks for (docs/benchmarks.md#baselines).
* ``raw full``: the driver doing all the work `issue()` does in its transaction: counter
  upsert, ticket insert, the ticket's first event, and the office revision bump.
* ``madoguchi``: `Services.tickets.issue(IssueRequest(...), with_estimate=False)`: the
  validation, the opening-hours check, the transaction with retries, the TicketView and the
  signed token. The estimate is a separate read after the commit; it is skipped here and
  measured on its own line (``madoguchi +estimate``, 1 writer).

Every line is run `--rounds` times (interleaved with the other lines of its table, on a
fresh database each time) and the best run is reported: these shared machines are noisy.

All writers issue tickets for the same office and service: every ticket contends for the
same counter row (the worst case). Each line runs on a fresh database migrated to the same
schema (same indexes). Writers are separate processes (spawn) released together.

The throwaway PostgreSQL cluster runs with fsync=off and synchronous_commit=off (it is a
test cluster): its figures compare the code paths, not a durable production server.
"""

from __future__ import annotations

import argparse
import atexit
import multiprocessing as mp
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
NOW_MS = int(NOW.timestamp() * 1000)
DAY = date(2026, 12, 1)
SECRET = b"bench-secret-0123456789abcdef0123456789abcdef"

COUNTER_SQL = (
    "INSERT INTO daily_counter (office_id, service_id, service_day, last_number) "
    "VALUES ({p}, {p}, {p}, 1) ON CONFLICT (office_id, service_id, service_day) "
    "DO UPDATE SET last_number = daily_counter.last_number + 1 RETURNING last_number"
)
TICKET_SQL = (
    "INSERT INTO ticket (office_id, service_id, issued_service_id, service_day, number, "
    "display_number, visit_kind, decision, state, priority, issued_ms, queued_ms, "
    "recall_count) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, '', '', 'waiting', 0, {p}, {p}, 0) "
    "RETURNING id"
)
EVENT_SQL = (
    "INSERT INTO ticket_event (ticket_id, office_id, service_id, service_day, from_state, "
    "to_state, at_ms) VALUES ({p}, {p}, {p}, {p}, NULL, 'waiting', {p})"
)
REVISION_SQL = (
    "INSERT INTO revision (office_id, value) VALUES ({p}, 1) ON CONFLICT (office_id) "
    "DO UPDATE SET value = revision.value + 1"
)


def _sql(template: str, param: str) -> str:
    return template.format(p=param)


# -- workers (run in spawned processes) ----------------------------------------------------


def _raw_sqlite(path: str, sync: str, full: bool, n: int) -> Any:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {sync}")
    counter, ticket = _sql(COUNTER_SQL, "?"), _sql(TICKET_SQL, "?")
    event, revision = _sql(EVENT_SQL, "?"), _sql(REVISION_SQL, "?")
    day = DAY.isoformat()

    def one() -> None:
        conn.execute("BEGIN IMMEDIATE")
        number = conn.execute(counter, ("sogo", "ecert", day)).fetchone()[0]
        label = f"A-{number:03d}"
        tid = conn.execute(
            ticket, ("sogo", "ecert", "ecert", day, number, label, NOW_MS, NOW_MS)
        ).fetchone()[0]
        if full:
            conn.execute(event, (tid, "sogo", "ecert", day, NOW_MS))
            conn.execute(revision, ("sogo",))
        conn.execute("COMMIT")

    return one, conn.close


def _raw_pg(url: str, full: bool, n: int) -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    conn = psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
    )
    counter, ticket = _sql(COUNTER_SQL, "%s"), _sql(TICKET_SQL, "%s")
    event, revision = _sql(EVENT_SQL, "%s"), _sql(REVISION_SQL, "%s")

    def one() -> None:
        with conn.transaction():
            number = conn.execute(counter, ("sogo", "ecert", DAY)).fetchone()[0]  # type: ignore[index]
            label = f"A-{number:03d}"
            tid = conn.execute(
                ticket, ("sogo", "ecert", "ecert", DAY, number, label, NOW_MS, NOW_MS)
            ).fetchone()[0]  # type: ignore[index]
            if full:
                conn.execute(event, (tid, "sogo", "ecert", DAY, NOW_MS))
                conn.execute(revision, ("sogo",))

    return one, conn.close


def _madoguchi(url: str, sync: str, estimate: bool) -> Any:
    from db.engine import make_engine
    from queue_app.config import load_config
    from queue_app.domain.clock import Clock
    from queue_app.services import IssueRequest, Services

    engine = make_engine(url, synchronous=sync)
    services = Services(engine, load_config(env={}), Clock.fixed(NOW), SECRET)
    tickets = services.tickets
    request = IssueRequest("sogo", "ecert", visit_kind="renewal")

    def one() -> None:
        tickets.issue(request, with_estimate=estimate)

    return one, engine.dispose


def _worker(kind: str, target: str, sync: str, n: int, go: Any, out: Any) -> None:
    if kind == "raw minimal":
        one, close = (
            _raw_pg(target, False, n)
            if target.startswith("postgresql")
            else _raw_sqlite(target, sync, False, n)
        )
    elif kind == "raw full":
        one, close = (
            _raw_pg(target, True, n)
            if target.startswith("postgresql")
            else _raw_sqlite(target, sync, True, n)
        )
    else:
        url = target if target.startswith("postgresql") else f"sqlite:///{target}"
        one, close = _madoguchi(url, sync, estimate=kind == "madoguchi +estimate")
    for _ in range(min(20, n)):  # warm up: imports, pools, statement caches
        one()
    out.put("ready")
    go.wait()
    start = time.perf_counter()
    for _ in range(n):
        one()
    end = time.perf_counter()
    close()
    out.put((start, end, n))


# -- driver ---------------------------------------------------------------------------------


@dataclass
class Line:
    database: str
    path: str
    writers: int
    rate: float


def fresh_target(database: str, tmp: Path, cluster: Any) -> str:
    from db.engine import make_engine
    from db.migrate import upgrade

    if database.startswith("PostgreSQL"):
        url = cluster.create_database(f"bench_{uuid.uuid4().hex[:10]}")
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url
    path = tmp / f"{uuid.uuid4().hex[:10]}.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return str(path)


def run(kind: str, target: str, sync: str, writers: int, n: int) -> float:
    ctx = mp.get_context("spawn")
    go = ctx.Event()
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(kind, target, sync, n, go, out)) for _ in range(writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:  # every writer is warmed up and waiting
        assert out.get(timeout=300) == "ready"
    go.set()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"{kind} worker failed ({p.exitcode})")
    start = min(r[0] for r in results)
    end = max(r[1] for r in results)
    return sum(r[2] for r in results) / (end - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=int, default=2000, help="per writer, SQLite")
    parser.add_argument("--pg-tickets", type=int, default=1000, help="per writer, PostgreSQL")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--only",
        choices=["normal", "full", "pg"],
        action="append",
        help="run only these databases (repeatable): SQLite NORMAL, SQLite FULL, PostgreSQL",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of every line, interleaved; best is kept"
    )
    args = parser.parse_args(argv)

    print(f"load average before: {_load()}", flush=True)
    only = set(args.only or ["normal", "full", "pg"])
    databases = [
        (database, sync)
        for key, database, sync in (
            ("normal", "SQLite WAL, synchronous=NORMAL", "NORMAL"),
            ("full", "SQLite WAL, synchronous=FULL", "FULL"),
        )
        if key in only
    ]
    cluster = None
    if not args.no_pg and "pg" in only:
        from tests.pgcluster import ThrowawayCluster

        cluster = ThrowawayCluster.from_env()
        cluster.start()
        databases.append(("PostgreSQL (psycopg 3, throwaway cluster)", "NORMAL"))
    tmp = Path(tempfile.mkdtemp(prefix="madoguchi-bench-"))
    if cluster is not None:
        atexit.register(cluster.stop)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally below
    lines: list[Line] = []
    try:
        for database, sync in databases:
            n = args.pg_tickets if database.startswith("PostgreSQL") else args.tickets
            for writers in (1, 4):
                kinds = ["raw minimal", "raw full", "madoguchi"]
                if writers == 1:
                    kinds.append("madoguchi +estimate")
                rates: dict[str, list[float]] = {k: [] for k in kinds}
                for r in range(args.rounds):  # interleaved, rotating the order
                    for kind in kinds[r % len(kinds) :] + kinds[: r % len(kinds)]:
                        target = fresh_target(database, tmp, cluster)
                        rates[kind].append(run(kind, target, sync, writers, n))
                for kind in kinds:
                    best = max(rates[kind])
                    lines.append(Line(database, kind, writers, best))
                    runs = ", ".join(f"{x:,.0f}" for x in rates[kind])
                    print(
                        f"{database:44} {writers} writer(s)  {kind:20} {best:9,.0f} tickets/s"
                        f"  (runs: {runs})",
                        flush=True,
                    )
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print(
        "| database | writers | raw minimal | raw full | madoguchi | % of raw minimal | % of raw full |"
    )
    print("|---|---|---|---|---|---|---|")
    for database, _sync in databases:
        for writers in (1, 4):
            got = {
                ln.path: ln.rate
                for ln in lines
                if ln.database == database and ln.writers == writers
            }
            mado = got["madoguchi"]
            print(
                f"| {database} | {writers} | {got['raw minimal']:,.0f} | {got['raw full']:,.0f} "
                f"| {mado:,.0f} | {mado / got['raw minimal']:.0%} | {mado / got['raw full']:.0%} |"
            )
    print()
    for ln in lines:
        if ln.path == "madoguchi +estimate":
            print(f"{ln.database}: issue() with the estimate, 1 writer: {ln.rate:,.0f} tickets/s")
    print(f"load average after: {_load()}")
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages (these shared machines are noisy: say so)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


if __name__ == "__main__":
    raise SystemExit(main())
