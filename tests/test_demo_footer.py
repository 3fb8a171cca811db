"""The demo's footer: every key label translated (ja by default, en with --lang en), in
every mode, and every mode usable at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from queue_app.demo.app import DemoApp
from screens.app import AppOptions
from tests.conftest import make_services
from tests.waiting import workers_done

MODES = ["reception", "display", "reports"]


@pytest.fixture
def demo_services(sqlite_url, config, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    yield svc
    svc.engine.dispose()


async def _labels(app, pilot) -> list[str] | None:  # type: ignore[no-untyped-def]
    """The footer's key labels on the current screen, or None when it has no footer."""
    await workers_done(app)
    await pilot.pause()
    await pilot.pause()
    footers = list(app.screen.query(Footer))
    if not footers:
        return None
    return [str(k.description) for f in footers for k in f.query(FooterKey)]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_footer_label_is_translated(demo_services, lang) -> None:  # type: ignore[no-untyped-def]
    options = AppOptions(office_id="sogo", mode="display", counter=3, staff="S001", lang=lang)
    app = DemoApp(demo_services, options, MODES, live=None)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in MODES:
            app.action_mode(mode)
            assert app.current_mode == mode
            labels = await _labels(app, pilot)
            if labels is not None:
                seen[mode] = labels
    untranslated = {"show", "refresh", "palette", "Mode"}  # Textual's / the code's own words
    assert {"reception", "reports"} <= set(seen)  # the clerk's views have a footer
    for mode, labels in seen.items():
        assert labels and all(labels), (mode, labels)  # a footer shows keys, none blank
        assert not untranslated & set(labels), (mode, labels)
        if lang == "ja":  # Japanese labels: no plain-English words left
            assert all(not label.isascii() for label in labels if label), (mode, labels)
    if lang == "ja":
        assert {"表示", "画面切替", "一時停止", "コマンド"} <= set(seen["reports"])
    else:
        assert {"Show", "Screen", "Pause", "Commands"} <= set(seen["reports"])


async def test_ctrl_o_cycles_the_modes(demo_services) -> None:  # type: ignore[no-untyped-def]
    options = AppOptions(office_id="sogo", mode="reception", counter=3, staff="S001")
    app = DemoApp(demo_services, options, MODES, live=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        order = [app.current_mode]
        for _ in range(3):
            await pilot.press("ctrl+o")
            await workers_done(app)
            await pilot.pause()
            order.append(app.current_mode)
        assert order == ["reception", "display", "reports", "reception"]
