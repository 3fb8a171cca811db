"""The waiting-room display: now calling (large), recent calls, queues, other offices, today.

Live through the change feed (`screens/watch.py`): the feed's thread tells of a commit at
once (SQLite `PRAGMA data_version`, PostgreSQL LISTEN/NOTIFY) and only then does a worker read
the tiny revision key, and a full `BoardSnapshot` only when it moved (or the minute changed,
for estimates and the clock, checked on the UI thread without the database). The timer is
re-armed only after the previous poll finished, so polls never overlap and a slow database
cannot pile up threads; without a feed every tick polls, as before. Any error while polling
shows "再接続中…" and the poll simply continues until the database answers again.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from queue_app.services.announce import Announcement, Announcer
from queue_app.services.board import BoardService, BoardSnapshot, CallView
from screens.display import blockfont
from screens.display.polling import Polled, PollState
from screens.display.tables import others_grid, queues_table, ready_text
from screens.display.texts import clock_text, today_text
from screens.display.widgets import MAX_TILES, NowCalling, choose_sizes
from screens.watch import Changed, ChangeWatch

if TYPE_CHECKING:
    from screens.host import ScreenHost

HIGHLIGHT_SECONDS = 8.0
MAX_BACKOFF_S = 2.0


class DisplayScreen(Screen[None]):
    CSS_PATH = "display.tcss"
    BINDINGS = [("ctrl+r", "refresh_board", "refresh")]

    def __init__(self) -> None:
        super().__init__()
        self.snapshot: BoardSnapshot | None = None
        self.poll = PollState()
        self.offline = False
        self.announcer: Announcer | None = None
        self._seen: set[tuple[int, int, int | None, int]] = set()
        self._primed = False
        self._fitted_for: tuple[int, int] | None = None  # the calls panel size tiles fit
        self._refit_owed = False
        self._force = True
        self._poll_timer: Timer | None = None
        self._fresh_timer: Timer | None = None
        self._closing = False
        self.change_watch: ChangeWatch | None = None
        self.updated_at: float = 0.0  # wall-clock time of the last screen update (bench)
        self._put_last: dict[str, object] = {}  # what each text field shows (`_put`)

    # -- app access ------------------------------------------------------------------
    @property
    def mapp(self) -> ScreenHost:
        return cast("ScreenHost", self.app)

    def tr(self, key: str, **params: object) -> str:
        return self.mapp.tr(key, **params)

    @property
    def lang(self) -> str:
        return self.mapp.tr.lang

    def option(self, name: str, default: Any) -> Any:
        return self.mapp.options.extra.get(name, default)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static("", id="office-name", markup=False)
            yield Static("", id="status", markup=False)
            yield Static("", id="clock", markup=False)
        yield Static("", id="offline-banner", markup=False)
        with Horizontal(id="main"):
            with Vertical(id="calling-panel"):
                yield NowCalling(id="now-calling")
            yield Static("", id="recent", markup=False)
            yield Static("", id="ready", markup=False)
        yield Static("", id="queues")
        yield Static("", id="others")
        yield Static("", id="today")

    def on_mount(self) -> None:
        self.board = BoardService(self.mapp.board_source)
        opts = self.mapp.options
        self.announcer = Announcer(
            command=opts.announce_command,
            lang=self.lang,
            chime=self._chime if opts.chime else None,
        )
        self._put(
            "#office-name", self.mapp.board_source.config.office(opts.office_id).name(self.lang)
        )
        self.query_one("#calling-panel").border_title = self.tr("display.now_calling")
        self.query_one("#recent").border_title = self.tr("display.recent")
        self.query_one("#queues").border_title = self.tr("display.queues")
        self.query_one("#ready").border_title = self.tr("pickup.ready_title")
        self.query_one("#ready").display = False
        self._put("#status", self.tr("display.loading"))
        self.query_one("#offline-banner").display = False
        self.change_watch = ChangeWatch(self, self.mapp.board_source, float(opts.poll_interval))
        if self.option("change_feed", True):
            self.change_watch.start()
        self._poll_now()

    def on_resize(self) -> None:
        # a roomy screen (a TV, a browser at 1920x1080) spreads out; the tiles refit when
        # the calls' panel reports its new size (`NowCalling.Resized`)
        roomy = self.size.width >= 90 and self.size.height >= 28
        self.set_class(roomy, "-large")

    @on(NowCalling.Resized)
    def _panel_resized(self) -> None:
        self._refit_owed = False
        self._refit()

    def _refit(self) -> None:
        if self.snapshot is not None:
            self._draw_calls(self.snapshot)

    @property
    def settled(self) -> bool:
        """A snapshot is drawn and the call tiles were fitted to the panel's present size:
        no refit is still owed (the ready column appearing narrows the panel, and the tiles
        follow one refresh later). Tests and benches wait for this, never for a frame count."""
        if self.snapshot is None or self._refit_owed:
            return False
        box = self.query_one("#calling-panel").content_size
        return self._fitted_for == (box.width, box.height)

    def _label_width(self) -> int:
        return sum(cell_len(label) + 2 for label in self._counter_labels() if label)

    def on_unmount(self) -> None:
        self._closing = True
        if self.change_watch is not None:
            self.change_watch.stop()
        if self.announcer is not None:
            self.announcer.close()

    # -- polling ---------------------------------------------------------------------
    def _poll_now(self) -> None:
        self._poll_timer = None
        if self._closing:
            return
        self.poll.polls += 1
        watch = self.change_watch
        assert watch is not None
        if not (watch.due() or self._force or self._minute() != self.poll.minute):
            self._poll_timer = self.set_timer(watch.tick(), self._poll_now)  # nothing moved
            return
        self.poll.reads += 1
        self._poll_worker(self.poll.key, self.poll.minute, self._force)

    def _minute(self) -> tuple[date, int, int]:
        now = self.board.calendar.local(self.mapp.options.office_id, self.board.clock.now())
        return (now.date(), now.hour, now.minute)

    @on(Changed)
    def _on_changed(self, message: Changed) -> None:
        """A commit somewhere: poll now unless a poll is running (it polls again after)."""
        message.stop()
        if self._poll_timer is not None:
            self._poll_timer.stop()
            self._poll_now()

    @work(thread=True, exit_on_error=False, group="board-poll")
    def _poll_worker(
        self,
        last_key: tuple[tuple[str, int], ...] | None,
        last_minute: tuple[date, int, int] | None,
        force: bool,
    ) -> None:
        office = self.mapp.options.office_id
        try:
            key = self.board.revision_key()
            minute = self._minute()
            snapshot = None
            if force or key != last_key or minute != last_minute:
                snapshot = self.board.snapshot(office)
                key = snapshot.revision
            self.post_message(Polled(key, snapshot, None))
        except Exception as exc:  # never let a database problem end the display
            self.post_message(Polled(None, None, f"{type(exc).__name__}: {exc}"))

    @on(Polled)
    def _on_polled(self, message: Polled) -> None:
        message.stop()
        interval = float(self.mapp.options.poll_interval)
        watch = self.change_watch
        assert watch is not None
        if message.error is not None:
            self.poll.failures += 1
            self._force = True
            self._set_offline(True, message.error)
            delay = min(MAX_BACKOFF_S, interval * (1 + self.poll.failures // 4))
        else:
            self.poll.failures = 0
            if self.offline:  # the database is back (perhaps a new file): watch it afresh
                watch.restart()
            self._set_offline(False)
            if message.snapshot is not None:
                self.poll.fetches += 1
                self.poll.key = message.snapshot.revision
                self.poll.minute = message.snapshot.minute
                self._force = False
                self.apply(message.snapshot)
            # a change signalled while this poll ran is read at once
            delay = 0.001 if watch.signalled else watch.tick()
        if not self._closing:
            self._poll_timer = self.set_timer(delay, self._poll_now)

    def action_refresh_board(self) -> None:
        self._force = True

    def _set_offline(self, offline: bool, error: str | None = None) -> None:
        if offline == self.offline:
            return
        self.offline = offline
        self.set_class(offline, "-offline")
        self.query_one("#offline-banner").display = offline
        self._put("#offline-banner", self.tr("display.reconnecting_long") if offline else "")
        self._update_status()

    def _update_status(self) -> None:
        self._put("#status", self.tr("display.reconnecting") if self.offline else "")

    def _put(self, selector: str, content: str | Text) -> None:
        """Show `content` in a text field, only if it is not what the field shows already: a
        Static's update re-renders it and lays the screen out again, and most revisions
        change one or two fields (issue 17: no refresh of what did not change)."""
        if self._put_last.get(selector) == content:
            return
        self._put_last[selector] = content
        self.query_one(selector, Static).update(content)

    # -- rendering -------------------------------------------------------------------
    def apply(self, snap: BoardSnapshot) -> None:
        """Draw a snapshot; announce and highlight calls that are new since the last one."""
        previous = self.snapshot
        self.snapshot = snap
        if previous is None or previous.calls != snap.calls:
            self._draw_calls(snap)
        if previous is None or (previous.queues, previous.others) != (snap.queues, snap.others):
            self._draw_queues(snap)
            self._draw_others(snap)
        if previous is None or (previous.ready, previous.preparing) != (snap.ready, snap.preparing):
            self._draw_ready(snap)
        self._draw_today(snap)
        self._put("#clock", clock_text(self.mapp.tr, snap))
        self._update_status()
        self._announce_new(snap.calls)
        self.updated_at = time.time()

    def _announce_new(self, calls: tuple[CallView, ...]) -> None:
        new = [c for c in calls if c.key not in self._seen]
        self._seen = {c.key for c in calls} | (self._seen if len(self._seen) < 500 else set())
        if not self._primed:  # calls already on the board at start-up are not news
            self._primed = True
            return
        if not new:
            return
        for call in reversed(new):  # oldest first
            if self.announcer is not None:
                self.announcer.announce(
                    Announcement(call.prefix or call.display_number, call.number, call.counter)
                )
        if calls and calls[0] in new:
            self._highlight()

    def _highlight(self) -> None:
        panel = self.query_one("#calling-panel")
        panel.add_class("-fresh")
        if self._fresh_timer is not None:
            self._fresh_timer.stop()
        seconds = float(self.option("highlight_seconds", HIGHLIGHT_SECONDS))
        self._fresh_timer = self.set_timer(seconds, lambda: panel.remove_class("-fresh"))

    @property
    def highlighted(self) -> bool:
        return self.query_one("#calling-panel").has_class("-fresh")

    def _chime(self) -> None:
        """Called from the announcer thread: ring the terminal bell on the UI thread."""
        if self._closing:
            return
        try:
            self.app.call_from_thread(self.app.bell)
        except Exception:  # the app is shutting down: no chime, no crash
            pass

    def _draw_calls(self, snap: BoardSnapshot) -> None:
        now_calling = self.query_one(NowCalling)
        panel = self.query_one("#calling-panel")
        self._fitted_for = (panel.content_size.width, panel.content_size.height)
        newest = snap.newest
        if not snap.today_open:
            now_calling.show_message(self._closed_text(snap))
            self.set_class(False, "-block")
        elif not snap.now_calling:
            now_calling.show_message(self.tr("display.no_calls"))
            self.set_class(False, "-block")
        else:
            tiles = [
                (c.display_number, str(c.counter) if c.counter is not None else "-")
                for c in snap.now_calling[:MAX_TILES]
            ]
            box = panel.content_size
            sizes = choose_sizes(box.width, box.height, tiles, self._label_width())
            now_calling.show(tiles, self._counter_labels(), sizes)
            self.set_class(sizes[0].pixel is not None, "-block")
        # the same call as plain text: screen readers, browsers' find, and small screens
        if newest is not None and newest.counter is not None:
            panel.border_subtitle = f"{newest.display_number} " + self.tr(
                "display.to_counter", counter=newest.counter
            )
        else:
            panel.border_subtitle = newest.display_number if newest else ""
        lines = Text()
        for call in snap.calls:  # the history keeps every number called, whatever followed
            if lines:
                lines.append("\n")
            lines.append(f"{call.display_number:<7}", style="bold")
            if call.counter is not None:
                lines.append(self.tr("display.to_counter", counter=call.counter))
        self._put("#recent", lines)

    def _closed_text(self, snap: BoardSnapshot) -> Text:
        """A closed day fills the big panel: the reason and the next day reception opens."""
        text = Text(justify="center")
        text.append(self.tr("display.closed_title") + "\n", style="bold")
        if snap.closed_reason is not None:
            text.append(f"({snap.closed_reason.text(self.lang)})\n")
        if snap.next_open_day is not None:
            hours = ", ".join(f"{a}-{b}" for a, b in (h.as_pair() for h in snap.next_open_hours))
            day = self.tr(
                "display.date",
                m=snap.next_open_day.month,
                d=snap.next_open_day.day,
                wd=self.tr(f"weekday.{snap.next_open_day.weekday()}"),
            )
            text.append("\n" + self.tr("display.next_open", day=day, hours=hours), style="bold")
            # and, when the panel has room, the day and the opening time in the block font
            first = snap.next_open_hours[0].as_pair()[0] if snap.next_open_hours else ""
            big = f"{snap.next_open_day.month}/{snap.next_open_day.day} {first}".strip()
            box = self.query_one("#calling-panel").content_size
            for cols, rows in blockfont.SCALES:
                lines = blockfont.HEIGHT * rows
                if blockfont.width(big, cols) <= box.width and lines + 5 <= box.height:
                    text.append("\n\n")
                    text.append("\n".join(blockfont.render(big, "█" * cols, rows)))
                    break
        return text

    def _counter_labels(self) -> tuple[str, str]:
        word = self.tr("display.counter_word")
        return (word, "") if self.tr("display.counter_word_pos") == "before" else ("", word)

    def _draw_queues(self, snap: BoardSnapshot) -> None:
        self.query_one("#queues", Static).update(queues_table(self.mapp.tr, snap))

    def _draw_ready(self, snap: BoardSnapshot) -> None:
        """お渡しできます beside the calls, shown while anything is in the pickup stage."""
        ready = self.query_one("#ready", Static)
        shown = bool(snap.ready or snap.preparing)
        if ready.display != shown:  # the calls' panel changes width: refit its tiles
            ready.display = shown
            self._refit_owed = True  # until the calls' panel reports its new size
        ready.update(ready_text(self.mapp.tr, snap))

    def _draw_others(self, snap: BoardSnapshot) -> None:
        self.query_one("#others", Static).update(others_grid(self.mapp.tr, snap))

    def _draw_today(self, snap: BoardSnapshot) -> None:
        self._put("#today", today_text(self.mapp.tr, snap))

    # -- introspection for tests and the benchmark ------------------------------------
    def shown_call(self) -> tuple[str, str] | None:
        """The newest call the big panel draws right now (number, counter), or None."""
        tiles = self.shown_calls()
        return tiles[0] if tiles else None

    def shown_calls(self) -> list[tuple[str, str]]:
        """Every tile of the big panel, newest first."""
        return self.query_one(NowCalling).tiles
