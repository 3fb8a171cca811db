"""The pickup stage (交付) and how a step of a visit ends.

A procedure configured with `pickup = true` works in two stages: the visitor applies at the
counter, then waits to be called again when the document is ready. Finishing its counter
step puts the ticket into `preparing` (準備中); the back office marks it `ready`
(お渡しできます, shown on the board's ready list); handing it over at the pickup counter
ends the step. While preparing or ready the ticket is in no queue and at no counter.

`Visit` is the whole ticket as a pure value (state, plan, where it is): the service layer
applies the same rules to the database rows, and the property tests drive it with any
order of valid actions.

Pure: values in, values out, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from queue_app.domain.errors import DomainError
from queue_app.domain.tickets import Action, TicketState, allowed_actions, next_state
from queue_app.domain.visit_plans import (
    VisitPlan,
    cancel_rest,
    finish_current,
    new_plan,
    return_priority,
)


class PickupState(StrEnum):
    PREPARING = "preparing"  # 準備中
    READY = "ready"  # お渡しできます
    HANDED_OVER = "handed_over"  # お渡し済み


def pickup_state(state: str | TicketState, from_state: str | None = None) -> PickupState | None:
    """The pickup stage of a ticket state (None outside it); `done` reached from `ready`
    (the event's from-state) is HANDED_OVER. The hand-over event's detail is the step's
    outcome, like a finish (`outcome:served`)."""
    value = TicketState(state)
    if value is TicketState.PREPARING:
        return PickupState.PREPARING
    if value is TicketState.READY:
        return PickupState.READY
    if value is TicketState.DONE and from_state == TicketState.READY.value:
        return PickupState.HANDED_OVER
    return None


def finish_action(pickup: bool, has_next: bool) -> Action:
    """What finishing the counter part of the current step does: a pickup procedure goes to
    `preparing`; otherwise the next step's queue if the plan has one, else `done`."""
    if pickup:
        return Action.PREPARE
    return Action.ADVANCE if has_next else Action.FINISH


def hand_over_action(has_next: bool) -> Action:
    """Handing over ends the pickup step: the next step's queue, or `done`."""
    return Action.ADVANCE if has_next else Action.HAND_OVER


@dataclass(frozen=True)
class Visit:
    """One ticket as a pure value: its state, its plan, and the counter it is at."""

    state: TicketState
    plan: VisitPlan
    counter: int | None = None
    priority: int = 0

    @property
    def queue(self) -> str | None:
        """The procedure whose queue the ticket waits in (None: not waiting)."""
        current = self.plan.current
        if self.state is TicketState.WAITING and current is not None:
            return current.service_id
        return None

    @property
    def at_counter(self) -> int | None:
        return self.counter if self.state in (TicketState.CALLED, TicketState.SERVING) else None


def start_visit(service_ids: tuple[str, ...], priority: int = 0) -> Visit:
    return Visit(TicketState.WAITING, new_plan(service_ids), None, priority)


# the actions a clerk may take (the derived ones, advance/prepare/hand_over, come from
# `finish` and `hand over`)
CLERK_ACTIONS = ("call", "start", "finish", "no_show", "requeue", "cancel", "ready", "hand_over")


def visit_actions(visit: Visit) -> list[str]:
    """The clerk actions that are valid for this visit now."""
    if visit.plan.ended:
        return []
    allowed = {a.value for a in allowed_actions(visit.state)}
    out: list[str] = []
    for name in CLERK_ACTIONS:
        if name == "finish":
            ok = visit.state is TicketState.SERVING
        elif name == "hand_over":
            ok = visit.state is TicketState.READY
        else:
            ok = name in allowed
        if ok:
            out.append(name)
    return out


def apply_visit(
    visit: Visit,
    action: str,
    *,
    is_pickup: Callable[[str], bool],
    counter: int = 1,
    outcome: str = "served",
    return_prio: int = 1,
) -> Visit:
    """Apply one clerk action with the same rules the services use (a DomainError when it
    is not allowed now)."""
    current = visit.plan.current
    if current is None:
        raise DomainError("err.plan_no_current")
    if action == "finish":
        act = finish_action(is_pickup(current.service_id), visit.plan.has_next)
        state = next_state(visit.state, act)
        if act is Action.PREPARE:
            return replace(visit, state=state, counter=None)
        plan = finish_current(visit.plan, outcome)
        prio = return_priority(visit.priority, return_prio) if plan.current else visit.priority
        return Visit(state, plan, None, prio)
    if action == "hand_over":
        act = hand_over_action(visit.plan.has_next)
        state = next_state(visit.state, act)
        plan = finish_current(visit.plan, outcome)
        prio = return_priority(visit.priority, return_prio) if plan.current else visit.priority
        return Visit(state, plan, None, prio)
    act = Action(action)
    state = next_state(visit.state, act)
    if act is Action.CALL:
        return replace(visit, state=state, counter=counter)
    if act is Action.CANCEL:
        return Visit(state, cancel_rest(visit.plan), None, visit.priority)
    if act in (Action.REQUEUE, Action.NO_SHOW):
        return replace(visit, state=state, counter=None)
    return replace(visit, state=state)
