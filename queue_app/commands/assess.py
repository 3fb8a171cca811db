"""`madoguchi assess`: can this visitor renew the e-certificates today, and if not, why?

Only PIN *statuses* are taken (known / forgotten / locked), never a PIN value.
"""

from __future__ import annotations

import argparse
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from queue_app.commands.args import today_and_json
from queue_app.commands.renewal import renewal_to_json, resolve_today, window_text
from queue_app.context import CliContext, parse_date
from queue_app.domain.assessment import (
    Assessment,
    Certificate,
    Item,
    PinStatus,
    VisitInput,
    VisitKind,
    assess_visit,
)
from queue_app.domain.errors import InputError
from queue_app.i18n import Translator

E = TypeVar("E", bound=StrEnum)

RENEW_CHOICES: dict[str, frozenset[Certificate]] = {
    "both": frozenset(Certificate),
    "user": frozenset({Certificate.USER}),
    "sign": frozenset({Certificate.SIGN}),
}


def _values(enum_cls: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum_cls)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "assess",
        parents=[common],
        help="check what a visitor brought for an e-certificate renewal",
        description=(
            "Assess a visit for the renewal of the My Number Card e-certificates: serve today, "
            "document inquiry (文書照会), new-card application, or cannot proceed (with the "
            "missing items). PIN values are never asked for: only their status."
        ),
    )
    p.add_argument(
        "--visit",
        required=True,
        metavar="KIND",
        help=f"who came: {_values(VisitKind)}",
    )
    p.add_argument(
        "--brought",
        nargs="+",
        action="extend",
        default=[],
        metavar="ITEM",
        help=f"what was brought (several values, repeatable, or comma-separated): {_values(Item)}",
    )
    p.add_argument(
        "--pin-user",
        default=PinStatus.KNOWN.value,
        metavar="STATUS",
        help=f"status of the 4-digit user-certificate PIN: {_values(PinStatus)} (default known)",
    )
    p.add_argument(
        "--pin-sign",
        default=PinStatus.KNOWN.value,
        metavar="STATUS",
        help=f"status of the signing-certificate PIN: {_values(PinStatus)} (default known)",
    )
    p.add_argument(
        "--renew",
        default="both",
        metavar="WHICH",
        help="certificates to renew: user, sign, both (default both)",
    )
    p.add_argument(
        "--card-expiring",
        action="store_true",
        help="the notice lists マイナンバーカード: the card itself expires (new-card application)",
    )
    p.add_argument("--expiry", metavar="DATE", help="certificate expiry date, YYYY-MM-DD")
    today_and_json(p, "date to judge the renewal window, YYYY-MM-DD (default: today)")
    p.set_defaults(handler=run)


def _normalize(value: str) -> str:
    return value.strip().lower().replace("-", "_")


def parse_choice(value: str, enum_cls: type[E], flag: str) -> E:
    """Turn a flag value into an enum member, or fail naming the flag and the allowed values."""
    try:
        return enum_cls(_normalize(value))
    except ValueError:
        if enum_cls is PinStatus and any(ch.isdigit() for ch in value):
            # every PIN holds a digit: what was typed there may be the PIN, never echo it
            raise InputError(
                "assess.err.invalid_pin_status", flag=flag, allowed=_values(enum_cls)
            ) from None
        raise InputError(
            "assess.err.invalid_choice", flag=flag, value=value, allowed=_values(enum_cls)
        ) from None


def parse_renew(value: str) -> frozenset[Certificate]:
    choice = RENEW_CHOICES.get(_normalize(value))
    if choice is None:
        raise InputError(
            "assess.err.invalid_choice",
            flag="--renew",
            value=value,
            allowed=", ".join(RENEW_CHOICES),
        )
    return choice


def parse_brought(values: list[str]) -> frozenset[Item]:
    items: set[Item] = set()
    for raw in values:
        for part in raw.split(","):
            if part.strip():
                items.add(parse_choice(part, Item, "--brought"))
    return frozenset(items)


