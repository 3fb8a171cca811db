"""A new revision redraws only what changed on the board (issue 17, call → TV p95): the
tiles of counters that did not call, the clock, the hours line are not refreshed when a
ticket is issued or another counter calls. Counted through `Widget.refresh`, never timed.
And the call tiles are mounted as calls need them, not six at start."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget

from queue_app.services import IssueRequest
from screens.display.widgets import CallTile, NowCalling
from tests.conftest import make_services
from tests.display_support import OFFICE, call_next, display_app, loaded, seed, wait_until


@pytest.fixture
def writer(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)  # calls: A-001 → 3, B-001 → 1, A-002 → 4 (newest)
    yield svc
    svc.engine.dispose()


def subtree(widget: Widget) -> set[Widget]:
    return {widget, *widget.query("*")}


class Refreshes(list[Widget]):
    """Every widget whose `refresh` is called once `install` was."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__()
        self.monkeypatch = monkeypatch

    def install(self) -> None:
        real = Widget.refresh
        seen = self

        def counting(widget: Widget, *args: Any, **kwargs: Any) -> Any:
            seen.append(widget)
            return real(widget, *args, **kwargs)

        self.monkeypatch.setattr(Widget, "refresh", counting)


@pytest.fixture
def refreshed(monkeypatch: pytest.MonkeyPatch) -> Refreshes:
    return Refreshes(monkeypatch)


async def test_an_issue_redraws_the_queues_not_the_calls(
    writer, sqlite_url, config, clock, refreshed
):
    app = display_app(sqlite_url, config, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        refreshed.install()
        fetches = screen.poll.fetches
        writer.tickets.issue(IssueRequest(OFFICE, "ecert"), with_estimate=False)
        await wait_until(pilot, lambda: screen.poll.fetches > fetches)
        await pilot.pause()
        untouched = subtree(screen.query_one(NowCalling))
        for selector in ("#clock", "#today", "#recent", "#status", "#office-name"):
            untouched.add(screen.query_one(selector))
        assert not untouched & set(refreshed)
        assert screen.query_one("#queues") in refreshed


async def test_a_call_redraws_only_its_own_tile(writer, sqlite_url, config, clock, refreshed):
    # the highlight of a new call repaints the whole panel (its background changes): it is
    # already on when the second call comes, so what is refreshed then is the tiles' content
    app = display_app(sqlite_url, config, clock, highlight_seconds=3600)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        call_next(writer, 4)
        await wait_until(pilot, lambda: screen.shown_call() == ("A-003", "4"))
        await loaded(pilot)
        assert screen.highlighted
        assert screen.shown_calls() == [("A-003", "4"), ("B-001", "1"), ("A-001", "3")]
        tiles = list(screen.query(CallTile))
        refreshed.install()
        call_next(writer, 4)  # the newest counter calls again: its tile changes, no other
        await wait_until(pilot, lambda: screen.shown_call() == ("A-004", "4"))
        await pilot.pause()
        assert screen.shown_calls() == [("A-004", "4"), ("B-001", "1"), ("A-001", "3")]
        assert subtree(tiles[0]) & set(refreshed)
        assert not (subtree(tiles[1]) | subtree(tiles[2])) & set(refreshed)
        assert screen.query_one("#clock") not in refreshed


async def test_tiles_are_mounted_as_calls_need_them(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    try:
        for sid in ["ecert"] * 3:
            svc.tickets.issue(IssueRequest(OFFICE, sid), with_estimate=False)
        app = display_app(sqlite_url, config, clock)
        async with app.run_test(size=(160, 48)) as pilot:
            await loaded(pilot)
            screen = app.screen
            assert len(screen.query(CallTile)) == 0  # nobody called yet: no tile at all
            svc.tickets.call_next(OFFICE, 3)
            await wait_until(pilot, lambda: screen.shown_call() == ("A-001", "3"))
            await loaded(pilot)
            assert len(screen.query(CallTile)) == 1
            assert str(screen.query_one("#calling-number").value) == "A-001"
            clock.advance(minutes=1)
            svc.tickets.call_next(OFFICE, 4)
            await wait_until(pilot, lambda: screen.shown_call() == ("A-002", "4"))
            await loaded(pilot)
            assert len(screen.query(CallTile)) == 2
            assert screen.shown_calls() == [("A-002", "4"), ("A-001", "3")]
    finally:
        svc.engine.dispose()
