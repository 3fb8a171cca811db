"""The tests' own waiting helper: a handled worker error is the screen's, an unhandled one fails.

`WorkerManager.wait_for_complete` raised a screen's handled error only when the worker was
still running as the test began to wait, so a test passed on a quiet machine and failed on a
loaded one. These tests hold the worker running on purpose, so the race is always taken.
"""

from __future__ import annotations

import threading

import pytest
from textual.app import App
from textual.worker import WorkerFailed

from tests.waiting import deadline_for, workers_done


class Failing(App[None]):
    """An app whose worker fails once it is let go."""

    def __init__(self, *, handled: bool) -> None:
        super().__init__()
        self.handled = handled
        self.release = threading.Event()

    def start(self) -> None:
        self.run_worker(self._fail, thread=True, exit_on_error=not self.handled)

    def _fail(self) -> None:
        self.release.wait(deadline_for())
        raise ValueError("slot full")


async def test_a_handled_worker_error_still_running_is_not_a_test_failure() -> None:
    app = Failing(handled=True)
    async with app.run_test():
        app.start()  # the worker is still running (held) when the wait begins
        app.call_later(app.release.set)
        await workers_done(app)
        assert [w.state.name for w in app.workers] in ([], ["ERROR"])


async def test_an_unhandled_worker_error_fails_the_wait() -> None:
    app = Failing(handled=False)
    with pytest.raises(WorkerFailed):
        async with app.run_test():
            app.start()
            app.call_later(app.release.set)
            await workers_done(app)
