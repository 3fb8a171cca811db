"""`madoguchi purge`: erase personal data of old cases (and the other daily housekeeping).

Runs the same maintenance as the start of reception and display: complete cases whose
second visit finished, expire cases past their deadline, mark missed appointments, and
erase the name and phone of cases closed more than `inquiry.purge_after_days` ago.
Suitable for cron.
"""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "purge",
        parents=[common],
        help="erase personal data of closed inquiry cases (and expire overdue ones)",
        description=(
            "Erase the name (kana) and phone of document inquiry cases completed, expired or "
            "cancelled more than inquiry.purge_after_days ago; the anonymous rows stay for "
            "statistics. Also completes, expires and marks no-shows first."
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    inq = ctx.services.inquiries
    # the same sweep as a terminal's start-up, in the same order (no-shows before expiry)
    completed = inq.sync_completed()
    no_shows = inq.sweep_no_shows()
    expired = inq.expire_overdue()
    purged = inq.purge()
    if args.json:
        ctx.out_json(
            {
                "completed": completed,
                "expired": expired,
                "no_shows": no_shows,
                **purged.to_json(),
            }
        )
        return 0
    ctx.out(
        ctx.tr(
            "inq.cli.purged",
            purged=purged.purged,
            completed=completed,
            expired=expired,
            no_shows=no_shows,
            days=ctx.config.settings.inquiry.purge_after_days,
        )
    )
    return 0
