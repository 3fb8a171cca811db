"""Announcements for the waiting room: a chime and, if configured, a spoken call.

Calls are queued and handled by ONE background thread, so two announcements never overlap
and the display's UI never waits for a speech synthesiser. Each call: the chime (the
terminal bell, through a callback), then the configured command run with the text to speak
as its last argument, twice ("受付番号 A の12番の方、3番窓口へお越しください").
A failing or hanging command is logged and skipped (bounded by a timeout); the queue goes on.
"""

from __future__ import annotations

import logging
import queue
import shlex
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass

from queue_app.i18n import Translator

log = logging.getLogger(__name__)

REPEAT = 2
COMMAND_TIMEOUT_S = 30.0
MAX_PENDING = 20  # a burst of calls (a terminal catching up) must not queue minutes of speech


@dataclass(frozen=True)
class Announcement:
    prefix: str
    number: int
    counter: int | None


def speech_text(item: Announcement, lang: str) -> str:
    """The sentence to speak: the prefix and the plain number, the counter number."""
    tr = Translator(lang)
    if item.counter is None:
        return tr("display.say_nocounter", prefix=item.prefix, number=item.number)
    return tr("display.say", prefix=item.prefix, number=item.number, counter=item.counter)


Runner = Callable[[list[str]], None]


def _run_command(argv: list[str]) -> None:
    subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )


class Announcer:
    """`announce(item)` returns at once; a single worker thread chimes and speaks in order."""

    def __init__(
        self,
        command: str = "",
        lang: str = "ja",
        chime: Callable[[], None] | None = None,
        repeat: int = REPEAT,
        runner: Runner = _run_command,
    ) -> None:
        self.argv = shlex.split(command) if command.strip() else []
        self.lang = lang
        self.chime = chime
        self.repeat = repeat
        self.runner = runner
        self.spoken: list[str] = []  # what was said, in order (tests, diagnostics)
        self._queue: queue.Queue[Announcement | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def announce(self, item: Announcement) -> None:
        if self._closed:
            return
        if self._queue.qsize() >= MAX_PENDING:
            log.warning("announcement queue full; dropping %s", item)
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="madoguchi-announce", daemon=True
                )
                self._thread.start()
        self._queue.put(item)

    def close(self, wait: float = 0.0) -> None:
        """Stop after the current announcement; `wait` seconds at most for the thread."""
        self._closed = True
        self._queue.put(None)
        if self._thread is not None and wait > 0:
            self._thread.join(wait)

    def join(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued so far was announced (tests)."""
        done = threading.Event()

        def waiter() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=waiter, daemon=True).start()
        return done.wait(timeout)

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                self._say(item)
            except Exception:  # one broken announcement must not stop the next ones
                log.exception("announcement failed")
            finally:
                self._queue.task_done()

    def _say(self, item: Announcement) -> None:
        if self.chime is not None:
            try:
                self.chime()
            except Exception:
                log.exception("chime failed")
        text = speech_text(item, self.lang)
        for _ in range(self.repeat):
            self.spoken.append(text)
            if self.argv:
                try:
                    self.runner([*self.argv, text])
                except (OSError, subprocess.SubprocessError) as exc:
                    log.warning("announce command failed: %s", exc)
                    return
