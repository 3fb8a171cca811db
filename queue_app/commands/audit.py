"""`madoguchi audit`: the audit log of one day (who did what, every read of personal data)."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext, parse_date


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "audit",
        parents=[common],
        help="show the audit log of a day (監査記録)",
        description=(
            "Show the append-only audit log: case and appointment actions, overrides and "
            "every read of personal data, oldest first. Days are counted in the office's "
            "time zone (or the configured one without --office)."
        ),
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="day to show (default: today)")
    p.add_argument("--office", metavar="ID", help="only entries concerning this office")
    p.add_argument(
        "--staff", metavar="CODE", help="only entries by this staff code (also past codes)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    # a filter, not an action: a code no longer configured still finds its old entries
    p.set_defaults(handler=run, staff_is_filter=True)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    audit = ctx.services.audit
    day = parse_date(args.date, "--date") if args.date is not None else None
    entries = audit.entries(day, args.office, args.staff or None)
    if args.json:
        ctx.out_json([e.to_json() for e in entries])
        return 0
    shown = (day or audit.today(args.office)).isoformat()
    if not entries:
        ctx.out(ctx.tr("audit.none", day=shown))
        return 0
    ctx.out(ctx.tr("audit.header", day=shown, count=len(entries)))
    zone = audit.zone(args.office)
    for e in entries:
        staff = ctx.config.staff.get(e.actor)
        actor = f"{e.actor} ({staff.name})" if staff else e.actor
        parts = [e.at.astimezone(zone).strftime("%H:%M:%S"), actor, e.action, e.subject]
        if e.detail:
            parts.append(e.detail)
        if e.office_id and not args.office:
            parts.append(f"[{e.office_id}]")
        ctx.out("  ".join(parts))
    return 0
