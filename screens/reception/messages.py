"""What the reception's thread workers send back to the UI thread, and the states a
ticket has while it is at this counter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

from queue_app.domain.tickets import TicketState

if TYPE_CHECKING:
    from queue_app.services.views import TicketView


ACTIVE_HERE = (TicketState.CALLED.value, TicketState.SERVING.value)


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
