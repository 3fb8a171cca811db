"""`madoguchi reception`: the clerk's terminal (Textual), one counter of one office."""

from __future__ import annotations

import argparse
from typing import Any

from queue_app.context import CliContext
from queue_app.domain.errors import InputError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "reception",
        parents=[common],
        help="reception staff terminal (受付・窓口端末)",
        description=(
            "Open the reception terminal for one counter: intake and ticket issue, call next, "
            "recall, start, finish, no-show, transfer, the waiting list and a QR scanner field."
        ),
    )
    p.add_argument("--office", required=True, metavar="ID", help="office id, e.g. sogo")
    p.add_argument("--counter", required=True, type=int, metavar="N", help="counter number")
    p.add_argument("--staff", metavar="CODE", help="staff code (asked at start when omitted)")
    p.set_defaults(handler=run)


def check_staff(ctx: CliContext, office_id: str, code: str) -> None:
    staff = ctx.config.staff.get(code)
    if staff is None:
        raise InputError(
            "reception.err.unknown_staff", value=code, known=", ".join(ctx.config.staff)
        )
    if staff.offices and office_id not in staff.offices:
        raise InputError("reception.err.staff_other_office", value=code, office=office_id)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    # bad input exits 2 here, before the terminal UI takes the screen
    ctx.config.counter(args.office, args.counter)
    if args.staff:
        check_staff(ctx, args.office, args.staff)
    services = ctx.services
    services.tickets.revision(args.office)  # the database is reachable and migrated

    from screens.app import AppOptions, create_app

    app = create_app(
        services,
        AppOptions(
            office_id=args.office,
            mode="reception",
            counter=args.counter,
            staff=args.staff,
            lang=ctx.lang,
        ),
    )
    app.run()
    return 0
