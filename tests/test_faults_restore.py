"""Issue 16: a restore never hands out a number, an id or a token twice; it refuses to
replace a database that other processes still use, and one whose high-water mark cannot
be read unless forced (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.backup import backup
from db.restore import restore
from queue_app.cli import main
from queue_app.domain.errors import DatabaseError, MadoguchiError
from queue_app.services import IssueRequest
from tests.conftest import make_services


def _backup(url: str, out: Path) -> None:
    if url.startswith("postgresql") and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    try:
        backup(url, out)
    except DatabaseError as exc:  # pg_dump older than the server
        if "server version" in str(exc.params.get("problem", "")):
            pytest.skip(f"pg_dump cannot dump this server: {exc.params}")
        raise


def _issue(services: Any, n: int, service: str = "ecert") -> list[Any]:
    return [services.tickets.issue(IssueRequest("sogo", service)) for _ in range(n)]


def test_restore_never_reuses_a_number_an_id_or_a_token(
    db_url: str, config: Any, clock: Any, tmp_path: Path
) -> None:
    """Issue 3, back up, issue 3 more (handed to visitors), restore: the next tickets get
    numbers and ids above all six, and tokens none of the six had."""
    services = make_services(db_url, config, clock)
    before = _issue(services, 3) + _issue(services, 1, "certificate")
    out = tmp_path / "backup.db"
    _backup(db_url, out)
    after = _issue(services, 3) + _issue(services, 2, "certificate")
    case_ids = {t.ticket.id for t in before + after}
    services.engine.dispose()

    result = restore(db_url, out)
    assert result.counters_raised >= 2 and result.ids_raised >= 1

    services = make_services(db_url, config, clock)
    try:
        fresh = _issue(services, 2) + _issue(services, 1, "certificate")
        numbers = [t.ticket.number for t in fresh]
        assert numbers == [7, 8, 4], numbers  # above the highest ever issued, per service
        assert min(t.ticket.id for t in fresh) > max(case_ids)
        old_labels = {t.ticket.display_number for t in before + after}
        assert not old_labels & {t.ticket.display_number for t in fresh}
        old_tokens = {t.token for t in before + after}
        assert not old_tokens & {t.token for t in fresh}
        # a paper ticket issued after the backup is not taken for anyone's ticket
        for old in after:
            with pytest.raises(MadoguchiError):
                services.tickets.verify_token(old.token, "sogo")
        # tickets from before the backup are still valid
        assert services.tickets.verify_token(before[0].token, "sogo").id == before[0].ticket.id
    finally:
        services.engine.dispose()


def test_cli_restore_reports_the_carried_mark(
    sqlite_url: str, config: Any, clock: Any, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    services = make_services(sqlite_url, config, clock)
    _issue(services, 2)
    out = tmp_path / "b.db"
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    assert main(["--lang", "en", "db", "backup", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600  # a backup holds personal data
    _issue(services, 2)
    services.engine.dispose()
    assert main(["--lang", "en", "db", "restore", "--from", str(out), "--yes"]) == 0
    assert "numbering continues above the highest number" in capsys.readouterr().out
    services = make_services(sqlite_url, config, clock)
    assert _issue(services, 1)[0].ticket.number == 5
    services.engine.dispose()


def test_restore_refuses_while_another_process_uses_the_sqlite_file(
    sqlite_url: str, config: Any, clock: Any, tmp_path: Path
) -> None:
    services = make_services(sqlite_url, config, clock)
    _issue(services, 1)
    out = tmp_path / "b.db"
    backup(sqlite_url, out)
    path = sqlite_url.removeprefix("sqlite:///")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM ticket').fetchone(); print('ready', flush=True); "
            "sys.stdin.read()",
            path,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseError) as err:
            restore(sqlite_url, out)
        assert err.value.key == "err.restore_live"
        assert f"pid {holder.pid}" in str(err.value.params["processes"])
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    services.engine.dispose()
    restore(sqlite_url, out)  # once it is gone the restore goes ahead


@pytest.mark.postgres
def test_restore_refuses_while_another_session_uses_postgres(
    pg_url: str, config: Any, clock: Any, tmp_path: Path
) -> None:
    services = make_services(pg_url, config, clock)
    _issue(services, 1)
    out = tmp_path / "b.dump"
    _backup(pg_url, out)
    try:
        with pytest.raises(DatabaseError) as err:
            restore(pg_url, out)  # `services` still holds a pooled connection
        assert err.value.key == "err.restore_live"
        assert "madoguchi" in str(err.value.params["processes"])
    finally:
        services.engine.dispose()
    restore(pg_url, out)


def test_unreadable_database_needs_force(
    sqlite_url: str, config: Any, clock: Any, tmp_path: Path
) -> None:
    """The database to replace is damaged: what it issued since the backup is unknown."""
    services = make_services(sqlite_url, config, clock)
    _issue(services, 2)
    out = tmp_path / "b.db"
    backup(sqlite_url, out)
    services.engine.dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"\x8a\x01garbage" * 512)
    with pytest.raises(DatabaseError) as err:
        restore(sqlite_url, out)
    assert err.value.key == "err.restore_unknown_high_water"
    assert err.value.exit_code == 3
    result = restore(sqlite_url, out, force=True)
    assert result.kind == "sqlite"
    services = make_services(sqlite_url, config, clock)
    assert _issue(services, 1)[0].ticket.number == 3
    services.engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("where", ["high-water mark", "after the mark", "Ctrl-C"])
def test_a_postgres_restore_that_fails_after_the_data_writes_nothing(
    pg_url: str, config: Any, clock: Any, tmp_path: Path, monkeypatch: Any, where: str
) -> None:
    """The backup's data, the schema upgrade and the high-water mark are one transaction: a
    failure while the mark is raised (or just after it) leaves the database as it was, not
    the backup's data without the mark (which would hand the next visitor a number already
    printed on someone's ticket)."""
    from sqlalchemy import text

    from db import highwater

    services = make_services(pg_url, config, clock)
    _issue(services, 2)
    out = tmp_path / "b.dump"
    _backup(pg_url, out)
    after = _issue(services, 3)  # handed out after the backup
    services.engine.dispose()

    def snapshot() -> tuple[Any, ...]:
        engine = make_services(pg_url, config, clock).engine
        try:
            with engine.connect() as conn:
                return (
                    conn.execute(text("SELECT id, number FROM ticket ORDER BY id")).all(),
                    conn.execute(text("SELECT * FROM daily_counter ORDER BY 1, 2, 3")).all(),
                    conn.execute(text("SELECT count(*) FROM ticket_event")).scalar(),
                    conn.execute(text("SELECT * FROM revision ORDER BY 1")).all(),
                )
        finally:
            engine.dispose()

    before = snapshot()
    assert len(before[0]) == 5
    if where == "high-water mark":  # the ids are raised after the counters: half the mark

        def broken(*_args: Any) -> None:
            raise RuntimeError("the machine lost power")

        monkeypatch.setattr(highwater, "_raise_sequence", broken)
    else:
        original = highwater.apply_on
        stop = KeyboardInterrupt if where == "Ctrl-C" else RuntimeError

        def then_fail(*args: Any) -> Any:
            original(*args)
            raise stop("the machine lost power")

        monkeypatch.setattr(highwater, "apply_on", then_fail)
    expected: type[BaseException] = KeyboardInterrupt if where == "Ctrl-C" else DatabaseError
    with pytest.raises(expected) as err:
        restore(pg_url, out)
    if isinstance(err.value, DatabaseError):  # one clear line, the database named
        assert err.value.key == "err.restore_failed"
        assert "the machine lost power" in err.value.message("en")
    assert snapshot() == before  # the tickets handed out after the backup are all still there

    monkeypatch.undo()
    restore(pg_url, out)  # the same restore, run again, goes through
    services = make_services(pg_url, config, clock)
    try:
        fresh = _issue(services, 1)[0].ticket
        assert fresh.number == 6 and fresh.id > max(t.ticket.id for t in after)
    finally:
        services.engine.dispose()


