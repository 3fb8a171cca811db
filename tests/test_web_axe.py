"""axe-core (axe-playwright-python, in Debian's Chromium) finds no WCAG 2.1 A/AA violation on
any page type in any of the seven languages, at a phone's width and a TV's; no page scrolls
sideways on a 360 px phone or at 200% zoom (320 CSS px)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from queue_app.i18n.catalog_web import WEB_LANGS
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server
from tests.web_support import booked_appointment

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(1200)]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}
TV = {"width": 1920, "height": 1080}
ZOOMED = {"width": 320, "height": 640}  # a 640 px window at 200% zoom (WCAG 1.4.4, 1.4.10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One server and one browser for the whole module, on a seeded SQLite database."""
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("axe")
    url = f"sqlite:///{tmp}/madoguchi.db"
    clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    writer = make_services(url, load_config(env={}), clock)
    waiting = [writer.tickets.issue(IssueRequest("sogo", "ecert")) for _ in range(3)]
    writer.tickets.issue(IssueRequest("yanasegawa", "certificate"))
    done = writer.tickets.issue(IssueRequest("sogo", "certificate"))
    writer.tickets.call(done.ticket.id, 1)
    writer.tickets.start(done.ticket.id, 1)
    writer.tickets.finish(done.ticket.id, "served", 1)
    slip = writer.inquiries.token(booked_appointment(writer))
    # a visit plan past its first step, and a card ready for pickup (issue 13)
    plan = writer.tickets.issue_plan(IssueRequest("sogo", ""), "tennyu")
    writer.tickets.call(plan.ticket.id, 5)
    writer.tickets.start(plan.ticket.id, 5)
    writer.tickets.finish(plan.ticket.id, "served", 5)
    ready = writer.tickets.issue(IssueRequest("sogo", "card_pickup"))
    writer.tickets.call(ready.ticket.id, 4)
    writer.tickets.start(ready.ticket.id, 4)
    writer.tickets.finish(ready.ticket.id, None, 4)
    writer.tickets.mark_ready(ready.ticket.id)
    # A counter calls one visitor at a time: the booked case's first visit is finished at
    # counter 3 before the waiting visitor is called there.
    called = waiting[0]
    writer.tickets.call(called.ticket.id, 3)
    pages = {
        "index": "/",
        "office": "/o/sogo",
        "board": "/board/sogo",
        "ticket-waiting": f"/t/{waiting[2].token}",
        "ticket-called": f"/t/{called.token}",
        "ticket-done": f"/t/{done.token}",
        "ticket-plan": f"/t/{plan.token}",
        "ticket-ready": f"/t/{ready.token}",
        "slip": f"/a/{slip}",
        "not-found": "/t/nothing-here",
    }
    try:
        # One browser here stands for many visitors: the per-address rate limit (tested in
        # test_web_security) would answer some of its pages 429 and audit those instead.
        unlimited = "[web]\nrequests_per_minute = 100000\n"
        with running_server(url, tmp, unlimited) as (base, _server), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield {"base": base, "browser": browser, "pages": pages}
            finally:
                browser.close()
    finally:
        writer.engine.dispose()


REVEAL_HIDDEN = """() => {
  const shown = document.querySelectorAll("[hidden]");
  shown.forEach((el) => { el.hidden = false; });
  return shown.length;
}"""


def violations(axe: Any, page: Any, where: str) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


def audit(site: dict[str, Any], lang: str, size: dict[str, int]) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    context = site["browser"].new_context(viewport=size)
    try:
        page = context.new_page()
        for name, path in site["pages"].items():
            response = page.goto(f"{site['base']}{path}?lang={lang}")
            where = f"{name} {lang} {size['width']}px"
            status = response.status if response is not None else 0
            if status != (404 if name == "not-found" else 200):
                problems.append(f"{where}: answered {status}")
                continue
            if page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            ):
                problems.append(f"{where}: scrolls sideways")
            problems += violations(axe, page, where)
            # Every state a visitor can meet, not only the one this load happened to show:
            # the reconnecting banner (shown when the live link drops, as it may on a loaded
            # machine) and the alert confirmations are revealed and checked as well.
            if page.evaluate(REVEAL_HIDDEN):
                problems += violations(axe, page, f"{where} (revealed)")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("lang", WEB_LANGS)
def test_no_wcag_aa_violation_on_a_phone(site, lang):  # type: ignore[no-untyped-def]
    assert audit(site, lang, PHONE) == []


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_no_wcag_aa_violation_on_a_tv_and_at_200_percent_zoom(site, lang):  # type: ignore[no-untyped-def]
    assert audit(site, lang, TV) == []
    assert audit(site, lang, ZOOMED) == []
