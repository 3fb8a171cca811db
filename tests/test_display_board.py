"""The board use case: one frozen snapshot per poll, read-only, no secret needed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from queue_app.services import IssueRequest
from queue_app.services.board import BoardService
from tests.conftest import make_services
from tests.display_support import OFFICE, display_services, seed

JST = ZoneInfo("Asia/Tokyo")


def test_snapshot_calls_queues_others(services, config, clock):
    seed(services)
    board = BoardService(services)
    snap = board.snapshot(OFFICE)
    assert [c.display_number for c in snap.calls] == ["A-002", "B-001", "A-001"]
    assert snap.newest is not None and snap.newest.counter == 4
    queues = {q.service_id: q for q in snap.queues}
    assert queues["ecert"].waiting == 4  # 6 issued, 2 called
    assert queues["ecert"].estimate_minutes == 30  # 4 people / 2 counters * 15 min
    assert queues["ecert"].level == "crowded"
    assert queues["certificate"].waiting == 2 and queues["certificate"].level == "quiet"
    others = {o.office_id: o for o in snap.others}
    assert others["yanasegawa"].open_now and others["yanasegawa"].waiting == 2
    assert others["station"].open_now and others["station"].waiting == 0
    assert snap.today_open and [h.as_pair() for h in snap.hours] == [["08:30", "17:15"]]
    assert snap.minutes_until_close is None  # 09:03, far from the end
    assert snap.closures == ()  # Tuesday: nothing closed in the week ahead but the weekend


def test_revision_key_moves_on_every_change_of_any_office(services):
    board = BoardService(services)
    before = board.revision_key()
    services.tickets.issue(IssueRequest("yanasegawa", "ecert"))
    after = board.revision_key()
    assert after != before and dict(after)["yanasegawa"] == 1
    services.tickets.call_next("yanasegawa", 1)
    assert board.revision_key() != after
    assert board.revision("yanasegawa") == 2


def test_until_close_and_tomorrow_closed(sqlite_services, clock):
    clock.set(datetime(2026, 12, 4, 16, 55, tzinfo=JST))  # a Friday, 20 minutes left
    snap = BoardService(sqlite_services).snapshot(OFFICE)
    assert snap.minutes_until_close == 20
    assert snap.closures[0].start == date(2026, 12, 5)
    assert snap.closures[0].end == date(2026, 12, 6)  # Sat+Sun merged into one line
    assert snap.closures[0].service_id is None


def test_station_maintenance_sunday_is_a_coming_service_closure(sqlite_services, clock):
    # 2026-12-19 is the third Saturday: e-certificates stop at the station on Sunday the 20th
    clock.set(datetime(2026, 12, 17, 10, 0, tzinfo=JST))
    snap = BoardService(sqlite_services).snapshot("station")
    ecert = [c for c in snap.closures if c.service_id == "ecert"]
    assert ecert and ecert[0].start == date(2026, 12, 20)
    assert ecert[0].reason is not None and ecert[0].reason.code == "system_maintenance"
    # the weekly Wednesday closure a week ahead is routine, not announced
    assert all(c.start != date(2026, 12, 23) for c in snap.closures)


def test_year_end_closure_is_one_line(sqlite_services, clock):
    clock.set(datetime(2026, 12, 25, 10, 0, tzinfo=JST))  # a Friday
    snap = BoardService(sqlite_services).snapshot(OFFICE)
    year_end = [c for c in snap.closures if c.reason and c.reason.code == "year_end"]
    assert len(year_end) == 1
    assert (year_end[0].start, year_end[0].end) == (date(2026, 12, 29), date(2027, 1, 1))


def test_closed_today_snapshot(sqlite_services, clock):
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=JST))  # Sunday
    snap = BoardService(sqlite_services).snapshot(OFFICE)
    assert not snap.today_open and not snap.open_now
    assert snap.closed_reason is not None and snap.closed_reason.code == "weekend"


def test_read_only_sqlite_without_secret(sqlite_url, config, clock):
    writer = make_services(sqlite_url, config, clock)
    seed(writer)
    reader = display_services(sqlite_url, config, clock)
    snap = BoardService(reader).snapshot(OFFICE)
    assert snap.newest is not None and snap.newest.display_number == "A-002"
    with pytest.raises(DBAPIError), reader.engine.begin() as conn:
        conn.execute(text("UPDATE revision SET value = value + 1"))
    reader.engine.dispose()
    writer.engine.dispose()


def test_select_only_postgres_role(pg_url, pg_cluster, config, clock):
    writer = make_services(pg_url, config, clock)
    seed(writer)
    name = f"display_{uuid.uuid4().hex[:8]}"
    role_url = pg_cluster.create_role(name, "pw-display", database=pg_url, read_only=True)
    reader = display_services(role_url, config, clock)
    try:
        snap = BoardService(reader).snapshot(OFFICE)
        assert [c.display_number for c in snap.calls] == ["A-002", "B-001", "A-001"]
        assert BoardService(reader).revision_key() == BoardService(writer).revision_key()
        # neither the role nor the session may write
        with pytest.raises(DBAPIError), reader.engine.begin() as conn:
            conn.execute(text("UPDATE revision SET value = value + 1"))
        plain = make_services(role_url, config, clock)  # not read-only session: role refuses
        with pytest.raises(DBAPIError), plain.engine.begin() as conn:
            conn.execute(text("UPDATE revision SET value = value + 1"))
        plain.engine.dispose()
    finally:
        reader.engine.dispose()
        writer.engine.dispose()


def test_other_office_closed_all_day_names_the_reason(sqlite_services, clock):
    """A visitor choosing where to go must see 'closed today (水曜休所)', not 'out of hours'."""
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")))  # a Wednesday
    snap = BoardService(sqlite_services).snapshot("sogo")
    station = next(o for o in snap.others if o.office_id == "station")
    assert not station.open_now and station.closed_reason is not None
    assert station.closed_reason.ja == "水曜休所"
    yanase = next(o for o in snap.others if o.office_id == "yanasegawa")
    assert yanase.open_now and yanase.closed_reason is None
