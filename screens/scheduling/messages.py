"""What the scheduling screen's workers send back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.message import Message

from queue_app.domain.inquiry_views import (
    CaseView,
    MonthView,
    SlipView,
    SlotView,
)


# -- messages from the workers -----------------------------------------------------------
@dataclass
class CaseLoaded(Message):
    case: CaseView | None
    visit_kind: str = ""


@dataclass
class MonthLoaded(Message):
    month: MonthView


@dataclass
class SlotsLoaded(Message):
    day: date
    slots: list[SlotView]


@dataclass
class Booked(Message):
    slip: SlipView


@dataclass
class SlipPrinted(Message):
    """The slip's files were written and the print command ran (or could not)."""

    text: str
    ok: bool
