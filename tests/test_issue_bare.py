"""`madoguchi ticket issue` on the bare driver (issue 17): a kiosk's call imports neither
SQLAlchemy, SQLModel nor pydantic, and the one issue path (`issue_core.py`) gives the same
results on a bare driver connection as in the full services, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import types
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SECRET, make_services

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")
TOKYO = ZoneInfo("Asia/Tokyo")

PROBE = """
import contextlib, io, json, sys
from queue_app.cli import main
out, err = io.StringIO(), io.StringIO()
try:
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(sys.argv[1:])
except SystemExit as exc:
    rc = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"rc": rc, "heavy": heavy, "out": out.getvalue(), "err": err.getvalue()}))
"""


def _run(home: Path, *argv: str, now: str = "2026-12-01T09:00:00+09:00") -> dict[str, Any]:
    env = {
        "PATH": "/usr/bin:/bin",
        "MADOGUCHI_DATA_DIR": str(home / "data"),
        "MADOGUCHI_CONFIG": str(home / "absent.toml"),
        "MADOGUCHI_NOW": now,
        "PYTHONPATH": str(ROOT),
    }
    code = PROBE.replace("set(HEAVY)", repr(set(HEAVY)))
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real SQLite file made by `madoguchi init`."""
    path = tmp_path_factory.mktemp("kiosk")
    assert _run(path, "init")["rc"] == 0
    assert (path / "data" / "madoguchi.db").is_file()
    return path


ISSUE = ("ticket", "issue", "--office", "sogo", "--service", "ecert")


@pytest.mark.parametrize(
    "extra",
    [
        ("--json",),
        (),  # the text form
        ("--lang", "en"),
        ("--qr",),  # the QR as half-blocks: qrcode, still no ORM
        ("--json", "--visit", "guardian", "--decision", "serve_today"),
    ],
)
def test_ticket_issue_imports_no_orm(home: Path, extra: tuple[str, ...]) -> None:
    result = _run(home, *ISSUE, *extra)
    assert result["rc"] == 0, result["err"]
    assert result["heavy"] == [], result["heavy"]
    if "--json" in extra:
        data = json.loads(result["out"])
        assert data["number"].startswith("A-") and data["token"].startswith("MDG1.T.sogo.")
        assert data["estimate"]["people_ahead"] >= 0 and data["replayed"] is False
    else:
        assert "A-" in result["out"] and "MDG1.T.sogo." in result["out"]


def test_replay_plan_override_and_refusal_without_the_orm(home: Path) -> None:
    first = _run(home, *ISSUE, "--json", "--request-id", "kiosk-7")
    again = _run(home, *ISSUE, "--json", "--request-id", "kiosk-7")
    assert first["heavy"] == again["heavy"] == []
    one, two = json.loads(first["out"]), json.loads(again["out"])
    assert (one["replayed"], two["replayed"]) == (False, True)
    assert (two["id"], two["number"], two["token"]) == (one["id"], one["number"], one["token"])

    plan = _run(
        home, "ticket", "issue", "--office", "sogo", "--plan", "moving,card_pickup", "--json"
    )
    assert plan["rc"] == 0 and plan["heavy"] == [], plan["err"]
    assert json.loads(plan["out"])["plan_id"] == "*"

    closed = "2026-12-29T10:00:00+09:00"
    refused = _run(home, *ISSUE, "--json", now=closed)
    assert refused["rc"] == 2 and "年末年始" in refused["err"] and "Traceback" not in refused["err"]
    assert refused["heavy"] == []
    forced = _run(home, *ISSUE, "--json", "--override", "緊急対応", "--staff", "S002", now=closed)
    assert forced["rc"] == 0 and forced["heavy"] == [], forced["err"]
    data = json.loads(forced["out"])
    assert data["override"] == "緊急対応" and data["warnings"]
    with sqlite3.connect(home / "data" / "madoguchi.db") as conn:
        audit = conn.execute(
            "SELECT actor, action, subject, detail FROM audit_entry WHERE action = 'override'"
        ).fetchall()
        steps = conn.execute(
            "SELECT position, service_id, state FROM visit_step ORDER BY position"
        ).fetchall()
    assert audit == [("S002", "override", f"ticket:{data['id']}", "override:緊急対応")]
    assert steps == [(1, "moving", "current"), (2, "card_pickup", "pending")]


def test_a_schema_that_is_not_current_is_named_as_before(tmp_path: Path) -> None:
    assert _run(tmp_path, "init")["rc"] == 0
    with sqlite3.connect(tmp_path / "data" / "madoguchi.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    result = _run(tmp_path, *ISSUE, "--json")
    assert result["rc"] == 3 and "9999_future" in result["err"]
    missing = _run(tmp_path / "nowhere", *ISSUE, "--json")
    assert missing["rc"] == 3 and "Traceback" not in missing["err"]


# -- the bare path and the full services give the same results ----------------------------
def test_the_full_services_issue_through_the_one_path() -> None:
    """Issue 15's rule: one issue path. The services' `issue`, `issue_plan` and `token` are
    `IssueCore`'s own (no override), so the comparison below compares one code on two
    connections."""
    from queue_app.services.tickets import TicketService
    from queue_app.services.tickets.issue_core import IssueCore

    for name in ("issue", "issue_plan", "plan_steps", "token", "estimate_for", "_result"):
        assert getattr(TicketService, name) is getattr(IssueCore, name), name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/full.db", f"sqlite:///{tmp_path}/bare.db"
        return
    cluster = request.getfixturevalue("pg_cluster")
    suffix = random.Random().getrandbits(32)
    names = [f"t_bare_{suffix:x}_a", f"t_bare_{suffix:x}_b"]
    urls = [cluster.create_database(name) for name in names]
    try:
        yield urls[0], urls[1]
    finally:
        for name in names:
            cluster.drop_database(name)


TABLES = {
    "ticket": "id",
    "ticket_event": "id",
    "visit_step": "id",
    "audit_entry": "id",
    "daily_counter": "office_id, service_id, service_day",
    "revision": "office_id",
}


def _dump(services: Any) -> dict[str, list[tuple[Any, ...]]]:
    from sqlalchemy import text

    with services.engine.connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]
            for table, order in TABLES.items()
        }


