"""Migrations: a second run changes nothing, a newer database is refused, an older one is
named, and 0002 keeps existing tickets and events (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import _alembic_config, check, head_revision, table_names, upgrade
from queue_app.domain.errors import DatabaseError


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    engine = make_engine(db_url)
    assert upgrade(engine) == head_revision() == check(engine)
    tables = table_names(engine)
    assert {"ticket", "ticket_event", "daily_counter", "revision"} <= set(tables)
    upgrade(engine)
    assert table_names(engine) == tables and check(engine) == head_revision()
    engine.dispose()


def test_uninitialized_and_newer_database_refused(db_url: str) -> None:
    engine = make_engine(db_url)
    with pytest.raises(DatabaseError) as err:
        check(engine)
    assert err.value.key == "err.db_not_initialized"
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    for fn in (check, upgrade):
        with pytest.raises(DatabaseError) as err:
            fn(engine)
        assert err.value.key == "err.db_newer"
        assert err.value.params["revision"] == "9999"
    engine.dispose()


def _at(engine: Any, revision: str) -> None:
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def test_outdated_database_named_then_upgraded_with_data(db_url: str) -> None:
    """A 0001 database holding tickets and events upgrades to head: rows kept, foreign keys
    intact, and the number is unique per *issued* service (a transfer no longer collides)."""
    engine = make_engine(db_url)
    _at(engine, "0001")
    with pytest.raises(DatabaseError) as err:
        check(engine)
    assert err.value.key == "err.db_outdated"
    with engine.begin() as conn:
        for tid, service, label in ((1, "ecert", "A-001"), (2, "certificate", "B-001")):
            conn.execute(
                text(
                    "INSERT INTO ticket (id, office_id, service_id, issued_service_id, "
                    "service_day, number, display_number, visit_kind, decision, state, "
                    "priority, issued_ms, queued_ms, recall_count) VALUES (:id, 'sogo', :s, "
                    ":s, '2026-12-01', 1, :label, '', '', 'waiting', 0, 1, 1, 0)"
                ),
                {"id": tid, "s": service, "label": label},
            )
            conn.execute(
                text(
                    "INSERT INTO ticket_event (ticket_id, office_id, service_id, service_day, "
                    "to_state, at_ms) VALUES (:id, 'sogo', :s, '2026-12-01', 'waiting', 1)"
                ),
                {"id": tid, "s": service},
            )
    upgrade(engine)
    assert check(engine) == head_revision()
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM ticket_event")).scalar() == 2
        # B-001 transferred to ecert, where A-001 exists
        conn.execute(text("UPDATE ticket SET service_id = 'ecert' WHERE id = 2"))
    uniques = {
        u["name"]: u["column_names"] for u in inspect(engine).get_unique_constraints("ticket")
    }
    assert uniques["uq_ticket_number"] == [
        "office_id",
        "issued_service_id",
        "service_day",
        "number",
    ]
    indexes = {i["name"] for i in inspect(engine).get_indexes("ticket")}
    assert {"ix_ticket_queue", "ix_ticket_day"} <= indexes
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
