"""The change feed: one per server process, telling which offices changed.

Readers (the web server, a display) want to hear of a committed change quickly without each
of their clients polling the database. One `ChangeFeed` runs one background thread:

- **SQLite**: keeps ONE read-only connection and asks `PRAGMA data_version` (a counter kept
  in memory by SQLite itself, no I/O: it moves when another connection commits). Only when it
  moved does it read the tiny `revision` table and report the offices whose value changed.
  On Linux the thread sleeps on inotify (`fswatch.py`) until a file in the database's
  folder is written (a commit writes the `-wal`), then asks every 10 ms for 0.1 s (the
  commit becomes visible just after its last write); a safety poll every `safety` seconds
  backs it up. Elsewhere it polls every `poll` seconds.
- **PostgreSQL**: `LISTEN madoguchi_revision` on ONE dedicated connection; every revision bump
  sends `NOTIFY` with the office id inside the changing transaction (`UnitOfWork.bump_revision`),
  so the notification arrives exactly when the change is committed. A slow revision poll
  (`fallback` seconds) backs it up, and after a lost connection every office is reported.

The callback gets a frozenset of office ids; it runs in the feed's thread and must be quick
(the web server hands it to its event loop). The feed never writes.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from db.driver import (
    NOTIFY_CHANNEL,
    DatabaseAddress,
    connect_postgres,
    connect_sqlite,
    inode,
)
from queue_app.services.fswatch import open_watch

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger("madoguchi.feed")

OnChange = Callable[[frozenset[str]], None]
_REVISIONS = "SELECT office_id, value FROM revision"


class ChangeFeed:
    def __init__(
        self,
        database: str | Engine,
        offices: tuple[str, ...],
        *,
        poll: float = 0.05,
        fallback: float = 5.0,
        safety: float = 1.0,
    ) -> None:
        if not isinstance(database, str):  # an engine: its URL (the feed keeps its own link)
            database = database.url.render_as_string(hide_password=False)
        self.address = DatabaseAddress.parse(database)
        self.offices = offices
        self.poll = poll
        self.safety = safety
        self.fallback = fallback
        self.dialect = self.address.dialect
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._known: dict[str, int] = {}
        self.connected = threading.Event()  # set while the feed's connection works

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, on_change: OnChange) -> None:
        if self._thread is not None:
            raise RuntimeError("the change feed is already running")
        target = self._run_postgres if self.dialect == "postgresql" else self._run_sqlite
        self._thread = threading.Thread(
            target=self._guard, args=(target, on_change), name="change-feed", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _guard(self, target: Callable[[OnChange], None], on_change: OnChange) -> None:
        """Run the loop; on any database error, wait, reconnect and report every office."""
        delay = 0.5
        while not self._stop.is_set():
            try:
                target(on_change)
                return
            except Exception as exc:  # the database went away: keep trying, never die
                self.connected.clear()
                log.warning("change feed lost its connection (%s); retrying", type(exc).__name__)
                if self._stop.wait(delay):
                    return
                delay = min(delay * 2, 10.0)
                self._emit(on_change, frozenset(self.offices))

    def _emit(self, on_change: OnChange, offices: frozenset[str]) -> None:
        if offices:
            on_change(offices)

    def _diff(self, rows: list[tuple[Any, Any]]) -> frozenset[str]:
        now = {str(o): int(v) for o, v in rows}
        changed = frozenset(o for o, v in now.items() if self._known.get(o) != v)
        self._known = now
        return changed

    # -- SQLite ------------------------------------------------------------------------
    def _run_sqlite(self, on_change: OnChange) -> None:
        raw = connect_sqlite(self.address.path)  # kept for the feed's whole life
        watch = None
        try:
            cursor = raw.cursor()
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
            self._diff(raw.execute(_REVISIONS).fetchall())
            path = self._main_file(raw)
            opened_as = inode(path)
            watch = open_watch(os.path.dirname(path)) if path else None
            self.connected.set()
            hot_until = 0.0
            while not self._stop.is_set():
                if watch is None:
                    if self._stop.wait(self.poll):
                        return
                else:
                    hot = time.monotonic() < hot_until
                    if watch.wait(0.01 if hot else self.safety):
                        hot_until = time.monotonic() + 0.1
                    elif not hot and self._stop.is_set():
                        return
                if inode(path) != opened_as:  # moved away or replaced: reconnect (_guard)
                    raise OSError("the database file was moved or replaced")
                now = cursor.execute("PRAGMA data_version").fetchone()[0]
                if now == version:
                    continue
                version = now
                self._emit(on_change, self._diff(raw.execute(_REVISIONS).fetchall()))
        finally:
            if watch is not None:
                watch.close()
            raw.close()

    @staticmethod
    def _main_file(raw: Any) -> str:
        for _seq, name, path in raw.execute("PRAGMA database_list").fetchall():
            if name == "main" and path:
                return str(path)
        return ""

    # -- PostgreSQL --------------------------------------------------------------------
    def _run_postgres(self, on_change: OnChange) -> None:
        with connect_postgres(self.address.conninfo) as conn:
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._diff(conn.execute(_REVISIONS).fetchall())
            self.connected.set()
            last_poll = time.monotonic()
            while not self._stop.is_set():
                # each notification is passed on at once (not batched until the timeout)
                for note in conn.notifies(timeout=0.5):
                    self._emit(on_change, frozenset({note.payload}))
                    if self._stop.is_set():
                        return
                if time.monotonic() - last_poll >= self.fallback:
                    last_poll = time.monotonic()
                    self._emit(on_change, self._diff(conn.execute(_REVISIONS).fetchall()))


def revision_probe(engine: Engine) -> dict[str, int]:
    """Every office's revision (for tests and the benchmark)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return {str(o): int(v) for o, v in conn.execute(text(_REVISIONS)).all()}
