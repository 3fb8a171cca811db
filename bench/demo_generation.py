"""How fast the demo history generator writes a year for the three offices (target <= 30 s).

    python bench/demo_generation.py [--days 365] [--pg URL] [--seed 1]

Builds a fresh SQLite file (and optionally a PostgreSQL database given by URL, which must be
empty), generates `--days` days ending 2026-11-30 for every configured office, and prints
the counts and the time split into simulation and inserts.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from db.engine import make_engine
from db.migrate import upgrade
from queue_app.config import load_config
from queue_app.demo.history import generate


def run_one(url: str, days: int, seed: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    config = load_config(env={})
    end = date(2026, 11, 30)
    start = end - timedelta(days=days - 1)
    t0 = time.perf_counter()
    result = generate(engine, config, start, end, seed=seed)
    wall = time.perf_counter() - t0
    engine.dispose()
    dialect = url.split(":", 1)[0]
    print(
        f"{dialect}: {start}..{end} {result.days} office-days, {result.tickets:,} tickets, "
        f"{result.events:,} events, {result.cases:,} cases, {result.appointments:,} "
        f"appointments in {wall:.1f} s ({result.tickets / wall:,.0f} tickets/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg", metavar="URL", help="also measure on this (empty) PostgreSQL")
    args = parser.parse_args()
    print(f"{platform.node()} Python {platform.python_version()} SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory() as tmp:
        run_one(f"sqlite:///{Path(tmp) / 'bench.db'}", args.days, args.seed)
    if args.pg:
        run_one(args.pg, args.days, args.seed)


if __name__ == "__main__":
    main()
