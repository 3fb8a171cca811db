"""`madoguchi simulate`: expected waits per hour for N counters, and the fewest counters needed."""

from __future__ import annotations

import argparse
import math
from typing import Any

from queue_app.commands.args import history_services
from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import InputError
from queue_app.domain.fields import check_count


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "simulate",
        parents=[common],
        help="simulate a day's queue with N counters (arrivals learned from history)",
        description=(
            "Learn the arrivals per hour of the date's weekday from the last --weeks same "
            "weekdays in the database, simulate the day many times with N counters, and "
            "print the mean and p90 wait per hour beside the Erlang C estimate, and the "
            "fewest counters that keep every hour's p90 wait within the target."
        ),
    )
    # like `plan`'s flags on purpose, not shared: each command has its own defaults and limits
    p.add_argument("--office", required=True, help="office id, e.g. sogo")
    p.add_argument("--date", required=True, metavar="DATE", help="the day to plan, YYYY-MM-DD")
    p.add_argument(
        "--counters", type=int, help="counters open (default: the office's configured counters)"
    )
    p.add_argument("--service", help="only this service (its arrivals and service times)")
    p.add_argument("--weeks", type=int, default=8, help="same weekdays to learn from (default 8)")
    p.add_argument(
        "--target",
        type=float,
        help="p90 wait target in minutes (default: general.target_wait_minutes)",
    )
    p.add_argument(
        "--dist",
        default="lognormal",
        choices=["lognormal", "exponential"],
        help="service-time distribution (lognormal uses the spread seen in history)",
    )
    p.add_argument("--runs", type=int, default=200, help="simulated days (default 200)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def _minutes(value: float, tr: Any) -> str:
    return tr("sim.overloaded") if math.isinf(value) else f"{value:.1f}"


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from queue_app.services.simulate import SimulationService

    day = parse_date(args.date, "--date")
    check_count(args.weeks, "--weeks", 1, 52)
    check_count(args.runs, "--runs", 1, 5000)
    if args.counters is not None:
        check_count(args.counters, "--counters", 1, 100)
    if args.target is not None and not 0 < args.target <= 600:  # also refuses nan
        raise InputError("err.number_range", field="--target", low=0, high=600)
    report = SimulationService(history_services(ctx)).run(
        args.office,
        day,
        counters=args.counters,
        service_id=args.service,
        weeks=args.weeks,
        target_p90=args.target,
        dist=args.dist,
        replications=args.runs,
        seed=args.seed,
    )
    if args.json:
        ctx.out_json(report.to_json())
        return 0
    tr = ctx.tr
    office = ctx.config.office(args.office)
    r = report.result
    ctx.out(
        tr(
            "sim.title",
            office=office.name(ctx.lang)
            + (f" / {ctx.config.services[args.service].name(ctx.lang)}" if args.service else ""),
            date=day.isoformat(),
            weekday=tr(f"weekday.{day.weekday()}"),
            opens=report.opens,
            closes=report.closes,
            counters=r.counters,
            mean=report.learned.mean_service,
        )
    )
    ctx.out(
        tr(
            "sim.learned",
            n=len(report.learned.sample_days),
            days=", ".join(d.strftime("%m-%d") for d in report.learned.sample_days),
            replications=r.replications,
            dist=r.distribution,
        )
    )
    ctx.out("")
    ctx.out(tr("sim.header"))
    for h in r.hours:
        ctx.out(
            f"{h.hour:02d}    {h.arrivals:6.1f}   {h.mean_wait:9.1f}   {h.p90_wait:9.1f}   "
            f"{_minutes(h.erlang_c_wait, tr):>10}"
        )
    ctx.out(
        tr(
            "sim.total",
            arrivals=sum(h.arrivals for h in r.hours),
            mean=r.mean_wait,
            p90=r.p90_wait,
            max=r.max_wait,
        )
    )
    ctx.out("")
    if report.recommended is not None and report.recommended_result is not None:
        ctx.out(
            tr(
                "sim.recommend",
                target=report.target_p90,
                n=report.recommended,
                mean=report.recommended_result.mean_wait,
            )
        )
    else:
        ctx.out(tr("sim.recommend_none", max=30, target=report.target_p90))
    ctx.out(tr("sim.note"))
    return 0
