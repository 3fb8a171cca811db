"""The visitor's phone, in Debian's Chromium (never a downloaded browser): the ticket PNG's QR
(decoded by zbarimg) opens the ticket's page; another process calls the ticket and the page
shows the call within 2 s; no request leaves this host; no console error. Without JavaScript
the page shows the call after its own refresh. On SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from queue_app.services import IssueRequest
from queue_app.services.printing import write_ticket_files
from tests.conftest import make_services
from tests.waiting import DEADLINE
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, call_in_another_process, running_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
]
PHONE = {"width": 390, "height": 844}
CALL_SHOWN_WITHIN = 2.0  # seconds from the commit in another process to the page
OVERLOADED = 2.0  # load average per core beyond which wall times are not asserted
WAIT_MS = int(DEADLINE * 1000)  # waits: the suite's one generous deadline


def scanned_url(config, base: str, issued, tmp: Path) -> str:  # type: ignore[no-untyped-def]
    """Print the ticket as reception does, then read its QR like a phone camera."""
    web = replace(config.settings.web, public_url=base)
    printed = replace(config, settings=replace(config.settings, web=web))
    files = write_ticket_files(
        printed,
        office_id=issued.ticket.office_id,
        service_day=issued.ticket.service_day.isoformat(),
        label=issued.ticket.display_number,
        service_name="e-cert",
        token=issued.token,
        wait_minutes=5,
        env={"MADOGUCHI_DATA_DIR": str(tmp / "printed")},
    )
    assert files.png is not None, files.error
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(files.png)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def watch(page, base: str):  # type: ignore[no-untyped-def]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return requests, errors


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_phone_follows_its_ticket(db_url, config, clock, tmp_path, javascript, record_property):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    writer = make_services(db_url, config, clock)
    for _ in range(2):
        writer.tickets.issue(IssueRequest("sogo", "ecert"))
    issued = writer.tickets.issue(IssueRequest("sogo", "ecert"))
    try:
        with running_server(db_url, tmp_path) as (base, _server), sync_playwright() as p:
            url = scanned_url(config, base, issued, tmp_path)
            assert url == f"{base}/t/{issued.token}"
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(
                    viewport=PHONE,
                    is_mobile=True,
                    has_touch=True,
                    locale="ja-JP",
                    java_script_enabled=javascript,
                )
                page = context.new_page()
                requests, errors = watch(page, base)
                page.goto(url)
                page.get_by_text("お待ちください").wait_for(timeout=WAIT_MS)
                assert page.get_by_text("あなたの前に 2人").is_visible()
                if javascript:
                    page.wait_for_function(
                        "document.documentElement.dataset.live === 'open'", timeout=WAIT_MS
                    )
                committed = call_in_another_process(db_url, issued.ticket.id, 3)
                callout = page.get_by_text("3番窓口へお越しください")
                # with JS: server-sent events; without: the page's own 20 s refresh
                callout.wait_for(timeout=WAIT_MS + (0 if javascript else 20_000))
                took = time.time() - committed
                record_property("call_to_page_seconds", round(took, 3))
                if javascript:
                    assert page.locator(".callout.fullscreen").is_visible()
                    # the issue's promise: within 2 s. Asserted when the machine is not
                    # overloaded (more than two runnable processes per core make any wall
                    # time meaningless); bench/web_fanout.py measures it under load
                    if os.getloadavg()[0] <= OVERLOADED * (os.cpu_count() or 1):
                        assert took <= CALL_SHOWN_WITHIN, f"the call took {took:.2f} s"
                page.screenshot(path=str(tmp_path / "ticket-called.png"))
                assert all(r.startswith(base + "/") for r in requests), requests
                assert errors == []
            finally:
                browser.close()
    finally:
        writer.engine.dispose()
