"""The big panel after no-shows and transfers, two counters calling at once, a closed day,
and a block font that grows with the panel (issue 11, "On the TV").

Board tests run on a real SQLite file and on PostgreSQL; the screen tests use Pilot.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from queue_app.services.board import BoardService
from screens.display.widgets import DIGITS, CallSize, choose_sizes
from tests.conftest import make_services
from tests.display_support import OFFICE, call_next, display_app, loaded, seed, wait_until

JST = ZoneInfo("Asia/Tokyo")


# -- the board (services) -------------------------------------------------------------------
def test_no_show_and_transfer_keep_the_calls(services):
    seed(services)  # A-001 → 3, B-001 → 1, A-002 → 4
    t = services.tickets
    a1, b1, a2 = (t.find(OFFICE, n) for n in ("A-001", "B-001", "A-002"))
    t.no_show(a2.id, 4)
    t.transfer(b1.id, to_service="moving", counter_no=1)
    t.no_show(a1.id, 3)
    snap = BoardService(services).snapshot(OFFICE)
    assert [c.display_number for c in snap.calls] == ["A-002", "B-001", "A-001"]
    assert [(c.display_number, c.counter) for c in snap.now_calling] == [
        ("A-002", 4),
        ("B-001", 1),
        ("A-001", 3),
    ]


def test_latest_call_per_counter_newest_first(services, clock):
    seed(services)
    t = services.tickets
    clock.advance(seconds=30)
    call_next(services, 3)  # counter 3 again: A-003 replaces A-001 on its tile
    snap = BoardService(services).snapshot(OFFICE)
    assert [(c.display_number, c.counter) for c in snap.now_calling] == [
        ("A-003", 3),
        ("A-002", 4),
        ("B-001", 1),
    ]
    assert [c.display_number for c in snap.calls][:2] == ["A-003", "A-002"]
    # a recall shows the ticket once, with its newest call
    t.recall(t.find(OFFICE, "A-002").id, 4)
    snap = BoardService(services).snapshot(OFFICE)
    assert [c.display_number for c in snap.calls].count("A-002") == 1
    assert snap.newest is not None and snap.newest.display_number == "A-002"
    assert snap.newest.recall_count == 1


def test_closed_day_names_the_next_open_day(sqlite_services, clock):
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=JST))  # Saturday
    snap = BoardService(sqlite_services).snapshot(OFFICE)
    assert not snap.today_open and snap.closed_reason is not None
    assert snap.next_open_day == date(2026, 12, 7)
    assert [h.as_pair() for h in snap.next_open_hours] == [["08:30", "17:15"]]


# -- sizing (pure) ------------------------------------------------------------------------
def test_sizes_grow_with_the_panel():
    one = [("A-012", "4")]
    assert choose_sizes(40, 5, one, 10) == [DIGITS]  # 80x24: Digits
    small, big = choose_sizes(70, 18, one, 10)[0], choose_sizes(150, 40, one, 10)[0]
    assert small.pixel is not None and big.pixel is not None
    assert big.height > small.height and big.pixel > small.pixel
    # every tile that fits is big, all at one size; the rest in Digits below
    two = [("A-012", "4"), ("B-003", "1")]
    sizes = choose_sizes(90, 16, two, 10)
    assert len(sizes) == 2 and sizes[0] == sizes[1] and sizes[0].pixel is not None
    assert choose_sizes(40, 6, two, 10) == [DIGITS, DIGITS]
    # a prefix the block font cannot draw stays in Digits/label, never dropped
    assert choose_sizes(150, 40, [("ア-001", "2")], 10) == [DIGITS]
    assert CallSize((2, 1)).height == 7


# -- the screen (Pilot) -------------------------------------------------------------------
@pytest.fixture
def writer(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    yield svc
    svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_no_show_keeps_the_big_panel_and_the_history(writer, sqlite_url, config, clock, lang):
    app = display_app(sqlite_url, config, clock, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        t = writer.tickets
        for label, counter in (("A-002", 4), ("B-001", 1), ("A-001", 3)):
            t.no_show(t.find(OFFICE, label).id, counter)
        await wait_until(
            pilot,
            lambda: (
                screen.snapshot.calls and all(c.state == "no_show" for c in screen.snapshot.calls)
            ),
        )
        await pilot.pause()
        assert screen.shown_call() == ("A-002", "4")
        empty = screen.query_one("#calling-empty")
        assert not empty.display
        recent = str(screen.query_one("#recent").render())
        assert all(n in recent for n in ("A-002", "B-001", "A-001"))


async def test_two_counters_within_a_second_are_both_big(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        call_next(writer, 3)
        clock.advance(seconds=1)
        call_next(writer, 4)
        await wait_until(pilot, lambda: screen.shown_call() == ("A-004", "4"))
        await pilot.pause()
        assert screen.shown_calls()[:2] == [("A-004", "4"), ("A-003", "3")]
        from screens.display.widgets import BigNumber

        numbers = [b for b in screen.query(".tile-number").results(BigNumber) if b.parent.display]
        assert len(numbers) >= 2 and all(b.drawn_with_digits or b.block for b in numbers[:2])


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_closed_day_fills_the_big_panel(sqlite_url, config, clock, lang):
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=JST))  # Saturday: the office is closed
    svc = make_services(sqlite_url, config, clock)
    app = display_app(sqlite_url, config, clock, lang=lang)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            panel = str(app.screen.query_one("#calling-empty").render())
            if lang == "ja":
                assert "本日は休みです" in panel and "土曜" in panel
                assert "12/7(月)" in panel and "08:30-17:15" in panel
                assert "まだお呼び出しはありません" not in panel
            else:
                assert "Closed today" in panel and "Mon 12/7" in panel
                assert "08:30-17:15" in panel
    finally:
        svc.engine.dispose()


@pytest.mark.parametrize(("size", "bigger_than"), [((120, 36), None), ((160, 48), (120, 36))])
async def test_block_font_scales_with_the_panel(
    writer, sqlite_url, config, clock, size, bigger_than
):
    from screens.display.widgets import BigNumber

    async def pixel_at(terminal: tuple[int, int]) -> tuple[int, int] | None:
        app = display_app(sqlite_url, config, clock)
        async with app.run_test(size=terminal) as pilot:
            await loaded(pilot)
            await pilot.pause()
            big = app.screen.query_one("#calling-number", BigNumber)
            assert app.screen.shown_call() == ("A-002", "4")
            return big.pixel if big.block else None

    pixel = await pixel_at(size)
    assert pixel is not None, f"no block font at {size}"
    if bigger_than is not None:
        smaller = await pixel_at(bigger_than)
        assert smaller is not None and pixel >= smaller
