"""Snapshots at 80x24 with a fixed clock and deterministic data (review the SVGs on change)."""

from __future__ import annotations

from typing import Any

from queue_app.services import IssueRequest
from tests.test_reception_support import open_intake, reception_app, settle, tick, wait_until

SIZE = (80, 24)


def _issue(
    svc: Any, service: str = "ecert", kind: str = "self", decision: str = "serve_today"
) -> Any:
    return svc.tickets.issue(
        IssueRequest("sogo", service, visit_kind=kind, decision=decision, staff="S001")
    )


async def _quiet(pilot: Any) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_snapshot_intake(snap_compare: Any, sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        intake = await open_intake(pilot)
        await tick(pilot, "visit-agent_first", "item-card", "item-nonphoto_id")
        intake.query_one("#expiry").value = "2027-01-15"
        intake.query_one("#visit").focus()
        intake.query_one("#intake-form").scroll_home(animate=False)
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_issued_ticket(snap_compare: Any, sqlite_services: Any) -> None:
    from screens.reception.modals import IssuedTicketScreen

    app = reception_app(sqlite_services)
    _issue(sqlite_services)
    _issue(sqlite_services)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await open_intake(pilot)
        await tick(pilot, "item-card")
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, IssuedTicketScreen))
        await wait_until(
            pilot, lambda: "印刷" in str(pilot.app.screen.query_one("#issued-print").render())
        )
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_counter_view(snap_compare: Any, sqlite_services: Any) -> None:
    svc = sqlite_services
    _issue(svc)
    _issue(svc, kind="agent_first", decision="document_inquiry")
    svc.clock.advance(minutes=10)
    _issue(svc, "certificate", kind="", decision="")
    _issue(svc, "card_pickup", kind="", decision="")
    svc.clock.advance(minutes=25)  # the first two have waited 35 min: over the 30 min target
    app = reception_app(svc)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        svc.clock.advance(minutes=2, seconds=5)
        await pilot.press("f5")
        await settle(pilot)
        svc.clock.advance(minutes=3, seconds=20)
        pilot.app.screen._tick()
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
