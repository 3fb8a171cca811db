"""Scheduling the second visit of a document inquiry (文書照会): case, office, month, slot, slip.

Pushed by the reception screen after a visit finished with a document inquiry
(`SchedulingScreen(ticket_id=...)`), or from the cases screen (`SchedulingScreen(case_id=...)`).

Steps on one screen, top to bottom: the case (opened here if the ticket has none yet), the
mailing date (when not recorded), then the office, a month calendar of open days with
their free seats, the free slots of the chosen day, and a confirm button. After booking the
slip is shown with its QR code (black on white, scannable from the screen).

Every database call is a thread worker; results come back as messages. The confirm button
is disabled while a booking is in flight, so one press never books twice; when another
terminal took the last seat meanwhile, the error is shown and the slots are reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from queue_app.domain.errors import MadoguchiError
from queue_app.domain.inquiry import InquiryReason
from queue_app.domain.inquiry_views import (
    WEEKDAY_EN,
    WEEKDAY_JA,
    CaseView,
    MonthView,
    SlipView,
    SlotView,
    day_label,
    slip_lines,
)
from screens.widgets.qr import QRCode

if TYPE_CHECKING:
    from queue_app.i18n import Translator


# -- messages from the workers -----------------------------------------------------------
@dataclass
class CaseLoaded(Message):
    case: CaseView | None
    visit_kind: str = ""


@dataclass
class MonthLoaded(Message):
    month: MonthView


@dataclass
class SlotsLoaded(Message):
    day: date
    slots: list[SlotView]


@dataclass
class Booked(Message):
    slip: SlipView


def default_reason(visit_kind: str) -> str:
    if visit_kind.startswith("agent"):
        return InquiryReason.AGENT_FIRST.value
    if visit_kind == "guardian":
        return InquiryReason.GUARDIAN_NO_PHOTO_ID.value
    return InquiryReason.PIN_RESET.value


def month_grid(month: MonthView) -> list[list[date | None]]:
    """Weeks (Monday first) of the month; None outside the month."""
    weeks: list[list[date | None]] = []
    week: list[date | None] = [None] * 7
    for info in month.days:
        week[info.day.weekday()] = info.day
        if info.day.weekday() == 6:
            weeks.append(week)
            week = [None] * 7
    if any(week):
        weeks.append(week)
    return weeks


class SchedulingScreen(Screen[None]):
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

    # -- helpers ---------------------------------------------------------------------------
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

    def on_mount(self) -> None:
        self._bindings = BindingsMap([Binding("escape", "close", self.tr("inq.ui.close"))])
        table = self.query_one("#month", DataTable)
        lang = self.tr.lang
        for i in range(7):
            table.add_column(WEEKDAY_EN[i] if lang == "en" else WEEKDAY_JA[i], width=6)
        self.load_case()

    def _show(self, widget_id: str, visible: bool) -> None:
        self.query_one(f"#{widget_id}").set_class(not visible, "hidden")

    # -- case ------------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="case")
    def load_case(self) -> None:
        inq = self.services.inquiries
        visit_kind = ""
        if self.case_id is not None:
            case = inq.get_case(self.case_id)
        elif self.ticket_id is not None:
            case = inq.case_for_ticket(self.ticket_id)
            visit_kind = self.services.tickets.get(self.ticket_id).visit_kind
        else:
            case = None
        self.post_message(CaseLoaded(case, visit_kind))

    @on(CaseLoaded)
    def _case_loaded(self, message: CaseLoaded) -> None:
        self.case = message.case
        self.visit_kind = message.visit_kind or self.visit_kind
        case = self.case
        tr = self.tr
        info = self.query_one("#case-info", Static)
        self._show("case-form", case is None and self.ticket_id is not None)
        self._show("mail-form", case is not None and case.state == "opened")
        self._show("booking", case is not None and case.state == "mailed")
        if case is None:
            info.update(tr("inq.ui.no_case"))
            self.query_one("#reason", Select).value = default_reason(self.visit_kind)
            return
        self.case_id = case.id
        lines = [
            tr(
                "inq.ui.case",
                id=case.id,
                reason=tr(f"inq.reason.{case.reason}"),
                state=tr(f"inq.state.{case.state}"),
            )
        ]
        if case.mailed_on and case.deadline:
            lines.append(
                tr(
                    "inq.ui.case_deadline",
                    mailed=case.mailed_on.isoformat(),
                    deadline=case.deadline.isoformat(),
                    days=case.days_left,
                )
            )
        if case.state == "booked" and case.appointment is not None:
            a = case.appointment
            lines.append(
                tr(
                    "inq.ui.already_booked",
                    code=a.code,
                    day=day_label(a.day, tr.lang),
                    start=a.start,
                )
            )
            self.load_slip(a.id)
        elif case.state not in ("opened", "mailed"):
            lines.append(tr("inq.ui.closed_case", state=tr(f"inq.state.{case.state}")))
        info.update("\n".join(lines))
        if case.state == "opened":
            today = self.services.inquiries.today(case.office_id)
            self.query_one("#mailed-on", Input).value = today.isoformat()
        if case.state == "mailed":
            offices = [o for _, o in self._offices()]
            office = case.office_id if case.office_id in offices else offices[0]
            self.office_id = office
            select = self.query_one("#office", Select)
            with select.prevent(Select.Changed):
                select.value = office
            self.year_month = None
            self.load_month()

    @on(Button.Pressed, "#open-case")
    def _open_case(self) -> None:
        if self.ticket_id is None:
            return
        reason = str(self.query_one("#reason", Select).value)
        kana = self.query_one("#name-kana", Input).value
        phone = self.query_one("#phone", Input).value
        self.query_one("#open-case", Button).disabled = True
        self.open_case(self.ticket_id, reason, kana, phone)

    @work(thread=True, exit_on_error=False, group="write")
    def open_case(self, ticket_id: int, reason: str, kana: str, phone: str) -> None:
        case = self.services.inquiries.open_case(
            ticket_id, reason, name_kana=kana or None, phone=phone or None, staff=self.staff
        )
        self.post_message(CaseLoaded(case))

    @on(Button.Pressed, "#mark-mailed")
    def _mark_mailed(self) -> None:
        if self.case is None:
            return
        raw = self.query_one("#mailed-on", Input).value.strip()
        try:
            mailed = date.fromisoformat(raw)
        except ValueError:
            self.notify(
                self.tr("err.date_invalid", flag=self.tr("inq.ui.mailed_on"), value=raw),
                severity="error",
            )
            return
        self.query_one("#mark-mailed", Button).disabled = True
        self.mark_mailed(self.case.id, mailed)

    @work(thread=True, exit_on_error=False, group="write")
    def mark_mailed(self, case_id: int, mailed: date) -> None:
        case = self.services.inquiries.mark_mailed(case_id, mailed, staff=self.staff)
        self.post_message(CaseLoaded(case))

    # -- month -----------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="month", exclusive=True)
    def load_month(self) -> None:
        if self.case is None or self.office_id is None:
            return
        inq = self.services.inquiries
        if self.year_month is None:
            window = inq.booking_window(self.case.id, self.office_id)
            start = max(window.first or inq.today(self.office_id), inq.today(self.office_id))
            if window.days:
                start = window.days[0]
            self.year_month = (start.year, start.month)
        year, month = self.year_month
        self.post_message(MonthLoaded(inq.month(self.case.id, self.office_id, year, month)))

    @on(MonthLoaded)
    def _month_loaded(self, message: MonthLoaded) -> None:
        view = message.month
        self.month_view = view
        tr = self.tr
        self.query_one("#month-label", Static).update(
            tr("inq.ui.month", year=view.year, month=view.month)
        )
        infos = {d.day: d for d in view.days}
        table = self.query_one("#month", DataTable)
        table.clear()
        self.cells.clear()
        first_bookable: tuple[int, int] | None = None
        for r, week in enumerate(month_grid(view)):
            row: list[Text] = []
            for c, day in enumerate(week):
                if day is None:
                    row.append(Text(""))
                    continue
                info = infos[day]
                self.cells[(r, c)] = day
                if info.bookable:
                    row.append(Text(f"{day.day:>2} {info.free_seats:>2}", style="bold green"))
                    if first_bookable is None:
                        first_bookable = (r, c)
                elif info.open:
                    row.append(Text(f"{day.day:>2}  ·", style="dim"))
                else:
                    row.append(Text(f"{day.day:>2}  ✕", style="dim red"))
            table.add_row(*row, key=str(r))
        if first_bookable is not None:
            table.move_cursor(row=first_bookable[0], column=first_bookable[1])

    def cell_of(self, day: date) -> tuple[int, int] | None:
        for coordinate, value in self.cells.items():
            if value == day:
                return coordinate
        return None

    @on(Select.Changed, "#office")
    def _office_changed(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK or self.case is None:
            return
        self.office_id = str(event.value)
        self.year_month = None
        self._clear_slots()
        self.load_month()

    @on(Button.Pressed, "#prev-month")
    def _prev_month(self) -> None:
        self._move_month(-1)

    @on(Button.Pressed, "#next-month")
    def _next_month(self) -> None:
        self._move_month(1)

    def _move_month(self, step: int) -> None:
        if self.year_month is None:
            return
        year, month = self.year_month
        month += step
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
        self.year_month = (year, month)
        self._clear_slots()
        self.load_month()

    @on(DataTable.CellSelected, "#month")
    def _day_selected(self, event: DataTable.CellSelected) -> None:
        day = self.cells.get((event.coordinate.row, event.coordinate.column))
        if day is None or self.month_view is None:
            return
        info = next((d for d in self.month_view.days if d.day == day), None)
        if info is None or not info.bookable:
            reason = info.reason(self.tr.lang) if info else None
            self.notify(reason or self.tr("inq.slots.not_bookable"), severity="warning")
            return
        self.pick_day(day)

    def pick_day(self, day: date) -> None:
        self.day = day
        self._clear_slots()
        self.query_one("#slots-label", Static).update(
            self.tr("inq.ui.slots_of", day=day_label(day, self.tr.lang))
        )
        self.load_slots(day)

    # -- slots -----------------------------------------------------------------------------
    def _clear_slots(self) -> None:
        self.slot = None
        self.query_one("#slots", OptionList).clear_options()
        self.query_one("#slots-label", Static).update("")
        self.query_one("#confirm-text", Static).update("")
        self.query_one("#confirm", Button).disabled = True

    @work(thread=True, exit_on_error=False, group="slots", exclusive=True)
    def load_slots(self, day: date) -> None:
        if self.case is None or self.office_id is None:
            return
        slots = self.services.inquiries.slots(self.case.id, self.office_id, day)
        self.post_message(SlotsLoaded(day, slots))

    @on(SlotsLoaded)
    def _slots_loaded(self, message: SlotsLoaded) -> None:
        if message.day != self.day:
            return
        options = self.query_one("#slots", OptionList)
        options.clear_options()
        self.slots_by_id = {str(s.start_minute): s for s in message.slots}
        if not message.slots:
            options.add_option(Option(self.tr("inq.ui.no_slots"), disabled=True))
            return
        options.add_options(
            [
                Option(
                    self.tr("inq.ui.slot", start=s.start, end=s.end, free=s.free, seats=s.seats),
                    id=str(s.start_minute),
                )
                for s in message.slots
            ]
        )
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#slots")
    def _slot_selected(self, event: OptionList.OptionSelected) -> None:
        slot = getattr(self, "slots_by_id", {}).get(event.option.id or "")
        if slot is None:
            return
        self.slot = slot
        office = self.services.config.office(self.office_id).name(self.tr.lang)
        self.query_one("#confirm-text", Static).update(
            self.tr(
                "inq.ui.confirm_text",
                office=office,
                day=day_label(slot.day, self.tr.lang),
                start=slot.start,
                end=slot.end,
            )
        )
        confirm = self.query_one("#confirm", Button)
        confirm.disabled = False
        confirm.focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        if self.case is None or self.slot is None or self.office_id is None:
            return
        self.query_one("#confirm", Button).disabled = True
        self.book(self.case.id, self.office_id, self.slot.day, self.slot.start_minute)

    @work(thread=True, exit_on_error=False, group="book")
    def book(self, case_id: int, office_id: str, day: date, start: int) -> None:
        inq = self.services.inquiries
        appt = inq.book(case_id, office_id, day, start, staff=self.staff)
        self.post_message(Booked(inq.slip(appt.id)))

    @work(thread=True, exit_on_error=False, group="slip")
    def load_slip(self, appointment_id: int) -> None:
        self.post_message(Booked(self.services.inquiries.slip(appointment_id)))

    @on(Booked)
    def _booked(self, message: Booked) -> None:
        self.slip = message.slip
        self._show("booking", False)
        self._show("slip", True)
        self.query_one("#slip-qr", QRCode).set_data(message.slip.token)
        self.query_one("#slip-text", Static).update("\n".join(slip_lines(message.slip, self.tr)))
        self.notify(self.tr("inq.ui.booked", code=message.slip.appointment.code), timeout=4)
        self.query_one("#close-slip", Button).focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed write: let the user try again (the app shows the error itself)."""
        if event.state is not WorkerState.ERROR:
            return
        group = event.worker.group
        if group == "book":
            if isinstance(event.worker.error, MadoguchiError) and self.day is not None:
                self.load_slots(self.day)
                self.load_month()
        elif group == "write":
            for button in ("#open-case", "#mark-mailed"):
                self.query_one(button, Button).disabled = False

    # -- leaving ---------------------------------------------------------------------------
    @on(Button.Pressed, "#close-slip")
    def _close_slip(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
