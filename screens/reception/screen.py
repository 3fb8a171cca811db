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
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from queue_app.domain.errors import DatabaseError
from queue_app.domain.tickets import Outcome, TicketState
from screens.reception.common import error_text, translated_bindings
from screens.reception.widgets import (
    Banner,
    CurrentTicketPanel,
    HeaderBar,
    HeaderInfo,
    WaitingTable,
)

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import IssueResult, TicketView
    from screens.reception.modals import IssuedTicketScreen

ACTIVE_HERE = (TicketState.CALLED.value, TicketState.SERVING.value)
SLIP_PREFIX = "MDG1.P."
TOKEN_PREFIX = "MDG1."


# -- messages from the workers -----------------------------------------------------------
@dataclass
class Snapshot(Message):
    revision: int
    waiting: list[TicketView]
    mine: list[TicketView]  # called/serving at this counter, newest call first
    opened: TicketView | None
    changed: bool = True


@dataclass
class PollFailed(Message):
    error: BaseException


@dataclass
class ActionDone(Message):
    kind: str
    ticket: TicketView | None
    extra: Any = None


@dataclass
class ActionFailed(Message):
    kind: str
    error: BaseException
    retry: Callable[[], None] | None


@dataclass
class PrintDone(Message):
    text: str
    ok: bool


@dataclass
class MaintenanceDone(Message):
    errors: list[str]  # translated texts; empty when the housekeeping went through


