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

Stacked from one module per panel: `form.py` (state, layout), `month_panel.py`,
`slots_panel.py` (slots, booking, slip) and `case_panel.py`; messages in `messages.py`.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Button

from screens.scheduling.case_panel import SchedulingCase, default_reason
from screens.scheduling.month_panel import month_grid


class SchedulingScreen(SchedulingCase):
    # -- leaving ---------------------------------------------------------------------------
    @on(Button.Pressed, "#close-slip")
    def _close_slip(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


__all__ = ["SchedulingScreen", "default_reason", "month_grid"]
