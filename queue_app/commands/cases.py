"""`madoguchi cases`: document inquiry (文書照会) cases: list, open, mail, complete, cancel."""

from __future__ import annotations

import argparse
from typing import Any

from rich.cells import cell_len

from queue_app.commands.args import staff_and_json
from queue_app.context import CliContext, parse_date
from queue_app.domain.fields import check_id
from queue_app.domain.inquiry import CaseState, InquiryReason
from queue_app.domain.inquiry_views import CaseView


def _int(value: str, flag: str) -> int:
    """An id from the command line: 1 to MAX_ID, never echoed back when it is refused."""
    return check_id(value, flag)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "cases",
        parents=[common],
        help="document inquiry cases (文書照会)",
        description=(
            "Document inquiry cases: opened after a visit that needs a mailed inquiry, "
            "mailed, booked for a second visit, completed, expired or cancelled."
        ),
    )
    cmds = p.add_subparsers(dest="cases_command", metavar="ACTION", required=True)

    ls = cmds.add_parser("list", parents=[common], help="open cases with days left")
    ls.add_argument("--office", help="office id (default: all offices)")
    ls.add_argument(
        "--state",
        action="append",
        metavar="S",
        help="state (repeatable): " + ", ".join(s.value for s in CaseState),
    )
    ls.add_argument("--overdue", action="store_true", help="only cases past their deadline")
    ls.add_argument(
        "--personal",
        action="store_true",
        help="also show name (kana) and phone; every such read is audited",
    )
    staff_and_json(ls, "staff code recorded in the audit log")
    ls.set_defaults(handler=run_list)

    op = cmds.add_parser("open", parents=[common], help="open a case from a ticket")
    op.add_argument("--ticket", required=True, metavar="ID", help="ticket id")
    op.add_argument(
        "--reason",
        required=True,
        metavar="R",
        help="why: " + ", ".join(r.value for r in InquiryReason),
    )
    op.add_argument("--name-kana", metavar="K", help="name in kana (to match the second visit)")
    op.add_argument("--phone", metavar="P", help="phone number (optional)")
    staff_and_json(op)
    op.set_defaults(handler=run_open)

    ml = cmds.add_parser("mail", parents=[common], help="record the day the inquiry was mailed")
    ml.add_argument("--case", required=True, metavar="ID", help="case id")
    ml.add_argument("--date", metavar="D", help="mailed on, YYYY-MM-DD (default: today)")
    staff_and_json(ml)
    ml.set_defaults(handler=run_mail)

    for name, help_text in (
        ("show", "one case (add --personal for name and phone, audited)"),
        ("complete", "mark a case completed (second visit done)"),
        ("cancel", "cancel a case (frees its booked seat)"),
    ):
        c = cmds.add_parser(name, parents=[common], help=help_text)
        c.add_argument("--case", required=True, metavar="ID", help="case id")
        c.add_argument("--staff", help="staff code")
        if name == "show":
            c.add_argument("--personal", action="store_true", help="show name and phone")
        c.add_argument("--json", action="store_true", help="print JSON")
        c.set_defaults(handler=run_one, cases_action=name)


def pad(text: str, width: int) -> str:
    """Left-justify in terminal cells (a kanji takes two)."""
    return text + " " * max(0, width - cell_len(text))


def case_line(view: CaseView, ctx: CliContext) -> str:
    tr = ctx.tr
    state = tr(f"inq.state.{view.state}")
    deadline = view.deadline.isoformat() if view.deadline else "-"
    if view.days_left is None:
        left = tr("inq.list.not_mailed")
    elif view.overdue:
        left = tr("inq.list.overdue", days=-view.days_left)
    else:
        left = tr("inq.list.days_left", days=view.days_left)
    appt = ""
    if view.appointment is not None:
        a = view.appointment
        appt = f"  {a.code} {a.office_id} {a.day.isoformat()} {a.start}"
    personal = ""
    if view.personal_read:
        personal = f"  {view.name_kana or '-'} {view.phone or '-'}"
    return (
        f"{pad(f'#{view.id}', 6)} {pad(view.office_id, 11)} {pad(state, 8)} "
        f"{pad(tr(f'inq.reason.{view.reason}'), 16)} {pad(deadline, 10)} {left}{appt}{personal}"
    )


def _print_cases(views: list[CaseView], args: argparse.Namespace, ctx: CliContext) -> None:
    if args.json:
        ctx.out_json([v.to_json() for v in views])
        return
    if not views:
        ctx.out(ctx.tr("inq.list.none"))
        return
    ctx.out(ctx.tr("inq.list.header"))
    for view in views:
        ctx.out(case_line(view, ctx))


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    inq = ctx.services.inquiries
    views = inq.list_cases(
        office_id=args.office,
        states=args.state,
        overdue=args.overdue,
        personal=args.personal,
        actor=args.staff or "cli",
    )
    _print_cases(views, args, ctx)
    return 0


def run_open(args: argparse.Namespace, ctx: CliContext) -> int:
    view = ctx.services.inquiries.open_case(
        _int(args.ticket, "--ticket"),
        args.reason,
        name_kana=args.name_kana,
        phone=args.phone,
        staff=args.staff,
    )
    if args.json:
        ctx.out_json(view.to_json())
    else:
        ctx.out(ctx.tr("inq.cli.opened", id=view.id))
    return 0


def run_mail(args: argparse.Namespace, ctx: CliContext) -> int:
    mailed = parse_date(args.date, "--date") if args.date is not None else None
    view = ctx.services.inquiries.mark_mailed(_int(args.case, "--case"), mailed, args.staff)
    if args.json:
        ctx.out_json(view.to_json())
    else:
        ctx.out(
            ctx.tr(
                "inq.cli.mailed",
                id=view.id,
                mailed=view.mailed_on.isoformat() if view.mailed_on else "-",
                deadline=view.deadline.isoformat() if view.deadline else "-",
            )
        )
    return 0


def run_one(args: argparse.Namespace, ctx: CliContext) -> int:
    inq = ctx.services.inquiries
    case_id = _int(args.case, "--case")
    if args.cases_action == "complete":
        view = inq.complete(case_id, args.staff)
    elif args.cases_action == "cancel":
        view = inq.cancel_case(case_id, args.staff)
    else:
        view = inq.get_case(
            case_id, personal=getattr(args, "personal", False), actor=args.staff or "cli"
        )
    if args.json:
        ctx.out_json(view.to_json())
    else:
        _print_cases([view], args, ctx)
    return 0