def visit_from_args(args: argparse.Namespace, ctx: CliContext) -> VisitInput:
    kind = parse_choice(args.visit, VisitKind, "--visit")
    brought = parse_brought(args.brought)
    pin_user = parse_choice(args.pin_user, PinStatus, "--pin-user")
    pin_sign = parse_choice(args.pin_sign, PinStatus, "--pin-sign")
    renew = parse_renew(args.renew)
    expiry: date | None = None
    today: date | None = None
    if args.expiry:
        expiry = parse_date(args.expiry, "--expiry")
        today = resolve_today(args, ctx)
    elif args.today:
        today = parse_date(args.today, "--today")  # validated even if unused
    return VisitInput(
        kind=kind,
        brought=brought,
        pin_user=pin_user,
        pin_sign=pin_sign,
        renew=renew,
        card_expiring=bool(args.card_expiring),
        expiry=expiry,
        today=today,
    )


def assessment_to_json(visit: VisitInput, result: Assessment, tr: Translator) -> dict[str, object]:
    return {
        "visit": visit.kind.value,
        "visit_label": tr(f"visit.{visit.kind.value}"),
        "brought": [item.value for item in Item if item in visit.brought],
        "renew": [cert.value for cert in Certificate if cert in visit.renew],
        "certificates": [cert.value for cert in Certificate if cert in result.certificates],
        "pin_user": visit.pin_user.value,
        "pin_sign": visit.pin_sign.value,
        "card_expiring": visit.card_expiring,
        "decision": result.decision.value,
        "decision_label": tr(f"decision.{result.decision.value}"),
        "missing": [item.value for item in result.missing],
        "missing_labels": [tr(f"item.{item.value}") for item in result.missing],
        "reason_keys": list(result.reasons),
        "reasons": [tr(key) for key in result.reasons],
        "inquiry_reason_key": result.inquiry_reason,
        "inquiry_reason": tr(result.inquiry_reason) if result.inquiry_reason else None,
        "renewal": (
            renewal_to_json(result.renewal, visit.today, tr)
            if result.renewal is not None and visit.today is not None
            else None
        ),
        "warning_keys": list(result.warnings),
        "warnings": [tr(key) for key in result.warnings],
    }


def assessment_lines(visit: VisitInput, result: Assessment, tr: Translator) -> list[str]:
    sep = tr("assess.list_separator")
    none = tr("assess.label.none")
    brought = sep.join(tr(f"item.{item.value}") for item in Item if item in visit.brought)
    renew = sep.join(tr(f"cert.{cert.value}") for cert in Certificate if cert in visit.renew)
    lines = [
        f"{tr('assess.label.visit')}: {tr(f'visit.{visit.kind.value}')}",
        f"{tr('assess.label.brought')}: {brought or none}",
        f"{tr('assess.label.renew')}: {renew}",
        f"{tr('assess.label.decision')}: {tr(f'decision.{result.decision.value}')}",
    ]
    if result.certificates and result.certificates != visit.renew:
        covered = sep.join(
            tr(f"cert.{cert.value}") for cert in Certificate if cert in result.certificates
        )
        lines.append(f"{tr('assess.label.covered')}: {covered}")
    if result.missing:
        lines.append(f"{tr('assess.label.missing')}:")
        lines.extend(f"  - {tr(f'item.{item.value}')}" for item in result.missing)
    if result.inquiry_reason:
        lines.append(f"{tr('assess.label.inquiry')}: {tr(result.inquiry_reason)}")
    if result.reasons:
        lines.append(f"{tr('assess.label.reasons')}:")
        lines.extend(f"  - {tr(key)}" for key in result.reasons)
    if result.renewal is not None:
        status = tr(f"renewal.status.{result.renewal.status.value}")
        lines.append(f"{tr('assess.label.renewal')}: {window_text(result.renewal, tr)} ({status})")
    if result.warnings:
        lines.append(f"{tr('assess.label.warnings')}:")
        lines.extend(f"  - {tr(key)}" for key in result.warnings)
    return lines


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    visit = visit_from_args(args, ctx)
    result = assess_visit(visit)
    tr = ctx.tr
    if args.json:
        ctx.out_json(assessment_to_json(visit, result, tr))
        return 0
    for line in assessment_lines(visit, result, tr):
        ctx.out(line)
    return 0
