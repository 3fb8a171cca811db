"""`madoguchi ticket ...`: the queue from scripts and kiosks (issue, call, finish, verify...)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from queue_app.commands import ticket_plans
from queue_app.commands.args import staff_and_json
from queue_app.commands.outputs import check_writable, write_via_temp
from queue_app.commands.ticket_common import STAFF_HELP, _int, _resolve, staff_for
from queue_app.commands.ticket_plans import PLAN_HELP
from queue_app.context import CliContext, parse_date
from queue_app.domain.errors import DomainError, InputError, SetupError
from queue_app.domain.tickets import TERMINAL, Outcome, TicketState, recalls_left

if TYPE_CHECKING:  # the services load SQLAlchemy: only the handlers that run need them
    from queue_app.services.views import IssueResult, TicketView

VISITS = ("self", "agent_with_answer", "agent_first", "agent_second", "guardian", "other")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("ticket", parents=[common], help="issue, call and finish tickets")
    inner = p.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)

    issue = inner.add_parser("issue", parents=[common], help="issue a numbered ticket")
    issue.add_argument("--office", required=True)
    issue.add_argument("--service", help="the procedure (or --plan)")
    issue.add_argument("--plan", help=PLAN_HELP)
    issue.add_argument(
        "--visit",
        default=None,
        help="visit kind: "
        + ", ".join(VISITS)
        + " (default: self for the e-certificate service, none for the others)",
    )
    issue.add_argument("--decision", default="", help="assessment decision, e.g. serve_today")
    issue.add_argument(
        "--staff", help="staff code (required with --override when [[staff]] is configured)"
    )
    issue.add_argument(
        "--override", metavar="REASON", help="issue although closed; recorded as an override"
    )
    issue.add_argument("--request-id", help="idempotency key: the same id never issues twice")
    issue.add_argument("--png", metavar="PATH", help="also write the QR as PNG")
    issue.add_argument("--svg", metavar="PATH", help="also write the QR as SVG")
    issue.add_argument("--qr", action="store_true", help="print the QR code as half-blocks")
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=run_issue)

    call = inner.add_parser("call", parents=[common], help="call the next ticket (or --ticket)")
    call.add_argument("--office", required=True)
    call.add_argument("--counter", required=True, type=_int("--counter"))
    call.add_argument("--ticket", help="a specific ticket: id or number like A-012")
    staff_and_json(call, STAFF_HELP, None)
    call.set_defaults(handler=run_call)

    for name, help_text in (
        ("recall", "call the same ticket again (after the limit: no-show)"),
        ("start", "start serving a called ticket"),
        ("finish", "finish a ticket with an outcome"),
        ("no-show", "mark a called ticket as not present"),
        ("cancel", "cancel a ticket"),
        ("requeue", "put a ticket back in the queue (keeps its arrival time)"),
        ("transfer", "send a ticket to another service or counter"),
    ):
        sp = inner.add_parser(name, parents=[common], help=help_text)
        sp.add_argument("ticket", help="ticket id, or number like A-012 with --office")
        sp.add_argument("--office")
        sp.add_argument("--counter", type=_int("--counter"))
        staff_and_json(sp, STAFF_HELP, None)
        if name == "finish":
            sp.add_argument(
                "--outcome",
                default=None,
                help=", ".join(o.value for o in Outcome)
                + " (default served; required for procedures that record outcomes, e.g. ecert)",
            )
        if name == "transfer":
            sp.add_argument("--to-service")
            sp.add_argument("--to-counter", type=_int("--to-counter"))
        sp.set_defaults(handler=run_change, action=name)

    verify = inner.add_parser("verify", parents=[common], help="check a scanned QR token")
    verify.add_argument("token")
    verify.add_argument("--office", help="the office where it is scanned (refuses other offices)")
    verify.add_argument("--any-day", action="store_true", help="accept tickets of other days")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)

    lst = inner.add_parser("list", parents=[common], help="list tickets of a day")
    lst.add_argument("--office", required=True)
    lst.add_argument("--state", action="append", help="only these states (repeatable)")
    lst.add_argument("--date", help="service day YYYY-MM-DD (default today)")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_list)

    ticket_plans.register(inner, common, run_change)


def _line(ctx: CliContext, t: TicketView) -> str:
    counter = f" #{t.counter}" if t.counter else ""
    service = ctx.config.services[t.service_id].name(ctx.lang)
    return f"{t.display_number:<8} {ctx.tr('state.' + t.state):<6} {service}{counter}  id={t.id}"


def _printing() -> Any:
    """The documents' writers (qrcode, PIL: ~100 ms to import), only when a file or the
    print command is wanted: a kiosk asking for `--json` does not pay for them."""
    from queue_app.services import printing

    return printing


def run_issue(args: argparse.Namespace, ctx: CliContext) -> int:
    from queue_app.commands.ticket_issue import issuer
    from queue_app.services.documents import ticket_document
    from queue_app.services.tickets.issue_core import IssueRequest

    # output files are checked before the ticket exists: never a ticket nobody received
    outputs = [
        (flag, check_writable(raw, flag), suffix, writer)
        for flag, raw, suffix, writer in (
            ("--png", args.png, ".png", "write_png"),
            ("--svg", args.svg, ".svg", "write_svg"),
        )
        if raw is not None
    ]
    if (args.service is None) == (args.plan is None):  # exactly one of them
        raise InputError("err.plan_and_service" if args.plan else "err.service_or_plan")
    visit = args.visit
    if visit is None:  # only the e-certificate renewal asks who came; others store nothing
        visit = "self" if args.service == ctx.config.settings.inquiry.service else ""
    if visit and visit not in VISITS:
        raise InputError("err.visit_kind", value=visit, known=", ".join(VISITS))
    # a kiosk issues without a clerk; an override of a closed office is a clerk's decision
    staff = staff_for(ctx, args, args.office, required=args.override is not None)
    request = IssueRequest(
        office_id=args.office,
        service_id=args.service or "",
        visit_kind=visit,
        decision=args.decision,
        staff=staff,
        override=args.override,
        request_id=args.request_id,
    )
    # the one issue path on a bare driver connection (no SQLAlchemy: ticket_issue.py)
    tickets = issuer(ctx)
    result: IssueResult = (
        tickets.issue_plan(request, args.plan) if args.plan else tickets.issue(request)
    )
    # the QR leads to the ticket's own page when `[web] public_url` is set (else: the token)
    qr_data = result.qr
    # the ticket as a document (office, procedure, number, time, people ahead, estimate in
    # the ticket's language, what to have ready, the QR), white paper, PNG and SVG
    document = ticket_document(result, ctx.config, ctx.calendar, ctx.lang)
    failures = []
    for flag, path, suffix, writer in outputs:
        try:
            write = getattr(_printing(), writer)
            write_via_temp(path, suffix, lambda tmp, w=write: w(document, tmp))  # type: ignore[misc]
        except (OSError, ValueError) as exc:  # the disk filled up, the folder went away...
            failures.append(
                SetupError(
                    "err.output_failed_after_issue",
                    number=result.ticket.display_number,
                    flag=flag,
                    path=str(path),
                    problem=getattr(exc, "strerror", None) or exc.__class__.__name__,
                )
            )
    _report_issue(args, ctx, result, qr_data)
    if ctx.config.settings.print_command.strip() and not result.replayed:
        # like the reception: the print command gets the ticket's PNG
        files, status = _printing().print_ticket(ctx.config, ctx.calendar, result, ctx.lang)
        if status.ok:
            sys.stderr.write(ctx.tr("reception.ticket.printed", command=status.command) + "\n")
        else:
            failures.append(
                SetupError(
                    "err.print_failed_after_issue",
                    number=result.ticket.display_number,
                    problem=status.problem or files.error or "",
                )
            )
    if failures:  # the number and token are out (above); the file is what failed
        raise failures[0]
    return 0


def _report_issue(
    args: argparse.Namespace, ctx: CliContext, result: IssueResult, qr_data: str
) -> None:
    from queue_app.services.documents import warning_texts

    warnings = warning_texts(result, ctx.config, ctx.calendar, ctx.tr)
    if args.json:
        data = result.to_json()
        data["warnings"] = warnings
        ctx.out_json(data)
        return
    est = result.estimate
    ctx.out(
        ctx.tr(
            "ticket.issued",
            number=result.ticket.display_number,
            service=ctx.config.services[result.ticket.service_id].name(ctx.lang),
            ahead=est.people_ahead if est else 0,
            wait=ctx.tr.wait(est.minutes if est else 0),
        )
    )
    for text in warnings:
        ctx.out("! " + text)
    ctx.out(result.token)
    if args.qr:
        from queue_app import qr  # qrcode: only when the QR is asked for

        for line in qr.half_blocks(qr_data):
            ctx.out(line)


def run_call(args: argparse.Namespace, ctx: CliContext) -> int:
    tickets = ctx.services.tickets
    ctx.config.counter(args.office, args.counter)
    if args.ticket:
        target = _resolve(ctx, args.ticket, args.office)
        staff = staff_for(ctx, args, target.office_id)
        ticket: TicketView | None = tickets.call(target.id, args.counter, staff)
    else:
        staff = staff_for(ctx, args, args.office)
        ticket = tickets.call_next(args.office, args.counter, staff)
    if ticket is None:
        if args.json:
            ctx.out_json(None)
            return 0
        _, others = tickets.waiting_for_counter(args.office, args.counter)
        if others:  # people wait, but for procedures this counter does not handle
            ctx.out(ctx.tr("ticket.none_for_counter", counter=args.counter, waiting=others))
        else:
            ctx.out(ctx.tr("ticket.none_waiting"))
        return 0
    if args.json:
        ctx.out_json(ticket.to_json())
    else:
        ctx.out(ctx.tr("ticket.called", number=ticket.display_number, counter=args.counter))
    return 0


def run_change(args: argparse.Namespace, ctx: CliContext) -> int:
    tickets = ctx.services.tickets
    target = _resolve(ctx, args.ticket, args.office)
    if args.counter is not None:
        ctx.config.counter(target.office_id, args.counter)
    staff = staff_for(ctx, args, target.office_id)
    action = args.action
    if action == "recall":
        ticket = tickets.recall(target.id, args.counter, staff)
    elif action == "start":
        ticket = tickets.start(target.id, args.counter, staff)
    elif action == "finish":
        ticket = tickets.finish(target.id, args.outcome, args.counter, staff)
    elif action == "no-show":
        ticket = tickets.no_show(target.id, args.counter, staff)
    elif action == "cancel":
        ticket = tickets.cancel(target.id, args.counter, staff)
    elif action == "requeue":
        ticket = tickets.requeue(target.id, args.counter, staff)
    elif action == "ready":
        ticket = tickets.mark_ready(target.id, staff)
    elif action == "hand-over":
        ticket = tickets.hand_over(target.id, args.counter, staff)
    else:
        ticket = tickets.transfer(target.id, args.to_service, args.to_counter, args.counter, staff)
    last_recall = (
        action == "recall"
        and ticket.state == TicketState.CALLED.value
        and recalls_left(ticket.recall_count, ctx.config.settings.recall_limit) == 0
    )
    if args.json:
        data = ticket.to_json()
        if action == "recall":
            data["recalls_left"] = recalls_left(
                ticket.recall_count, ctx.config.settings.recall_limit
            )
        ctx.out_json(data)
    else:
        ctx.out(
            ctx.tr(
                "ticket.changed",
                number=ticket.display_number,
                state=ctx.tr("state." + ticket.state),
            )
        )
        if last_recall:  # warn before the recall that marks the visitor absent
            ctx.out("! " + ctx.tr("ticket.last_recall", number=ticket.display_number))
    return 0


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    ticket = ctx.services.tickets.verify_token(args.token, args.office, today=not args.any_day)
    if TicketState(ticket.state) in TERMINAL:
        # a scanner must not take a used ticket for a valid one: say so, exit non-zero
        if args.json:
            data = ticket.to_json()
            data["valid"] = False
            ctx.out_json(data)
        raise DomainError(
            "err.ticket_finished",
            number=ticket.display_number,
            office=ticket.office_id,
            day=ticket.service_day.isoformat(),
            state=ticket.state,
        )
    if args.json:  # the refusal above says `valid: false` then fails; this one succeeds
        data = ticket.to_json()
        data["valid"] = True
        ctx.out_json(data)
    else:
        ctx.out(
            ctx.tr(
                "ticket.valid",
                number=ticket.display_number,
                office=ticket.office_id,
                day=ticket.service_day.isoformat(),
                state=ctx.tr("state." + ticket.state),
            )
        )
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    states = args.state or None
    if states:
        known = [s.value for s in TicketState]
        for s in states:
            if s not in known:
                raise InputError("err.state", value=s, known=", ".join(known))
    day = parse_date(args.date, "--date") if args.date is not None else None
    rows = ctx.services.tickets.list(args.office, day, states)
    if args.json:
        ctx.out_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        ctx.out(_line(ctx, r))
    return 0
