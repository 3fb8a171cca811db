"""The month calendar of open days with their free seats; picking a day loads its slots."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.widgets import Button, DataTable, OptionList, Select, Static

from queue_app.domain.inquiry_views import (
    MonthView,
    day_label,
)
from screens.scheduling.form import SchedulingForm
from screens.scheduling.messages import MonthLoaded, SlotsLoaded


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


class SchedulingMonth(SchedulingForm):
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
        self._next_step("month")

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

    def action_prev_month(self) -> None:
        self._move_month(-1)

    def action_next_month(self) -> None:
        self._move_month(1)

    def _move_month(self, step: int) -> None:
        if self.year_month is None or self.query_one("#booking").has_class("hidden"):
            return
        self._request_started()
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
        self._request_started()
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
