"""Helpers for the reception screen tests (no tests here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from screens.app import AppOptions, create_app
from tests.waiting import until, workers_done


def reception_app(
    services: Any,
    counter: int = 3,
    staff: str | None = "S001",
    lang: str = "ja",
    office: str = "sogo",
    poll: float = 0.1,
) -> Any:
    return create_app(
        services,
        AppOptions(
            office_id=office,
            mode="reception",
            counter=counter,
            staff=staff,
            lang=lang,
            extra={"reception_poll": poll},
        ),
    )


async def settle(pilot: Any, rounds: int = 3) -> None:
    """Let workers finish and their messages be handled."""
    for _ in range(rounds):
        await workers_done(pilot.app)
        await pilot.pause()


async def wait_until(
    pilot: Any, condition: Callable[[], bool], timeout: float | None = None
) -> None:
    """Pump the app until `condition()` holds, with the generous deadline of tests/waiting.py
    (a test waits for the event; it never asserts how long it took)."""
    await until(pilot, condition, timeout=timeout)


def reception(pilot: Any) -> Any:
    from screens.reception.screen import ReceptionScreen

    for screen in pilot.app.screen_stack:
        if isinstance(screen, ReceptionScreen):
            return screen
    raise AssertionError("no reception screen")


async def open_intake(pilot: Any) -> Any:
    from screens.reception.modals import IntakeScreen

    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, IntakeScreen)
    return pilot.app.screen


async def tick(pilot: Any, *ids: str) -> None:
    for wid in ids:
        widget = pilot.app.screen.query_one(f"#{wid}")
        widget.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert await pilot.click(f"#{wid}"), wid
    await pilot.pause()


async def issue(pilot: Any) -> Any:
    """Press F10 in the intake and wait for the issued-ticket screen; returns its result."""
    from screens.reception.modals import IssuedTicketScreen

    await pilot.press("f10")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, IssuedTicketScreen))
    return pilot.app.screen.result


def notifications(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def events(services: Any, ticket_id: int) -> list[Any]:
    from sqlmodel import Session, select

    from db.models import TicketEvent

    with Session(services.engine) as session:
        stmt = (
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)  # type: ignore[arg-type]
        )
        return list(session.exec(stmt))
