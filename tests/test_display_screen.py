"""The display screen with Pilot: live updates, highlight, announcements, reconnecting."""

from __future__ import annotations

import os

import pytest

from tests.conftest import make_services
from tests.display_support import OFFICE, call_next, display_app, loaded, seed, wait_until
from tests.waiting import DEADLINE


@pytest.fixture
def writer(sqlite_url, config, clock):
    svc = make_services(sqlite_url, config, clock)
    seed(svc)
    yield svc
    svc.engine.dispose()


async def test_shows_now_calling_queues_and_others(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert screen.shown_call() == ("A-002", "4")
        assert "A-001" in str(screen.query_one("#recent").render())
        assert not screen.highlighted  # calls already there at start-up are not news
        assert screen.announcer.spoken == []


async def test_new_call_is_shown_highlighted_and_announced(writer, sqlite_url, config, clock):
    # the highlight lasts long enough that a slow machine still sees it before it fades
    app = display_app(sqlite_url, config, clock, highlight_seconds=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        fetches = screen.poll.fetches
        call_next(writer, 3)
        await wait_until(pilot, lambda: screen.shown_call() == ("A-003", "3"))
        assert screen.highlighted
        assert screen.poll.fetches == fetches + 1  # refetched once, only when it moved
        assert screen.announcer.join(DEADLINE)
        assert screen.announcer.spoken == ["受付番号 A の3番の方、3番窓口へお越しください"] * 2
        await wait_until(pilot, lambda: not screen.highlighted)  # fades by itself
        # a recall is news again
        called = writer.tickets.find(OFFICE, "A-003")
        writer.tickets.recall(called.id, 3)
        await wait_until(pilot, lambda: screen.highlighted)


async def test_idle_polls_do_not_refetch(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock, poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        start = screen.poll.polls
        await wait_until(pilot, lambda: screen.poll.polls >= start + 5)
        assert screen.poll.fetches == 1
        clock.advance(minutes=1)  # estimates and the clock refresh once a minute
        await wait_until(pilot, lambda: screen.poll.fetches == 2)


async def test_english_board(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert "Waiting by procedure" in str(screen.query_one("#queues").border_title)
        assert screen.query_one("#calling-counter-before").display


async def test_prefix_outside_digits_falls_back_to_a_label(writer, sqlite_url, config, clock):
    from screens.display.widgets import BigNumber, digits_can_draw

    assert digits_can_draw("A-012") and digits_can_draw("E-999")
    assert not digits_can_draw("G-001") and not digits_can_draw("ア-001")
    app = display_app(sqlite_url, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        big = app.screen.query_one("#calling-number", BigNumber)
        big.update("G-001")
        await pilot.pause()
        assert not big.drawn_with_digits
        assert big.query_one(".big-label").display and not big.query_one("Digits").display


async def test_reconnects_after_the_database_vanishes(writer, sqlite_url, config, clock, tmp_path):
    path = sqlite_url.removeprefix("sqlite:///")
    app = display_app(sqlite_url, config, clock, poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        writer.engine.dispose()  # last writer closes: WAL checkpointed, -wal/-shm removed
        moved = str(tmp_path / "away.db")
        os.rename(path, moved)
        try:
            await wait_until(pilot, lambda: screen.offline)
            assert "再接続中" in str(screen.query_one("#status").render())
            assert screen.query_one("#offline-banner").display
            assert screen.shown_call() == ("A-002", "4")  # the last picture stays up
            polls = screen.poll.polls
            await wait_until(pilot, lambda: screen.poll.polls > polls + 2)
        finally:
            os.rename(moved, path)
        await wait_until(pilot, lambda: not screen.offline)
        assert str(screen.query_one("#status").render()) == ""
        call_next(writer, 1)  # the writer reconnects by itself too
        await wait_until(pilot, lambda: screen.shown_call() == ("B-002", "1"))
        assert app.is_running


async def test_unknown_error_in_poll_keeps_running(writer, sqlite_url, config, clock):
    app = display_app(sqlite_url, config, clock, poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        board = screen.board
        original = board.revision_key

        def broken():
            raise RuntimeError("boom")

        board.revision_key = broken
        await wait_until(pilot, lambda: screen.offline)
        board.revision_key = original
        await wait_until(pilot, lambda: not screen.offline)
        assert app.is_running


def test_cli_refuses_unknown_office_and_bad_poll(sqlite_url, monkeypatch, capsys):
    from queue_app.cli import main

    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    assert main(["display", "--office", "nowhere"]) == 2
    assert "nowhere" in capsys.readouterr().err
    assert main(["display", "--office", OFFICE, "--poll", "0"]) == 2


def test_cli_child_command_has_no_web_and_no_secret(monkeypatch):
    from queue_app.cli import build_parser
    from queue_app.commands.display import child_command
    from queue_app.context import CliContext

    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", "postgresql://u:secretpw@h/db")
    args = build_parser().parse_args(
        ["display", "--office", OFFICE, "--web", "--lang", "en", "--port", "9"]
    )
    command = child_command(args, CliContext(args))
    assert "--web" not in command and "secretpw" not in command
    assert "display --office sogo --lang en" in command


def test_the_display_source_has_no_secret_and_cannot_write(sqlite_url, monkeypatch, config, clock):
    from queue_app.cli import build_parser
    from queue_app.commands.display import display_source
    from queue_app.context import CliContext
    from queue_app.domain.errors import DatabaseError

    make_services(sqlite_url, config, clock).engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    args = build_parser().parse_args(["display", "--office", OFFICE])
    ctx = CliContext(args)
    source = display_source(ctx)
    assert not hasattr(source, "secret")
    with pytest.raises(DatabaseError, match="readonly|read-only"):
        with source.reading() as reader:
            reader.rows("UPDATE revision SET value = value + 1")
    with source.reading() as reader:  # the next read connects afresh
        assert reader.rows("SELECT count(*) FROM revision")[0][0] >= 0
    ctx.close()
