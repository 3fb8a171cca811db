"""The ticket events and the audit log are append-only in the database itself (migration
0004): an UPDATE or DELETE (or TRUNCATE on PostgreSQL) sent by anyone is refused, on SQLite
and PostgreSQL, while inserting, backing up and restoring keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from queue_app.services import IssueRequest


def _seed(services) -> None:  # type: ignore[no-untyped-def]
    ticket = services.tickets.issue(IssueRequest("sogo", "certificate")).ticket
    services.tickets.call(ticket.id, 1)
    with services.uow.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_entry (at_ms, actor, action, subject, office_id) "
                "VALUES (1, 'S001', 'case_open', 'case:1', 'sogo')"
            )
        )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ticket_event SET staff = 'X'",
        "DELETE FROM ticket_event",
        "UPDATE audit_entry SET actor = 'X'",
        "DELETE FROM audit_entry",
    ],
)
def test_history_refuses_update_and_delete(services, statement: str) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    engine = services.uow.engine
    table = statement.split()[2] if statement.startswith("DELETE") else statement.split()[1]
    with engine.connect() as conn:
        before = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    with pytest.raises(DBAPIError) as err:
        with engine.begin() as conn:
            conn.execute(text(statement))
    assert "append-only" in str(err.value)
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == before
        assert (
            conn.execute(
                text(
                    f"SELECT count(*) FROM {table} WHERE 'X' IN ("
                    + ("staff" if table == "ticket_event" else "actor")
                    + ")"
                )
            ).scalar_one()
            == 0
        )
    # appending still works
    services.tickets.issue(IssueRequest("sogo", "certificate"))


@pytest.mark.parametrize("table", ["ticket_event", "audit_entry"])
def test_postgres_refuses_truncate(pg_url: str, config, clock, table: str) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_services

    services = make_services(pg_url, config, clock)
    _seed(services)
    with pytest.raises(DBAPIError) as err:
        with services.uow.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {table} CASCADE"))
    assert "append-only" in str(err.value)
    services.uow.engine.dispose()


def test_sqlite_restore_keeps_the_triggers(tmp_path: Path, config, clock) -> None:  # type: ignore[no-untyped-def]
    """A restore copies pages, so it neither trips the triggers nor loses them."""
    from db.backup import backup_sqlite, restore_sqlite
    from tests.conftest import make_services

    path = tmp_path / "m.db"
    services = make_services(f"sqlite:///{path}", config, clock)
    _seed(services)
    backup_sqlite(path, tmp_path / "b.db")
    services.tickets.issue(IssueRequest("sogo", "certificate"))
    restore_sqlite(tmp_path / "b.db", path)
    with services.uow.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ticket")).scalar_one() == 1
    with pytest.raises(DBAPIError):
        with services.uow.engine.begin() as conn:
            conn.execute(text("DELETE FROM ticket_event"))
    services.uow.engine.dispose()


def test_downgrade_removes_the_triggers(db_url: str) -> None:
    """0004 alone, up and down (later revisions have their own round trips)."""
    from alembic import command

    from db.engine import make_engine
    from db.migrate import _alembic_config

    engine = make_engine(db_url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.execute(
            text(
                "INSERT INTO audit_entry (at_ms, actor, action, subject) "
                "VALUES (1, 'S001', 'case_open', 'case:1')"
            )
        )
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_entry"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry"))  # allowed again
    engine.dispose()
