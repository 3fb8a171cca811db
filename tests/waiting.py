"""Waiting for an event in tests: poll a condition until it holds, with one generous deadline.

Tests never assert how fast something happens (timing belongs in `bench/`); they wait for
the event itself. The deadline only stops a test that would otherwise hang, so it is set
for a loaded 2-core machine, not for a quiet laptop: DEADLINE seconds (60 by default, or
MADOGUCHI_TEST_DEADLINE). A caller's smaller `timeout` is raised to it, so a test written
with a laptop's patience still passes under load.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
from typing import Any

DEADLINE = float(os.environ.get("MADOGUCHI_TEST_DEADLINE", "60"))


def deadline_for(timeout: float | None = None) -> float:
    """The seconds to wait: never less than DEADLINE."""
    return max(DEADLINE, timeout or 0.0)


def poll(condition: Callable[[], bool], what: str, timeout: float | None = None) -> None:
    """Block (in a plain, non-async test) until `condition()` holds; fail naming `what`."""
    limit = deadline_for(timeout)
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not within {limit:.0f} s")
        time.sleep(0.01)


async def until(
    pilot: Any, condition: Callable[[], bool], what: str = "", timeout: float | None = None
) -> None:
    """Pump a Textual app (`pilot`) until `condition()` holds; fail naming `what`."""
    limit = deadline_for(timeout)
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what or 'condition'}: not within {limit:.0f} s")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


def join_all(threads: list[threading.Thread], timeout: float | None = None) -> None:
    """Join every thread; a thread still running afterwards is a failure, not a result."""
    end = time.monotonic() + deadline_for(timeout)
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    hung = [t.name for t in threads if t.is_alive()]
    assert not hung, f"threads still running after the deadline: {hung}"


async def workers_done(app: Any) -> None:
    """Wait until every worker of a Textual `app` has ended.

    `WorkerManager.wait_for_complete` re-raises the error of a worker that the app itself
    handles (`exit_on_error=False`: the screen turns it into a message), but only while that
    worker is still registered: whether it is depends on how fast the machine runs. Such an
    error is the screen's to report, so it is not the test's failure; an unhandled one
    (`exit_on_error=True`) still fails the test. A worker cancelled by a newer exclusive one
    did what it was meant to.
    """
    from textual.worker import WorkerCancelled, WorkerFailed

    for worker in list(app.workers):
        try:
            await worker.wait()
        except WorkerCancelled:
            continue
        except WorkerFailed:
            if worker.exit_on_error:
                raise
