"""`madoguchi report daily|range|visits|forecast`: wait-time reports, time in the building
and the congestion forecast."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from queue_app.commands.args import format_and_out, write_out
from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import InputError

FORMATS = ("table", "csv", "json", "html")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help="daily and range wait-time reports, congestion forecast",
        description="Wait-time reports from the ticket history (docs/reports.md).",
    )
    kinds = p.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    def output(q: argparse.ArgumentParser) -> None:
        q.add_argument("--office", required=True, help="office id, e.g. sogo")
        format_and_out(q, FORMATS)
        q.set_defaults(handler=run)

    d = kinds.add_parser("daily", parents=[common], help="one office, one day")
    d.add_argument("--date", required=True, metavar="DATE", help="service day YYYY-MM-DD")
    output(d)
    r = kinds.add_parser("range", parents=[common], help="a row per day, totals and heatmaps")
    r.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day")
    r.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day")
    output(r)
    v = kinds.add_parser(
        "visits", parents=[common], help="time in the building per visit, step and plan"
    )
    v.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day")
    v.add_argument("--to", dest="end", metavar="DATE", help="last day (default: the first)")
    output(v)
    f = kinds.add_parser("forecast", parents=[common], help="混雑予想カレンダー for a month")
    f.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to forecast")
    f.add_argument(
        "--notice",
        action="append",
        default=[],
        metavar="DATE",
        help="expiry-notice delivery date (repeatable; default: inferred from past spikes)",
    )
    f.add_argument("--weeks", type=int, default=52, help="weeks of history (default 52)")
    output(f)


def parse_month(value: str) -> tuple[int, int]:
    m = _MONTH.match(value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError("err.month_invalid", value=value)
    return int(m.group(1)), int(m.group(2))


def _reports(ctx: CliContext) -> Any:
    """Reports never sign tokens: they need no secret key (a chief's PC may lack it)."""
    from queue_app.services import Services

    return Services(ctx.engine, ctx.config, ctx.clock, secret=b"reports-sign-nothing").reports


def build(args: argparse.Namespace, ctx: CliContext) -> Any:
    """Validate the flags first (no database needed to reject a bad office or date)."""
    ctx.config.office(args.office)
    if args.report_kind == "daily":
        day = parse_date(args.date, "--date")
        return lambda: _reports(ctx).daily(args.office, day)
    if args.report_kind == "range":
        start = parse_date(args.start, "--from")
        end = parse_date(args.end, "--to")
        return lambda: _reports(ctx).range(args.office, start, end)
    if args.report_kind == "visits":
        start = parse_date(args.start, "--from")
        end = parse_date(args.end, "--to") if args.end else start
        return lambda: _reports(ctx).visits(args.office, start, end)
    year, month = parse_month(args.month)
    notices: list[date] = []
    for raw in args.notice:
        for part in raw.split(","):
            if part.strip():
                notices.append(parse_date(part.strip(), "--notice"))
    if not 1 <= args.weeks <= 104:
        raise InputError("err.month_invalid", value=f"--weeks {args.weeks}")
    return lambda: _reports(ctx).forecast(
        args.office, year, month, notice_dates=notices or None, weeks=args.weeks
    )


BOM = "\ufeff"


def with_bom(text: str, fmt: str, to_terminal: bool) -> str:
    """CSV for Excel: a UTF-8 byte-order mark first, or Excel reads the Japanese as mojibake.
    Not on an interactive terminal, where it would only be an invisible stray character."""
    if fmt != "csv" or to_terminal or text.startswith(BOM):
        return text
    return BOM + text


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    import sys

    from db.migrate import check
    from queue_app.services.reports.render import render

    make = build(args, ctx)
    check(ctx.engine)
    report = make()
    text = render(report, args.format, ctx.lang)
    if args.out:
        write_out(ctx, args.out, with_bom(text, args.format, False), "rpt.written")
    else:
        ctx.out(with_bom(text, args.format, sys.stdout.isatty()).rstrip("\n"))
    return 0
