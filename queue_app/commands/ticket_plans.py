"""`madoguchi ticket ready | hand-over | plan | pickup`: visit plans and the pickup stage
(交付) from scripts and the back office. `ticket issue --plan` is in `ticket.py`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from queue_app.commands.args import staff_and_json
from queue_app.commands.ticket_common import STAFF_HELP, _int, _resolve, staff_for
from queue_app.context import CliContext
from queue_app.domain.errors import InputError

if TYPE_CHECKING:
    from queue_app.services.plan_views import PickupBoard, PlanView

PLAN_HELP = (
    "a visit plan instead of --service: a named plan of the configuration (e.g. tennyu) or "
    "procedures in order, comma-separated (e.g. moving,card_pickup,other)"
)


def register(inner: Any, common: argparse.ArgumentParser, run_change: Any) -> None:
    """`ready` and `hand-over` run through `ticket.py`'s `run_change` (like finish)."""
    for name, help_text in (
        ("ready", "the document is ready for pickup (お渡しできます)"),
        ("hand-over", "hand over a ready document at a counter (交付)"),
    ):
        sp = inner.add_parser(name, parents=[common], help=help_text)
        sp.add_argument("ticket", help="ticket id, or number like A-012 with --office")
        sp.add_argument("--office")
        sp.add_argument("--counter", type=_int("--counter"))
        staff_and_json(sp, STAFF_HELP, None)
        sp.set_defaults(handler=run_change, action=name)

    plan = inner.add_parser(
        "plan", parents=[common], help="show or change the steps of a ticket's visit plan"
    )
    plan.add_argument("ticket", help="ticket id, or number like A-012 with --office")
    plan.add_argument("--office")
    plan.add_argument("--add", metavar="SERVICE", help="add a procedure to the steps to come")
    plan.add_argument(
        "--at",
        type=_int("--at"),
        help="with --add: its place among the steps to come (1 = next)",
    )
    plan.add_argument("--skip", metavar="SERVICE", help="take a procedure off the plan")
    plan.add_argument(
        "--move",
        metavar="SERVICE:PLACE",
        help="move a procedure to another place among the steps to come, e.g. other:1",
    )
    staff_and_json(plan, STAFF_HELP, None)
    plan.set_defaults(handler=run_plan)

    pickup = inner.add_parser(
        "pickup", parents=[common], help="today's pickup list: ready and being prepared"
    )
    pickup.add_argument("--office", required=True)
    pickup.add_argument("--json", action="store_true")
    pickup.set_defaults(handler=run_pickup)


def parse_move(value: str) -> tuple[str, int]:
    """`other:1` → ("other", 1); anything else is a usage error naming the form."""
    service, sep, place = value.partition(":")
    if not sep or not service.strip() or not place.strip().isdigit() or int(place) < 1:
        raise InputError("err.plan_move_syntax")
    return service.strip(), int(place)


def run_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    target = _resolve(ctx, args.ticket, args.office)
    tickets = ctx.services.tickets
    move = parse_move(args.move) if args.move is not None else None
    if args.at is not None and args.add is None:
        raise InputError("err.plan_at_without_add")
    if args.add is None and args.skip is None and move is None:
        view = tickets.plan(target.id)
    else:
        staff = staff_for(ctx, args, target.office_id)
        view = tickets.edit_plan(
            target.id, add=args.add, at=args.at, skip=args.skip, move=move, staff=staff
        )
    if args.json:
        ctx.out_json(view.to_json())
        return 0
    for line in plan_lines(ctx, view):
        ctx.out(line)
    return 0


def plan_lines(ctx: CliContext, view: PlanView) -> list[str]:
    """`C-004 待ち` then one line per step: place, procedure, state, outcome."""
    lines = [f"{view.display_number}  {ctx.tr('state.' + view.ticket_state)}"]
    for step in view.steps:
        service = ctx.config.services.get(step.service_id)
        name = service.name(ctx.lang) if service else step.service_id
        mark = ">" if step.is_current else " "
        outcome = f"  ({ctx.tr('outcome.' + step.outcome)})" if step.outcome else ""
        lines.append(f"{mark} {step.position}. {name}  [{ctx.tr('step.' + step.state)}]{outcome}")
    return lines


def run_pickup(args: argparse.Namespace, ctx: CliContext) -> int:
    board: PickupBoard = ctx.services.tickets.pickup_board(args.office)
    if args.json:
        ctx.out_json(board.to_json())
        return 0
    ctx.out(ctx.tr("pickup.ready_title") + ":")
    if not board.ready:
        ctx.out("  " + ctx.tr("pickup.none_ready"))
    for entry in board.ready:
        ctx.out(f"  {entry.display_number}  {ctx.calendar.local(args.office, entry.since):%H:%M}")
    ctx.out(ctx.tr("pickup.preparing_title") + ":")
    for entry in board.preparing:
        ctx.out(f"  {entry.display_number}  {ctx.calendar.local(args.office, entry.since):%H:%M}")
    return 0
