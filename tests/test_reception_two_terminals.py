"""Two reception terminals on one SQLite database in one test."""

from __future__ import annotations

from typing import Any

from tests.conftest import make_services
from tests.test_reception_support import (
    issue,
    open_intake,
    reception,
    reception_app,
    settle,
    tick,
    wait_until,
)


async def _issue_self_visit(pilot: Any) -> Any:
    await open_intake(pilot)
    await tick(pilot, "item-card")
    result = await issue(pilot)
    await pilot.press("escape")
    await pilot.pause()
    return result


async def test_two_terminals_issue_call_and_see_each_other(
    sqlite_url: str, config: Any, clock: Any
) -> None:
    svc_a = make_services(sqlite_url, config, clock)
    svc_b = make_services(sqlite_url, config, clock)  # its own engine: like another machine
    app_a = reception_app(svc_a, counter=3, staff="S001", poll=0.5)
    app_b = reception_app(svc_b, counter=4, staff="S002", poll=0.5)
    try:
        async with app_a.run_test(size=(80, 24)) as a, app_b.run_test(size=(80, 24)) as b:
            await settle(a)
            await settle(b)
            ra, rb = reception(a), reception(b)

            issued_a = [await _issue_self_visit(a) for _ in range(2)]
            issued_b = [await _issue_self_visit(b) for _ in range(2)]
            labels = [r.ticket.display_number for r in issued_a + issued_b]
            assert labels == ["A-001", "A-002", "A-003", "A-004"]  # one sequence, no duplicate

            ids = {r.ticket.id for r in issued_a + issued_b}
            # each terminal sees the other's tickets by polling (how fast: bench/)
            await wait_until(b, lambda: {t.id for t in rb.waiting} == ids)
            await wait_until(a, lambda: {t.id for t in ra.waiting} == ids)

            # both call, alternately: never the same ticket twice
            called: list[int] = []
            for pilot, screen in ((a, ra), (b, rb), (a, ra), (b, rb)):
                if screen.current is not None:  # finish the previous one first
                    for key in ("f5", "f6"):
                        await pilot.press(key)
                        await pilot.pause()
                    await pilot.press("enter")
                    await settle(pilot)
                await pilot.press("f3")
                await settle(pilot)
                assert screen.current is not None
                called.append(screen.current.id)
            assert sorted(called) == sorted(ids)
            assert len(set(called)) == 4
            await wait_until(a, lambda: ra.waiting == [])
            await wait_until(b, lambda: rb.waiting == [])
            states = {t.id: (t.state, t.counter) for t in svc_a.tickets.list("sogo")}
            assert sorted(c for _, c in states.values()) == [3, 3, 4, 4]
    finally:
        svc_a.engine.dispose()
        svc_b.engine.dispose()
