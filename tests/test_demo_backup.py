"""`madoguchi db backup` / `db restore`: round trips through the CLI, SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from db.models import Ticket, TicketEvent
from queue_app.cli import main
from queue_app.demo.history import generate
from tests.pgcluster import skip_allowed
from tests.waiting import join_all, poll


def _wipe(engine) -> None:  # type: ignore[no-untyped-def]
    """A disaster: the history is gone. Its rows cannot be deleted (the events and the audit
    log are append-only, migration 0004), so the tables are dropped."""
    SQLModel.metadata.drop_all(engine)
    assert "ticket" not in inspect(engine).get_table_names()


def _count(engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def cli_db(tmp_path, monkeypatch, config):  # type: ignore[no-untyped-def]
    from db.engine import make_engine
    from db.migrate import upgrade

    url = f"sqlite:///{tmp_path}/data/madoguchi.db"
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    generate(engine, config, date(2026, 11, 2), date(2026, 11, 13), seed=2, offices=["sogo"])
    yield engine
    engine.dispose()


def test_sqlite_backup_and_restore_round_trip(cli_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    tickets, events = _count(cli_db, Ticket), _count(cli_db, TicketEvent)
    out = tmp_path / "backups" / "madoguchi-2026-11-13.db"
    assert main(["db", "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert out.exists() and not Path(str(out) + ".part").exists()
    # a second backup to the same name is refused unless forced
    assert main(["db", "backup", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["db", "backup", "--out", str(out), "--force"]) == 0

    _wipe(cli_db)  # disaster: the history is gone

    assert main(["db", "restore", "--from", str(out)]) == 2  # needs --yes
    assert "--yes" in capsys.readouterr().err
    assert "ticket" not in inspect(cli_db).get_table_names()
    assert main(["db", "restore", "--from", str(out), "--yes"]) == 0
    assert _count(cli_db, Ticket) == tickets
    assert _count(cli_db, TicketEvent) == events
    assert main(["db", "current"]) == 0  # the restored schema is the current one


def test_restore_refuses_files_that_are_not_backups(cli_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    assert main(["db", "restore", "--from", str(junk), "--yes"]) == 2
    assert "SQLite" in capsys.readouterr().err
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert main(["db", "restore", "--from", str(other), "--yes"]) == 2
    assert "Madoguchi" in capsys.readouterr().err
    assert main(["db", "restore", "--from", str(tmp_path / "missing.db"), "--yes"]) == 2
    assert _count(cli_db, Ticket) > 0


def test_sqlite_backup_is_consistent_while_a_terminal_writes(
    cli_db, tmp_path, config, clock
) -> None:  # type: ignore[no-untyped-def]
    """Tickets keep being issued during the backup: the copy is a consistent snapshot."""
    from queue_app.services import IssueRequest, Services
    from tests.conftest import SECRET

    services = Services(cli_db, config, clock, SECRET)
    stop = threading.Event()
    issued: list[int] = []
    failed: list[BaseException] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                issued.append(services.tickets.issue(IssueRequest("sogo", "certificate")).ticket.id)
        except BaseException as exc:  # reported below instead of leaving the test waiting
            failed.append(exc)

    thread = threading.Thread(target=writer, name="writer")
    thread.start()
    try:
        # a bounded wait (not a spin): ends when the writer has issued 5 or has died
        poll(lambda: len(issued) >= 5 or bool(failed), "the writer issuing 5 tickets")
        assert not failed, failed
        out = tmp_path / "live.db"
        assert main(["db", "backup", "--out", str(out)]) == 0
    finally:
        stop.set()
        join_all([thread])
    assert not failed, failed
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every ticket in the copy has its issue event, and numbers have no gaps
        orphans = conn.execute(
            "SELECT COUNT(*) FROM ticket t WHERE NOT EXISTS "
            "(SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id)"
        ).fetchone()[0]
        assert orphans == 0
        last, count = conn.execute(
            "SELECT MAX(number), COUNT(*) FROM ticket WHERE service_day = '2026-12-01'"
        ).fetchone()
        assert last == count and count >= 5
    finally:
        conn.close()


@pytest.mark.postgres
def test_postgres_backup_and_restore_round_trip(
    pg_url, tmp_path, monkeypatch, config, capsys
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from db.engine import make_engine
    from db.migrate import upgrade

    if shutil.which("pg_dump") is None:  # it comes with PostgreSQL: required like the server
        if skip_allowed():
            pytest.skip("pg_dump not installed and MADOGUCHI_SKIP_PG=1")
        pytest.fail("pg_dump is required (postgresql-client): bash scripts/system-packages.sh")
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", pg_url)
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        generate(engine, config, date(2026, 11, 2), date(2026, 11, 6), seed=2, offices=["sogo"])
        tickets = _count(engine, Ticket)
        out = tmp_path / "pg.dump"
        code = main(["db", "backup", "--out", str(out)])
        err = capsys.readouterr().err
        if code != 0 and "server version" in err:
            pytest.skip(f"pg_dump older than the server: {err}")
        assert code == 0, err
        _wipe(engine)
        engine.dispose()
        assert main(["db", "restore", "--from", str(out), "--yes"]) == 0, capsys.readouterr().err
        assert _count(engine, Ticket) == tickets
        # the restored history is append-only again (the dump carries the triggers)
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM ticket_event"))
    finally:
        engine.dispose()


def test_postgres_backup_without_pg_dump_says_what_to_do(monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", "postgresql://madoguchi:pw@db.example/madoguchi")
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump anywhere
    assert main(["db", "backup", "--out", str(tmp_path / "x.dump")]) == 3
    err = capsys.readouterr().err
    assert "pg_dump" in err and "postgresql-client" in err
