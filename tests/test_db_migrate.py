"""Migrations: a second run changes nothing, a newer database is refused, an older one is
named, 0002 and 0003 keep existing tickets and events, and the migrated schema is the one
db/models.py declares (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
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
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("ticket")}
    # 0003: ix_ticket_day dropped (ix_ticket_queue serves every query), request_id unique
    # through a partial index that skips the NULLs
    assert "ix_ticket_queue" in indexes and "ix_ticket_day" not in indexes
    assert indexes["uq_ticket_request"]["unique"]
    assert "uq_ticket_request" not in uniques
    event_indexes = {i["name"] for i in inspect(engine).get_indexes("ticket_event")}
    assert event_indexes == {"ix_event_office_day"}
    with engine.begin() as conn:
        conn.execute(text("UPDATE ticket SET request_id = 'kiosk-1' WHERE id = 1"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE ticket SET request_id = 'kiosk-1' WHERE id = 2"))
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_migrated_schema_matches_models(db_url: str) -> None:
    """Alembic's autogenerate finds nothing to change: the migrations build exactly the
    tables, constraints and indexes db/models.py declares (partial unique index included)."""
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        where = "request_id = 'kiosk-1'"
        if engine.dialect.name == "sqlite":
            plan = " ".join(
                str(r[3])
                for r in conn.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE {where}"
                )
            )
            assert "uq_ticket_request" in plan
    with engine.begin() as conn:  # NULLs never collide, a repeated request_id does
        for tid in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO ticket (id, office_id, service_id, issued_service_id, "
                    "service_day, number, display_number, visit_kind, decision, state, "
                    "priority, issued_ms, queued_ms, recall_count) VALUES (:id, 'sogo', "
                    "'ecert', 'ecert', '2026-12-01', :id, 'A', '', '', 'waiting', 0, 1, 1, 0)"
                ),
                {"id": tid},
            )
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE ticket SET request_id = 'r' WHERE id IN (1, 2)"))
    engine.dispose()


def _run(conn: Any, step: Any, target: str) -> None:
    """One Alembic step on a connection kept across steps (foreign keys stay off on SQLite)."""
    conn.commit()  # end the autobegun transaction of the pragma / revision read
    cfg = _alembic_config()
    with conn.begin():
        cfg.attributes["connection"] = conn
        step(cfg, target)


def test_every_revision_steps_down_and_up_again(db_url: str) -> None:
    """Each revision's downgrade undoes its upgrade well enough for the upgrade to run again
    (a rollback after a bad release): head → base one step at a time, then back to head, and
    the schema is again exactly the models'. SQLite's table rebuilds (0005) are the risk."""
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        steps = 0
        while MigrationContext.configure(conn).get_current_revision() is not None:
            _run(conn, command.downgrade, "-1")
            steps += 1
        assert steps == int(head_revision())
        _run(conn, command.upgrade, "head")
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_nonce_revision_round_trip_keeps_tickets(db_url: str) -> None:
    """0005 down to 0004 and up again on a database with tickets: they survive (SQLite
    rebuilds the table twice) and the nonce column is back, empty for them."""
    engine = make_engine(db_url)
    upgrade(engine)
    insert = text(
        "INSERT INTO ticket (office_id, service_id, issued_service_id, service_day, number, "
        "display_number, visit_kind, decision, state, priority, issued_ms, queued_ms, "
        "recall_count) VALUES ('sogo', 'ecert', 'ecert', '2026-12-01', :n, 'A', '', '', "
        "'waiting', 0, 1, 1, 0)"
    )
    with engine.begin() as conn:
        conn.execute(insert, {"n": 1})
        conn.execute(insert, {"n": 2})
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        _run(conn, command.downgrade, "0004")
        _run(conn, command.upgrade, "0005")
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT number, nonce FROM ticket ORDER BY number")).all()
        assert [tuple(r) for r in rows] == [(1, None), (2, None)]
        conn.execute(insert, {"n": 3})
        ids = conn.execute(text("SELECT id FROM ticket ORDER BY number")).scalars().all()
    assert len(set(ids)) == 3 and ids[2] > max(ids[:2])
    engine.dispose()
