"""Actions at the counter: call, recall, start, finish, no-show, requeue, transfer, call
a number; each runs in a worker, one at a time per terminal, and can be retried."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.widgets import Input

from queue_app.domain.errors import DatabaseError
from queue_app.domain.tickets import TicketState
from screens.reception.common import error_text
from screens.reception.gate import needs_services
from screens.reception.live import ReceptionLive
from screens.reception.messages import (
    ACTIVE_HERE,
    ActionDone,
    ActionFailed,
    Finished,
    offers_second_visit,
)

if TYPE_CHECKING:
    from queue_app.services.views import TicketView


class ReceptionCounter(ReceptionLive):
    # -- running actions -------------------------------------------------------------------
    def start_action(self, kind: str, fn: Callable[[], Any]) -> None:
        """Run `fn` (a service call) in a worker; one action at a time per terminal."""
        if self.busy:
            self.notify(self.tr("reception.act.busy"), timeout=2)
            return
        self.busy = True
        self._action_worker(kind, fn)

    @work(thread=True, exit_on_error=False, group="action")
    def _action_worker(self, kind: str, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as exc:
            retry = (
                (lambda: self.start_action(kind, fn)) if isinstance(exc, DatabaseError) else None
            )
            self.post_message(ActionFailed(kind, exc, retry))
            return
        if isinstance(result, tuple):
            self.post_message(ActionDone(kind, result[0], result[1]))
        else:
            self.post_message(ActionDone(kind, result))

    # hooks of the call flow (`calling.py`): what a call released, a refused call, a recall
    def _note_call(self, message: ActionDone) -> None:
        pass

    def _call_refused(self, message: ActionFailed) -> bool:
        return False

    def _note_recall(self, ticket: TicketView) -> None:
        pass

    @on(ActionFailed)
    def _action_failed(self, message: ActionFailed) -> None:
        self.busy = False
        if self._call_refused(message):
            return
        text = error_text(message.error, self.tr)
        self.retry = message.retry
        if message.retry is not None:
            text = self.tr("reception.act.failed_retry", message=text)
        self.notify(text, severity="error", timeout=8)
        self.refresh_snapshot()

    @on(ActionDone)
    def _action_done(self, message: ActionDone) -> None:
        self.busy = False
        self.retry = None
        t = message.ticket
        tr = self.tr
        kind = message.kind
        if kind in ("open", "checkin"):
            if t is None:
                return
            if t.state in ACTIVE_HERE and t.counter == self.counter_no:
                self.current, self.opened = t, None
            else:
                self.opened = t
            key = "reception.scan.checked_in" if kind == "checkin" else "reception.scan.opened"
            self.notify(tr(key, number=t.display_number), timeout=3)
            self._render_current()
            if kind == "checkin":  # the priority ticket joins the list now, not at the next poll
                self.refresh_snapshot()
            return
        if kind in ("call_next", "call"):
            self._note_call(message)
        if t is None:
            return
        if t.state in ACTIVE_HERE and t.counter == self.counter_no:
            self.current, self.opened = t, None
        else:
            if self.current is not None and self.current.id == t.id:
                self.current = None
            if self.opened is not None and self.opened.id == t.id:
                self.opened = None if t.state != TicketState.WAITING.value else t
        number = t.display_number
        if kind in ("call_next", "call"):
            self.notify(
                tr("reception.act.called", number=number, counter=self.counter_no), timeout=3
            )
        elif kind == "recall":
            if t.state == TicketState.NO_SHOW.value:
                self.notify(tr("reception.act.recall_limit", number=number), severity="warning")
            else:
                self.notify(
                    tr("reception.act.recalled", number=number, count=t.recall_count), timeout=3
                )
                self._note_recall(t)
        elif kind == "start":
            self.notify(tr("reception.act.started", number=number), timeout=3)
        elif kind == "finish":
            self.notify(
                tr("reception.act.finished", number=number, outcome=tr(f"outcome.{t.outcome}")),
                timeout=3,
            )
            finished: Finished = message.extra
            if finished.problem is not None:  # the case could not be completed now
                self.notify(
                    tr("reception.inquiry.complete_failed", message=finished.problem),
                    severity="warning",
                    timeout=8,
                )
            if offers_second_visit(t, finished.outcome):
                from screens.reception.modals import ScheduleOfferScreen

                self.app.push_screen(ScheduleOfferScreen(t), lambda yes: self._schedule(t, yes))
        elif kind == "no_show":
            self.notify(tr("reception.act.no_show", number=number), timeout=3)
        elif kind == "requeue":
            self.notify(tr("reception.act.requeued", number=number), timeout=3)
        elif kind == "transfer":
            name = self.config.services[t.service_id].name(tr.lang)
            self.notify(tr("reception.act.transferred", number=number, service=name), timeout=3)
        self._render_current()
        self.refresh_snapshot()

    def _schedule(self, ticket: TicketView, yes: bool | None) -> None:
        if yes:
            from screens.scheduling.screen import SchedulingScreen

            self.app.push_screen(SchedulingScreen(ticket_id=ticket.id), self._back_from_inquiries)
            return
        # "later": the finish event (outcome/decision document_inquiry) is the record; the
        # cases screen (F11) opens the case and books the second visit afterwards
        self.notify(self.tr("reception.inquiry.recorded", number=ticket.display_number), timeout=6)

    def _back_from_inquiries(self, _: object = None) -> None:
        self.query_one("#scan", Input).focus()
        self.refresh_snapshot()

    @needs_services
    def action_cases(self) -> None:
        from screens.scheduling.cases import CasesScreen

        self.app.push_screen(CasesScreen(office_id=self.office.id), self._back_from_inquiries)

    def target(self) -> TicketView | None:
        return self.opened or self.current

    def _need_target(self) -> TicketView | None:
        t = self.target()
        if t is None:
            self.notify(self.tr("reception.act.no_current"), severity="warning", timeout=3)
        return t

    def _simple(self, kind: str, method: str) -> None:
        t = self._need_target()
        if t is None:
            return
        fn = getattr(self.services.tickets, method)
        counter, staff = self.counter_no, self.staff
        self.start_action(kind, lambda: fn(t.id, counter, staff))

    @needs_services
    def action_start(self) -> None:
        self._simple("start", "start")

    @needs_services
    def action_no_show(self) -> None:
        self._simple("no_show", "no_show")

    @needs_services
    def action_requeue(self) -> None:
        self._simple("requeue", "requeue")

    @needs_services
    def action_finish(self) -> None:
        t = self._need_target()
        if t is None:
            return
        from screens.reception.modals import OutcomeScreen

        self.app.push_screen(OutcomeScreen(t), lambda outcome: self._finish(t, outcome))

    def _finish(self, ticket: TicketView, outcome: str | None) -> None:
        if not outcome:
            return
        services, counter, staff = self.services, self.counter_no, self.staff

        def finish() -> tuple[TicketView, Finished]:
            done: TicketView = services.tickets.finish(ticket.id, outcome, counter, staff)
            problem = None
            if done.case_id is not None:  # a second visit: renewed/served completes its case
                try:
                    services.inquiries.complete_from_ticket(done.id, staff)
                except Exception as exc:  # the finish stands; start-up maintenance catches up
                    problem = error_text(exc, self.tr)
            return done, Finished(outcome, problem)

        self.start_action("finish", finish)

    @needs_services
    def action_transfer(self) -> None:
        t = self._need_target()
        if t is None:
            return
        from screens.reception.modals import TransferScreen

        self.app.push_screen(TransferScreen(t), lambda choice: self._transfer(t, choice))

    def _transfer(self, ticket: TicketView, choice: tuple[str, int | None] | None) -> None:
        if not choice:
            return
        service, to_counter = choice
        tickets, counter, staff = self.services.tickets, self.counter_no, self.staff
        self.start_action(
            "transfer", lambda: tickets.transfer(ticket.id, service, to_counter, counter, staff)
        )

    def action_retry(self) -> None:
        retry, self.retry = self.retry, None
        if retry is None:
            self.notify(self.tr("reception.act.nothing_to_retry"), timeout=2)
            return
        retry()

    def action_close_opened(self) -> None:
        if self.opened is not None:
            self.opened = None
            self._render_current()
