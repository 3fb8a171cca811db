"""The scheduling screen's ground: its state, helpers and layout."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static

from queue_app.domain.inquiry import InquiryReason
from queue_app.domain.inquiry_views import (
    CaseView,
    MonthView,
    SlipView,
    SlotView,
)
from screens.widgets.footer import KeyFooter
from screens.widgets.qr import QRCode

if TYPE_CHECKING:
    from queue_app.i18n import Translator


class SchedulingForm(Screen[None]):
    CSS_PATH = "scheduling.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, ticket_id: int | None = None, case_id: int | None = None) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        self.case_id = case_id
        self.case: CaseView | None = None
        self.month_view: MonthView | None = None
        self.cells: dict[tuple[int, int], date] = {}
        self.year_month: tuple[int, int] | None = None
        self.office_id: str | None = None
        self.day: date | None = None
        self.slot: SlotView | None = None
        self.slip: SlipView | None = None
        self.visit_kind = ""
        self._focus_origin: Widget | None = None

    # -- helpers (the cases screen has the same three on purpose: each screen reads its host)
    @property
    def tr(self) -> Translator:
        return self.app.tr  # type: ignore[attr-defined, no-any-return]

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    @property
    def staff(self) -> str | None:
        return self.app.options.staff  # type: ignore[attr-defined, no-any-return]

    def _offices(self) -> list[tuple[str, str]]:
        config = self.services.config
        service = config.settings.inquiry.service
        return [
            (office.name(self.tr.lang), office.id)
            for office in config.offices.values()
            if service in office.services
        ]

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="sched-root"):
            yield Static(tr("inq.ui.title"), id="sched-title")
            yield Static(tr("inq.ui.loading"), id="case-info")
            with Horizontal(id="case-form", classes="form hidden"):
                yield Select(
                    [(tr(f"inq.reason.{r.value}"), r.value) for r in InquiryReason],
                    allow_blank=False,
                    id="reason",
                )
                yield Input(placeholder=tr("inq.ui.name_kana"), id="name-kana")
                yield Input(placeholder=tr("inq.ui.phone"), id="phone")
                yield Button(tr("inq.ui.open_case"), id="open-case", variant="primary")
            with Horizontal(id="mail-form", classes="form hidden"):
                yield Static(tr("inq.ui.mailed_on"), classes="label")
                yield Input(id="mailed-on")
                yield Button(tr("inq.ui.mark_mailed"), id="mark-mailed", variant="primary")
            with Horizontal(id="booking", classes="hidden"):
                with Vertical(id="month-pane"):
                    yield Select(self._offices(), allow_blank=False, id="office")
                    with Horizontal(id="month-nav"):
                        yield Button(tr("inq.ui.prev_month"), id="prev-month", compact=True)
                        yield Static("", id="month-label")
                        yield Button(tr("inq.ui.next_month"), id="next-month", compact=True)
                    yield DataTable(
                        id="month", cursor_type="cell", zebra_stripes=False, cell_padding=0
                    )
                    yield Static(tr("inq.ui.pick_day"), id="month-hint")
                with Vertical(id="slot-pane"):
                    yield Static("", id="slots-label")
                    yield OptionList(id="slots")
                    yield Static("", id="confirm-text")
                    yield Button(
                        tr("inq.ui.confirm"), id="confirm", variant="success", disabled=True
                    )
            with VerticalScroll(id="slip", classes="hidden"):
                with Horizontal(id="slip-row"):
                    yield QRCode("", id="slip-qr")
                    yield Static("", id="slip-text")
                yield Button(tr("inq.ui.close"), id="close-slip")
        yield KeyFooter(compact=True, show_command_palette=False)

    def _show(self, widget_id: str, visible: bool) -> None:
        self.query_one(f"#{widget_id}").set_class(not visible, "hidden")

    # -- focus -----------------------------------------------------------------------------
    def _request_started(self) -> None:
        """Remember where the clerk was when a database call started."""
        self._focus_origin = self.focused

    def _next_step(self, widget_id: str) -> None:
        """Move the focus to the next step's widget when a call's result arrives, unless the
        clerk has gone elsewhere meanwhile (typing is never moved away from)."""
        here = self.focused
        origin = self._focus_origin
        if here is None or here is origin or not here.display or not self._shown(here):
            self.set_focus(self.query_one(f"#{widget_id}"))  # now: the next key goes there
        self._focus_origin = None

    def _shown(self, widget: Widget) -> bool:
        return not any(node.has_class("hidden") for node in widget.ancestors_with_self)
