"""How long the daily report and a one-year range report take at 10k, 100k and 1M tickets.

Builds each database once (migrated schema, then a bulk load with raw sqlite3 executemany,
or COPY on PostgreSQL), with a realistic spread: 3 offices, ~250 tickets per office per
open day, so 1M tickets span about 5 years (10k about 2 weeks, 100k about 6 months).
Busier Mondays/days after closures, notice weeks (days 5-12 of a month) and the hour
before closing are built in. Each ticket has its events (issue, call, start, finish; some
no-shows, cancellations and transfers): about 4.3 events per ticket.

    python bench/report_scaling.py                      # SQLite, 10k 100k 1M
    python bench/report_scaling.py --sizes 10000 100000 # smaller
    python bench/report_scaling.py --pg postgresql://... # also PostgreSQL (empty database)
    python bench/report_scaling.py --keep /tmp/bench     # keep/reuse the SQLite files
    python bench/report_scaling.py --pg-throwaway        # also PostgreSQL (a throwaway cluster)
    python bench/report_scaling.py --daily-runs 300      # the daily median over 300 runs

Each report is printed beside its raw-driver baseline measured in the same run, on the same
database: the daily report beside its own two reads on the driver's cursor (`raw rows`: the
day's tickets and the events it counts, fetched, nothing computed: the report's floor) and
the raw one-day query (`raw day`: count and sum of the day's events), and the one-year range
beside the raw one-year group-by-day (`raw year`: tickets and mean first-call wait per day,
one SQL statement on the driver's own cursor, joining each ticket to its first call event)
and, in the CPU columns, the same group-by-day read from the ticket rows alone (`raw year
rows`: the first call is on the row since migration 0007, as the report reads it now).
A file kept with `--keep` from an older schema is upgraded first (0007 fills the rows'
first call and transfer from the events); a new one gets them from the bulk loader.
The load average is printed before and after: these shared machines are noisy.

Targets (issue 17, docs/benchmarks.md): daily <= 5 ms at 1M tickets; one-year range
<= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from queue_app.config import load_config  # noqa: E402
from queue_app.domain.calendar import OfficeCalendar  # noqa: E402
from queue_app.domain.clock import Clock  # noqa: E402
from queue_app.domain.report_marks import fold_marks  # noqa: E402
from queue_app.services import Services  # noqa: E402

JST = ZoneInfo("Asia/Tokyo")
PER_OFFICE_DAY = 250
OFFICES = ("sogo", "yanasegawa", "station")
SERVICES = {
    "sogo": ("ecert", "certificate", "moving", "card_pickup", "other"),
    "yanasegawa": ("ecert", "certificate", "card_pickup", "other"),
    "station": ("ecert", "certificate", "other"),
}
PREFIX = {"ecert": "A", "certificate": "B", "moving": "C", "card_pickup": "D", "other": "E"}
KINDS = ("self", "self", "self", "agent_with_answer", "agent_first", "guardian", "")
TICKET_COLS = (
    "id office_id service_id issued_service_id service_day number display_number visit_kind "
    "decision state priority issued_ms queued_ms called_ms started_ms finished_ms counter "
    "target_counter recall_count outcome override staff request_id appointment_id case_id "
    "first_called_ms transferred"
).split()
EVENT_COLS = (
    "ticket_id office_id service_id service_day from_state to_state at_ms counter staff detail"
).split()
END = date(2026, 11, 30)


def open_days(cal: OfficeCalendar, office: str, n_days: int) -> list[date]:
    """The last `n_days` open days of the office up to END, oldest first."""
    out: list[date] = []
    d = END
    while len(out) < n_days:
        if cal.day(office, d).open:
            out.append(d)
        d -= timedelta(days=1)
    return out[::-1]


def generate(total: int, seed: int = 7) -> Iterator[tuple[list[tuple], list[tuple]]]:
    """Yield (tickets, events) in chunks of one day per office, newest day first (so every
    size ends on END and a one-year range is full whenever the data spans a year)."""
    cal = OfficeCalendar(load_config(env={}))
    rng = random.Random(seed)
    days_needed = max(1, round(total / PER_OFFICE_DAY / len(OFFICES) * 1.2))
    plan = {o: open_days(cal, o, days_needed) for o in OFFICES}
    tid = 0
    produced = 0
    for i in range(days_needed - 1, -1, -1):
        for office in OFFICES:
            if produced >= total:
                return
            day = plan[office][i]
            prev_closed = not cal.day(office, day - timedelta(days=1)).open
            factor = (1.4 if prev_closed else 1.0) * (1.35 if 5 <= day.day <= 12 else 1.0)
            n = min(total - produced, int(PER_OFFICE_DAY * factor * rng.uniform(0.85, 1.15)))
            tickets, events = [], []
            open_ms = int(
                datetime(day.year, day.month, day.day, 8, 30, tzinfo=JST).timestamp() * 1000
            )
            numbers: dict[str, int] = {}
            arrivals = sorted(_arrival_minute(rng) for _ in range(n))
            for minute in arrivals:
                tid += 1
                service = rng.choice(SERVICES[office])
                numbers[service] = numbers.get(service, 0) + 1
                issued = open_ms + int(minute * 60_000)
                hour_busy = 1.6 if minute > 450 else 1.0  # the hour before 17:15
                wait = int(rng.expovariate(1 / (12 * factor * hour_busy)) * 60_000)
                called = max(issued, open_ms) + wait
                svc_ms = int(rng.uniform(4, 20) * 60_000)
                r = rng.random()
                sday = day.isoformat()
                ev = [(tid, office, service, sday, None, "waiting", issued, None, None, None)]
                started = finished = None
                outcome = None
                cur_service = service
                if r < 0.03:
                    state = "cancelled"
                    ev.append(
                        (
                            tid,
                            office,
                            service,
                            sday,
                            "waiting",
                            "cancelled",
                            issued + wait // 2,
                            None,
                            None,
                            None,
                        )
                    )
                    called = None
                elif r < 0.08:
                    state = "no_show"
                    ev.append(
                        (tid, office, service, sday, "waiting", "called", called, 1, None, None)
                    )
                    ev.append(
                        (
                            tid,
                            office,
                            service,
                            sday,
                            "called",
                            "no_show",
                            called + 180_000,
                            1,
                            None,
                            "recall_limit",
                        )
                    )
                else:
                    state = "done"
                    outcome = "served"
                    ev.append(
                        (tid, office, service, sday, "waiting", "called", called, 1, None, None)
                    )
                    ev.append(
                        (
                            tid,
                            office,
                            service,
                            sday,
                            "called",
                            "serving",
                            called + 30_000,
                            1,
                            None,
                            None,
                        )
                    )
                    started = called + 30_000
                    if r < 0.11:  # transferred once
                        cur_service = "certificate" if service != "certificate" else "other"
                        t_at = started + svc_ms // 2
                        ev.append(
                            (
                                tid,
                                office,
                                cur_service,
                                sday,
                                "serving",
                                "waiting",
                                t_at,
                                1,
                                None,
                                f"transfer:{service}->{cur_service}",
                            )
                        )
                        ev.append(
                            (
                                tid,
                                office,
                                cur_service,
                                sday,
                                "waiting",
                                "called",
                                t_at + 300_000,
                                2,
                                None,
                                None,
                            )
                        )
                        ev.append(
                            (
                                tid,
                                office,
                                cur_service,
                                sday,
                                "called",
                                "serving",
                                t_at + 330_000,
                                2,
                                None,
                                None,
                            )
                        )
                        started = t_at + 330_000
                    finished = started + svc_ms
                    ev.append(
                        (
                            tid,
                            office,
                            cur_service,
                            sday,
                            "serving",
                            "done",
                            finished,
                            1,
                            None,
                            "outcome:served",
                        )
                    )
                tickets.append(
                    (
                        tid,
                        office,
                        cur_service,
                        service,
                        sday,
                        numbers[service],
                        f"{PREFIX[service]}-{numbers[service]:03d}",
                        rng.choice(KINDS),
                        "",
                        state,
                        0,
                        issued,
                        issued,
                        called,
                        started,
                        finished,
                        1,
                        None,
                        0,
                        outcome,
                        None,
                        None,
                        None,
                        None,
                        None,
                        # the report marks, from its events as migration 0007 fills them
                        *fold_marks((e[5], e[6], e[9]) for e in ev),
                    )
                )
                events.extend(ev)
            produced += n
            yield tickets, events


def _arrival_minute(rng: random.Random) -> float:
    """Minutes after 08:30: a morning peak, a lunch dip, a rush before 17:15; a few early."""
    r = rng.random()
    if r < 0.03:
        return -rng.uniform(0, 15)  # waiting at the door before opening
    if r < 0.15:
        return rng.uniform(435, 525)  # 15:45-17:15
    m = rng.triangular(0, 525, 90)
    return min(m, 524.0)


def build_sqlite(path: Path, total: int) -> tuple[int, int, float]:
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA journal_mode = WAL")
    nt = ne = 0
    tq = f"INSERT INTO ticket ({', '.join(TICKET_COLS)}) VALUES ({', '.join('?' * len(TICKET_COLS))})"
    eq = f"INSERT INTO ticket_event ({', '.join(EVENT_COLS)}) VALUES ({', '.join('?' * len(EVENT_COLS))})"
    con.execute("BEGIN")
    for tickets, events in generate(total):
        con.executemany(tq, tickets)
        con.executemany(eq, events)
        nt += len(tickets)
        ne += len(events)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return nt, ne, time.perf_counter() - t0


def build_pg(url: str, total: int) -> tuple[int, int, float]:
    import psycopg

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "DROP TABLE IF EXISTS ticket_event, inquiry_case, appointment, "
            "ticket, daily_counter, revision, slot_load, audit_entry, alembic_version CASCADE"
        )
    upgrade(engine)
    engine.dispose()
    raw = url.replace("postgresql+psycopg://", "postgresql://")
    t0 = time.perf_counter()
    nt = ne = 0
    with psycopg.connect(raw) as con, con.cursor() as cur:
        with cur.copy(f"COPY ticket ({', '.join(TICKET_COLS)}) FROM STDIN") as cp_t:
            pending_events: list[tuple] = []
            for tickets, events in generate(total):
                for row in tickets:
                    cp_t.write_row(row)
                pending_events.extend(events)
                nt += len(tickets)
        with cur.copy(f"COPY ticket_event ({', '.join(EVENT_COLS)}) FROM STDIN") as cp_e:
            for row in pending_events:
                cp_e.write_row(row)
        ne = len(pending_events)
        cur.execute("SELECT setval('ticket_id_seq', (SELECT max(id) FROM ticket))")
        con.commit()
        con.autocommit = True
        cur.execute("VACUUM ANALYZE ticket")
        cur.execute("VACUUM ANALYZE ticket_event")
    return nt, ne, time.perf_counter() - t0


CPU: dict[str, float] = {}  # the last `timed` call's median CPU seconds of this process


def timed(fn, repeat: int, name: str = "") -> float:  # type: ignore[no-untyped-def]
    """Median wall seconds of `repeat` runs after a warm-up; with `name`, the median CPU
    seconds of this process go to CPU[name] (on SQLite that is the query too, and it does
    not count the time a loaded machine keeps the process waiting)."""
    fn()  # warm the cache and the pool
    runs, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(runs)


def measure(url: str, total: int, daily_runs: int = 20) -> dict[str, float]:
    config = load_config(env={})
    engine = make_engine(url)
    svc = Services(engine, config, Clock.fixed(datetime(2026, 12, 1, tzinfo=UTC)), b"bench")
    days = open_days(OfficeCalendar(config), "sogo", max(1, round(total / PER_OFFICE_DAY / 3)))
    mid = days[-10] if len(days) > 10 else days[-1]  # an ordinary recent day
    daily = timed(lambda: svc.reports.daily("sogo", mid), daily_runs, "daily")
    year = timed(lambda: svc.reports.range("sogo", END - timedelta(days=364), END), 3, "year")
    forecast = timed(lambda: svc.reports.forecast("sogo", 2026, 12), 3)
    raw_day, raw_year = raw_baselines(engine, mid)
    raw_rows = raw_daily_rows(engine, mid, daily_runs)
    engine.dispose()
    return {
        "daily_ms": daily * 1000,
        "daily_cpu_ms": CPU["daily"] * 1000,
        "raw_rows_ms": raw_rows * 1000,
        "raw_rows_cpu_ms": CPU["raw_rows"] * 1000,
        "range_year_ms": year * 1000,
        "range_year_cpu_ms": CPU["year"] * 1000,
        "forecast_ms": forecast * 1000,
        "raw_day_ms": raw_day * 1000,
        "raw_day_cpu_ms": CPU["raw_day"] * 1000,
        "raw_year_ms": raw_year * 1000,
        "raw_year_cpu_ms": CPU["raw_year"] * 1000,
        "raw_year_rows_cpu_ms": CPU["raw_year_rows"] * 1000,
    }


RAW_DAY = (
    "SELECT count(*), sum(at_ms) FROM ticket_event WHERE office_id = 'sogo' AND service_day = {d}"
)
# one year, per day: tickets and their mean issue-to-first-call wait (one statement)
RAW_YEAR = """
SELECT tk.service_day, count(*), avg(ev.first_call - tk.issued_ms)
FROM ticket tk LEFT JOIN (
  SELECT ticket_id, min(at_ms) AS first_call FROM ticket_event
  WHERE office_id = 'sogo' AND service_day >= {start} AND service_day <= {end}
    AND to_state = 'called'
  GROUP BY ticket_id
) ev ON ev.ticket_id = tk.id
WHERE tk.office_id = 'sogo' AND tk.service_day >= {start} AND tk.service_day <= {end}
GROUP BY tk.service_day
"""


# the same per day, read from the ticket rows alone (their first call is on the row, 0007):
# the floor of the range report as it reads now
RAW_YEAR_ROWS = """
SELECT service_day, count(*), avg(first_called_ms - issued_ms)
FROM ticket
WHERE office_id = 'sogo' AND service_day >= {start} AND service_day <= {end}
GROUP BY service_day
"""


def raw_baselines(engine, day: date) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The raw driver's one-day query and one-year group-by-day, on its own cursor."""
    raw = engine.raw_connection()
    try:
        mark = "?" if engine.dialect.name == "sqlite" else "%s"
        cur = raw.cursor()
        start, end = END - timedelta(days=364), END
        values: tuple[object, ...] = (day, start, end, start, end)
        if engine.dialect.name == "sqlite":
            values = tuple(v.isoformat() for v in values)  # type: ignore[attr-defined]
        one_day = RAW_DAY.format(d=mark)
        year = RAW_YEAR.format(start=mark, end=mark)

        def run_day() -> None:
            cur.execute(one_day, values[:1])
            cur.fetchall()

        def run_year() -> None:
            cur.execute(year, values[1:])
            cur.fetchall()

        year_rows = RAW_YEAR_ROWS.format(start=mark, end=mark)

        def run_year_rows() -> None:
            cur.execute(year_rows, values[1:3])
            cur.fetchall()

        result = timed(run_day, 20, "raw_day"), timed(run_year, 3, "raw_year")
        timed(run_year_rows, 3, "raw_year_rows")
        raw.rollback()
        return result
    finally:
        raw.close()


