"""Issuing from the intake form: open it, show the issued ticket, print it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work

from screens.reception.counter import ReceptionCounter
from screens.reception.messages import PrintDone

if TYPE_CHECKING:
    from queue_app.services.views import IssueResult
    from screens.reception.modals import IssuedTicketScreen


class ReceptionIssuing(ReceptionCounter):
    # -- key actions -----------------------------------------------------------------------
    def action_intake(self) -> None:
        from screens.reception.modals import IntakeScreen, IssuedTicketScreen

        if self._ticket_screen is None:
            self._ticket_screen = IssuedTicketScreen()
            self.app.install_screen(self._ticket_screen, f"reception-ticket-{id(self)}")
        self.app.push_screen(
            IntakeScreen(self._after_issue, self._ticket_screen), self._intake_done
        )

    def _intake_done(self, result: IssueResult | None) -> None:
        self._issued_screen = None

    def _after_issue(self, result: IssueResult, screen: IssuedTicketScreen) -> None:
        self._issued_screen = screen
        self._print_worker(result)
        self.refresh_snapshot()

    @work(thread=True, exit_on_error=False, group="print")
    def _print_worker(self, result: IssueResult) -> None:
        from queue_app.services.printing import send_to_printer, write_ticket_files

        tr = self.tr
        t = result.ticket
        service = self.config.services.get(t.service_id)
        files = write_ticket_files(
            self.config,
            office_id=t.office_id,
            service_day=t.service_day.isoformat(),
            label=t.display_number,
            service_name=service.name(tr.lang) if service else t.service_id,
            token=result.token,
            wait_minutes=result.estimate.minutes if result.estimate else None,
        )
        if files.png is None:
            self.post_message(
                PrintDone(tr("reception.ticket.file_failed", problem=files.error), False)
            )
            return
        status = send_to_printer(self.config.settings.print_command, files.png)
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
