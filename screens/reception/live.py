"""The reception terminal's live state: layout, header, the current ticket and the
waiting list, refreshed when the change feed tells of a commit (`screens/watch.py`): the
poll timer reads the office's revision only then (or for the slow liveness check).

The lists are read with plain statements (`services/ticket_reads.py`) through the app's
read source: the CLI's bare driver connection, so the first screen is painted before the
ORM is loaded, or the full services in tests and the demo. The services themselves may
come later (`MadoguchiApp.when_services`): a key that needs them before they are ready is
kept, the clerk sees 準備中, and it runs once they are (`needs_services`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from queue_app.services import ticket_reads
from screens.reception.common import error_text, translated_bindings
from screens.reception.gate import ServicesGate
from screens.reception.messages import MaintenanceDone, PollFailed, Snapshot
from screens.reception.widgets import (
    Banner,
    CurrentTicketPanel,
    HeaderBar,
    HeaderInfo,
    WaitingTable,
)
from screens.watch import Changed, ChangeWatch
from screens.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services.views import TicketView
    from screens.reception.modals import IssuedTicketScreen


class ReceptionLive(ServicesGate, Screen[None]):
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
        # after hours: named in the banner when closed (the 80-column footer is full)
        ("f12", "override", "reception.key.override", False),
        ("ctrl+r", "retry", "reception.key.retry", False),
        ("escape", "close_opened", "", False),
    ]

    def __init__(self) -> None:
        super().__init__()
        app: Any = self.app
        self.tr: Translator = app.tr
        # what the lists, the header and the change feed read from (config, clock,
        # calendar, `reading()`); the services (`self.services`) may come later
        self.source = app.board_source
        self.config = self.source.config
        self._shown_minute: object = None  # the clock's minute the header shows
        self.office = self.config.office(app.options.office_id)
        self.counter_no: int = int(app.options.counter or self.office.counters[0].number)
        self.staff: str | None = app.options.staff
        self.poll_interval = min(
            max(float(app.options.extra.get("reception_poll", 0.5)), 0.05), 1.0
        )
        self.current: TicketView | None = None
        self.opened: TicketView | None = None
        self.waiting: list[TicketView] = []  # what this counter may call first
        self.callable_here = 0  # how many of `waiting` this counter may call
        self.revision: int | None = None
        self.busy = False
        self.retry: Callable[[], None] | None = None
        self.poll_error = False
        self._poll_timer: Timer | None = None
        self.change_watch: ChangeWatch | None = None
        self._issued_screen: IssuedTicketScreen | None = None  # on screen now
        self._ticket_screen: IssuedTicketScreen | None = None  # composed once, reused
        self._preloaded = False
        self._stale = False  # the lists changed while a dialog covered the screen
        self._pending: list[Callable[[], None]] = []  # keys waiting for the services
        self._bindings = translated_bindings(self.tr, self.KEYS, base=self._bindings)
        # the header's calendar (national holidays: a large import) is warmed while the app
        # starts; the header is drawn from it after the first paint
        threading.Thread(target=self._warm_calendar, daemon=True).start()

    def _warm_calendar(self) -> None:
        try:
            self.header_info()
        except Exception:  # drawn (and reported) on the UI thread
            pass

    def _services_ready(self, error: BaseException | None) -> None:
        """The services are up (asked once the first lists are shown): now the start-up
        housekeeping and the dialogs' code."""
        if error is not None:
            self.notify(error_text(error, self.tr), severity="error", timeout=8)
            return
        # after the keys that waited for the services (queued first: `with_services`): a
        # dialog they open imports its code on the UI thread before the preload thread does
        self.call_later(self._maintenance_worker)
        self.call_later(self._preload_worker)

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield HeaderBar("", id="header")
        # a lasting marker while the database cannot be reached (a toast alone goes away)
        offline = Static("", id="offline")
        offline.display = False
        yield offline
        # a key pressed before the services are ready waits for them (a second or so)
        preparing = Static("", id="preparing")
        preparing.display = False
        yield preparing
        yield Banner("", id="banner")
        with Horizontal(id="body"):
            yield CurrentTicketPanel(id="current")
            with Vertical(id="queue"):
                yield Static("", id="waiting-title")
                yield WaitingTable(id="waiting")
        # a steady cursor: the scanner field has the focus all day, and a blinking one
        # redrew the screen twice a second (~1.5% of a core on an idle terminal)
        scan = Input(placeholder=self.tr("reception.scan.placeholder"), id="scan")
        scan.cursor_blink = False
        yield scan
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(WaitingTable).setup(self.tr, self.config)
        self._render_header_quick()
        self._render_current()
        self._render_waiting()
        self.query_one("#scan", Input).focus()
        self.set_interval(1.0, self._tick)
        self.change_watch = ChangeWatch(self, self.source, self.poll_interval)
        # the first paint comes first; the database is read right after it, and the inquiry
        # housekeeping (purge at start-up) once the first snapshot is shown
        self.call_after_refresh(self._after_first_paint)
        if self.staff is None:
            from screens.reception.modals import StaffLoginScreen

            self.app.push_screen(StaffLoginScreen(), self._logged_in)

    def _after_first_paint(self) -> None:
        self.refresh_snapshot()
        self._render_header()
        if self.change_watch is not None and self.app.options.extra.get("change_feed", True):  # type: ignore[attr-defined]
            self.change_watch.start()  # not on the first frame's path

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
        now = self.source.clock.now()
        cal = self.source.calendar
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
        now = self.source.clock.now().astimezone(self.source.calendar.zone(self.office.id))
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
        now = self.source.clock.now().astimezone(self.source.calendar.zone(self.office.id))
        ticket = self.opened or self.current
        self.query_one(CurrentTicketPanel).show(
            ticket, self.opened is not None, now, self.config, self.counter_no, self.tr
        )

    def _render_waiting(self) -> None:
        now = self.source.clock.now()
        target = self.config.settings.target_wait_minutes
        title = self.query_one("#waiting-title", Static)
        here = self.callable_here
        if self.waiting:
            title.update(
                self.tr(
                    "reception.waiting.title_here",
                    count=len(self.waiting),
                    here=here,
                    counter=self.counter_no,
                    target=target,
                )
            )
        else:
            title.update(self.tr("reception.waiting.empty"))
        table = self.query_one(WaitingTable)
        table.callable_rows = here  # the rows after these are other counters' queue
        table.show(self.waiting, now, self.config, target, self.tr)

    def _tick(self) -> None:
        if (self.current is not None or self.opened is not None) and self.is_current:
            self._render_current()
        # the header's clock and the waits move when the clock's minute does (not 60 s after
        # the screen opened: that showed 09:36 until almost 09:38; nor in a demo's fast time)
        minute = self.source.clock.now().replace(second=0, microsecond=0)
        if minute != self._shown_minute:
            self._shown_minute = minute
            self._render_header()
            self._render_lists()

    # -- polling ---------------------------------------------------------------------------
    def refresh_snapshot(self, force: bool = True) -> None:
        self._snapshot_worker(force, self.opened.id if self.opened else None)

    @work(thread=True, exit_on_error=False, group="snapshot", exclusive=True)
    def _snapshot_worker(self, force: bool, opened_id: int | None) -> None:
        source, office = self.source, self.office.id
        try:
            day = source.calendar.service_day(office, source.clock.now())
            with source.reading() as reader:  # one snapshot
                revision = ticket_reads.revision(reader, office)
                if not force and revision == self.revision:
                    self.post_message(Snapshot(revision, [], [], None, changed=False))
                    return
                lists = ticket_reads.counter_lists(
                    reader, self.config, office, self.counter_no, day, opened_id
                )
        except Exception as exc:
            self.post_message(PollFailed(exc))
            return
        waiting = lists.here + lists.others
        self.post_message(
            Snapshot(lists.revision, waiting, lists.mine, lists.opened, here=len(lists.here))
        )

    @on(Snapshot)
    def _snapshot(self, message: Snapshot) -> None:
        if self.poll_error:
            self.query_one("#offline", Static).display = False
        self.poll_error = False
        if message.changed:
            self._apply_snapshot(message)
        self._arm_poll()
        if not self._preloaded:  # the lists are shown: now the services, then housekeeping
            self._preloaded = True
            self.app.when_services(self._services_ready)  # type: ignore[attr-defined]

    @work(thread=True, exit_on_error=False, group="preload")
    def _preload_worker(self) -> None:
        """The dialogs' code (assessment rules, QR) is imported once the counter is up and
        idle: start-up does not wait for it and the first F2 does not either."""
        import screens.reception.modals  # noqa: F401

    def _apply_snapshot(self, message: Snapshot) -> None:
        self.revision = message.revision
        self.waiting = message.waiting
        self.callable_here = message.here
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
        if not self.poll_error:  # say it once, keep trying; the marker stays until it works
            self.notify(error_text(message.error, self.tr), severity="error", timeout=6)
            since = self.source.clock.now().astimezone(self.source.calendar.zone(self.office.id))
            marker = self.query_one("#offline", Static)
            marker.update(self.tr("reception.offline", since=since.strftime("%H:%M")))
            marker.display = True
        self.poll_error = True
        self._arm_poll()

    def _arm_poll(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.stop()
        watch = self.change_watch
        delay = self.poll_interval
        if watch is not None and not self.poll_error:
            delay = 0.001 if watch.signalled else watch.tick()
        self._poll_timer = self.set_timer(delay, self._poll)

    def _poll(self) -> None:
        self._poll_timer = None
        watch = self.change_watch
        if watch is not None and not self.poll_error and not watch.due():
            self._arm_poll()  # nothing was committed anywhere: no thread, no database
            return
        self._snapshot_worker(False, self.opened.id if self.opened else None)

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        """A commit somewhere: poll now, unless a poll is running (it re-arms after)."""
        message.stop()
        if self._poll_timer is not None:
            self._poll_timer.stop()
            self._poll()

    def on_unmount(self) -> None:
        if self.change_watch is not None:
            self.change_watch.stop()
