"""The counter's call flow on the reception screen (issue 11), driven with Pilot at 80x24:
one visitor at a time (F3/F9 ask what to do with the current one first), the warning before
the recall that marks a visitor absent, the list showing first what this counter can call,
and the message when only other counters' procedures wait."""

from __future__ import annotations

from typing import Any

from queue_app.services import IssueRequest
from screens.reception.modals import OutcomeScreen
from screens.reception.modals.counter import CounterBusyScreen, LastRecallScreen
from tests.test_reception_support import (
    events,
    notifications,
    reception,
    reception_app,
    settle,
    wait_until,
)

SIZE = (80, 24)


def _issue(svc: Any, service: str = "ecert") -> Any:
    request = IssueRequest("sogo", service, staff="S001")
    if service == "ecert":  # a same-day renewal: the outcome picker proposes 'renewed'
        request = IssueRequest("sogo", service, "self", "serve_today", staff="S001")
    return svc.tickets.issue(request).ticket


def _open_here(svc: Any, counter: int = 3) -> list[str]:
    return [t.display_number for t in svc.tickets.open_at_counter("sogo", counter)]


async def _press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_f3_while_called_asks_then_marks_absent_and_calls(sqlite_services: Any) -> None:
    svc = sqlite_services
    first, second = _issue(svc), _issue(svc)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3")
        screen = reception(pilot)
        assert screen.current.id == first.id
        await _press(pilot, "f3")  # the first visitor is still called here
        assert isinstance(app.screen, CounterBusyScreen)
        assert "A-001" in str(app.screen.query_one(".dialog-title").render())
        assert _open_here(svc) == ["A-001"]  # nothing called yet
        await _press(pilot, "2")  # absent (no-show), then call
        await wait_until(
            pilot, lambda: screen.current is not None and screen.current.id == second.id
        )
        assert svc.tickets.get(first.id).state == "no_show"
        assert _open_here(svc) == ["A-002"]


async def test_f3_while_serving_finishes_with_an_outcome_then_calls(sqlite_services: Any) -> None:
    svc = sqlite_services
    first, second = _issue(svc), _issue(svc)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3", "f5")
        screen = reception(pilot)
        assert screen.current.state == "serving"
        await _press(pilot, "f3")
        assert isinstance(app.screen, CounterBusyScreen)
        assert [o for o in app.screen.choices] == ["finish", "requeue"]  # served: not absent
        await _press(pilot, "1")  # finish: the outcome first
        assert isinstance(app.screen, OutcomeScreen)
        await _press(pilot, "enter")
        await wait_until(
            pilot, lambda: screen.current is not None and screen.current.id == second.id
        )
        done = svc.tickets.get(first.id)
        assert (done.state, done.outcome) == ("done", "renewed")
        assert _open_here(svc) == ["A-002"]


async def test_escape_calls_nobody_and_back_to_queue_keeps_arrival(sqlite_services: Any) -> None:
    svc = sqlite_services
    first, _second = _issue(svc), _issue(svc)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3", "f3")
        assert isinstance(app.screen, CounterBusyScreen)
        await _press(pilot, "escape")
        assert _open_here(svc) == ["A-001"] and svc.tickets.get(first.id).state == "called"
        await _press(pilot, "f3", "3")  # back to the queue, then call: the same visitor again
        screen = reception(pilot)
        await wait_until(
            pilot, lambda: screen.current is not None and screen.current.state == "called"
        )
        assert screen.current.id == first.id
        assert [e.to_state for e in events(svc, first.id)] == [
            "waiting", "called", "waiting", "called"
        ]  # fmt: skip


async def test_f9_call_by_number_also_asks_first(sqlite_services: Any) -> None:
    svc = sqlite_services
    _issue(svc)
    second = _issue(svc)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3", "f9")  # the number first, then what happens to A-001
        await pilot.press(*"A-2", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CounterBusyScreen))
        assert _open_here(svc) == ["A-001"]
        await _press(pilot, "3")  # back to the queue, then A-002 is called
        screen = reception(pilot)
        await wait_until(
            pilot, lambda: screen.current is not None and screen.current.id == second.id
        )
        assert _open_here(svc) == ["A-002"]


