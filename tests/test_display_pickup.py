"""The display's ready list (お渡しできます / Ready for pickup) beside the calls (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from queue_app.services.board import BoardService
from tests.conftest import make_services
from tests.display_support import OFFICE, display_app, loaded, seed, wait_until
from tests.plans_ui_support import pickup_through_counter, seed_pickup


@pytest.fixture
def pickup_url(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed_pickup(svc)
    yield sqlite_url
    svc.engine.dispose()


def _ready_text(app: Any) -> str:
    widget = app.screen.query_one("#ready", Static)
    return str(widget.render()) if widget.display else ""


def test_snapshot_lists_ready_and_preparing(services: Any) -> None:
    ready, preparing = seed_pickup(services)
    snap = BoardService(services).snapshot(OFFICE)
    assert [e.ticket_id for e in snap.ready] == ready  # oldest first
    assert [e.ticket_id for e in snap.preparing] == preparing
    assert all(e.service_id == "card_pickup" for e in snap.ready + snap.preparing)


def test_office_with_nothing_in_pickup_has_empty_lists(services: Any) -> None:
    snap = BoardService(services).snapshot("yanasegawa")
    assert snap.ready == () and snap.preparing == ()


async def test_ready_list_hidden_without_pickup(sqlite_url, config, clock) -> None:
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    app = display_app(sqlite_url, config, clock, lang="en")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert not app.screen.query_one("#ready", Static).display
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_ready_list_follows_the_back_office(sqlite_url, config, clock, lang) -> None:
    """Marked ready elsewhere (another process): the number appears under お渡しできます;
    handed over: it leaves the list."""
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    app = display_app(sqlite_url, config, clock, lang=lang)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            tid = pickup_through_counter(svc)
            number = svc.tickets.get(tid).display_number
            preparing = "準備中 1件" if lang == "ja" else "Being prepared: 1"
            await wait_until(pilot, lambda: preparing in _ready_text(app))
            title = app.screen.query_one("#ready").border_title
            assert title == ("お渡しできます" if lang == "ja" else "Ready for pickup")
            assert number not in _ready_text(app)
            svc.tickets.mark_ready(tid, "S002")
            await wait_until(pilot, lambda: number in _ready_text(app))
            assert preparing not in _ready_text(app)
            svc.tickets.hand_over(tid, 4, "S001")
            await wait_until(pilot, lambda: not app.screen.query_one("#ready").display)
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_display_snapshot_ready_list(snap_compare, pickup_url, config, clock, lang, size):
    app = display_app(pickup_url, config, clock, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=loaded)


async def test_call_tiles_refit_when_the_ready_column_appears(sqlite_url, config, clock) -> None:
    """At a TV's size the calls' panel is wide enough for the biggest font; when the ready
    column appears it narrows, and the tiles must be fitted again to the narrower panel (once
    they stayed in the wide font, cut off at the panel's edge)."""
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    app = display_app(sqlite_url, config, clock, lang="ja")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await loaded(pilot)
            panel = app.screen.query_one("#calling-panel")
            wide = panel.content_size.width
            pickup_through_counter(svc)
            await wait_until(pilot, lambda: app.screen.query_one("#ready").display)
            await loaded(pilot)
            box = panel.content_size
            assert box.width < wide
            for tile in app.screen.query(".tile"):
                if tile.display:
                    assert tile.outer_size.width <= box.width, (tile.outer_size, box)
    finally:
        svc.engine.dispose()
