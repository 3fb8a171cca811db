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

from queue_app.domain.scan_kinds import ScanKind, classify_scan, normalize_scan
from screens.reception.gate import needs_services
from screens.reception.issuing import ReceptionIssuing

if TYPE_CHECKING:
    from queue_app.services.views import TicketView


class ReceptionScreen(ReceptionIssuing):
    # -- the scanner field -----------------------------------------------------------------
    @on(Input.Submitted, "#scan")
    def _scanned(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        self.open_text(text)

    @needs_services
    def open_text(self, text: str) -> None:
        """A line from the scanner field: a slip's QR or its printed code checks the visitor
        in; a ticket's QR or its number opens the ticket (`queue_app.domain.scan_kinds`)."""
        services, office, staff = self.services, self.office.id, self.staff
        prefixes = [s.prefix for s in self.config.services.values()]
        kind = classify_scan(text, prefixes)
        value = normalize_scan(text)
        if kind in (ScanKind.SLIP_TOKEN, ScanKind.SLIP_CODE):
            try:
                inquiries = services.inquiries
                check_in = inquiries.check_in
            except (ImportError, AttributeError):
                self.notify(self.tr("reception.scan.no_inquiries"), severity="warning")
                return

            def do_check_in() -> TicketView | None:
                result = check_in(value, office, staff)
                return getattr(result, "ticket", result)

            self.start_action("checkin", do_check_in)
            return
        if kind is ScanKind.TICKET_TOKEN:
            self.start_action("open", lambda: services.tickets.verify_token(value, office))
        else:
            self.start_action("open", lambda: services.tickets.find(office, value))
