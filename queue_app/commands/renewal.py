"""`madoguchi renewal`: the renewal window of an e-certificate and where a date falls in it."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from queue_app.commands.args import today_and_json
from queue_app.context import CliContext, parse_date
from queue_app.domain.renewal import RenewalAssessment, RenewalStatus, assess_renewal
from queue_app.i18n import Translator


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "renewal",
        parents=[common],
        help="renewal window (更新手続期間) of the e-certificates",
        description=(
            "Show the renewal window of a My Number Card e-certificate: from the day after "
            "(expiry - 3 months) up to the expiry date, and whether --today is before it, "
            "inside it or after expiry. Renewing early or after expiry is possible: it only warns."
        ),
    )
    p.add_argument("--expiry", required=True, metavar="DATE", help="expiry date, YYYY-MM-DD")
    today_and_json(p, "date to judge, YYYY-MM-DD (default: today in the configured time zone)")
    p.set_defaults(handler=run)


def resolve_today(args: argparse.Namespace, ctx: CliContext) -> date:
    """`--today` if given, else the configured clock's date (MADOGUCHI_NOW fixes it)."""
    raw = getattr(args, "today", None)
    if raw:
        return parse_date(raw, "--today")
    return ctx.today()


def status_detail(ra: RenewalAssessment, tr: Translator) -> str:
    if ra.status is RenewalStatus.TOO_EARLY:
        return tr("renewal.detail.too_early", days=ra.days_until_window)
    if ra.status is RenewalStatus.EXPIRED:
        return tr("renewal.detail.expired", days=ra.days_since_expiry)
    if ra.days_left == 0:
        return tr("renewal.detail.open_last_day")
    return tr("renewal.detail.open", days=ra.days_left)


def renewal_to_json(ra: RenewalAssessment, today: date, tr: Translator) -> dict[str, object]:
    """The JSON object shared by `renewal --json` and `assess --json`."""
    return {
        "expiry": ra.window_end.isoformat(),
        "today": today.isoformat(),
        "window_start": ra.window_start.isoformat(),
        "window_end": ra.window_end.isoformat(),
        "status": ra.status.value,
        "status_label": tr(f"renewal.status.{ra.status.value}"),
        "detail": status_detail(ra, tr),
        "days_until_window": ra.days_until_window,
        "days_left": ra.days_left,
        "days_since_expiry": ra.days_since_expiry,
        "warning_key": ra.warning_key,
        "warning": tr(ra.warning_key) if ra.warning_key else None,
    }


def window_text(ra: RenewalAssessment, tr: Translator) -> str:
    return tr(
        "renewal.window_range",
        start=ra.window_start.isoformat(),
        end=ra.window_end.isoformat(),
    )


def renewal_lines(ra: RenewalAssessment, today: date, tr: Translator) -> list[str]:
    status = tr(f"renewal.status.{ra.status.value}")
    lines = [
        f"{tr('renewal.label.expiry')}: {ra.window_end.isoformat()}",
        f"{tr('renewal.label.today')}: {today.isoformat()}",
        f"{tr('renewal.label.window')}: {window_text(ra, tr)}",
        f"{tr('renewal.label.status')}: {status} ({status_detail(ra, tr)})",
        tr("renewal.label.fee"),
    ]
    if ra.warning_key:
        lines.append(f"{tr('renewal.label.warning')}: {tr(ra.warning_key)}")
    return lines


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    expiry = parse_date(args.expiry, "--expiry")
    today = resolve_today(args, ctx)
    ra = assess_renewal(expiry, today)
    tr = ctx.tr
    if args.json:
        ctx.out_json(renewal_to_json(ra, today, tr))
        return 0
    for line in renewal_lines(ra, today, tr):
        ctx.out(line)
    return 0
