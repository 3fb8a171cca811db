"""The free slots of the chosen day, the confirm button, booking and the slip."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from queue_app.domain.errors import MadoguchiError
from queue_app.domain.inquiry_views import (
    SlipView,
    day_label,
    slip_lines,
)
from screens.scheduling.messages import Booked, SlipPrinted, SlotsLoaded
from screens.scheduling.month_panel import SchedulingMonth
from screens.widgets.qr import QRCode


class SchedulingSlots(SchedulingMonth):
    @on(SlotsLoaded)
    def _slots_loaded(self, message: SlotsLoaded) -> None:
        if message.day != self.day:
            return
        options = self.query_one("#slots", OptionList)
        options.clear_options()
        self.slots_by_id = {str(s.start_minute): s for s in message.slots}
        if not message.slots:
            options.add_option(Option(self.tr("inq.ui.no_slots"), disabled=True))
            self._focus_origin = None
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
        self._next_step("slots")

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
        self.set_focus(confirm)  # now: the next Enter books

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        """F10 or the button: book the chosen slot (once: the button is off meanwhile)."""
        confirm = self.query_one("#confirm", Button)
        if self.case is None or self.slot is None or self.office_id is None or confirm.disabled:
            return
        self._request_started()
        confirm.disabled = True
        self.book(self.case.id, self.office_id, self.slot.day, self.slot.start_minute)

    @work(thread=True, exit_on_error=False, group="book")
    def book(self, case_id: int, office_id: str, day: date, start: int) -> None:
        inq = self.services.inquiries
        appt = inq.book(case_id, office_id, day, start, staff=self.staff)
        slip = inq.slip(appt.id)
        self.post_message(Booked(slip))
        self._print_slip(slip)

    def _print_slip(self, slip: SlipView) -> None:
        """In the booking worker: the slip as a document (PNG/SVG) and `print_command`."""
        from queue_app.services.printing import print_slip

        tr = self.tr
        files, status = print_slip(self.services.config, slip, tr.lang)
        if files.png is None:
            text, ok = tr("reception.ticket.file_failed", problem=files.error), False
        elif not status.configured:
            text, ok = tr("inq.ui.slip_saved", path=str(files.png)), True
        elif status.ok:
            text, ok = tr("reception.ticket.printed", command=status.command), True
        else:
            text, ok = tr("reception.ticket.print_failed", problem=status.problem), False
        self.post_message(SlipPrinted(text, ok))

    @on(SlipPrinted)
    def _slip_printed(self, message: SlipPrinted) -> None:
        self.notify(message.text, severity="information" if message.ok else "error", timeout=6)

    @work(thread=True, exit_on_error=False, group="slip")
    def load_slip(self, appointment_id: int) -> None:
        self.post_message(Booked(self.services.inquiries.slip(appointment_id)))

    @on(Booked)
    def _booked(self, message: Booked) -> None:
        self.slip = message.slip
        self._show("booking", False)
        self._show("slip", True)
        self.query_one("#slip-qr", QRCode).set_data(message.slip.qr)
        self.query_one("#slip-text", Static).update("\n".join(slip_lines(message.slip, self.tr)))
        self.notify(self.tr("inq.ui.booked", code=message.slip.appointment.code), timeout=4)
        self._next_step("close-slip")

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
