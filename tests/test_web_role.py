"""`madoguchi web` on PostgreSQL with the display's SELECT-only role (docs/display.md): every
page type, the slip's .ics, the forecast and the live stream work; nothing needs to write."""

from __future__ import annotations

import queue
import time
import uuid
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from db.engine import make_engine
from queue_app.services import IssueRequest
from queue_app.services.feed import ChangeFeed
from tests.conftest import make_services
from tests.report_fixtures import JST, build_history
from tests.waiting import DEADLINE, poll
from tests.web_support import OFFICE, booked_appointment, seed_tickets, web_app

pytestmark = pytest.mark.postgres


def test_every_page_on_a_select_only_role(pg_url, pg_cluster, config, clock):  # type: ignore[no-untyped-def]
    writer = make_services(pg_url, config, clock)
    try:
        slip = writer.inquiries.token(booked_appointment(writer))  # for Friday 12/4
        build_history(writer, clock)  # 12/1-12/3: something for the forecast to learn from
        clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=JST))
        issued = seed_tickets(writer, 2)
        name = f"web_{uuid.uuid4().hex[:8]}"
        role_url = pg_cluster.create_role(name, "pw-web", database=pg_url, read_only=True)
        with TestClient(web_app(role_url, config, clock)) as client:
            for path in [
                "/",
                f"/o/{OFFICE}",
                f"/board/{OFFICE}",
                f"/t/{issued[0].token}",
                f"/t/{issued[0].token}/qr.svg",
                f"/a/{slip}",
                f"/a/{slip}/slip.ics",
            ]:
                r = client.get(path)
                assert r.status_code == 200, (path, r.text[:300])
            writer.tickets.call(issued[0].ticket.id, 3)
            page = client.get(f"/t/{issued[0].token}").text
            assert "3番窓口へお越しください" in page
            clock.set(datetime(2027, 1, 12, 9, 0, tzinfo=JST))  # January learns from December
            assert 'class="forecast"' in client.get(f"/o/{OFFICE}?lang=en").text
    finally:
        writer.engine.dispose()


def test_change_feed_listens_on_a_select_only_role(pg_url, pg_cluster, config, clock):  # type: ignore[no-untyped-def]
    """LISTEN needs no privilege: the SELECT-only role hears a call committed by reception."""
    writer = make_services(pg_url, config, clock)
    name = f"web_{uuid.uuid4().hex[:8]}"
    role_url = pg_cluster.create_role(name, "pw-web", database=pg_url, read_only=True)
    reader = make_engine(role_url, read_only=True)
    feed = ChangeFeed(reader, tuple(config.offices), fallback=60)
    seen: queue.Queue[frozenset[str]] = queue.Queue()
    try:
        feed.start(seen.put)
        poll(feed.connected.is_set, "the feed connects as the SELECT-only role")
        writer.tickets.issue(IssueRequest(OFFICE, "ecert"))
        end = time.monotonic() + DEADLINE
        while OFFICE not in seen.get(timeout=max(0.1, end - time.monotonic())):
            assert time.monotonic() < end, "no change reported"
    finally:
        feed.stop()
        reader.dispose()
        writer.engine.dispose()
