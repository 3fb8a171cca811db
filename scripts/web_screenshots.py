"""Screenshots of every page type of `madoguchi web` for docs/web.md (phone 390x844, TV
1920x1080), in Debian's Chromium. Loopback only; stops by itself.

    .venv/bin/python scripts/web_screenshots.py [OUT_DIR]   # default docs/web
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from queue_app.config import load_config  # noqa: E402
from queue_app.domain.clock import MutableClock  # noqa: E402
from queue_app.services import IssueRequest  # noqa: E402
from tests.conftest import make_services  # noqa: E402
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402
from tests.web_support import booked_appointment  # noqa: E402

PHONE = {"width": 390, "height": 844}
TV = {"width": 1920, "height": 1080}


def seed(url: str):  # type: ignore[no-untyped-def]
    clock = MutableClock(datetime(2026, 12, 1, 8, 40, tzinfo=ZoneInfo("Asia/Tokyo")))
    svc = make_services(url, load_config(env={}), clock)
    t = svc.tickets
    done = []
    for sid in ["ecert"] * 3 + ["certificate"] * 2:
        done.append(t.issue(IssueRequest("sogo", sid), with_estimate=False))
    for i, issued in enumerate(done):
        clock.advance(minutes=2)  # type: ignore[attr-defined]
        counter = 3 if issued.ticket.service_id == "ecert" else 1
        t.call(issued.ticket.id, counter)
        t.start(issued.ticket.id, counter)
        clock.advance(minutes=9 + i)  # type: ignore[attr-defined]
        t.finish(issued.ticket.id, "renewed" if counter == 3 else "served", counter)
    waiting = [
        t.issue(IssueRequest("sogo", s), with_estimate=False)
        for s in ["ecert"] * 6 + ["certificate"] * 3 + ["moving"]
    ]
    t.issue(IssueRequest("yanasegawa", "ecert"), with_estimate=False)
    clock.advance(minutes=1)  # type: ignore[attr-defined]
    called = waiting[0]
    t.call(called.ticket.id, 3)
    t.call(waiting[6].ticket.id, 1)
    slip = svc.inquiries.token(booked_appointment(svc))
    return svc, called, waiting[4], slip


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "web"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shots.db"
        svc, called, waiting, slip = seed(url)
        shots = [
            ("index", "/", PHONE, "ja"),
            ("office", "/o/sogo", PHONE, "ja"),
            ("ticket-waiting", f"/t/{waiting.token}", PHONE, "ja"),
            ("ticket-waiting-en", f"/t/{waiting.token}", PHONE, "en"),
            ("ticket-called", f"/t/{called.token}", PHONE, "ja"),
            ("slip", f"/a/{slip}", PHONE, "ja"),
            ("not-found", "/t/forged", PHONE, "ja"),
            ("board-phone", "/board/sogo", PHONE, "ja"),
            ("board-tv", "/board/sogo", TV, "ja"),
            ("office-tv", "/o/sogo", TV, "vi"),
        ]
        with running_server(url, Path(tmp)) as (base, _server), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, path, size, lang in shots:
                    context = browser.new_context(viewport=size, locale="ja-JP")
                    page = context.new_page()
                    page.goto(f"{base}{path}?lang={lang}")
                    page.wait_for_selector("main h1")
                    page.screenshot(path=str(out / f"{name}.png"), full_page=size is PHONE)
                    context.close()
                    sys.stdout.write(f"wrote {out / name}.png\n")
            finally:
                browser.close()
        svc.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
