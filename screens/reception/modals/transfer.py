"""Transfer a ticket to another service or counter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Label,
    OptionList,
)
from textual.widgets.option_list import Option

from screens.reception.common import translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView


class TransferScreen(ModalScreen["tuple[str, int | None] | None"]):
    """Choose the service (Enter), then the counter or 'any' (Enter)."""

    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self.office = app.services.config.office(ticket.office_id)
        self.config = app.services.config
        self.service_id = ticket.service_id
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="transfer-box", classes="dialog"):
            yield Label(
                tr("reception.transfer.title", number=self.ticket.display_number),
                classes="dialog-title",
            )
            with Horizontal():
                with Vertical():
                    yield Label(tr("reception.transfer.service"), classes="field")
                    yield OptionList(
                        *[
                            Option(self.config.services[s].name(tr.lang), id=s)
                            for s in self.office.services
                        ],
                        id="tr-service",
                    )
                with Vertical():
                    yield Label(tr("reception.transfer.counter"), classes="field")
                    yield OptionList(id="tr-counter")

    def on_mount(self) -> None:
        services = self.query_one("#tr-service", OptionList)
        services.highlighted = list(self.office.services).index(self.service_id)
        self._fill_counters()
        services.focus()

    def _fill_counters(self) -> None:
        counters = self.query_one("#tr-counter", OptionList)
        counters.clear_options()
        counters.add_option(Option(self.tr("reception.transfer.any_counter"), id="any"))
        for c in self.office.counters:
            if self.service_id in c.services:
                counters.add_option(
                    Option(self.tr("reception.header.counter", counter=c.number), id=str(c.number))
                )
        counters.highlighted = 0

    @on(OptionList.OptionHighlighted, "#tr-service")
    def _service_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.service_id:
            self.service_id = event.option.id
            self._fill_counters()

    @on(OptionList.OptionSelected, "#tr-service")
    def _service_chosen(self, event: OptionList.OptionSelected) -> None:
        self.service_id = event.option.id or self.service_id
        self._fill_counters()
        self.query_one("#tr-counter", OptionList).focus()

    @on(OptionList.OptionSelected, "#tr-counter")
    def _counter_chosen(self, event: OptionList.OptionSelected) -> None:
        counter = None if event.option.id in (None, "any") else int(event.option.id)
        self.dismiss((self.service_id, counter))

    def action_cancel(self) -> None:
        self.dismiss(None)
