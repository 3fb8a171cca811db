"""Snapshot tests of the display (review every SVG change before accepting it).

Deterministic: the fixed clock, seeded data, and no highlight (calls already on the board
when the display starts are not news, so nothing is highlighted or timed)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_services
from tests.display_support import display_app, loaded, seed


@pytest.fixture
def seeded_url(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    yield sqlite_url
    svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_display_snapshot(snap_compare, seeded_url, config, clock, lang, size):
    app = display_app(seeded_url, config, clock, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_display_snapshot_near_close_friday(snap_compare, sqlite_url, config, clock, lang):
    """16:55 on a Friday: 受付終了まで20分 and tomorrow's closure."""
    clock.set(datetime(2026, 12, 4, 16, 52, tzinfo=ZoneInfo("Asia/Tokyo")))
    svc = make_services(sqlite_url, config, clock)
    seed(svc)  # three calls, a minute apart: 16:55
    app = display_app(sqlite_url, config, clock, lang=lang)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_display_snapshot_closed_day(snap_compare, sqlite_url, config, clock, lang, size):
    """Saturday: the big panel says closed, why, and the next day reception opens."""
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    svc = make_services(sqlite_url, config, clock)
    app = display_app(sqlite_url, config, clock, lang=lang)
    try:
        assert snap_compare(app, terminal_size=size, run_before=loaded)
    finally:
        svc.engine.dispose()
