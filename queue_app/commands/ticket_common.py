"""What the `madoguchi ticket` subcommands share: number flags, the staff code to record,
finding a ticket by id or by its number."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from queue_app.context import CliContext
from queue_app.domain.errors import InputError
from queue_app.domain.fields import check_id
from queue_app.domain.staff import check_staff

if TYPE_CHECKING:
    from queue_app.services.views import TicketView

STAFF_HELP = "staff code (required when [[staff]] is configured)"


def _int(flag: str) -> Any:
    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{flag} must be a whole number, not '{value}'"
            ) from None
        if number < 1:
            raise argparse.ArgumentTypeError(f"{flag} must be 1 or more, not '{value}'")
        return number

    return convert


def staff_for(
    ctx: CliContext, args: argparse.Namespace, office_id: str | None, required: bool = True
) -> str | None:
    """The `--staff` code to record. With `[[staff]]` configured, a command that changes a
    ticket must name a registered code allowed at the ticket's office."""
    known = office_id if office_id in ctx.config.offices else None
    return check_staff(
        ctx.config.staff, getattr(args, "staff", None), office_id=known, required=required
    )


def _resolve(ctx: CliContext, ref: str, office: str | None) -> TicketView:
    tickets = ctx.services.tickets
    if ref.strip().isascii() and ref.strip().isdigit():
        return tickets.get(check_id(ref, "ticket id"))
    if not office:
        raise InputError("err.office_needed_for_label", value=ref)
    return tickets.find(office, ref)
