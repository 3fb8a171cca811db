"""Helpers for the display tests and bench/display_latency.py (owned by the display part)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from db.engine import make_engine
from queue_app.services import IssueRequest, Services
from tests.waiting import deadline_for

OFFICE = "sogo"


def display_services(url: str, config: Any, clock: Any) -> Services:
    """Services on a read-only engine and without the signing secret (the web server's
    kind of reader)."""
    return Services(make_engine(url, read_only=True), config, clock, secret=b"")


def display_source(url: str, config: Any, clock: Any) -> Any:
    """What `madoguchi display` builds: a bare read-only driver connection, no ORM."""
    from queue_app.services.board_source import DisplaySource

    return DisplaySource(url, config, clock)


def display_app(
    url: str, config: Any, clock: Any, lang: str = "ja", poll: float = 0.25, **extra: Any
) -> Any:
    from screens.app import AppOptions, create_app

    options = AppOptions(
        office_id=OFFICE, mode="display", lang=lang, poll_interval=poll, chime=False, extra=extra
    )
    source = display_source(url, config, clock)
    return create_app(None, options, modes=["display"], board_source=source)


def free_counter(services: Services, counter: int, office: str = OFFICE) -> None:
    """One visitor at a time: the visitor still at `counter` is served and finished."""
    t = services.tickets
    for still in t.open_at_counter(office, counter):
        if still.state == "called":
            t.start(still.id, counter)
        t.finish(still.id, "served", counter)


def call_next(services: Services, counter: int, office: str = OFFICE) -> Any:
    """`call_next` at a counter that may still have a visitor: that one is finished first."""
    free_counter(services, counter, office)
    return services.tickets.call_next(office, counter)


def seed(services: Services) -> None:
    """A deterministic morning: queues at every service, calls at three counters, a queue
    at the branch office."""
    t = services.tickets
    for sid in ["ecert"] * 6 + ["certificate"] * 3 + ["moving", "card_pickup"]:
        t.issue(IssueRequest(OFFICE, sid), with_estimate=False)
    t.issue(IssueRequest("yanasegawa", "ecert"), with_estimate=False)
    t.issue(IssueRequest("yanasegawa", "certificate"), with_estimate=False)
    clock = services.clock
    for counter in (3, 1, 4):
        clock.advance(minutes=1)  # type: ignore[attr-defined]
        t.call_next(OFFICE, counter)


async def wait_until(
    pilot: Any, condition: Callable[[], bool], timeout: float | None = None, step: float = 0.02
) -> float:
    """Pump the app until `condition()` holds; return the wall time it first held (for
    bench/display_latency.py; tests never assert on it). The deadline is the generous one of
    tests/waiting.py."""
    limit = deadline_for(timeout)
    deadline = time.monotonic() + limit
    while True:
        if condition():
            return time.time()
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {limit:.0f} s")
        await pilot.pause(step)


async def loaded(pilot: Any) -> None:
    """Wait until the board is drawn and its call tiles fit the panel as laid out now (a
    refit owed after the ready column appears is done), then let the last paint land."""
    screen = pilot.app.screen
    await wait_until(pilot, lambda: getattr(screen, "settled", False))
    await pilot.pause()
