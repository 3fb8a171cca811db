"""Calling at this counter: one visitor at a time.

F3 (next) and F9 (a number) while a visitor is still called or served here first ask what
happens to that visitor (finish with an outcome / absent / back to the queue, Esc: call
nobody); the release and the call then run in one worker, the call inside its own
transaction where the service checks the rule again. A refusal the screen did not foresee
(another terminal of this counter called meanwhile) opens the same dialog for the ticket
the service named. F4 asks before the recall that would mark the visitor absent (不在).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message

from queue_app.domain.errors import MadoguchiError
from queue_app.domain.tickets import TicketState, recall_makes_no_show, recalls_left
from screens.reception.common import error_text
from screens.reception.counter import ReceptionCounter
from screens.reception.gate import needs_services
from screens.reception.messages import (
    ACTIVE_HERE,
    ActionDone,
    ActionFailed,
    offers_second_visit,
)

if TYPE_CHECKING:
    from queue_app.services.views import TicketView

CALL_KINDS = ("call_next", "call")


@dataclass(frozen=True)
class CallResult:
    """What a call did besides calling: the visitor released first, and (nobody called)
    how many wait for this counter and for the others."""

    released: TicketView | None = None
    here: int = 0
    others: int = 0
    problem: str | None = None  # a finished second visit whose case could not be completed
    outcome: str | None = None  # the outcome chosen when the visitor was finished first


@dataclass
class CounterBusy(Message):
    """The service refused a call: `ticket` is still open at this counter."""

    ticket: TicketView
    label: str | None  # the number asked for with F9, None for F3


class ReceptionCalling(ReceptionCounter):
    _calling_label: str | None = None  # the number of the call in flight (F9), for a retry

    # -- F3 / F9 ---------------------------------------------------------------------------
    @needs_services
    def action_call_next(self) -> None:
        self._call(None)

    @needs_services
    def action_call_specific(self) -> None:
        t = self.opened
        prefill = t.display_number if t is not None and t.state == TicketState.WAITING.value else ""
        from screens.reception.modals import CallNumberScreen

        self.app.push_screen(CallNumberScreen(prefill), self._call_number)

    def _call_number(self, label: str | None) -> None:
        if label:
            self._call(label)

    def _call(self, label: str | None) -> None:
        """Call (the next one, or `label`); first ask about a visitor still here."""
        current = self.current
        if current is not None and current.state in ACTIVE_HERE:
            self._ask_busy(current, label)
        else:
            self._release_then_call(None, None, None, label)

    def _ask_busy(self, ticket: TicketView, label: str | None) -> None:
        from screens.reception.modals.counter import CounterBusyScreen

        self.app.push_screen(
            CounterBusyScreen(ticket, self.counter_no),
            lambda choice: self._chosen(ticket, choice, label),
        )

    def _chosen(self, ticket: TicketView, choice: str | None, label: str | None) -> None:
        if not choice:
            return  # Esc: nobody is called, the visitor stays
        if choice != "finish":
            self._release_then_call(ticket, choice, None, label)
            return
        from screens.reception.modals import OutcomeScreen

        def outcome_chosen(outcome: str | None) -> None:
            if outcome:
                self._release_then_call(ticket, "finish", outcome, label)

        self.app.push_screen(OutcomeScreen(ticket), outcome_chosen)

    def _release_then_call(
        self, ticket: TicketView | None, how: str | None, outcome: str | None, label: str | None
    ) -> None:
        services, office, counter, staff = (
            self.services,
            self.office.id,
            self.counter_no,
            self.staff,
        )
        tickets = services.tickets
        tr = self.tr

        def release() -> tuple[TicketView | None, str | None]:
            assert ticket is not None
            fresh = tickets.get(ticket.id)
            if fresh.state not in ACTIVE_HERE or fresh.counter != counter:
                return None, None  # already gone (a retry, another terminal)
            if how == "no_show":
                return tickets.no_show(fresh.id, counter, staff), None
            if how == "requeue":
                return tickets.requeue(fresh.id, counter, staff), None
            if fresh.state == TicketState.CALLED.value:  # served without pressing F5
                tickets.start(fresh.id, counter, staff)
            done: TicketView = tickets.finish(fresh.id, outcome, counter, staff)
            problem = None
            if done.case_id is not None:  # a second visit: renewed/served completes its case
                try:
                    services.inquiries.complete_from_ticket(done.id, staff)
                except Exception as exc:  # the finish stands; start-up maintenance catches up
                    problem = error_text(exc, tr)
            return done, problem

        def run() -> tuple[TicketView | None, CallResult]:
            released, problem = release() if ticket is not None else (None, None)
            finished = outcome if how == "finish" and released is not None else None
            if label is not None:
                found = tickets.find(office, label)
                return tickets.call(found.id, counter, staff), CallResult(
                    released, problem=problem, outcome=finished
                )
            called = tickets.call_next(office, counter, staff)
            if called is not None:
                return called, CallResult(released, problem=problem, outcome=finished)
            here, others = tickets.waiting_for_counter(office, counter)
            return None, CallResult(released, here, others, problem, finished)

        self._calling_label = label
        self.start_action("call" if label is not None else "call_next", run)

    def _note_call(self, message: ActionDone) -> None:
        """The visitor released before the call, and why nobody was called."""
        tr = self.tr
        extra = message.extra
        if not isinstance(extra, CallResult):
            return
        released = extra.released
        if released is not None:
            key = {
                TicketState.DONE.value: "reception.act.finished",
                TicketState.NO_SHOW.value: "reception.act.no_show",
            }.get(released.state, "reception.act.requeued")
            outcome = tr(f"outcome.{released.outcome}") if released.outcome else ""
            self.notify(tr(key, number=released.display_number, outcome=outcome), timeout=3)
            if extra.problem:
                self.notify(
                    tr("reception.inquiry.complete_failed", message=extra.problem),
                    severity="warning",
                    timeout=8,
                )
            if extra.outcome is not None and offers_second_visit(released, extra.outcome):
                from screens.reception.modals import ScheduleOfferScreen

                self.app.push_screen(
                    ScheduleOfferScreen(released), lambda yes: self._schedule(released, yes)
                )
        if message.ticket is None and message.kind == "call_next":
            if extra.here == 0 and extra.others > 0:
                text = tr("reception.act.none_here", waiting=extra.others)
            else:
                text = tr("reception.waiting.empty")
            self.notify(text, severity="warning", timeout=4)

    # -- a refusal the screen did not foresee ---------------------------------------------
    def _call_refused(self, message: ActionFailed) -> bool:
        """A call refused because the counter is busy: open the dialog for that ticket."""
        error = message.error
        if message.kind not in CALL_KINDS or not isinstance(error, MadoguchiError):
            return False
        if error.key != "err.counter_busy":
            return False
        self._busy_worker(int(str(error.params["id"])), self._calling_label)
        return True

    @work(thread=True, exit_on_error=False, group="busy")
    def _busy_worker(self, ticket_id: int, label: str | None) -> None:
        try:
            ticket = self.services.tickets.get(ticket_id)
        except Exception as exc:
            self.app.call_from_thread(self.notify, error_text(exc, self.tr), severity="error")
            return
        self.post_message(CounterBusy(ticket, label))

    @on(CounterBusy)
    def _counter_busy(self, message: CounterBusy) -> None:
        self.current = message.ticket
        self._render_current()
        self._ask_busy(message.ticket, message.label)

    # -- F4: warn before the recall that marks the visitor absent -------------------------
    @needs_services
    def action_recall(self) -> None:
        t = self._need_target()
        if t is None:
            return
        limit = self.config.settings.recall_limit
        if t.state == TicketState.CALLED.value and recall_makes_no_show(t.recall_count, limit):
            from screens.reception.modals.counter import LastRecallScreen

            def chosen(choice: str | None) -> None:
                if choice == "recall":
                    self._simple("recall", "recall")

            self.app.push_screen(LastRecallScreen(t, limit), chosen)
            return
        self._simple("recall", "recall")

    def _note_recall(self, ticket: TicketView) -> None:
        """After the last recall that keeps the visitor called: say the next one is 不在."""
        limit = self.config.settings.recall_limit
        if (
            ticket.state == TicketState.CALLED.value
            and recalls_left(ticket.recall_count, limit) == 0
        ):
            self.notify(
                self.tr("ticket.last_recall", number=ticket.display_number),
                severity="warning",
                timeout=6,
            )
