"""`madoguchi db backup --out FILE` and `madoguchi db restore --from FILE --yes`.

Registered under `madoguchi db` by queue_app/commands/db_cmd.py; the work is in db/backup.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from queue_app.context import CliContext
from queue_app.domain.errors import InputError


def register(inner: Any, common: argparse.ArgumentParser) -> None:
    b = inner.add_parser(
        "backup",
        parents=[common],
        help="copy the database to a file (SQLite: online backup; PostgreSQL: pg_dump)",
        description=(
            "SQLite: a consistent copy taken with the sqlite3 backup API while terminals keep "
            "working. PostgreSQL: runs pg_dump --format=custom (needs the PostgreSQL client)."
        ),
    )
    b.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    b.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    b.set_defaults(handler=run_backup)
    r = inner.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a backup (asks for --yes)",
        description=(
            "Replace the configured database with a backup made by `madoguchi db backup`. "
            "Stop reception and display terminals first. SQLite: the file is checked, then "
            "copied back with the backup API. PostgreSQL: pg_restore --clean."
        ),
    )
    r.add_argument("--from", dest="source", required=True, metavar="FILE", help="backup file")
    r.add_argument("--yes", action="store_true", help="confirm: the current data is replaced")
    r.add_argument(
        "--force",
        action="store_true",
        help=(
            "restore even though the current database cannot be read (the numbers issued "
            "since the backup are then unknown; see docs/operations.md)"
        ),
    )
    r.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.backup import backup

    result = backup(ctx.database_url, Path(args.out), force=args.force)
    ctx.out(
        ctx.tr(
            "db.backup_done",
            path=str(result.path),
            size=f"{result.size / 1024:.0f}",
            revision=result.revision or "-",
        )
    )
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.backup import sqlite_path
    from db.restore import restore

    url = ctx.database_url
    target = sqlite_path(url)
    where = str(target) if target is not None else url.split("@")[-1]
    if not args.yes:
        raise InputError("err.restore_confirm", target=where, source=args.source)
    result = restore(url, Path(args.source), force=args.force)
    ctx.out(ctx.tr("db.restore_done", target=where, source=args.source))
    if result.upgraded_to is not None:
        ctx.out(ctx.tr("db.upgraded", revision=result.upgraded_to))
    ctx.out(ctx.tr("db.restore_high_water", counters=result.counters_raised, ids=result.ids_raised))
    return 0
