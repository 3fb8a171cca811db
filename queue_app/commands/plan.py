"""`madoguchi plan`: a half-hour counter staffing plan for one office and day."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from queue_app.commands.args import format_and_out, history_services, write_out
from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import InputError

FORMATS = ("table", "csv", "json", "html")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "plan",
        parents=[common],
        help="half-hour staffing plan: counters per skill group (forecast + simulation)",
        description=(
            "Forecast the day's arrivals per procedure and half-hour from the history "
            "(fitted factors), then find how many counters of each skill group to open in "
            "each half-hour so that --share of the visitors are called within --within "
            "minutes (simulation-based iterative staffing), beside the Erlang C and "
            "Erlang-A plans, all checked by the same simulation. docs/staffing.md"
        ),
    )
    p.add_argument("--office", required=True, help="office id, e.g. sogo")
    p.add_argument("--date", required=True, metavar="DATE", help="the day to plan, YYYY-MM-DD")
    p.add_argument("--within", type=float, help="minutes (default: general.target_wait_minutes)")
    p.add_argument("--share", type=float, default=0.8, help="share called within (default 0.8)")
    p.add_argument("--weeks", type=int, default=52, help="weeks of history (default 52)")
    p.add_argument("--runs", type=int, default=30, help="simulated days per search (default 30)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument(
        "--notice",
        action="append",
        default=[],
        metavar="DATE",
        help="expiry-notice delivery date (repeatable; default: configuration, else inferred)",
    )
    format_and_out(p, FORMATS)
    p.set_defaults(handler=run)


def _check_range(flag: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise InputError("err.plan_range", flag=flag, value=value, low=low, high=high)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.migrate import check

    ctx.config.office(args.office)
    day = parse_date(args.date, "--date")
    notices: list[date] = []
    for raw in args.notice:
        notices += [parse_date(p.strip(), "--notice") for p in raw.split(",") if p.strip()]
    _check_range("--weeks", args.weeks, 2, 260)
    _check_range("--runs", args.runs, 2, 500)
    if args.within is not None:
        _check_range("--within", args.within, 1, 240)
    if not 0 < args.share < 1:
        raise InputError("err.plan_share", value=args.share)
    check(ctx.engine)
    from queue_app.services.staffing import StaffingService
    from queue_app.staffing_render import render

    report = StaffingService(history_services(ctx)).plan(
        args.office,
        day,
        weeks=args.weeks,
        within=args.within,
        share=args.share,
        replications=args.runs,
        seed=args.seed,
        notice_dates=notices or None,
    )
    text = render(report, args.format, ctx.lang)
    if args.out:
        write_out(ctx, args.out, text, "plan.written")
    else:
        ctx.out(text.rstrip("\n"))
    return 0