class ReceptionScreen(Screen[None]):
    CSS_PATH = "reception.tcss"
    # 80x24 packs the footer and the ticket pane; a large terminal gives the panes room
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    KEYS: list[tuple[str, str, str] | tuple[str, str, str, bool]] = [
        ("f2", "intake", "reception.key.intake"),
        ("f3", "call_next", "reception.key.call_next"),
        ("f4", "recall", "reception.key.recall"),
        ("f5", "start", "reception.key.start"),
        ("f6", "finish", "reception.key.finish"),
        ("f7", "no_show", "reception.key.no_show"),
        ("f8", "transfer", "reception.key.transfer"),
        ("f9", "call_specific", "reception.key.call_specific"),
        ("f10", "requeue", "reception.key.requeue"),
        ("f11,ctrl+l", "cases", "reception.key.cases"),
        ("ctrl+r", "retry", "reception.key.retry", False),
        ("escape", "close_opened", "", False),
    ]

    def __init__(self) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        self.services = app.services
        self.config = app.services.config
        self.office = self.config.office(app.options.office_id)
        self.counter_no: int = int(app.options.counter or self.office.counters[0].number)
        self.staff: str | None = app.options.staff
        self.poll_interval = min(
            max(float(app.options.extra.get("reception_poll", 0.5)), 0.05), 1.0
        )
        self.current: TicketView | None = None
        self.opened: TicketView | None = None
        self.waiting: list[TicketView] = []
        self.revision: int | None = None
        self.busy = False
        self.retry: Callable[[], None] | None = None
        self.poll_error = False
        self._poll_timer: Timer | None = None
        self._issued_screen: IssuedTicketScreen | None = None  # on screen now
        self._ticket_screen: IssuedTicketScreen | None = None  # composed once, reused
        self._preloaded = False
        self._stale = False  # the lists changed while a dialog covered the screen
        self._bindings = translated_bindings(self.tr, self.KEYS, base=self._bindings)
        # the header's calendar (national holidays: a large import) is warmed while the app
        # starts; the header is drawn from it after the first paint
        threading.Thread(target=self._warm_calendar, daemon=True).start()

    def _warm_calendar(self) -> None:
        try:
            self.header_info()
        except Exception:  # drawn (and reported) on the UI thread
            pass

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield HeaderBar("", id="header")
        yield Banner("", id="banner")
        with Horizontal(id="body"):
            yield CurrentTicketPanel(id="current")
            with Vertical(id="queue"):
                yield Static("", id="waiting-title")
                yield WaitingTable(id="waiting")
        yield Input(placeholder=self.tr("reception.scan.placeholder"), id="scan")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(WaitingTable).setup(self.tr, self.config)
        self._render_header_quick()
        self._render_current()
        self._render_waiting()
        self.query_one("#scan", Input).focus()
        self.set_interval(1.0, self._tick)
        self.set_interval(60.0, self._minute)
        # the first paint comes first; the database is read right after it, and the inquiry
        # housekeeping (purge at start-up) once the first snapshot is shown
        self.call_after_refresh(self._after_first_paint)
        if self.staff is None:
            from screens.reception.modals import StaffLoginScreen

            self.app.push_screen(StaffLoginScreen(), self._logged_in)

    def _after_first_paint(self) -> None:
        self.refresh_snapshot()
        self._render_header()

    @work(thread=True, exit_on_error=False, group="maintenance")
    def _maintenance_worker(self) -> None:
        """Start-up housekeeping of the inquiry cases (complete, expire, no-shows, purge of
        personal data): in a worker, so the counter is usable while it runs."""
        from queue_app.services.inquiries import run_startup_maintenance

        try:
            result = run_startup_maintenance(self.services)
        except Exception as exc:  # never blocks the counter; the clerk is told
            self.post_message(MaintenanceDone([error_text(exc, self.tr)]))
            return
        texts = [self.tr(key) for key in result.errors]
        self.post_message(MaintenanceDone(texts))

    @on(MaintenanceDone)
    def _maintenance_done(self, message: MaintenanceDone) -> None:
        for text in message.errors:
            self.notify(
                self.tr("reception.maintenance.failed", message=text), severity="error", timeout=8
            )

    def _logged_in(self, code: str | None) -> None:
        if code:
            self.staff = code
            self.app.options.staff = code  # type: ignore[attr-defined]
            self._render_header()
            name = self.config.staff[code].name
            self.notify(self.tr("reception.login.welcome", name=name), timeout=3)

    # -- rendering -------------------------------------------------------------------------
    def header_info(self) -> HeaderInfo:
        now = self.services.clock.now()
        cal = self.services.calendar
        local = cal.local(self.office.id, now)
        status = cal.day(self.office.id, local.date())
        hours = (
            " ".join(f"{r.start:%H:%M}-{r.end:%H:%M}" for r in status.hours) if status.open else "-"
        )
        closed = None if status.open else (status.reason_text(self.tr.lang) or "-")
        note = None
        if status.open:
            for sid in self.office.services:
                s_status = cal.day(self.office.id, local.date(), sid)
                if not s_status.open:
                    note = self.tr(
                        "reception.banner.service_closed",
                        service=self.config.services[sid].name(self.tr.lang),
                        reason=s_status.reason_text(self.tr.lang) or "-",
                    )
                    break
        minutes_left = cal.minutes_until_close(self.office.id, now)
        before_open = bool(status.open and status.opens and local.time() < status.opens)
        staff = self.config.staff[self.staff].name if self.staff in self.config.staff else None
        return HeaderInfo(
            office=self.office.name(self.tr.lang),
            counter=self.counter_no,
            staff=staff,
            hours=hours,
            now=local,
            minutes_left=minutes_left,
            closed_reason=closed,
            service_note=note,
            before_open=before_open,
            lang=self.tr.lang,
        )

    def _render_header_quick(self) -> None:
        """Office, counter and staff for the first paint; hours and banner follow at once."""
        staff = self.config.staff[self.staff].name if self.staff in self.config.staff else None
        now = self.services.clock.now().astimezone(self.services.calendar.zone(self.office.id))
        info = HeaderInfo(
            office=self.office.name(self.tr.lang),
            counter=self.counter_no,
            staff=staff,
            hours="…",
            now=now,
            minutes_left=None,
            closed_reason=None,
            service_note=None,
            before_open=True,
            lang=self.tr.lang,
        )
        self.query_one(HeaderBar).show(info, self.tr)
        self.query_one(Banner).display = False

    def _render_header(self) -> None:
        info = self.header_info()
        self.query_one(HeaderBar).show(info, self.tr)
        self.query_one(Banner).show(info, self.tr)

    def _render_current(self) -> None:
        now = self.services.clock.now().astimezone(self.services.calendar.zone(self.office.id))
        ticket = self.opened or self.current
        self.query_one(CurrentTicketPanel).show(
            ticket, self.opened is not None, now, self.config, self.counter_no, self.tr
        )

    def _render_waiting(self) -> None:
        now = self.services.clock.now()
        target = self.config.settings.target_wait_minutes
        title = self.query_one("#waiting-title", Static)
        if self.waiting:
            title.update(self.tr("reception.waiting.title", count=len(self.waiting), target=target))
        else:
            title.update(self.tr("reception.waiting.empty"))
        self.query_one(WaitingTable).show(self.waiting, now, self.config, target, self.tr)

    def _tick(self) -> None:
        if (self.current is not None or self.opened is not None) and self.is_current:
            self._render_current()

    def _minute(self) -> None:
        self._render_header()
        self._render_lists()

    # -- polling ---------------------------------------------------------------------------
    def refresh_snapshot(self, force: bool = True) -> None:
        self._snapshot_worker(force, self.opened.id if self.opened else None)

    @work(thread=True, exit_on_error=False, group="snapshot", exclusive=True)
    def _snapshot_worker(self, force: bool, opened_id: int | None) -> None:
        tickets = self.services.tickets
        office = self.office.id
        try:
            revision = tickets.revision(office)
            if not force and revision == self.revision:
                self.post_message(Snapshot(revision, [], [], None, changed=False))
                return
            waiting = tickets.waiting(office)
            mine = [
                t
                for t in tickets.list(office, states=list(ACTIVE_HERE))
                if t.counter == self.counter_no
            ]
            mine.sort(key=lambda t: (t.called_at or t.issued_at, t.id), reverse=True)
            opened = tickets.get(opened_id) if opened_id is not None else None
        except Exception as exc:
            self.post_message(PollFailed(exc))
            return
        self.post_message(Snapshot(revision, waiting, mine, opened))

    @on(Snapshot)
    def _snapshot(self, message: Snapshot) -> None:
        self.poll_error = False
        if message.changed:
            self._apply_snapshot(message)
        self._arm_poll()
        if not self._preloaded:  # the counter is up: now the start-up housekeeping
            self._preloaded = True
            self._maintenance_worker()
            self._preload_worker()

    @work(thread=True, exit_on_error=False, group="preload")
    def _preload_worker(self) -> None:
        """The dialogs' code (assessment rules, QR) is imported once the counter is up and
        idle: start-up does not wait for it and the first F2 does not either."""
        import screens.reception.modals  # noqa: F401

    def _apply_snapshot(self, message: Snapshot) -> None:
        self.revision = message.revision
        self.waiting = message.waiting
        keep = self.current.id if self.current else None
        chosen = next((t for t in message.mine if t.id == keep), None)
        self.current = chosen or (message.mine[0] if message.mine else None)
        if self.opened is not None and message.opened is not None:
            self.opened = message.opened
        self._render_lists()

    def _render_lists(self) -> None:
        """Redraw the panes, unless a dialog covers them (intake, ticket): then once the
        screen is back on top, so issuing never waits for a list nobody sees."""
        if not self.is_current:
            self._stale = True
            return
        self._stale = False
        self._render_current()
        self._render_waiting()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._render_lists()

    @on(PollFailed)
    def _poll_failed(self, message: PollFailed) -> None:
        if not self.poll_error:  # say it once, keep trying
            self.notify(error_text(message.error, self.tr), severity="error", timeout=6)
        self.poll_error = True
        self._arm_poll()

    def _arm_poll(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.stop()
        self._poll_timer = self.set_timer(self.poll_interval, self._poll)

    def _poll(self) -> None:
        self._poll_timer = None
        self._snapshot_worker(False, self.opened.id if self.opened else None)

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

    @on(ActionFailed)
    def _action_failed(self, message: ActionFailed) -> None:
        self.busy = False
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
        if t is None:
            if kind == "call_next":
                self.notify(tr("reception.act.none_waiting"), severity="warning", timeout=3)
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
        elif kind == "start":
            self.notify(tr("reception.act.started", number=number), timeout=3)
        elif kind == "finish":
            self.notify(
                tr("reception.act.finished", number=number, outcome=tr(f"outcome.{t.outcome}")),
                timeout=3,
            )
            if message.extra is not None:  # the case could not be completed now
                self.notify(
                    tr("reception.inquiry.complete_failed", message=message.extra),
                    severity="warning",
                    timeout=8,
                )
            if Outcome.DOCUMENT_INQUIRY.value in (t.outcome, t.decision):
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

    def action_call_next(self) -> None:
        tickets, office, counter, staff = (
            self.services.tickets,
            self.office.id,
            self.counter_no,
            self.staff,
        )
        self.start_action("call_next", lambda: tickets.call_next(office, counter, staff))

    def _simple(self, kind: str, method: str) -> None:
        t = self._need_target()
        if t is None:
            return
        fn = getattr(self.services.tickets, method)
        counter, staff = self.counter_no, self.staff
        self.start_action(kind, lambda: fn(t.id, counter, staff))

    def action_recall(self) -> None:
        self._simple("recall", "recall")

    def action_start(self) -> None:
        self._simple("start", "start")

    def action_no_show(self) -> None:
        self._simple("no_show", "no_show")

    def action_requeue(self) -> None:
        self._simple("requeue", "requeue")

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

        def finish() -> tuple[TicketView, str | None]:
            done: TicketView = services.tickets.finish(ticket.id, outcome, counter, staff)
            problem = None
            if done.case_id is not None:  # a second visit: renewed/served completes its case
                try:
                    services.inquiries.complete_from_ticket(done.id, staff)
                except Exception as exc:  # the finish stands; start-up maintenance catches up
                    problem = error_text(exc, self.tr)
            return done, problem

        self.start_action("finish", finish)

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

    def action_call_specific(self) -> None:
        t = self.opened
        prefill = t.display_number if t is not None and t.state == TicketState.WAITING.value else ""
        from screens.reception.modals import CallNumberScreen

        self.app.push_screen(CallNumberScreen(prefill), self._call_number)

    def _call_number(self, label: str | None) -> None:
        if not label:
            return
        tickets, office, counter, staff = (
            self.services.tickets,
            self.office.id,
            self.counter_no,
            self.staff,
        )

        def call() -> TicketView:
            ticket = tickets.find(office, label)
            return tickets.call(ticket.id, counter, staff)

        self.start_action("call", call)

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
