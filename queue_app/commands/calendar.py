"""`madoguchi calendar`: one row per day, open or closed, with hours or the reason."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import InputError

MAX_DAYS = 3660


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "calendar",
        parents=[common],
        help="open days, hours and closure reasons of an office",
        description="Show, day by day, whether an office (or one service) is open.",
    )
    p.add_argument("--office", required=True, help="office id, e.g. sogo")
    p.add_argument("--service", help="service id, e.g. ecert (default: the office as a whole)")
    p.add_argument(
        "--from", dest="start", required=True, metavar="DATE", help="first day YYYY-MM-DD"
    )
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    if end < start:
        raise InputError("err.range_order", start=start, end=end)
    if (end - start).days + 1 > MAX_DAYS:
        raise InputError("err.range_too_long", days=(end - start).days + 1, limit=MAX_DAYS)
    calendar = ctx.calendar
    ctx.config.office(args.office)
    if args.service:
        ctx.config.office_service(args.office, args.service)
    rows = list(calendar.days(args.office, start, end, args.service))
    office = ctx.config.office(args.office)
    # the office as a whole may be open while one service is not (the station's
    # maintenance Sunday stops e-certificate renewal only): say so on the office's row
    closed_services: dict[str, list[dict[str, str | None]]] = {}
    if not args.service:
        for r in rows:
            if r.open:
                closed_services[r.day.isoformat()] = [
                    {"service": sid, "reason": status.reason_text(ctx.lang)}
                    for sid in office.services
                    if not (status := calendar.day(args.office, r.day, sid)).open
                ]
    if args.json:
        out = []
        for r in rows:
            item = r.to_json(ctx.lang)
            if not args.service:
                item["closed_services"] = closed_services.get(r.day.isoformat(), [])
            out.append(item)
        ctx.out_json(out)
        return 0
    tr = ctx.tr
    ctx.out(tr("cal.header"))
    for r in rows:
        state = tr("cal.open") if r.open else tr("cal.closed")
        detail = (
            ", ".join(f"{a}-{b}" for a, b in (h.as_pair() for h in r.hours))
            if r.open
            else (r.reason_text(ctx.lang) or "")
        )
        for closed in closed_services.get(r.day.isoformat(), []):
            name = ctx.config.services[str(closed["service"])].name(ctx.lang)
            detail += "  " + tr("cal.service_closed", service=name, reason=closed["reason"] or "")
        ctx.out(f"{r.day.isoformat()}  {tr(f'weekday.{r.day.weekday()}'):<4}  {state:<4}  {detail}")
    return 0
