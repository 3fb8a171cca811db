"""The demo's footer: every key label translated (ja by default, en with --lang en), in
every mode, and every mode usable at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from queue_app.demo.app import DemoApp
from screens.app import AppOptions
from tests.conftest import make_services

MODES = ["reception", "display", "reports"]


@pytest.fixture
def demo_services(sqlite_url, config, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    yield svc
    svc.engine.dispose()


async def _labels(app, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    footers = list(app.screen.query(Footer))
    return [str(k.description) for f in footers for k in f.query(FooterKey)]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_footer_label_is_translated(demo_services, lang) -> None:  # type: ignore[no-untyped-def]
    options = AppOptions(office_id="sogo", mode="display", counter=3, staff="S001", lang=lang)
    app = DemoApp(demo_services, options, MODES, live=None)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in MODES:
            app.action_mode(mode)
            seen[mode] = await _labels(app, pilot)
    untranslated = {"show", "refresh", "palette", "Mode"}  # Textual's / the code's own words
    for mode, labels in seen.items():
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
            await app.workers.wait_for_complete()
            await pilot.pause()
            order.append(app.current_mode)
        assert order == ["reception", "display", "reports", "reception"]
