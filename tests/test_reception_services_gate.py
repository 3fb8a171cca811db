"""A key pressed before the reception's services are ready waits for them, then runs once.

The CLI's reception paints its lists from plain reads and builds its services in a thread
after the first paint (issue 17; `screens/reception/gate.py`). Here the services' factory
is held until the test releases it, on a real SQLite file: the key is kept (準備中 on the
screen, nothing done), then carried out exactly once; a failed start tells the clerk and
the next key tries again.
"""

from __future__ import annotations

import threading
from typing import Any

from textual.widgets import Static

from queue_app.domain.errors import DatabaseError
from queue_app.services import IssueRequest
from queue_app.services.board_source import DisplaySource
from screens.app import AppOptions, create_app
from tests.test_reception_support import issue, notifications, reception, tick
from tests.waiting import deadline_for, until

SIZE = (80, 24)


class HeldServices:
    """A services factory that blocks until released (or fails, when told to)."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self.release = threading.Event()
        self.calls = 0
        self.fail: Exception | None = None

    def __call__(self) -> Any:
        self.calls += 1
        assert self.release.wait(deadline_for()), "the test never released the services"
        if self.fail is not None:
            error, self.fail = self.fail, None
            self.release.clear()
            raise error
        return self.services


def held_app(svc: Any, factory: HeldServices) -> Any:
    url = svc.engine.url.render_as_string(hide_password=False)
    source = DisplaySource(url, svc.config, svc.clock)
    options = AppOptions(
        office_id="sogo",
        mode="reception",
        counter=3,
        staff="S001",
        lang="ja",
        extra={"reception_poll": 0.1},
    )
    return create_app(None, options, board_source=source, services_factory=factory)


def _issue(svc: Any) -> Any:
    request = IssueRequest("sogo", "ecert", "self", "serve_today", staff="S001")
    return svc.tickets.issue(request).ticket


def intake_shown(app: Any) -> bool:
    """The intake is on top and mounted (its fields can be clicked)."""
    screen = app.screen
    return type(screen).__name__ == "IntakeScreen" and screen.is_mounted


def preparing(pilot: Any) -> Static:
    return reception(pilot).query_one("#preparing", Static)


async def lists_shown(pilot: Any) -> Any:
    screen = reception(pilot)
    await until(pilot, lambda: screen.revision is not None, "the first lists")
    return screen


async def test_call_pressed_before_the_services_runs_once_they_are(sqlite_services: Any) -> None:
    svc = sqlite_services
    first, second = _issue(svc), _issue(svc)
    factory = HeldServices(svc)
    app = held_app(svc, factory)
    async with app.run_test(size=SIZE) as pilot:
        screen = await lists_shown(pilot)
        assert [t.display_number for t in screen.waiting] == ["A-001", "A-002"]
        assert not app.services_ready
        await pilot.press("f3")
        await pilot.pause()
        assert preparing(pilot).display is True
        assert "準備中" in str(preparing(pilot).render())
        assert svc.tickets.get(first.id).state == "waiting"  # kept, not carried out
        factory.release.set()
        await until(pilot, lambda: svc.tickets.get(first.id).state == "called", "the call")
        await until(pilot, lambda: screen.current is not None, "the called ticket shown")
        assert preparing(pilot).display is False
        assert screen.current.display_number == "A-001"
        await until(pilot, lambda: len(screen.waiting) == 1, "the list after the call")
        assert svc.tickets.get(second.id).state == "waiting"  # called once, not twice
        assert factory.calls == 1


async def test_intake_pressed_before_the_services_opens_and_issues(sqlite_services: Any) -> None:
    svc = sqlite_services
    factory = HeldServices(svc)
    app = held_app(svc, factory)
    async with app.run_test(size=SIZE) as pilot:
        await lists_shown(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReceptionScreen"  # no dialog without services
        factory.release.set()
        await until(pilot, lambda: intake_shown(app), "the intake")
        await tick(pilot, "item-card")
        result = await issue(pilot)
        assert result.ticket.display_number == "A-001"
        assert [t.display_number for t in svc.tickets.waiting("sogo")] == ["A-001"]


async def test_a_failed_start_is_told_and_the_next_key_tries_again(sqlite_services: Any) -> None:
    svc = sqlite_services
    ticket = _issue(svc)
    factory = HeldServices(svc)
    factory.fail = DatabaseError("err.db_unavailable", problem="server gone")
    app = held_app(svc, factory)
    async with app.run_test(size=SIZE) as pilot:
        screen = await lists_shown(pilot)
        await pilot.press("f3")
        factory.release.set()
        texts = lambda: [n for n in notifications(app) if "端末の準備ができませんでした" in n]  # noqa: E731
        await until(pilot, lambda: bool(texts()), "the clerk told")
        assert "server gone" in texts()[0]
        assert preparing(pilot).display is False
        assert not app.services_ready
        assert svc.tickets.get(ticket.id).state == "waiting"  # nothing was done
        factory.release.set()
        await pilot.press("f3")  # tries again
        await until(pilot, lambda: svc.tickets.get(ticket.id).state == "called", "the call")
        await until(pilot, lambda: screen.current is not None, "the called ticket shown")
        assert factory.calls == 2
