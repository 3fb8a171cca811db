"""The PostgreSQL test fixtures work: real server, one fresh database per test, and roles
whose rights are enforced (the display's read-only test relies on `create_role`)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from tests.pgcluster import ThrowawayCluster

_seen_databases: list[str] = []


def _scalar(url: str, statement: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(statement)).scalar_one()
    finally:
        engine.dispose()


def test_connects_to_real_postgresql(pg_url: str) -> None:
    assert make_url(pg_url).drivername == "postgresql+psycopg"
    assert _scalar(pg_url, "select 1") == 1
    assert "PostgreSQL" in str(_scalar(pg_url, "select version()"))
    assert _scalar(pg_url, "show server_encoding") == "UTF8"


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_its_own_empty_database(pg_url: str, run: int) -> None:
    name = str(_scalar(pg_url, "select current_database()"))
    assert name == make_url(pg_url).database
    assert name not in _seen_databases
    _seen_databases.append(name)
    # Empty: a table made by the other run would still be here if databases were shared.
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []
            conn.execute(sa.text("create table marker (id int)"))
    finally:
        engine.dispose()


def test_select_only_role_cannot_insert(pg_cluster: ThrowawayCluster, pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("create table ticket (id serial primary key, label text)"))
            conn.execute(sa.text("insert into ticket (label) values ('A-001')"))
    finally:
        engine.dispose()

    role = f"reader_{uuid.uuid4().hex[:8]}"
    reader_url = pg_cluster.create_role(role, "secret", database=pg_url, read_only=True)
    assert make_url(reader_url).username == role

    reader = sa.create_engine(reader_url)
    try:
        with reader.connect() as conn:
            assert conn.execute(sa.text("select current_user")).scalar_one() == role
            assert conn.execute(sa.text("select label from ticket")).scalar_one() == "A-001"
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            with reader.begin() as conn:
                conn.execute(sa.text("insert into ticket (label) values ('A-002')"))
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            with reader.begin() as conn:
                conn.execute(sa.text("create table sneaky (id int)"))
    finally:
        reader.dispose()
    pg_cluster.drop_role(role, databases=[str(make_url(pg_url).database)])


def test_db_url_runs_once_per_backend(db_url: str, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.params["db_url"]
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[backend]
    engine = sa.create_engine(db_url)
    try:
        assert engine.dialect.name == expected
        with engine.connect() as conn:
            assert conn.execute(sa.text("select 1")).scalar_one() == 1
    finally:
        engine.dispose()
