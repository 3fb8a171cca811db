"""Offer to schedule the second visit of a document inquiry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Label,
)

from screens.reception.common import translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView


class ScheduleOfferScreen(ModalScreen[bool]):
    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self._bindings = translated_bindings(
            self.tr,
            [("escape", "later", "reception.inquiry.later"), ("enter", "schedule", "", False)],
            base=self._bindings,
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="offer-box", classes="dialog"):
            yield Label(
                self.tr("reception.inquiry.offer", number=self.ticket.display_number),
                classes="dialog-title",
            )
            with Horizontal():
                yield Button(
                    self.tr("reception.inquiry.schedule"), id="offer-yes", variant="primary"
                )
                yield Button(self.tr("reception.inquiry.later"), id="offer-no")

    @on(Button.Pressed, "#offer-yes")
    def action_schedule(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#offer-no")
    def action_later(self) -> None:
        self.dismiss(False)