def raw_daily_rows(engine, day: date, runs: int = 20) -> float:  # type: ignore[no-untyped-def]
    """The daily report's own two reads (the day's tickets and the events it counts) on the
    raw driver's cursor, rows fetched and nothing computed: the floor of the report."""
    from db.driver import for_psycopg
    from queue_app.services.reports.day_rows import DAY_EVENTS, DAY_TICKETS

    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        sqlite = engine.dialect.name == "sqlite"
        params = {"office": "sogo", "day": day.isoformat() if sqlite else day}
        texts = [sql if sqlite else for_psycopg(sql) for sql in (DAY_TICKETS, DAY_EVENTS)]

        def run() -> None:
            for sql in texts:
                cur.execute(sql, params)
                cur.fetchall()

        result = timed(run, runs, "raw_rows")
        raw.rollback()
        return result
    finally:
        raw.close()


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument(
        "--pg", metavar="URL", help="also measure on this (scratch!) PostgreSQL database"
    )
    ap.add_argument(
        "--pg-throwaway",
        action="store_true",
        help="also measure on PostgreSQL, on a throwaway cluster (tests.pgcluster)",
    )
    ap.add_argument("--keep", metavar="DIR", help="keep the SQLite files here and reuse them")
    ap.add_argument(
        "--daily-runs",
        type=int,
        default=20,
        metavar="N",
        help="runs of the daily report and of its raw rows (median; more on a noisy machine)",
    )
    args = ap.parse_args()
    cluster = None
    if args.pg_throwaway and not args.pg:
        from tests.pgcluster import ThrowawayCluster

        cluster = ThrowawayCluster.from_env()
        cluster.start()
        args.pg = cluster.create_database("bench_reports")
    try:
        run_sizes(args)
    finally:
        if cluster is not None:
            cluster.stop()