@pytest.mark.postgres
def test_a_postgres_backup_cut_short_is_refused_and_writes_nothing(
    pg_url: str, config: Any, clock: Any, tmp_path: Path
) -> None:
    """pg_restore reads part of a truncated backup, then fails: the part already run is
    rolled back with the rest, and the message says the restore failed (no traceback)."""
    services = make_services(pg_url, config, clock)
    _issue(services, 2)
    out = tmp_path / "b.dump"
    _backup(pg_url, out)
    _issue(services, 1)
    services.engine.dispose()
    data = out.read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(DatabaseError) as err:
        restore(pg_url, out)
    assert err.value.key == "err.restore_failed"
    services = make_services(pg_url, config, clock)
    try:
        assert _issue(services, 1)[0].ticket.number == 4  # the three tickets are still there
    finally:
        services.engine.dispose()


@pytest.mark.postgres
def test_an_older_postgres_backup_is_upgraded_in_the_same_transaction(
    pg_url: str, config: Any, clock: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A backup written by the previous schema (0006): upgraded inside the restore's
    transaction; when the restore fails after the upgrade, the upgrade is undone with it
    (the database keeps its schema and its tickets)."""
    from alembic import command
    from sqlalchemy import text

    from db import highwater
    from db.migrate import _alembic_config, head_revision

    services = make_services(pg_url, config, clock)
    _issue(services, 2)
    engine = services.engine

    def step(action: Any, target: str) -> None:
        with engine.connect() as conn, conn.begin():
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            action(cfg, target)

    step(command.downgrade, "0006")
    engine.dispose()
    out = tmp_path / "b.dump"
    _backup(pg_url, out)
    step(command.upgrade, "head")
    _issue(services, 1)  # A-003, after the backup
    engine.dispose()

    def broken(*_args: Any) -> None:
        raise RuntimeError("the machine lost power")

    with monkeypatch.context() as patch:
        patch.setattr(highwater, "apply_on", broken)
        with pytest.raises(DatabaseError):
            restore(pg_url, out)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
        assert conn.execute(text("SELECT count(*) FROM ticket")).scalar() == 3
    engine.dispose()

    result = restore(pg_url, out)
    assert result.upgraded_to == head_revision()
    services = make_services(pg_url, config, clock)
    try:
        assert _issue(services, 1)[0].ticket.number == 4
    finally:
        services.engine.dispose()
