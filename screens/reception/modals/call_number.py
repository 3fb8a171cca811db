"""Call a specific number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Input,
    Label,
)

from screens.reception.common import translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator


class CallNumberScreen(ModalScreen["str | None"]):
    def __init__(self, prefill: str = "") -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.prefill = prefill
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="call-box", classes="dialog"):
            yield Label(self.tr("reception.call.title"), classes="dialog-title")
            yield Input(value=self.prefill, placeholder="A-012", id="call-number")

    @on(Input.Submitted, "#call-number")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
