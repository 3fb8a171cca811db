"""Counter dialogs: what to do with the visitor still at the counter before calling the next
one (finish / absent / back to queue), and the warning before the recall that marks a
visitor absent (不在)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from queue_app.domain.errors import InputError
from queue_app.domain.privacy import check_free_text
from queue_app.domain.tickets import TicketState
from screens.reception.common import error_text, translated_bindings

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView

# what can happen to the current ticket before the next call, by its state
FINISH, ABSENT, REQUEUE = "finish", "no_show", "requeue"
CHOICES: dict[str, tuple[str, ...]] = {
    TicketState.CALLED.value: (FINISH, ABSENT, REQUEUE),
    # a visitor being served is at the counter: not absent
    TicketState.SERVING.value: (FINISH, REQUEUE),
}


class _Choice(ModalScreen["str | None"]):
    """An OptionList of choices; 1, 2, 3... pick directly, Escape cancels. The texts come
    from the catalogue under PREFIX: `<PREFIX>.title` (with title_args()) and one key per
    choice, so a new dialog is a prefix, its choices and its title's values."""

    BOX_ID = ""
    PREFIX = ""

    def __init__(self, ticket: TicketView, choices: tuple[str, ...]) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.ticket = ticket
        self.choices = choices
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def title_args(self) -> dict[str, Any]:
        return {"number": self.ticket.display_number}

    def note(self) -> str:
        return ""

    def compose(self) -> ComposeResult:
        with Vertical(id=self.BOX_ID, classes="dialog"):
            yield Label(
                self.tr(f"{self.PREFIX}.title", **self.title_args()), classes="dialog-title"
            )
            note = self.note()
            if note:
                yield Label(note, classes="warn")
            yield OptionList(
                *[
                    Option(f"{i + 1}. {self.tr(f'{self.PREFIX}.{choice}')}", id=choice)
                    for i, choice in enumerate(self.choices)
                ],
                id=f"{self.BOX_ID}-choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: Any) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.choices):
                event.stop()
                self.dismiss(self.choices[index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class CounterBusyScreen(_Choice):
    """F3/F9 while a visitor is still called or served here: finish, absent, or back to the
    queue first, then the call goes on; Escape calls nobody."""

    BOX_ID = "busy-box"
    PREFIX = "reception.busy"

    def __init__(self, ticket: TicketView, counter: int) -> None:
        super().__init__(ticket, CHOICES.get(ticket.state, (REQUEUE,)))
        self.counter = counter

    def title_args(self) -> dict[str, Any]:
        state = self.tr(f"state.{self.ticket.state}")
        return {**super().title_args(), "counter": self.counter, "state": state}

    def note(self) -> str:
        return self.tr("reception.busy.note")


class LastRecallScreen(_Choice):
    """F4 when the next recall marks the visitor absent: say so and ask first."""

    BOX_ID = "recall-box"
    PREFIX = "reception.recall_warn"

    def __init__(self, ticket: TicketView, limit: int) -> None:
        super().__init__(ticket, ("recall", "keep"))
        self.limit = limit

    def title_args(self) -> dict[str, Any]:
        return {**super().title_args(), "limit": self.limit}


class OverrideScreen(ModalScreen["str | None"]):
    """F12: issue although the office or the procedure is closed (after hours, a closed
    day). The reason is required and recorded with the clerk's code on the ticket, its
    first event and the audit log; the intake opens next with the override in force."""

    def __init__(self, staff: str | None) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.staff = staff
        self._bindings = translated_bindings(
            self.tr, [("escape", "cancel", "reception.key.cancel")], base=self._bindings
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="override-box", classes="dialog"):
            yield Label(tr("reception.override.title"), classes="dialog-title")
            yield Label(tr("reception.override.note", staff=self.staff or "-"), classes="warn")
            yield Input(placeholder=tr("reception.override.placeholder"), id="override-reason")
            yield Static("", id="override-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#override-reason", Input).focus()

    @on(Input.Submitted, "#override-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        try:
            if not reason:
                raise InputError("err.override_reason")
            check_free_text(reason, "override")  # never a 個人番号 in a note
        except InputError as exc:
            self.query_one("#override-error", Static).update(error_text(exc, self.tr))
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
