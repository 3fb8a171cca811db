"""The demo shows its own keys (Ctrl+Q quit, Ctrl+O switch) on every view, in the UI
language, at 80x24 (issue 11: the waiting-room display had no footer at all, and the
reception's footer is full at 80 columns)."""

from __future__ import annotations

import pytest

from queue_app.demo.app import DemoApp, DemoKeys
from screens.app import AppOptions
from tests.conftest import make_services
from tests.waiting import workers_done

MODES = ["reception", "display", "reports"]
WORDS = {"ja": ("Ctrl+Q 終了", "Ctrl+O 画面切替"), "en": ("Ctrl+Q quit", "Ctrl+O switch screen")}


@pytest.fixture
def demo_services(sqlite_url, config, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    yield svc
    svc.engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_keys_on_every_view(demo_services, lang) -> None:  # type: ignore[no-untyped-def]
    options = AppOptions(office_id="sogo", mode="reception", counter=3, staff="S001", lang=lang)
    app = DemoApp(demo_services, options, MODES, live=None)
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in [*MODES, "reception"]:  # back to the first: still there, only once
            app.action_mode(mode)
            await workers_done(app)
            await pilot.pause()
            await pilot.pause()
            assert app.current_mode == mode
            screen_text = "\n".join(s.text for s in app.screen._compositor.render_strips())
            for words in WORDS[lang]:
                assert words in screen_text, (mode, words)
            assert len(app.screen.query(DemoKeys)) == 1
