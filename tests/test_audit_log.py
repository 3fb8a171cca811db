"""`madoguchi audit` and the audit service: one day's entries, filtered by office and staff,
as text or JSON; entries without an office are placed by what they concern."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from queue_app.cli import main
from queue_app.services.uow import to_ms
from tests.conftest import SECRET
from tests.inquiry_support import first_visit

TOKYO = ZoneInfo("Asia/Tokyo")


def _write(services: Any, at: datetime, actor: str, action: str, subject: str, **kw: Any) -> None:
    def work(session: Any) -> None:
        services.uow.audit(session, to_ms(at), actor, action, subject, **kw)

    services.uow.write(work)


def _seed(services: Any) -> int:
    """A case opened at sogo by S001 (no office on the entry: found from the case), and
    entries of other days, offices and staff."""
    ticket = first_visit(services)
    case = services.inquiries.open_case(ticket.id, "agent_first", staff="S001")
    _write(services, datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO), "S002", "override", "ticket:99",
           detail="緊急対応", office_id="station")  # fmt: skip
    # 23:30 JST on 11-30 is 14:30 UTC on 11-30; 00:30 JST on 12-02 is 15:30 UTC on 12-01
    _write(services, datetime(2026, 11, 30, 23, 30, tzinfo=TOKYO), "S001", "case_mail", "case:1")
    _write(services, datetime(2026, 12, 2, 0, 30, tzinfo=TOKYO), "S003", "case_mail", "case:1")
    return int(case.id)


def test_entries_by_day_office_and_staff(services: Any) -> None:
    case_id = _seed(services)
    audit = services.audit
    day = [e for e in audit.entries(date(2026, 12, 1))]
    assert [(e.actor, e.action) for e in day] == [("S001", "case_open"), ("S002", "override")]
    opened = day[0]
    assert opened.subject == f"case:{case_id}" and opened.office_id == "sogo"
    assert [e.action for e in audit.entries(date(2026, 12, 1), office_id="sogo")] == ["case_open"]
    assert [e.actor for e in audit.entries(date(2026, 12, 1), office_id="station")] == ["S002"]
    assert [e.action for e in audit.entries(date(2026, 12, 1), staff="S002")] == ["override"]
    assert audit.entries(date(2026, 12, 1), staff="S003") == []
    # days are local days, not UTC days
    assert [e.actor for e in audit.entries(date(2026, 11, 30))] == ["S001"]
    assert [e.actor for e in audit.entries(date(2026, 12, 2))] == ["S003"]
    assert audit.entries() == day  # today by the clock


@pytest.fixture
def cli_env(sqlite_services, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.key"
    secret.write_text(SECRET.decode() + "\n", "utf-8")
    secret.chmod(0o600)  # a secret others can read is refused
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_SECRET_FILE", str(secret))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T15:00:00+09:00")
    return sqlite_services


def test_cli_audit_text_json_and_filters(cli_env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(cli_env)
    capsys.readouterr()
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-01" in out and "2 件" in out
    assert "S001 (窓口 太郎)" in out and "case_open" in out and "[sogo]" in out
    assert "緊急対応" in out and "[station]" in out

    assert main(["audit", "--date", "2026-12-02", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["actor"], r["action"]) for r in rows] == [("S003", "case_mail")]
    assert rows[0]["at"].startswith("2026-12-01T15:30")  # stored and shown in UTC in JSON

    assert main(["audit", "--office", "station", "--json"]) == 0
    assert [r["actor"] for r in json.loads(capsys.readouterr().out)] == ["S002"]
    # a filter may name a code no longer configured: nothing found, not an error
    assert main(["audit", "--staff", "S999", "--lang", "en"]) == 0
    assert "no audit entries on 2026-12-01" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["audit", "--date", "2026-13-01"], "--date"),
        (["audit", "--office", "nowhere"], "nowhere"),
    ],
)
def test_cli_audit_bad_input(
    cli_env: Any, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_an_override_is_in_the_audit_log(services: Any, clock: Any) -> None:
    from queue_app.services import IssueRequest

    clock.set(datetime(2026, 12, 1, 17, 40, tzinfo=TOKYO))  # reception ended at 17:15
    ticket = services.tickets.issue(
        IssueRequest("sogo", "certificate", staff="S002", override="17:15 前に来庁済み")
    ).ticket
    (entry,) = services.audit.entries(office_id="sogo", staff="S002")
    assert (entry.action, entry.subject) == ("override", f"ticket:{ticket.id}")
    assert entry.detail == "override:17:15 前に来庁済み" and entry.office_id == "sogo"
