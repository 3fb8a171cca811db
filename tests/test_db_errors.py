"""A database that cannot be written, is locked past the timeout, or cannot be reached:
one clear DatabaseError with a catalogue key, and nothing half-written."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from db.engine import make_engine
from db.migrate import upgrade
from queue_app.domain.errors import DatabaseError
from queue_app.services import IssueRequest, Services
from tests.conftest import SECRET
from tests.helpers_engine import snapshot
from tests.waiting import DEADLINE


def test_sqlite_path_under_a_regular_file_is_unwritable() -> None:
    """/etc/hostname is a file: nothing (not even root) can create a directory below it."""
    with pytest.raises(DatabaseError) as err:
        make_engine("sqlite:////etc/hostname/madoguchi/x.db")
    assert err.value.key == "err.db_unwritable"
    assert err.value.params["path"] == "/etc/hostname/madoguchi/x.db"
    assert err.value.exit_code == 3


def test_sqlite_file_in_proc_is_unwritable() -> None:
    """/proc exists but takes no new files, even from root: refused when first used."""
    engine = make_engine("sqlite:////proc/madoguchi-test.db")
    with pytest.raises(DatabaseError) as err:
        upgrade(engine)
    assert err.value.key == "err.db_unwritable"
    assert err.value.params["path"] == "/proc/madoguchi-test.db"
    assert not Path("/proc/madoguchi-test.db").exists()


def test_read_only_sqlite_engine_refuses_writes(sqlite_services: Any, sqlite_url: str) -> None:
    before = snapshot(sqlite_services)
    ro = Services(
        make_engine(sqlite_url, read_only=True),
        sqlite_services.config,
        sqlite_services.clock,
        SECRET,
    )
    with pytest.raises(DatabaseError) as err:
        ro.tickets.issue(IssueRequest("sogo", "ecert"))
    assert err.value.key == "err.db_unwritable"
    assert snapshot(sqlite_services) == before
    # reading still works
    assert ro.tickets.list("sogo") == []
    ro.engine.dispose()


def test_read_only_postgres_role_refuses_writes(
    pg_cluster: Any, pg_url: str, config: Any, clock: Any
) -> None:
    from tests.conftest import make_services

    services = make_services(pg_url, config, clock)
    tid = services.tickets.issue(IssueRequest("sogo", "ecert")).ticket.id
    before = snapshot(services, tid)
    ro_url = pg_cluster.create_role("display_ro", "pw", database=pg_url, read_only=True)
    ro = Services(make_engine(ro_url), config, clock, SECRET)
    for action in (
        lambda: ro.tickets.issue(IssueRequest("sogo", "ecert")),
        lambda: ro.tickets.call_next("sogo", 3),
    ):
        with pytest.raises(DatabaseError) as err:
            action()
        assert err.value.key in ("err.db_unwritable", "err.db_unavailable")
        assert "password" not in str(err.value.params) and "pw@" not in str(err.value.params)
    assert ro.tickets.get(tid).state == "waiting"
    assert snapshot(services, tid) == before
    ro.engine.dispose()
    services.engine.dispose()
    pg_cluster.drop_role("display_ro", databases=[pg_url.rsplit("/", 1)[1]])


def _hold_write_lock(path: str) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, timeout=0.1, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO revision (office_id, value) VALUES ('lock-holder', 1)")
    return holder


def test_locked_past_the_timeout(sqlite_services: Any, sqlite_url: str) -> None:
    svc = sqlite_services
    tid = svc.tickets.issue(IssueRequest("sogo", "ecert")).ticket.id
    before = snapshot(svc, tid)
    impatient = Services(
        make_engine(sqlite_url, busy_timeout_ms=200), svc.config, svc.clock, SECRET
    )
    holder = _hold_write_lock(sqlite_url.removeprefix("sqlite:///"))
    try:
        for action in (
            lambda: impatient.tickets.issue(IssueRequest("sogo", "ecert")),
            lambda: impatient.tickets.call_next("sogo", 3),
            lambda: impatient.tickets.cancel(tid),
        ):
            began = time.monotonic()
            with pytest.raises(DatabaseError) as err:
                action()
            assert err.value.key == "err.db_locked"
            assert time.monotonic() - began < DEADLINE  # bounded retries, no hang
        # readers are not blocked by a writer (WAL)
        assert impatient.tickets.get(tid).state == "waiting"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(svc, tid) == before
    # once the lock is gone the same engine works again
    assert impatient.tickets.issue(IssueRequest("sogo", "ecert")).ticket.number == 2
    impatient.engine.dispose()


def test_lock_released_within_the_timeout_is_waited_for(
    sqlite_services: Any, sqlite_url: str
) -> None:
    import threading

    holder = _hold_write_lock(sqlite_url.removeprefix("sqlite:///"))

    def release() -> None:
        holder.execute("ROLLBACK")
        holder.close()

    threading.Timer(0.3, release).start()
    result = sqlite_services.tickets.issue(IssueRequest("sogo", "ecert"))  # 5 s busy_timeout
    assert result.ticket.number == 1


def test_postgres_unreachable(config: Any, clock: Any) -> None:
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/x")
    with pytest.raises(DatabaseError) as err:
        upgrade(engine)
    assert err.value.key == "err.db_unavailable"
    services = Services(engine, config, clock, SECRET)
    for action in (
        lambda: services.tickets.issue(IssueRequest("sogo", "ecert")),
        lambda: services.tickets.list("sogo"),
        lambda: services.tickets.call_next("sogo", 3),
    ):
        with pytest.raises(DatabaseError) as err:
            action()
        assert err.value.key == "err.db_unavailable"
        assert err.value.exit_code == 3
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    ["mysql://root@localhost/x", "sqlite:///:memory:", "sqlite://", "not a url"],
)
def test_bad_database_url(url: str) -> None:
    with pytest.raises(DatabaseError) as err:
        make_engine(url)
    assert err.value.key == "err.db_url"
    assert err.value.exit_code == 2  # the value typed is wrong: a usage error


def test_bad_synchronous_mode(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as err:
        make_engine(f"sqlite:///{tmp_path}/x.db", synchronous="sometimes")
    assert err.value.key == "err.db_url"


def test_failure_mid_transaction_leaves_nothing(services: Any, monkeypatch: Any) -> None:
    """A failure after the counter and ticket were written rolls back all of it: the
    number is not used up, no ticket and no event remain."""
    import queue_app.services.uow as uow_module

    services.tickets.issue(IssueRequest("sogo", "ecert"))
    before = snapshot(services)

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(uow_module.UnitOfWork, "bump_revision", boom)
    tid = services.tickets.list("sogo")[0].id
    with pytest.raises(RuntimeError):
        services.tickets.call(tid, 3)  # update + event written, then the revision fails
    monkeypatch.undo()
    assert snapshot(services) == before
    assert services.tickets.get(tid).state == "waiting"
    assert services.tickets.issue(IssueRequest("sogo", "ecert")).ticket.number == 2
