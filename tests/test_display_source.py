"""The display process reads on the bare driver (`DisplaySource`, `db/driver.py`): the same
board as the full services, on SQLite and PostgreSQL, read-only, back after the file was
replaced, and with no SQLAlchemy, SQLModel or pydantic loaded (issues 11 and 17: the ORM
stack was a third of the display's memory and most of its start-up)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from db.driver import DatabaseAddress, for_psycopg
from queue_app.domain.errors import DatabaseError, DatabaseUrlError
from queue_app.services.board import BoardService
from tests.conftest import make_services
from tests.display_support import OFFICE, call_next, display_source, seed
from tests.plans_ui_support import seed_pickup
from tests.waiting import DEADLINE

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///relative/q.db",
        "sqlite:////abs/folder/q.db",
        "sqlite:////abs/with%20space/q.db",
        "sqlite:///~/q.db",
        "sqlite:////abs/q.db?timeout=3",
    ],
)
def test_a_sqlite_url_names_the_file_sqlalchemy_would_open(url: str) -> None:
    expected = os.path.expanduser(str(make_url(url).database))
    assert DatabaseAddress.parse(url) == DatabaseAddress("sqlite", path=expected)


def test_the_read_only_engines_uri_form_names_the_same_file(tmp_path: Path) -> None:
    from db.engine import make_engine

    (tmp_path / "q.db").touch()
    engine = make_engine(f"sqlite:///{tmp_path}/q.db", read_only=True)
    rendered = engine.url.render_as_string(hide_password=False)  # sqlite:///file%3A...?mode=ro
    assert DatabaseAddress.parse(rendered).path == str(tmp_path / "q.db")
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:p%40ss@db.example:5433/madoguchi",
        "postgres://u@localhost/q",
        "postgresql+psycopg://u:pw@127.0.0.1:5432/q?sslmode=require",
    ],
)
def test_a_postgres_url_gives_psycopg_the_same_server_user_and_database(url: str) -> None:
    from db.engine import normalize_url

    address = DatabaseAddress.parse(url)
    parsed = make_url(normalize_url(url))
    info = psycopg.conninfo.conninfo_to_dict(address.conninfo)
    assert address.dialect == "postgresql"
    assert info.get("host") == parsed.host and info.get("dbname") == parsed.database
    assert info.get("user") == parsed.username and info.get("password") == parsed.password
    assert str(info.get("port", "")) == str(parsed.port or "")


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://u@h/d"])
def test_an_unusable_url_is_refused_with_the_url_error(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        DatabaseAddress.parse(url)


def test_statements_are_turned_into_psycopg_style_outside_literals() -> None:
    sql = "SELECT a FROM t WHERE x = :office AND d LIKE 'transfer:%' AND y >= :since_ms"
    assert for_psycopg(sql) == (
        "SELECT a FROM t WHERE x = %(office)s AND d LIKE 'transfer:%%' AND y >= %(since_ms)s"
    )
    assert for_psycopg("SELECT 'a:b', :x") == "SELECT 'a:b', %(x)s"


def _busy_day(svc: Any) -> None:
    """Calls at three counters, a recall, finished visits (the estimate's durations), a
    transfer, and the pickup stage."""
    seed_pickup(svc)
    t = svc.tickets
    called = call_next(svc, 2)
    svc.clock.advance(minutes=2)
    t.recall(called.id, 2)
    t.start(called.id, 2)
    svc.clock.advance(minutes=7)
    t.finish(called.id, "renewed", 2, "S001")


def test_the_display_reads_the_same_board_as_the_services(db_url: str, config, clock) -> None:
    writer = make_services(db_url, config, clock)
    _busy_day(writer)
    source = display_source(db_url, config, clock)
    try:
        for office in config.offices:
            bare = BoardService(source).snapshot(office)
            full = BoardService(writer).snapshot(office)
            assert bare == full
        snap = BoardService(source).snapshot(OFFICE)
        assert snap.calls and snap.ready and snap.queues  # a real picture was compared
        assert any(q.waiting for q in snap.queues)
    finally:
        source.close()
        writer.engine.dispose()


def test_the_bare_source_cannot_write(db_url: str, config, clock) -> None:
    writer = make_services(db_url, config, clock)
    seed(writer)
    source = display_source(db_url, config, clock)
    try:
        with pytest.raises((DatabaseError, psycopg.Error)):
            with source.reading() as reader:
                reader.rows("UPDATE revision SET value = value + 1")
        with source.reading() as reader:  # and reads again afterwards
            assert BoardService(source).revision_key() == BoardService(writer).revision_key()
            assert reader.rows("SELECT count(*) FROM ticket")[0][0] > 0
    finally:
        source.close()
        writer.engine.dispose()


def test_a_replaced_or_missing_file_is_read_afresh(sqlite_url: str, config, clock) -> None:
    """A restore replaces the file: the kept connection must not show the old data."""
    path = Path(make_url(sqlite_url).database or "")
    writer = make_services(sqlite_url, config, clock)
    seed(writer)
    writer.engine.dispose()
    spare = path.with_name("spare.db")
    shutil.copy(path, spare)
    writer = make_services(sqlite_url, config, clock)
    call_next(writer, 2)  # the live file moves on; the spare keeps the morning
    writer.engine.dispose()
    source = display_source(sqlite_url, config, clock)
    try:
        before = BoardService(source).snapshot(OFFICE)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(spare, path)  # what a restore does
        after = BoardService(source).snapshot(OFFICE)
        assert len(after.calls) == len(before.calls) - 1
        path.unlink()
        with pytest.raises(DatabaseError) as missing:
            BoardService(source).snapshot(OFFICE)
        assert missing.value.key == "err.db_missing"
    finally:
        source.close()


CHILD = textwrap.dedent(
    """
    import asyncio, json, sys, time
    import screens.app as sa

    def headless(self):  # the terminal display's own run, without a terminal
        async def go():
            async with self.run_test(size=(80, 24)) as pilot:
                end = time.monotonic() + {deadline}
                while getattr(self.screen, "snapshot", None) is None:
                    assert time.monotonic() < end, "the board was never drawn"
                    await pilot.pause(0.02)
                print(json.dumps(self.screen.shown_call()))
        asyncio.run(go())

    sa.MadoguchiApp.run = headless
    from queue_app.cli import main
    code = main(["display", "--office", "sogo", "--no-chime"])
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
    print(json.dumps({{"code": code, "heavy": heavy}}))
    """
)


def test_the_display_process_loads_no_orm(sqlite_url: str, config, clock, tmp_path) -> None:
    """`madoguchi display` end to end in its own interpreter: the board is drawn, and not one
    module of SQLAlchemy, SQLModel, pydantic or Alembic was imported for it."""
    writer = make_services(sqlite_url, config, clock)
    seed(writer)
    writer.engine.dispose()
    env = dict(os.environ, MADOGUCHI_DATABASE_URL=sqlite_url, PYTHONPATH=str(ROOT))
    env["MADOGUCHI_NOW"] = clock.now().isoformat()
    code = CHILD.format(deadline=DEADLINE, heavy=set(HEAVY))
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=DEADLINE * 3,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    assert lines[0] == '["A-002", "4"]'  # the newest call of the seeded morning (counter 4)
    assert lines[-1] == '{"code": 0, "heavy": []}'


def test_the_board_loads_no_appointment_rules() -> None:
    """The board's service and the display screen import neither the appointments' views
    nor the rules behind them (`bring`, `assessment`): the display shows no appointment
    (issue 17: ~30-50 ms of its start-up)."""
    code = (
        "import sys, json; import queue_app.services.board, screens.display.screen; "
        "print(json.dumps(sorted(m for m in sys.modules if m in {"
        "'queue_app.domain.inquiry_views', 'queue_app.domain.bring', "
        "'queue_app.domain.assessment'})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=DEADLINE * 3,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
