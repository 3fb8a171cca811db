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
    build_app(args, ctx).run()
    return 0


def build_app(args: argparse.Namespace, ctx: CliContext) -> Any:
    """The reception's app, started on plain reads: its first screen and lists come from a
    bare read-only driver connection (`services/ticket_reads.py`), the services (the ORM:
    about a second to import) are built in a thread after the first paint, and a key that
    needs them waits for them (`screens/reception/gate.py`)."""
    from queue_app.config import secret_key

    # bad input exits 2 here, before the terminal UI takes the screen
    ctx.config.counter(args.office, args.counter)
    if args.staff:
        check_staff(ctx, args.office, args.staff)
    source = reception_source(ctx, args.office)  # no database, no terminal (exit 3)
    secret_key(ctx.env, ctx.config)  # a missing or readable-by-others secret stops here
    office = args.office

    def services() -> Any:  # in a thread worker, after the first paint
        built = ctx.services
        built.tickets.revision(office)  # the pool's first connection, off the first key's path
        return built

    from screens.app import AppOptions, create_app

    return create_app(
        None,
        AppOptions(
            office_id=args.office,
            mode="reception",
            counter=args.counter,
            staff=args.staff,
            lang=ctx.lang,
        ),
        board_source=source,
        services_factory=services,
    )


def reception_source(ctx: CliContext, office_id: str) -> Any:
    """The bare read-only source the reception's lists are read from (the display's:
    `services/board_source.py`). The schema is checked with one SELECT; when it is not this
    program's newest, the full check (Alembic) says what is wrong and the command stops, as
    it does when the database cannot be read."""
    from queue_app.services import ticket_reads
    from queue_app.services.board_source import DisplaySource

    source = DisplaySource(ctx.database_url, ctx.config, ctx.clock)
    ctx._closers.append(source.close)
    if not source.schema_is_current():
        ctx.services  # noqa: B018  (raises the clear DatabaseError: missing, older, newer)
    with source.reading() as reader:
        ticket_reads.revision(reader, office_id)  # the database is reachable
    return source
