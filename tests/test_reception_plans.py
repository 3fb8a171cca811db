"""The counter view of visit plans and the pickup stage (issue 13), driven with Pilot at
80x24: the ticket on the left shows the steps before it (procedure and outcome) and the ones
to come; Ctrl+O marks a ticket being prepared ready, Ctrl+G hands it over, Ctrl+T changes
the steps to come with the clerk's staff code. Snapshots of the counter view with previous
steps (80x24 and 160x48, ja and en)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from queue_app.services import IssueRequest
from screens.reception.modals.plan_edit import PlanEditScreen
from tests.test_reception_support import (
    events,
    notifications,
    reception,
    reception_app,
    settle,
    wait_until,
)

SIZE = (80, 24)


def _plan_text(pilot: Any) -> str:
    widget = reception(pilot).query_one("#current-plan", Static)
    return str(widget.render()) if widget.display else ""


def _tennyu_at_second_step(svc: Any) -> Any:
    """A tennyu visitor whose first step (moving) was served at counter 5: now waiting for
    the e-certificate."""
    t = svc.tickets
    tid = t.issue_plan(IssueRequest("sogo", "", staff="S001"), "tennyu").ticket.id
    t.call(tid, 5, "S002")
    t.start(tid, 5)
    t.finish(tid, "served", 5, "S002")
    return t.get(tid)


def _preparing(svc: Any) -> Any:
    t = svc.tickets
    tid = t.issue(IssueRequest("sogo", "card_pickup", staff="S001")).ticket.id
    t.call(tid, 4, "S002")
    t.start(tid, 4)
    t.finish(tid, None, 4, "S002")
    return t.get(tid)


async def _press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_counter_view_shows_previous_steps_and_the_rest(sqlite_services: Any) -> None:
    svc = sqlite_services
    ticket = _tennyu_at_second_step(svc)
    app = reception_app(svc, counter=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3")  # counter 3 calls the plan visitor's e-certificate step
        screen = reception(pilot)
        assert screen.current is not None and screen.current.id == ticket.id
        await wait_until(pilot, lambda: "来庁の手続" in _plan_text(pilot))
        text = _plan_text(pilot)
        lines = text.splitlines()
        assert lines[1].startswith("✓ 1.転入・転出") and lines[1].endswith("(対応完了)")
        assert lines[2].startswith("▶ 2.電子証明書")
        assert lines[3].startswith("· 3.その他")
        assert "Ctrl+T" in text


async def test_ctrl_t_skips_a_step_to_come_with_the_staff_code(sqlite_services: Any) -> None:
    svc = sqlite_services
    ticket = _tennyu_at_second_step(svc)
    app = reception_app(svc, counter=3, staff="S001")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3")
        await wait_until(pilot, lambda: "来庁の手続" in _plan_text(pilot))
        await _press(pilot, "ctrl+t")
        dialog = app.screen
        assert isinstance(dialog, PlanEditScreen)
        ids = [oid for oid, _label, _edit in dialog.choices]
        assert "skip-other" in ids and "add-certificate" in ids
        index = ids.index("skip-other")
        for _ in range(index):
            await pilot.press("down")
        await _press(pilot, "enter")
        await wait_until(pilot, lambda: "- 3.その他" in _plan_text(pilot))
        plan = svc.tickets.plan(ticket.id)
        assert [s.state for s in plan.steps] == ["done", "current", "skipped"]
        last = events(svc, ticket.id)[-1]
        assert last.detail == "plan:skip:other" and last.staff == "S001"
        assert any("手続を変更しました" in n for n in notifications(app))


async def test_ctrl_o_marks_ready_and_ctrl_g_hands_over(sqlite_services: Any) -> None:
    svc = sqlite_services
    ticket = _preparing(svc)
    app = reception_app(svc, counter=4, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        screen.open_text(ticket.display_number)  # typed into the scanner field
        await wait_until(pilot, lambda: screen.opened is not None)
        await wait_until(pilot, lambda: "Ctrl+O: mark ready" in _plan_text(pilot))
        await _press(pilot, "ctrl+g")  # not ready yet: refused with a message
        assert svc.tickets.get(ticket.id).state == "preparing"
        assert any("not ready for pickup yet" in n for n in notifications(app))
        await _press(pilot, "ctrl+o")
        await wait_until(pilot, lambda: svc.tickets.get(ticket.id).state == "ready")
        assert events(svc, ticket.id)[-1].staff == "S001"
        assert [e.display_number for e in svc.tickets.pickup_board("sogo").ready] == [
            ticket.display_number
        ]
        screen.open_text(ticket.display_number)
        await wait_until(pilot, lambda: "Ctrl+G: hand over" in _plan_text(pilot))
        await _press(pilot, "ctrl+g")
        await wait_until(pilot, lambda: svc.tickets.get(ticket.id).state == "done")
        done = svc.tickets.get(ticket.id)
        assert done.counter == 4
        assert any("handed over" in n for n in notifications(app))


def _snapshot_services(services: Any) -> Any:
    ticket = _tennyu_at_second_step(services)
    services.tickets.call(ticket.id, 3, "S001")
    return services


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_counter_view_with_previous_steps_snapshot(
    snap_compare: Any, sqlite_services: Any, lang: str, size: tuple[int, int]
) -> None:
    svc = _snapshot_services(sqlite_services)
    app = reception_app(svc, counter=3, lang=lang)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(_plan_text(pilot)))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
