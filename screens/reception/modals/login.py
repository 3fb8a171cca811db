"""Staff login: the staff code at the start of a shift."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Input,
    Label,
    Static,
)


class StaffLoginScreen(ModalScreen[str]):
    """Asks the staff code once; every action is stamped with it."""

    def compose(self) -> ComposeResult:
        tr = self.app.tr  # type: ignore[attr-defined]
        with Vertical(id="login-box", classes="dialog"):
            yield Label(tr("reception.login.title"), classes="dialog-title")
            yield Input(placeholder=tr("reception.login.placeholder"), id="login-code")
            yield Static("", id="login-error", classes="error")

    @on(Input.Submitted, "#login-code")
    def _submitted(self, event: Input.Submitted) -> None:
        app: Any = self.app
        code = event.value.strip().upper()
        staff = app.board_source.config.staff.get(code)  # the services may not be up yet
        office = app.options.office_id
        if staff is None or (staff.offices and office not in staff.offices):
            self.query_one("#login-error", Static).update(
                app.tr("reception.login.unknown", value=event.value.strip())
            )
            event.input.value = ""
            return
        self.dismiss(code)
