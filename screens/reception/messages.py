"""What the reception's thread workers send back to the UI thread, and the states a
ticket has while it is at this counter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

from queue_app.domain.tickets import Outcome, TicketState

if TYPE_CHECKING:
    from queue_app.services.views import TicketView


ACTIVE_HERE = (TicketState.CALLED.value, TicketState.SERVING.value)


def offers_second_visit(done: TicketView, outcome: str) -> bool:
    """After a finish with `outcome` (the clerk's choice): offer to schedule the second
    visit of a document inquiry. A plan ticket's step that ended in one (the ticket has
    already gone on to its next step, its own outcome cleared); a single-procedure visit
    that ended in one, or whose intake decided one, whatever the outcome chosen."""
    inquiry = Outcome.DOCUMENT_INQUIRY.value
    if outcome == inquiry:
        return True
    return not done.has_plan and inquiry in (done.outcome, done.decision)


@dataclass(frozen=True)
class Finished:
    """What a finish at the counter sends back besides the ticket."""

    outcome: str  # the outcome the clerk chose for the step
    problem: str | None = None  # a finished second visit whose case could not be completed


# -- messages from the workers -----------------------------------------------------------
@dataclass
class Snapshot(Message):
    revision: int
    waiting: list[TicketView]
    mine: list[TicketView]  # called/serving at this counter, newest call first
    opened: TicketView | None
    changed: bool = True
    here: int = 0  # the first `here` of `waiting` are what this counter may call


@dataclass
class PollFailed(Message):
    error: BaseException


@dataclass
class ActionDone(Message):
    kind: str
    ticket: TicketView | None
    extra: Any = None


@dataclass
class ActionFailed(Message):
    kind: str
    error: BaseException
    retry: Callable[[], None] | None


@dataclass
class PrintDone(Message):
    text: str
    ok: bool


@dataclass
class MaintenanceDone(Message):
    errors: list[str]  # translated texts; empty when the housekeeping went through
