"""The key footer releases the keys it rebuilt (screens/widgets/footer.py).

Textual's Footer rebuilds its keys whenever the screen's bindings change, and every key it
ever built stayed reachable from the footer (Textualize/textual#6666): a reception kept
growing all day. These tests rebuild the footer and open dialogs many times and check that
the keys no longer on screen are gone.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from screens.widgets.footer import KeyFooter, drop_closed_watchers
from tests.test_reception_support import open_intake, reception, reception_app, settle


class _Keys(App[None]):
    BINDINGS = [("f2", "noop", "two"), ("f3", "noop", "three")]

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer_class = footer

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        yield self.footer_class()

    def action_noop(self) -> None:
        pass


def _watchers(footer: Footer) -> int:
    return sum(len(entries) for entries in getattr(footer, "__watchers", {}).values())


async def _rebuilt_keys_left(footer_class: type[Footer]) -> tuple[int, int, int]:
    """Rebuild the footer ten times; return (watchers on the footer, keys on screen,
    old keys still alive)."""
    app = _Keys(footer_class)
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        old: list[weakref.ref[FooterKey]] = []
        for _ in range(10):
            old.extend(weakref.ref(key) for key in footer.query(FooterKey))
            app.screen.refresh_bindings()  # what a focus move or a pushed dialog does
            await pilot.pause()
            await pilot.pause()
        on_screen = len(footer.query(FooterKey))
        gc.collect()
        alive = sum(1 for ref in old if ref() is not None)
        return _watchers(footer), on_screen, alive


async def test_rebuilt_keys_are_released() -> None:
    watchers, on_screen, alive = await _rebuilt_keys_left(KeyFooter)
    assert on_screen >= 2  # the two keys are shown
    assert watchers <= on_screen  # at most one watcher per key on screen, none for old ones
    assert alive == 0


async def test_textual_footer_keeps_them_so_the_workaround_is_needed() -> None:
    """The framework's own Footer still keeps every rebuilt key. When a Textual release
    fixes it, this test fails: then `KeyFooter` can go (and this test with it)."""
    watchers, on_screen, alive = await _rebuilt_keys_left(Footer)
    assert watchers > on_screen
    assert alive > 0


def test_drop_closed_watchers_keeps_the_open_ones() -> None:
    class Node:
        def __init__(self, closing: bool = False, closed: bool = False) -> None:
            self._closing, self._closed = closing, closed

    open_node, closing, closed = Node(), Node(closing=True), Node(closed=True)
    target: Any = Node()
    setattr(target, "__watchers", {"compact": [(open_node, 1), (closing, 2), (closed, 3)]})
    assert drop_closed_watchers(target) == 2
    assert getattr(target, "__watchers") == {"compact": [(open_node, 1)]}
    assert drop_closed_watchers(Node()) == 0  # nothing watched: nothing to do


async def test_reception_does_not_keep_the_keys_of_closed_dialogs(sqlite_services: Any) -> None:
    """Opening and closing the intake ten times leaves no closed footer key behind (each
    opening rebuilt the reception's footer and the intake's own)."""
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = reception(pilot).query_one(KeyFooter)
        for _ in range(10):
            await open_intake(pilot)
            await pilot.press("escape")
            await settle(pilot)
        gc.collect()
        stale = [
            obj
            for obj in gc.get_objects()
            if isinstance(obj, FooterKey) and (obj._closed or obj._closing)
        ]
        assert stale == []
        assert _watchers(footer) <= len(footer.query(FooterKey))
