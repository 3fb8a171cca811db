"""The reception terminal: one clerk at one counter, all day.

Layout: a header line (office, counter, staff, hours, clock), a banner when the office is
closed or reception ends within the hour, the current ticket on the left, the office's
waiting list on the right, the scanner field and the footer with the keys.

The scanner field keeps the focus (a USB QR scanner types like a keyboard and ends with
Enter), so every action is on a function key: printable keys would be taken by the scanner.

Every database call runs in a thread worker and comes back as a Message; a failed call
shows the error and can be retried with Ctrl+R. Issuing carries the request id generated
when the intake form opened, so a retry can never issue twice. Other terminals' changes
arrive by polling the office's revision (one cheap read) and refetching when it moved.

The screen is stacked from one module per job: `live.py` (layout, header, lists, polling),
`counter.py` (actions at the counter), `issuing.py` (intake → issued ticket → print) and
the scanner field here; the dialogs are in `modals/`, the worker messages in `messages.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Input

from screens.reception.issuing import ReceptionIssuing

if TYPE_CHECKING:
    from queue_app.services.views import TicketView


SLIP_PREFIX = "MDG1.P."
TOKEN_PREFIX = "MDG1."


class ReceptionScreen(ReceptionIssuing):
    # -- the scanner field -----------------------------------------------------------------
    @on(Input.Submitted, "#scan")
    def _scanned(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        self.open_text(text)

    def open_text(self, text: str) -> None:
        services, office, staff = self.services, self.office.id, self.staff
        if text.upper().startswith(SLIP_PREFIX):
            try:
                inquiries = services.inquiries
                check_in = inquiries.check_in
            except (ImportError, AttributeError):
                self.notify(self.tr("reception.scan.no_inquiries"), severity="warning")
                return

            def do_check_in() -> TicketView | None:
                result = check_in(text, office, staff)
                return getattr(result, "ticket", result)

            self.start_action("checkin", do_check_in)
            return
        if text.upper().startswith(TOKEN_PREFIX):
            self.start_action("open", lambda: services.tickets.verify_token(text, office))
        else:
            self.start_action("open", lambda: services.tickets.find(office, text))
