"""The UI side of the change feed: when must a screen read the database again?

A display or a reception that nobody touches must cost next to nothing, yet show a call
within a fraction of a second. Polling the revision every 0.25 s from a worker thread cost
a thread, a pooled connection (a NEW connection on the display's read-only engine) and a
transaction four times a second. Instead each screen starts one `ChangeFeed`
(`queue_app/services/feed.py`): on SQLite it asks `PRAGMA data_version` on ONE kept
connection (a counter in SQLite's memory, no I/O) every 50 ms, on PostgreSQL it LISTENs for
the NOTIFY that every revision bump sends. The feed thread only posts `Changed` to the
screen, which then reads the revision (and the full picture only if the revision moved).

The screen keeps its timer (re-armed only after a poll finished), but a tick reads the
database only when `due()`: a change was signalled, the feed is not (yet) connected, or the
slow liveness check is due (a database that vanished must still show 再接続中…). Every
other tick does nothing but re-arm itself.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from queue_app.domain.config import Config
    from queue_app.services.feed import ChangeFeed

FEED_POLL_S = 0.05  # how often the feed asks SQLite's data_version (PostgreSQL: LISTEN)
IDLE_TICK_MAX_S = 1.0  # a live feed: the timer only watches the minute and liveness
LIVENESS_MIN_S, LIVENESS_MAX_S = 1.0, 5.0


class Changed(Message):
    """The change feed saw a commit by another connection (posted from the feed's thread)."""


class Watched(Protocol):
    """What a watch needs of its source: the database to watch and the offices in it (the
    full `Services`, or the display's bare `DisplaySource`)."""

    config: Config

    @property
    def database_url(self) -> str: ...


class ChangeWatch:
    def __init__(self, target: MessagePump, source: Watched, interval: float) -> None:
        self.target = target
        self.source = source
        self.interval = interval
        self.liveness = min(max(interval * 20, LIVENESS_MIN_S), LIVENESS_MAX_S)
        self.feed: ChangeFeed | None = None
        self.signalled = False
        self.signals = 0  # how many changes the feed reported (tests)
        self.next_check = 0.0

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        from queue_app.services.feed import ChangeFeed

        feed = ChangeFeed(
            self.source.database_url, tuple(self.source.config.offices), poll=FEED_POLL_S
        )
        try:
            feed.start(self._on_change)
        except Exception:  # no feed: the screen simply polls every tick, as before
            return
        self.feed = feed

    def stop(self) -> None:
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.stop(timeout=0)  # the thread ends by itself within one feed poll

    def restart(self) -> None:
        """After the database came back (it may be a new file): watch it afresh."""
        self.stop()
        self.start()

    def _on_change(self, _offices: frozenset[str]) -> None:  # the feed's thread
        self.signalled = True
        self.signals += 1
        self.target.post_message(Changed())

    # -- the timer's questions -------------------------------------------------------
    @property
    def live(self) -> bool:
        return self.feed is not None and self.feed.connected.is_set()

    def tick(self) -> float:
        """Seconds until the next tick: the poll interval, or up to a second once the feed
        tells of every change."""
        if self.live:
            return min(self.interval * 4, IDLE_TICK_MAX_S)
        return self.interval

    def due(self) -> bool:
        """Whether this tick must read the database (and consume the signal if so)."""
        now = time.monotonic()
        if self.signalled or not self.live or now >= self.next_check:
            self.signalled = False
            self.next_check = now + self.liveness
            return True
        return False
