"""`madoguchi appointments`: second-visit appointments: list, slots, book, cancel, reschedule,
check-in and slips (text, PNG, SVG)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from queue_app.commands.args import slot, staff_and_json
from queue_app.commands.cases import _int
from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import InputError
from queue_app.domain.inquiry import parse_hhmm
from queue_app.domain.inquiry_views import AppointmentView, day_label


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "appointments",
        parents=[common],
        help="second-visit appointments (予約)",
        description="Appointments for the second visit of a document inquiry case.",
    )
    cmds = p.add_subparsers(dest="appointments_command", metavar="ACTION", required=True)

    ls = cmds.add_parser("list", parents=[common], help="appointments of an office on a day")
    ls.add_argument("--office", required=True, help="office id")
    ls.add_argument("--date", metavar="D", help="YYYY-MM-DD (default: today)")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(handler=run_list)

    sl = cmds.add_parser("slots", parents=[common], help="free seats for a case at an office")
    sl.add_argument("--office", required=True, help="office id")
    sl.add_argument("--case", required=True, metavar="ID", help="case id")
    sl.add_argument("--month", metavar="YYYY-MM", help="month calendar (default: this month)")
    sl.add_argument("--date", metavar="D", help="the free slots of one day instead")
    sl.add_argument("--json", action="store_true", help="print JSON")
    sl.set_defaults(handler=run_slots)

    bk = cmds.add_parser("book", parents=[common], help="book a seat for a case")
    bk.add_argument("--case", required=True, metavar="ID", help="case id")
    bk.add_argument("--office", required=True, help="office id")
    slot(bk, "slot start, e.g. 09:30")
    staff_and_json(bk)
    bk.set_defaults(handler=run_book)

    cn = cmds.add_parser("cancel", parents=[common], help="cancel an appointment (frees it)")
    _which(cn)
    staff_and_json(cn)
    cn.set_defaults(handler=run_cancel)

    rs = cmds.add_parser("reschedule", parents=[common], help="move an appointment")
    _which(rs)
    rs.add_argument("--office", help="office id (default: the same office)")
    slot(rs)
    staff_and_json(rs)
    rs.set_defaults(handler=run_reschedule)

    ci = cmds.add_parser("checkin", parents=[common], help="check in a slip (QR text or code)")
    ci.add_argument("slip", metavar="TOKEN_OR_CODE", help="the scanned QR text or R-7K2Q")
    ci.add_argument("--office", required=True, help="office id where the visitor is")
    staff_and_json(ci, "staff code (required when [[staff]] is configured)")
    ci.set_defaults(handler=run_checkin)

    sp = cmds.add_parser("slip", parents=[common], help="print or write an appointment slip")
    _which(sp)
    sp.add_argument("--out", metavar="DIR", help="write slip-CODE.txt/.png/.svg into DIR")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(handler=run_slip)


def _which(p: argparse.ArgumentParser) -> None:
    p.add_argument("--id", metavar="N", help="appointment id")
    p.add_argument("--code", metavar="R-7K2Q", help="appointment code")


def _appointment(args: argparse.Namespace, ctx: CliContext) -> AppointmentView:
    inq = ctx.services.inquiries
    if args.id:
        return inq.get_appointment(_int(args.id, "--id"))
    if args.code:
        return inq.find_appointment(args.code)
    raise InputError("inq.err.which_appointment")


def _line(a: AppointmentView, ctx: CliContext) -> str:
    state = ctx.tr(f"inq.appt_state.{a.state}")
    return f"{a.start}-{a.end}  {a.code}  #{a.case_id:<5} {state}  (id {a.id})"


def _month(value: str | None, today: date) -> tuple[int, int]:
    if not value:
        return today.year, today.month
    match = re.match(r"^(\d{4})-(\d{1,2})$", value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError("inq.err.month_flag", value=value)
    return int(match.group(1)), int(match.group(2))


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    inq = ctx.services.inquiries
    ctx.config.office(args.office)
    day = parse_date(args.date, "--date") if args.date is not None else inq.today(args.office)
    views = inq.appointments(args.office, day)
    if args.json:
        ctx.out_json([v.to_json() for v in views])
        return 0
    ctx.out(f"{ctx.config.office(args.office).name(ctx.lang)}  {day_label(day, ctx.lang)}")
    if not views:
        ctx.out(ctx.tr("inq.appt.none"))
    for v in views:
        ctx.out(_line(v, ctx))
    return 0


def run_slots(args: argparse.Namespace, ctx: CliContext) -> int:
    inq = ctx.services.inquiries
    case_id = _int(args.case, "--case")
    ctx.config.office(args.office)
    if args.date is not None:
        day = parse_date(args.date, "--date")
        slots = inq.slots(case_id, args.office, day)
        if args.json:
            ctx.out_json([s.to_json() for s in slots])
            return 0
        if not slots:
            ctx.out(ctx.tr("inq.slots.none_day", day=day.isoformat()))
        for s in slots:
            ctx.out(f"{s.start}-{s.end}  {ctx.tr('inq.slots.free', free=s.free, seats=s.seats)}")
        return 0
    year, month = _month(args.month, inq.today(args.office))
    view = inq.month(case_id, args.office, year, month)
    if args.json:
        ctx.out_json(view.to_json(ctx.lang))
        return 0
    ctx.out(
        ctx.tr(
            "inq.slots.window",
            first=view.first.isoformat() if view.first else "-",
            deadline=view.deadline.isoformat(),
        )
    )
    for d in view.days:
        if not d.open:
            detail = ctx.tr("cal.closed") + (
                f" ({d.reason(ctx.lang)})" if d.reason(ctx.lang) else ""
            )
        elif d.bookable:
            detail = ctx.tr("inq.slots.free", free=d.free_seats, seats=d.total_seats)
        else:
            detail = ctx.tr("inq.slots.not_bookable")
        ctx.out(f"{day_label(d.day, ctx.lang)}  {detail}")
    return 0


def run_book(args: argparse.Namespace, ctx: CliContext) -> int:
    day = parse_date(args.date, "--date")
    start = parse_hhmm(args.time, "--time")
    view = ctx.services.inquiries.book(
        _int(args.case, "--case"), args.office, day, start, args.staff
    )
    return _out_slot(args, ctx, view, "inq.cli.booked")


def _out_slot(
    args: argparse.Namespace, ctx: CliContext, view: AppointmentView, message: str
) -> int:
    """A booked or moved appointment: its JSON with the slip's token, or one line naming
    its code, day and time."""
    if args.json:
        data = view.to_json()
        data["token"] = ctx.services.inquiries.token(view)
        ctx.out_json(data)
    else:
        day = day_label(view.day, ctx.lang)
        ctx.out(ctx.tr(message, code=view.code, day=day, time=view.start))
    return 0


def run_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    appt = _appointment(args, ctx)
    view = ctx.services.inquiries.cancel(appt.id, args.staff)
    if args.json:
        ctx.out_json(view.to_json())
    else:
        ctx.out(ctx.tr("inq.cli.cancelled", code=view.code))
    return 0


def run_reschedule(args: argparse.Namespace, ctx: CliContext) -> int:
    appt = _appointment(args, ctx)
    day = parse_date(args.date, "--date")
    start = parse_hhmm(args.time, "--time")
    view = ctx.services.inquiries.reschedule(
        appt.id, args.office or appt.office_id, day, start, args.staff
    )
    return _out_slot(args, ctx, view, "inq.cli.rescheduled")


def run_checkin(args: argparse.Namespace, ctx: CliContext) -> int:
    from queue_app.commands.ticket_common import staff_for

    # a check-in issues a ticket: with [[staff]] configured it names the clerk
    staff = staff_for(ctx, args, args.office)
    result = ctx.services.inquiries.check_in(args.slip, args.office, staff)
    if args.json:
        ctx.out_json(result.to_json())
    else:
        ctx.out(
            ctx.tr("inq.cli.checked_in", code=result.appointment.code, number=result.display_number)
        )
    return 0


def run_slip(args: argparse.Namespace, ctx: CliContext) -> int:
    appt = _appointment(args, ctx)
    inq = ctx.services.inquiries
    if args.out:
        paths = _write_slip(ctx, appt.id, Path(args.out))
        if args.json:
            ctx.out_json({k: str(v) for k, v in paths.items()})
        else:
            for path in paths.values():
                ctx.out(str(path))
        return 0
    if args.json:
        ctx.out_json(inq.slip(appt.id).to_json())
    else:
        ctx.out(inq.slip_text(appt.id, ctx.lang).rstrip("\n"))
    return 0


def _write_slip(ctx: CliContext, appointment_id: int, out: Path) -> dict[str, Path]:
    """The slip's files in `--out DIR`; a folder that cannot be made or written is the
    environment (exit 3), named with why, like `--png`."""
    from queue_app.domain.errors import SetupError

    try:
        return ctx.services.inquiries.write_slip(appointment_id, out, ctx.lang)
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
        raise SetupError(
            "err.output_unwritable", flag="--out", path=str(out), problem=problem
        ) from None
