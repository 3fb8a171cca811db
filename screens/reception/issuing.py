"""Issuing from the intake form: open it, show the issued ticket, print it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work

from screens.reception.gate import needs_services
from screens.reception.messages import PrintDone
from screens.reception.plans import ReceptionPlans

if TYPE_CHECKING:
    from queue_app.services.views import IssueResult
    from screens.reception.modals import IssuedTicketScreen


class ReceptionIssuing(ReceptionPlans):
    # -- key actions -----------------------------------------------------------------------
    @needs_services
    def action_intake(self) -> None:
        from screens.reception.modals import IntakeScreen, IssuedTicketScreen

        if self._ticket_screen is None:
            self._ticket_screen = IssuedTicketScreen()
            self.app.install_screen(self._ticket_screen, f"reception-ticket-{id(self)}")
        self.app.push_screen(
            IntakeScreen(self._after_issue, self._ticket_screen), self._intake_done
        )

    @needs_services
    def action_override(self) -> None:
        """F12: issue although the office or the procedure is closed; the reason is asked
        first and recorded with the staff code (ticket, first event, audit log)."""
        from screens.reception.modals.counter import OverrideScreen

        self.app.push_screen(OverrideScreen(self.staff), self._override_intake)

    def _override_intake(self, reason: str | None) -> None:
        if not reason:
            return
        from screens.reception.modals import IntakeScreen, IssuedTicketScreen

        if self._ticket_screen is None:
            self._ticket_screen = IssuedTicketScreen()
            self.app.install_screen(self._ticket_screen, f"reception-ticket-{id(self)}")
        self.app.push_screen(
            IntakeScreen(self._after_issue, self._ticket_screen, override=reason),
            self._intake_done,
        )

    def _intake_done(self, result: IssueResult | None) -> None:
        self._issued_screen = None

    def _after_issue(self, result: IssueResult, screen: IssuedTicketScreen) -> None:
        self._issued_screen = screen
        self._print_worker(result)
        self.refresh_snapshot()

    @work(thread=True, exit_on_error=False, group="print")
    def _print_worker(self, result: IssueResult) -> None:
        from queue_app.services.printing import print_ticket

        tr = self.tr
        # the ticket document in the visitor's language: office, procedure, number, time,
        # people ahead, estimate, what to have ready, the QR; then `print_command`
        files, status = print_ticket(self.config, self.services.calendar, result, tr.lang)
        if files.png is None:
            self.post_message(
                PrintDone(tr("reception.ticket.file_failed", problem=files.error), False)
            )
            return
        if not status.configured:
            text, ok = tr("reception.ticket.no_printer"), True
        elif status.ok:
            text, ok = tr("reception.ticket.printed", command=status.command), True
        else:
            text, ok = tr("reception.ticket.print_failed", problem=status.problem), False
        self.post_message(PrintDone(text, ok))

    @on(PrintDone)
    def _printed(self, message: PrintDone) -> None:
        screen = self._issued_screen
        if screen is not None and screen in self.app.screen_stack:
            screen.show_print(message.text, message.ok)
        elif not message.ok:
            self.notify(message.text, severity="error")
