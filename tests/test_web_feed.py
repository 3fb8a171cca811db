"""The change feed: one per process; a change committed by another connection is reported
with its office, quickly (SQLite: PRAGMA data_version on one kept read-only connection;
PostgreSQL: LISTEN, with NOTIFY sent inside the changing transaction)."""

from __future__ import annotations

import queue
import time

from db.engine import make_engine
from queue_app.services import IssueRequest
from queue_app.services.feed import ChangeFeed
from tests.waiting import DEADLINE, poll


def _collect(feed: ChangeFeed) -> queue.Queue[frozenset[str]]:
    seen: queue.Queue[frozenset[str]] = queue.Queue()
    feed.start(seen.put)
    poll(feed.connected.is_set, "the feed connects")
    return seen


def _next_with(seen: queue.Queue[frozenset[str]], office: str) -> None:
    """Wait (one generous deadline) until a report names `office`."""
    end = time.monotonic() + DEADLINE
    while True:
        left = end - time.monotonic()
        assert left > 0, f"no change reported for {office}"
        if office in seen.get(timeout=left):
            return


def test_feed_reports_the_changed_office(db_url, services, config):  # type: ignore[no-untyped-def]
    reader = make_engine(db_url, read_only=True)
    feed = ChangeFeed(reader, tuple(config.offices), fallback=60)
    try:
        seen = _collect(feed)
        issued = services.tickets.issue(IssueRequest("yanasegawa", "ecert"))
        _next_with(seen, "yanasegawa")  # issuing is a change (the waiting count moved)
        services.tickets.call(issued.ticket.id, 1)
        _next_with(seen, "yanasegawa")
    finally:
        feed.stop()
        reader.dispose()


def test_no_report_for_a_rolled_back_change(db_url, services, config):  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    reader = make_engine(db_url, read_only=True)
    feed = ChangeFeed(reader, tuple(config.offices), fallback=60)
    try:
        seen = _collect(feed)

        def failing(session):  # type: ignore[no-untyped-def]
            services.uow.bump_revision(session, "sogo")
            raise RuntimeError("boom")

        try:
            services.uow.write(failing)
        except RuntimeError:
            pass
        with services.engine.connect() as conn:  # a harmless committed write elsewhere
            conn.execute(text("SELECT 1"))
        issued = services.tickets.issue(IssueRequest("station", "certificate"))
        services.tickets.call(issued.ticket.id, 1)
        _next_with(seen, "station")
        while not seen.empty():
            assert "sogo" not in seen.get_nowait()
    finally:
        feed.stop()
        reader.dispose()


def test_feed_survives_a_stop_and_restart_of_its_reader(sqlite_url, sqlite_services, config):  # type: ignore[no-untyped-def]
    reader = make_engine(sqlite_url, read_only=True)
    feed = ChangeFeed(reader, tuple(config.offices))
    seen = _collect(feed)
    feed.stop()
    assert seen.empty()
    reader.dispose()