def _history(url: str, config: Any, monkeypatch: pytest.MonkeyPatch, bare: bool) -> Any:
    """One morning: a visit served (for the estimate's minutes), then the requests a kiosk
    and the reception make, through the full services or the bare path."""
    from db.driver import DatabaseAddress
    from db.driver_write import DriverDatabase
    from queue_app.domain import fields
    from queue_app.domain.calendar import OfficeCalendar
    from queue_app.domain.clock import MutableClock
    from queue_app.domain.errors import DomainError
    from queue_app.services.tickets.issue_core import IssueCore, IssueRequest

    rng = random.Random(7)  # the same nonces on both sides
    monkeypatch.setattr(fields, "secrets", types.SimpleNamespace(token_bytes=rng.randbytes))
    clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO))
    services = make_services(url, config, clock)
    tickets = services.tickets
    served = tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self"))
    clock.advance(minutes=2)
    tickets.call(served.ticket.id, 3)
    tickets.start(served.ticket.id, 3)
    clock.advance(minutes=9)
    tickets.finish(served.ticket.id, "renewed", 3)
    database = None
    issuer: Any = tickets
    if bare:
        database = DriverDatabase(DatabaseAddress.parse(url))
        issuer = IssueCore(database, config, OfficeCalendar(config), clock, SECRET)
    out: list[Any] = []
    requests = [
        IssueRequest("sogo", "ecert", visit_kind="self"),
        IssueRequest("sogo", "ecert", visit_kind="guardian", request_id="kiosk-1"),
        IssueRequest("sogo", "ecert", visit_kind="guardian", request_id="kiosk-1"),
        IssueRequest("sogo", "certificate", priority=1, appointment_id=12),
    ]
    for request in requests:
        clock.advance(seconds=30)
        out.append(issuer.issue(request).to_json())
    out.append(issuer.issue_plan(IssueRequest("sogo", ""), "moving,card_pickup").to_json())
    out.append(issuer.issue(IssueRequest("sogo", "ecert"), with_estimate=False).to_json())
    clock.set(datetime(2026, 12, 1, 17, 30, tzinfo=TOKYO))  # reception has ended
    try:
        issuer.issue(IssueRequest("sogo", "ecert"))
    except DomainError as exc:
        out.append((exc.key, exc.params))
    out.append(issuer.issue(IssueRequest("sogo", "ecert", request_id="kiosk-1")).to_json())
    forced = IssueRequest("sogo", "ecert", staff="S002", override="緊急対応")
    out.append(issuer.issue(forced).to_json())
    if database is not None:
        database.close()
    dump = _dump(services)
    services.engine.dispose()
    return out, dump


def test_the_bare_path_gives_what_the_full_services_give(
    two_urls: tuple[str, str], config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_url, bare_url = two_urls
    full = _history(full_url, config, monkeypatch, bare=False)
    bare = _history(bare_url, config, monkeypatch, bare=True)
    assert bare[0] == full[0]
    assert bare[1] == full[1]
    results = full[0]
    assert [r["replayed"] for r in results[1:3]] == [False, True]
    assert results[1]["estimate"]["people_ahead"] == 1  # the first of this morning waits
    assert results[6][0] == "err.reception_ended" and results[7]["replayed"] is True
    assert full[1]["audit_entry"] and full[1]["visit_step"]


def test_a_locked_sqlite_file_is_named_and_a_free_one_issues(
    sqlite_url: str, config: Any, clock: Any
) -> None:
    from db.driver import DatabaseAddress
    from db.driver_write import DriverDatabase
    from queue_app.domain.calendar import OfficeCalendar
    from queue_app.domain.errors import DatabaseError
    from queue_app.services.tickets.issue_core import IssueCore, IssueRequest

    make_services(sqlite_url, config, clock).engine.dispose()
    address = DatabaseAddress.parse(sqlite_url)
    database = DriverDatabase(address, busy_timeout_ms=50)
    issuer = IssueCore(database, config, OfficeCalendar(config), clock, SECRET)
    other = sqlite3.connect(address.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another terminal holds the write lock
    try:
        with pytest.raises(DatabaseError) as caught:
            issuer.issue(IssueRequest("sogo", "ecert"))
        assert caught.value.key == "err.db_locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert issuer.issue(IssueRequest("sogo", "ecert")).ticket.display_number == "A-001"
    database.close()


def test_the_bare_unit_of_work_never_shows_a_password() -> None:
    from db.driver import DatabaseAddress
    from db.driver_write import DriverDatabase

    url = "postgresql://clerk:hunter2secret@db.example:5432/madoguchi"
    where = DriverDatabase(DatabaseAddress.parse(url)).where
    assert "hunter2secret" not in where and where.endswith("@db.example:5432/madoguchi")
