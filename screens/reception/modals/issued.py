"""The issued ticket: its number, QR and print status."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import (
    Digits,
    Label,
    Static,
)

from queue_app.services.documents import warning_texts
from screens.reception.common import translated_bindings
from screens.reception.modals.intake_plans import steps_text
from screens.reception.widgets import BIG_CHARS
from screens.widgets.qr import QRCode

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import IssueResult


class TicketQR(QRCode):
    """The QR widget, fed with half-block lines computed off the UI thread."""

    def set_lines(self, data: str, lines: list[str]) -> None:
        self._data = data
        self._lines = list(lines)
        self.refresh(layout=True)


class IssuedTicketScreen(ModalScreen[None]):
    """The ticket big: number, service, estimated wait and the QR for the visitor's phone.

    One instance per reception screen, installed in the app: it is composed and styled once
    and only updated (`show`) for every later ticket, so the issue key reaches the screen
    without mounting anything."""

    def __init__(
        self,
        result: IssueResult | None = None,
        on_shown: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
    ) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.result: IssueResult | None = result
        self.on_shown = on_shown
        self.qr_lines: list[str] | None = None
        self.config = app.services.config
        self.calendar = app.services.calendar
        self._bindings = translated_bindings(
            self.tr,
            [("escape", "close", "reception.key.close"), ("enter", "close", "", False)],
            base=self._bindings,
        )

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Horizontal(id="issued", classes="dialog"):
            yield TicketQR("", id="issued-qr")
            with Vertical(id="issued-info"):
                yield Label(tr("reception.ticket.title"), classes="dialog-title")
                yield Digits("", id="issued-number")
                yield Static("", id="issued-plain")
                yield Static("", id="issued-service")
                yield Static("", id="issued-wait")
                yield Static(tr("reception.ticket.replayed"), id="issued-replayed", classes="warn")
                yield Static("", id="issued-warnings", classes="warn")
                yield Static(tr("reception.ticket.printing"), id="issued-print")
                yield Static(tr("reception.ticket.close_hint"), classes="hint")

    def show(
        self,
        result: IssueResult,
        on_shown: Callable[[IssueResult, IssuedTicketScreen], None] | None = None,
        qr_lines: list[str] | None = None,
    ) -> None:
        """The next ticket (before the screen is pushed again)."""
        self.result = result
        self.on_shown = on_shown
        self.qr_lines = qr_lines
        if self.is_mounted:
            self._fill()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        result = self.result
        if result is None:
            return
        if not self.query("#issued-number"):  # a loaded machine: the children are not all
            self.call_after_refresh(self._fill)  # mounted yet; fill once they are
            return
        tr = self.tr
        t = result.ticket
        service = self.config.services.get(t.service_id)
        qr = self.query_one("#issued-qr", TicketQR)
        if self.qr_lines:
            qr.set_lines(result.qr, self.qr_lines)
        else:
            qr.set_data(result.qr)
        digits = self.query_one("#issued-number", Digits)
        plain = self.query_one("#issued-plain", Static)
        big = set(t.display_number) <= BIG_CHARS
        if big:
            digits.update(t.display_number)
        else:
            plain.update(Text(t.display_number, style="bold"))
        digits.display, plain.display = big, not big
        title = Text(service.name(tr.lang) if service else t.service_id, style="bold")
        plan = self.config.plans.get(t.plan_id) if t.plan_id else None
        if plan is not None:  # one number for the whole visit: its steps in order
            title = Text(steps_text(tr, self.config, plan), style="bold")
        self.query_one("#issued-service", Static).update(title)
        wait = self.query_one("#issued-wait", Static)
        est = result.estimate
        wait.display = est is not None
        if est is not None:
            wait.update(
                tr("reception.ticket.wait", people=est.people_ahead, wait=tr.wait(est.minutes))
            )
        self.query_one("#issued-replayed", Static).display = result.replayed
        warnings = self.query_one("#issued-warnings", Static)
        texts = warning_texts(result, self.config, self.calendar, tr)
        warnings.update("\n".join("⚠ " + text for text in texts))
        warnings.display = bool(result.warnings)
        self.query_one("#issued-print", Static).update(tr("reception.ticket.printing"))

    def on_screen_resume(self) -> None:
        # files, printer and list refresh start once the ticket is painted: their
        # threads would otherwise compete with painting it for the GIL
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if self.on_shown is not None and self.result is not None:
            self.on_shown(self.result, self)

    def show_print(self, text: str, ok: bool) -> None:
        if not self.is_mounted:  # printing finished before (or after) the ticket was shown
            return
        try:
            status = self.query_one("#issued-print", Static)
        except NoMatches:
            return
        status.update(Text(text, style="" if ok else "bold red"))

    def action_close(self) -> None:
        self.dismiss(None)