async def test_busy_counter_seen_only_by_the_service_opens_the_dialog(
    sqlite_services: Any,
) -> None:
    """Another terminal of this counter called meanwhile: the refusal opens the dialog."""
    svc = sqlite_services
    _issue(svc), _issue(svc)
    app = reception_app(svc, poll=30)  # no poll brings the other terminal's call
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        svc.tickets.call_next("sogo", 3, "S002")
        await _press(pilot, "f3")
        await wait_until(pilot, lambda: isinstance(app.screen, CounterBusyScreen))
        assert app.screen.ticket.display_number == "A-001"
        assert _open_here(svc) == ["A-001"]


async def test_last_recall_is_confirmed_first(sqlite_services: Any) -> None:
    svc = sqlite_services
    ticket = _issue(svc)
    limit = svc.config.settings.recall_limit
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3")
        for _ in range(limit):
            await _press(pilot, "f4")
        assert any("最後の呼び出し" in n for n in notifications(app))
        assert svc.tickets.get(ticket.id).recall_count == limit
        await _press(pilot, "f4")  # this one would mark the visitor absent: asked first
        assert isinstance(app.screen, LastRecallScreen)
        await _press(pilot, "2")  # keep it called
        assert svc.tickets.get(ticket.id).state == "called"
        await _press(pilot, "f4", "1")
        assert svc.tickets.get(ticket.id).state == "no_show"


async def test_list_shows_what_this_counter_can_call_first(sqlite_services: Any) -> None:
    svc = sqlite_services
    moving = _issue(svc, "moving")  # counter 3 does not handle moving
    ecert = _issue(svc, "ecert")
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        await wait_until(pilot, lambda: len(screen.waiting) == 2)
        assert [t.id for t in screen.waiting] == [ecert.id, moving.id]
        assert screen.callable_here == 1
        title = str(screen.query_one("#waiting-title").render())
        assert "1" in title and "2" in title


async def test_nobody_for_this_counter_says_others_wait(sqlite_services: Any) -> None:
    svc = sqlite_services
    _issue(svc, "moving")
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f3")
        texts = notifications(app)
        assert any("この窓口の手続をお待ちの方はいません" in n and "1 人" in n for n in texts)
        assert not any(n == "待っている方はいません" for n in texts)


async def test_after_hours_override_is_recorded_with_reason_and_staff(
    sqlite_services: Any,
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from screens.reception.modals import IntakeScreen
    from screens.reception.modals.counter import OverrideScreen
    from tests.test_reception_support import issue, tick

    svc = sqlite_services
    svc.clock.set(datetime(2026, 12, 1, 17, 30, tzinfo=ZoneInfo("Asia/Tokyo")))
    app = reception_app(svc, staff="S002")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "f12")
        assert isinstance(app.screen, OverrideScreen)
        await _press(pilot, "enter")  # no reason: refused, still asking
        assert isinstance(app.screen, OverrideScreen)
        await pilot.press(*"1234 5678 9012", "enter")  # a 個人番号 is never a reason
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)
        field = app.screen.query_one("#override-reason")
        field.value = ""
        await pilot.press(*"17:15 mae ni raichou", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen) and app.screen.override
        await tick(pilot, "item-card")
        result = await issue(pilot)
    ticket = svc.tickets.get(result.ticket.id)
    assert ticket.override == "17:15 mae ni raichou" and ticket.staff == "S002"
    (entry,) = svc.audit.entries(office_id="sogo")
    assert (entry.actor, entry.action) == ("S002", "override")
    assert entry.detail == "override:17:15 mae ni raichou"


async def test_a_wait_of_three_digits_keeps_its_unit(sqlite_services: Any) -> None:
    """After a long morning a visitor has waited 115 minutes: the list shows "115分", not a
    cut "115" (the column was four cells wide)."""
    from datetime import timedelta

    from rich.cells import cell_len

    from screens.reception.widgets import WaitingTable

    svc = sqlite_services
    ticket = _issue(svc)
    svc.clock.set(svc.clock.now() + timedelta(minutes=115))
    for lang, text in (("ja", "115分"), ("en", "115m")):
        app = reception_app(svc, lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = reception(pilot).query_one(WaitingTable)
            await wait_until(pilot, lambda t=table: t.row_count == 1)
            cell = table.get_cell(str(ticket.id), "minutes")
            assert str(cell) == text
            assert table.columns["minutes"].width >= cell_len(text)  # type: ignore[index]
