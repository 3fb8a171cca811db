"""axe-core (axe-playwright-python, in Debian's Chromium) finds no WCAG 2.1 A/AA violation on
any page type in any of the seven languages, at a phone's width and a TV's."""

from __future__ import annotations

import pytest

from queue_app.i18n.catalog_web import WEB_LANGS
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server
from tests.web_support import booked_appointment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_no_wcag_aa_violation_on_any_page_in_any_language(sqlite_url, config, clock, tmp_path):  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    writer = make_services(sqlite_url, config, clock)
    waiting = [writer.tickets.issue(IssueRequest("sogo", "ecert")) for _ in range(3)]
    writer.tickets.issue(IssueRequest("yanasegawa", "certificate"))
    called = waiting[0]
    writer.tickets.call(called.ticket.id, 3)
    done = writer.tickets.issue(IssueRequest("sogo", "certificate"))
    writer.tickets.call(done.ticket.id, 1)
    writer.tickets.start(done.ticket.id, 1)
    writer.tickets.finish(done.ticket.id, "served", 1)
    slip = writer.inquiries.token(booked_appointment(writer))
    pages = {
        "index": "/",
        "office": "/o/sogo",
        "board": "/board/sogo",
        "ticket-waiting": f"/t/{waiting[2].token}",
        "ticket-called": f"/t/{called.token}",
        "ticket-done": f"/t/{done.token}",
        "slip": f"/a/{slip}",
        "not-found": "/t/nothing-here",
    }
    axe = Axe()
    problems: list[str] = []
    try:
        with running_server(sqlite_url, tmp_path) as (base, _server), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for size in ({"width": 360, "height": 740}, {"width": 1920, "height": 1080}):
                    context = browser.new_context(viewport=size)
                    page = context.new_page()
                    langs = WEB_LANGS if size["width"] == 360 else ("ja", "en")
                    for lang in langs:
                        for name, path in pages.items():
                            page.goto(f"{base}{path}?lang={lang}")
                            result = axe.run(
                                page,
                                options={"runOnly": {"type": "tag", "values": WCAG_AA}},
                            )
                            for v in result.response["violations"]:
                                targets = [n["target"] for n in v["nodes"]][:3]
                                problems.append(
                                    f"{name} {lang} {size['width']}: {v['id']} {targets}"
                                )
                    context.close()
            finally:
                browser.close()
    finally:
        writer.engine.dispose()
    assert problems == []
