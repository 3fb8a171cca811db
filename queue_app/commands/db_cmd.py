"""`madoguchi db upgrade|current` (and backup/restore, see db/backup.py)."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("db", parents=[common], help="database schema and backups")
    inner = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = inner.add_parser("upgrade", parents=[common], help="apply migrations (safe to repeat)")
    up.set_defaults(handler=run_upgrade)
    cur = inner.add_parser("current", parents=[common], help="show the schema revision")
    cur.set_defaults(handler=run_current)
    register_backup(inner, common)


def register_backup(inner: Any, common: argparse.ArgumentParser) -> None:
    import importlib

    try:
        module = importlib.import_module("queue_app.commands.db_backup")
    except ModuleNotFoundError:
        return
    module.register(inner, common)


def run_upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.migrate import upgrade

    ctx.out(ctx.tr("db.upgraded", revision=upgrade(ctx.engine)))
    return 0


def run_current(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.migrate import check, head_revision

    ctx.out(ctx.tr("db.current", revision=check(ctx.engine), head=head_revision()))
    return 0
