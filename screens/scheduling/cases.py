"""The inquiry desk's list: open cases with days left (overdue first), the visits finished
with a document inquiry whose case was left for later (後で), and the office's appointments
today and on the next open day.

No personal data is shown here (names are read only where needed, and audited).

Keyboard: the scanner field at the top keeps the focus when the screen opens, so a slip or
ticket scanned here is read as a line (a USB scanner types fast and ends with Enter), never
as keys; no action is on a printable key. A slip's QR, its printed code (R-RYRE), a ticket's
QR or its number finds the row; Enter on a row opens it (the case's scheduling, or a new
case for a visit left for later). Tab / Shift+Tab go through the field and the lists,
↓ from the field goes to the first list, F5 reloads, Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from queue_app.domain.inquiry_views import AppointmentView, CaseView, day_label
from queue_app.domain.scan_kinds import ScanKind, classify_scan, normalize_scan
from screens.widgets.footer import KeyFooter
from screens.widgets.keys import translated_bindings
from screens.widgets.scan_field import ScanField

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView


@dataclass
class CasesLoaded(Message):
    cases: list[CaseView]
    later: list[TicketView]
    today: date
    next_day: date | None
    today_appts: list[AppointmentView]
    next_appts: list[AppointmentView]


@dataclass
class Found(Message):
    """What a scanned or typed line pointed at: a case, or a visit left for later."""

    case_id: int | None = None
    ticket_id: int | None = None
    label: str = ""
    error: str | None = None


class CasesScreen(Screen[None]):
    CSS_PATH = "scheduling.tcss"
    KEYS: list[Any] = [
        ("enter", "open", "inq.keys.open", True),
        ("f5", "refresh", "inq.ui.refresh", True),
        ("escape", "close", "inq.ui.back", True),
    ]

    def __init__(self, office_id: str | None = None) -> None:
        super().__init__()
        self.office_id = office_id
        self.cases: list[CaseView] = []
        self.later: list[TicketView] = []

    @property
    def tr(self) -> Translator:
        return self.app.tr  # type: ignore[attr-defined, no-any-return]

    @property
    def services(self) -> Any:
        return self.app.services  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="cases-body"):
            yield Static(tr("inq.ui.cases_title"), id="cases-title")
            yield ScanField(
                enter_label=tr("inq.keys.find"),
                placeholder=tr("inq.keys.scan_placeholder"),
                id="cases-scan",
            )
            yield Static(tr("inq.ui.open_cases"), classes="section")
            yield DataTable(id="cases-table", cursor_type="row")
            yield Static(tr("inq.keys.later_title"), id="later-label", classes="section")
            yield DataTable(id="later-table", cursor_type="row")
            yield Static("", id="today-label", classes="section")
            yield DataTable(id="appt-today", cursor_type="row")
            yield Static("", id="next-label", classes="section")
            yield DataTable(id="appt-next", cursor_type="row")
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        tr = self.tr
        # footer labels in the clerk's language, added to the screen's own (Tab, Shift+Tab)
        self._bindings = translated_bindings(tr, self.KEYS, base=self._bindings)
        self.refresh_bindings()
        if self.office_id is None:
            self.office_id = self.app.options.office_id  # type: ignore[attr-defined]
        self.query_one("#cases-table", DataTable).add_columns(
            tr("inq.ui.col_case"),
            tr("inq.ui.col_state"),
            tr("inq.ui.col_reason"),
            tr("inq.ui.col_office"),
            tr("inq.ui.col_deadline"),
            tr("inq.ui.col_left"),
            tr("inq.ui.col_code"),
        )
        self.query_one("#later-table", DataTable).add_columns(
            tr("inq.keys.col_number"),
            tr("inq.keys.col_day"),
            tr("inq.keys.col_visit"),
            tr("inq.keys.col_counter"),
        )
        for table_id in ("#appt-today", "#appt-next"):
            self.query_one(table_id, DataTable).add_columns(
                tr("inq.ui.col_time"),
                tr("inq.ui.col_code"),
                tr("inq.ui.col_case"),
                tr("inq.ui.col_state"),
            )
        # synchronously: a scan right after F11 must land in the field, not on the lists
        self.set_focus(self.query_one("#cases-scan", Input))
        self.load()

    # -- loading ---------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="cases", exclusive=True)
    def load(self) -> None:
        inq = self.services.inquiries
        office = self.office_id
        assert office is not None
        today = inq.today(office)
        next_day = self.services.calendar.next_open_day(office, today, include_start=False)
        cases = inq.list_cases()
        cases.sort(key=lambda c: (not c.overdue, c.deadline is None, c.deadline or date.max))
        self.post_message(
            CasesLoaded(
                cases,
                inq.left_for_later(office),
                today,
                next_day,
                inq.appointments(office, today),
                inq.appointments(office, next_day) if next_day else [],
            )
        )

    @on(CasesLoaded)
    def _loaded(self, message: CasesLoaded) -> None:
        tr = self.tr
        self.cases = message.cases
        self.later = message.later
        table = self.query_one("#cases-table", DataTable)
        table.clear()
        for case in message.cases:
            if case.days_left is None:
                left = Text(tr("inq.list.not_mailed"), style="dim")
            elif case.overdue:
                left = Text(tr("inq.list.overdue", days=-case.days_left), style="bold red")
            else:
                left = Text(tr("inq.list.days_left", days=case.days_left))
            table.add_row(
                f"#{case.id}",
                tr(f"inq.state.{case.state}"),
                tr(f"inq.reason.{case.reason}"),
                case.office_id,
                case.deadline.isoformat() if case.deadline else "-",
                left,
                case.appointment.code if case.appointment else "",
                key=str(case.id),
            )
        later = self.query_one("#later-table", DataTable)
        later.clear()
        for t in message.later:
            later.add_row(
                t.display_number,
                day_label(t.service_day, tr.lang),
                tr(f"visit.{t.visit_kind}") if t.visit_kind else "-",
                str(t.counter) if t.counter is not None else "-",
                key=str(t.id),
            )
        later.display = bool(message.later)
        self.query_one("#later-label").display = bool(message.later)
        self.query_one("#today-label", Static).update(
            tr("inq.ui.appointments_today", day=day_label(message.today, tr.lang))
        )
        self.query_one("#next-label", Static).update(
            tr(
                "inq.ui.appointments_tomorrow",
                day=day_label(message.next_day, tr.lang) if message.next_day else "-",
            )
        )
        for table_id, appts in (
            ("#appt-today", message.today_appts),
            ("#appt-next", message.next_appts),
        ):
            appt_table = self.query_one(table_id, DataTable)
            appt_table.clear()
            for a in appts:
                appt_table.add_row(
                    f"{a.start}-{a.end}",
                    a.code,
                    f"#{a.case_id}",
                    tr(f"inq.appt_state.{a.state}"),
                    key=str(a.case_id),
                )

    # -- the scanner field -----------------------------------------------------------------
    @on(Input.Submitted, "#cases-scan")
    def _scanned(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        event.input.value = ""
        if not text.strip():
            self.action_open()
            return
        self.find(text)

    @work(thread=True, exit_on_error=False, group="find", exclusive=True)
    def find(self, text: str) -> None:
        inq, tickets = self.services.inquiries, self.services.tickets
        prefixes = [s.prefix for s in self.services.config.services.values()]
        kind = classify_scan(text, prefixes)
        value = normalize_scan(text)
        office = self.office_id
        try:
            if kind in (ScanKind.SLIP_TOKEN, ScanKind.SLIP_CODE):
                appt = inq.find_slip(value)
                self.post_message(Found(case_id=appt.case_id, label=appt.code))
                return
            if kind is ScanKind.TICKET_TOKEN:
                ticket = tickets.verify_token(value, office, today=False)
            elif kind is ScanKind.TICKET_NUMBER:
                ticket = tickets.find(office, value)
            else:
                self.post_message(Found(error=self.tr("inq.keys.scan_unknown")))
                return
            case = inq.case_for_ticket(ticket.id)
            case_id = case.id if case is not None else ticket.case_id
            self.post_message(
                Found(case_id=case_id, ticket_id=ticket.id, label=ticket.display_number)
            )
        except Exception as exc:  # a clear message in the list's own words
            from screens.reception.common import error_text

            self.post_message(Found(error=error_text(exc, self.tr)))

    @on(Found)
    def _found(self, message: Found) -> None:
        tr = self.tr
        if message.error is not None:
            self.notify(message.error, severity="error", timeout=6)
            return
        if message.case_id is not None:
            ids = [c.id for c in self.cases]
            if message.case_id in ids:
                table = self.query_one("#cases-table", DataTable)
                table.move_cursor(row=ids.index(message.case_id))
                self.set_focus(table)
                self.notify(tr("inq.keys.found_case", label=message.label, id=message.case_id))
                return
            # a closed case (completed, cancelled, expired): its screen says what happened
            self._open_case(message.case_id)
            return
        later_ids = [t.id for t in self.later]
        if message.ticket_id in later_ids:
            table = self.query_one("#later-table", DataTable)
            table.move_cursor(row=later_ids.index(message.ticket_id))
            self.set_focus(table)
            self.notify(tr("inq.keys.found_later", label=message.label))
            return
        self.notify(tr("inq.keys.no_case", label=message.label), severity="warning")

    # -- opening ---------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open_row(event.data_table, event.cursor_row)

    def action_open(self) -> None:
        """Enter: the highlighted row of the focused list (from the field: the first list)."""
        focused = self.focused
        table = focused if isinstance(focused, DataTable) else None
        if table is None:
            table = self.query_one("#cases-table", DataTable)
        self._open_row(table, table.cursor_row)

    def _open_row(self, table: DataTable[Any], row: int) -> None:
        if row < 0 or row >= table.row_count:
            return
        if table.id == "cases-table":
            if row < len(self.cases):
                self._open_case(self.cases[row].id)
        elif table.id == "later-table":
            if row < len(self.later):
                self._open_ticket(self.later[row].id)
        else:  # an appointment: its case
            key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
            if key is not None:
                self._open_case(int(key))

    def _open_case(self, case_id: int) -> None:
        from screens.scheduling.screen import SchedulingScreen

        self.app.push_screen(SchedulingScreen(case_id=case_id), self._after_schedule)

    def _open_ticket(self, ticket_id: int) -> None:
        from screens.scheduling.screen import SchedulingScreen

        self.app.push_screen(SchedulingScreen(ticket_id=ticket_id), self._after_schedule)

    def selected_case(self) -> CaseView | None:
        table = self.query_one("#cases-table", DataTable)
        if not self.cases or table.cursor_row < 0 or table.cursor_row >= len(self.cases):
            return None
        return self.cases[table.cursor_row]

    def action_schedule(self) -> None:
        case = self.selected_case()
        if case is not None:
            self._open_case(case.id)

    def _after_schedule(self, _: None) -> None:
        self.set_focus(self.query_one("#cases-scan", Input))
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
