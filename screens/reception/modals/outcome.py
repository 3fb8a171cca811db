"""The outcome picker when a visit is finished."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Label,
    OptionList,
)
from textual.widgets.option_list import Option

from queue_app.domain.assessment import Decision
from queue_app.domain.tickets import Outcome
from screens.reception.common import translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView


def default_outcome(ticket: TicketView, ecert: str) -> Outcome:
    """The outcome highlighted when the dialog opens. The intake's decision is about the
    e-certificate: on a plan ticket it applies to that step only."""
    if ticket.has_plan and ticket.service_id != ecert:
        return Outcome.SERVED
    if ticket.decision == Decision.DOCUMENT_INQUIRY.value:
        return Outcome.DOCUMENT_INQUIRY
    if ticket.decision == Decision.NEW_CARD_APPLICATION.value:
        return Outcome.REFERRED
    if ticket.service_id == ecert and ticket.decision == Decision.SERVE_TODAY.value:
        return Outcome.RENEWED
    return Outcome.SERVED


class OutcomeScreen(ModalScreen["str | None"]):
    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self.default = default_outcome(ticket, app.services.config.settings.inquiry.service)
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="outcome-box", classes="dialog"):
            yield Label(
                self.tr("reception.outcome.title", number=self.ticket.display_number),
                classes="dialog-title",
            )
            yield OptionList(
                *[
                    Option(f"{i + 1}. {self.tr(f'outcome.{o.value}')}", id=o.value)
                    for i, o in enumerate(Outcome)
                ],
                id="outcomes",
            )

    def on_mount(self) -> None:
        options = self.query_one("#outcomes", OptionList)
        options.highlighted = list(Outcome).index(self.default)
        options.focus()

    @on(OptionList.OptionSelected, "#outcomes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: Any) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(Outcome):
                event.stop()
                self.dismiss(list(Outcome)[index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)
