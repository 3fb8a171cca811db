"""The inquiry desk's list: open cases with days left (overdue first), and the office's
appointments today and on the next open day.

No personal data is shown here (names are read only where needed, and audited). Enter on a
case opens the scheduling screen for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from queue_app.domain.inquiry_views import AppointmentView, CaseView, day_label

if TYPE_CHECKING:
    from queue_app.i18n import Translator


@dataclass
class CasesLoaded(Message):
    cases: list[CaseView]
    today: date
    next_day: date | None
    today_appts: list[AppointmentView]
    next_appts: list[AppointmentView]


class CasesScreen(Screen[None]):
    CSS_PATH = "scheduling.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("f5", "refresh", "Refresh"),
        Binding("s", "schedule", "Schedule"),
    ]

    def __init__(self, office_id: str | None = None) -> None:
        super().__init__()
        self.office_id = office_id
        self.cases: list[CaseView] = []

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
            yield Static(tr("inq.ui.open_cases"), classes="section")
            yield DataTable(id="cases-table", cursor_type="row")
            yield Static("", id="today-label", classes="section")
            yield DataTable(id="appt-today", cursor_type="row")
            yield Static("", id="next-label", classes="section")
            yield DataTable(id="appt-next", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        tr = self.tr
        self._bindings = BindingsMap(
            [
                Binding("escape", "close", tr("inq.ui.back")),
                Binding("f5", "refresh", tr("inq.ui.refresh")),
                Binding("s", "schedule", tr("inq.ui.schedule")),
            ]
        )
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
        for table_id in ("#appt-today", "#appt-next"):
            self.query_one(table_id, DataTable).add_columns(
                tr("inq.ui.col_time"),
                tr("inq.ui.col_code"),
                tr("inq.ui.col_case"),
                tr("inq.ui.col_state"),
            )
        self.load()

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
                    key=str(a.id),
                )

    def selected_case(self) -> CaseView | None:
        table = self.query_one("#cases-table", DataTable)
        if not self.cases or table.cursor_row < 0 or table.cursor_row >= len(self.cases):
            return None
        return self.cases[table.cursor_row]

    @on(DataTable.RowSelected, "#cases-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_schedule()

    def action_schedule(self) -> None:
        case = self.selected_case()
        if case is None:
            return
        from screens.scheduling.screen import SchedulingScreen

        self.app.push_screen(SchedulingScreen(case_id=case.id), self._after_schedule)

    def _after_schedule(self, _: None) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