def run_sizes(args: argparse.Namespace) -> None:
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="madoguchi-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {load()}", flush=True)
    print(
        f"{'engine':<10} {'tickets':>9} {'events':>9} {'build s':>8} {'daily ms':>9} "
        f"{'raw rows ms':>12} {'raw day ms':>11} {'1y range ms':>12} {'raw year ms':>12} "
        f"{'forecast ms':>12}"
        "   CPU ms of this process (daily / raw rows / raw day / range / raw year / "
        "raw year rows)"
    )
    for size in args.sizes:
        path = folder / f"bench-{size}.db"
        stamp = folder / f"bench-{size}.count"
        if args.keep and path.exists() and stamp.exists():
            nt, ne = (int(x) for x in stamp.read_text().split())
            build = 0.0
            kept = make_engine(f"sqlite:///{path}")
            upgrade(kept)  # a file kept from an older schema: its migrations fill it
            kept.dispose()
        else:
            nt, ne, build = build_sqlite(path, size)
            stamp.write_text(f"{nt} {ne}")
        m = measure(f"sqlite:///{path}", size, args.daily_runs)
        print(row("sqlite", nt, ne, build, m), flush=True)
        if args.pg:
            nt, ne, build = build_pg(args.pg, size)
            m = measure(args.pg, size, args.daily_runs)
            print(row("postgres", nt, ne, build, m), flush=True)
        if not args.keep:
            path.unlink(missing_ok=True)
    print(f"load average after: {load()}")


def row(engine: str, nt: int, ne: int, build: float, m: dict[str, float]) -> str:
    return (
        f"{engine:<10} {nt:>9} {ne:>9} {build:>8.1f} {m['daily_ms']:>9.1f} "
        f"{m['raw_rows_ms']:>12.2f} {m['raw_day_ms']:>11.2f} {m['range_year_ms']:>12.1f} "
        f"{m['raw_year_ms']:>12.1f} {m['forecast_ms']:>12.1f}   {m['daily_cpu_ms']:.1f} / "
        f"{m['raw_rows_cpu_ms']:.2f} / {m['raw_day_cpu_ms']:.2f} / "
        f"{m['range_year_cpu_ms']:.0f} / {m['raw_year_cpu_ms']:.0f} / "
        f"{m['raw_year_rows_cpu_ms']:.0f}"
    )


if __name__ == "__main__":
    main()
