"""Ticket states and the only legal ways between them.

```
waiting --call--> called --start--> serving --finish(outcome)--> done
   |                |  |               |  |  |
   |cancel          |  +-recall        |  |  +-advance--> waiting (the plan's next step)
   v                +-no_show--> no_show --requeue--> waiting
 cancelled      transfer (waiting|called|serving) --> waiting, same arrival time
                                       |
                                       +-prepare--> preparing --ready--> ready
                                                                          |  |
                               done <--hand_over (last step)--------------+  |
                               waiting <--advance (the plan's next step)-----+
```

A visit plan (`visit_plans.py`) decides which of finish / advance / prepare ends a step;
the pickup stage (交付, `pickup.py`) is preparing -> ready -> handed over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from queue_app.domain.errors import DomainError


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    # the pickup stage (交付): the document is being prepared, then waits to be handed over
    PREPARING = "preparing"
    READY = "ready"


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    TRANSFER = "transfer"
    REQUEUE = "requeue"
    # visit plans and the pickup stage
    ADVANCE = "advance"  # a step is finished: the ticket joins the next step's queue
    PREPARE = "prepare"  # a pickup procedure's counter step is finished: 準備中
    READY = "ready"  # the back office marks the document ready: お渡しできます
    HAND_OVER = "hand_over"  # handed over at the pickup counter (the last step)


class Outcome(StrEnum):
    RENEWED = "renewed"
    DOCUMENT_INQUIRY = "document_inquiry"
    REFERRED = "referred"
    SERVED = "served"
    OTHER = "other"


W, C, S, D, N, X, P, R = (
    TicketState.WAITING,
    TicketState.CALLED,
    TicketState.SERVING,
    TicketState.DONE,
    TicketState.NO_SHOW,
    TicketState.CANCELLED,
    TicketState.PREPARING,
    TicketState.READY,
)

TRANSITIONS: dict[tuple[TicketState, Action], TicketState] = {
    (W, Action.CALL): C,
    (W, Action.CANCEL): X,
    (W, Action.TRANSFER): W,
    (C, Action.RECALL): C,
    (C, Action.START): S,
    (C, Action.NO_SHOW): N,
    (C, Action.CANCEL): X,
    (C, Action.TRANSFER): W,
    (C, Action.REQUEUE): W,
    (S, Action.FINISH): D,
    (S, Action.TRANSFER): W,
    (S, Action.REQUEUE): W,
    (N, Action.REQUEUE): W,
    (N, Action.CANCEL): X,
    (S, Action.ADVANCE): W,
    (S, Action.PREPARE): P,
    (P, Action.READY): R,
    (P, Action.CANCEL): X,
    (R, Action.HAND_OVER): D,
    (R, Action.ADVANCE): W,
    (R, Action.CANCEL): X,
}

TERMINAL = frozenset({D, X})
ACTIVE = frozenset({W, C, S})
# the states in which a ticket occupies its counter: a counter calls one visitor at a time
OPEN_AT_COUNTER = frozenset({C, S})
# the pickup stage: at no counter and in no queue, on the ready board once READY
PICKUP = frozenset({P, R})


def next_state(state: str | TicketState, action: str | Action) -> TicketState:
    """The state after `action`, or a DomainError naming both when it is not allowed."""
    current = TicketState(state)
    act = Action(action)
    try:
        return TRANSITIONS[(current, act)]
    except KeyError:
        raise DomainError("err.illegal_transition", state=current.value, action=act.value) from None


def allowed_actions(state: str | TicketState) -> list[Action]:
    current = TicketState(state)
    return [a for (s, a) in TRANSITIONS if s is current]


def recall_result(recall_count: int, limit: int) -> tuple[TicketState, int]:
    """A recall beyond the limit turns the ticket into a no-show instead."""
    if recall_count + 1 > limit:
        return TicketState.NO_SHOW, recall_count
    return TicketState.CALLED, recall_count + 1


def recalls_left(recall_count: int, limit: int) -> int:
    """How many more recalls keep the ticket called; at 0 the next recall marks it 不在."""
    return max(0, limit - recall_count)


def recall_makes_no_show(recall_count: int, limit: int) -> bool:
    """True when the next recall turns the ticket into a no-show (warn before it)."""
    return recall_result(recall_count, limit)[0] is TicketState.NO_SHOW


@dataclass(frozen=True)
class OpenTicket:
    """A ticket that occupies a counter (called or serving)."""

    id: int
    label: str
    state: str


def check_counter_free(office_id: str, counter: int, open_tickets: Iterable[OpenTicket]) -> None:
    """A counter calls one visitor at a time: calling while another ticket is still called
    or serving there is refused, naming that ticket and what to do with it first (finish,
    mark absent, or put back in the queue). Otherwise the first visitor stays 呼出中 for
    ever and skews every report."""
    for ticket in open_tickets:
        if TicketState(ticket.state) in OPEN_AT_COUNTER:
            raise DomainError(
                "err.counter_busy",
                office=office_id,
                counter=counter,
                number=ticket.label,
                state=ticket.state,
                id=ticket.id,
            )


class Queued(Protocol):
    @property
    def service_id(self) -> str: ...

    @property
    def target_counter(self) -> int | None: ...


Q = TypeVar("Q", bound=Queued)


def callable_at(
    counter_no: int, counter_services: Iterable[str], service_id: str, target: int | None
) -> bool:
    """Whether a waiting ticket can be called at this counter: the counter serves its
    procedure, and it was not transferred to another counter."""
    return service_id in counter_services and (target is None or target == counter_no)


def counter_first(
    waiting: Sequence[Q], counter_no: int, counter_services: Iterable[str]
) -> tuple[list[Q], list[Q]]:
    """The waiting queue split for one counter, each part in call order: what this counter
    can call (first, in the order `call next` takes them), then the rest."""
    services = frozenset(counter_services)
    mine: list[Q] = []
    others: list[Q] = []
    for t in waiting:
        (
            mine if callable_at(counter_no, services, t.service_id, t.target_counter) else others
        ).append(t)
    return mine, others


def display_number(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"
