"""The `madoguchi` command end to end: init, ticket life cycle, verify, bad input, schema checks."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from queue_app.cli import build_parser, main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    return tmp_path


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = list(sub.choices)  # type: ignore[union-attr]
    assert {"init", "calendar", "renewal", "assess", "ticket", "db", "config"} <= set(names)
    for name in names:
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        assert "使い方:" in capsys.readouterr().out  # Japanese by default


def test_init_twice_changes_nothing_and_secret_is_private(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = home / "data" / "secret.key"
    config = home / "madoguchi.toml"
    before = (secret.read_bytes(), config.read_bytes())
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert main(["init"]) == 0
    assert (secret.read_bytes(), config.read_bytes()) == before
    assert "そのまま" in capsys.readouterr().out


def test_ticket_life_cycle(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(
        capsys, ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--visit", "self"]
    )
    assert isinstance(first, dict)
    for key in (
        "number",
        "state",
        "office",
        "service",
        "visit",
        "issued_at",
        "token",
        "estimated_wait_minutes",
    ):
        assert key in first
    assert first["number"] == "A-001" and first["state"] == "waiting" and first["visit"] == "self"
    assert first["issued_at"].startswith("2026-12-01T00:00:00")  # stored in UTC
    second = run_json(
        capsys, ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--visit", "guardian"]
    )
    assert (
        isinstance(second, dict)
        and second["number"] == "A-002"
        and second["estimated_wait_minutes"] > 0
    )
    called = run_json(
        capsys, ["ticket", "call", "--office", "sogo", "--counter", "3", "--staff", "S001"]
    )
    assert isinstance(called, dict) and called["number"] == "A-001" and called["state"] == "called"
    started = run_json(capsys, ["ticket", "start", "A-001", "--office", "sogo", "--staff", "S001"])
    assert isinstance(started, dict) and started["state"] == "serving"
    done = run_json(
        capsys,
        [
            "ticket",
            "finish",
            "A-001",
            "--office",
            "sogo",
            "--outcome",
            "renewed",
            "--staff",
            "S001",
        ],
    )
    assert isinstance(done, dict) and done["state"] == "done" and done["outcome"] == "renewed"
    verified = run_json(capsys, ["ticket", "verify", str(second["token"]), "--office", "sogo"])
    assert isinstance(verified, dict) and verified["number"] == "A-002"
    waiting = run_json(capsys, ["ticket", "list", "--office", "sogo", "--state", "waiting"])
    assert isinstance(waiting, list) and [t["number"] for t in waiting] == ["A-002"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["ticket", "issue", "--office", "nowhere", "--service", "ecert"], "nowhere"),
        (["ticket", "issue", "--office", "sogo", "--service", "passport"], "passport"),
        (["ticket", "issue", "--office", "station", "--service", "moving"], "moving"),
        (["ticket", "call", "--office", "sogo", "--counter", "9"], "9"),
        (["ticket", "verify", "MDG1.T.sogo.20261201.1.A-001.AAAAAAAAAAAAAAAA"], "偽造"),
        (["ticket", "verify", "hello"], "番号札ではありません"),
        (["ticket", "finish", "999"], "999"),
        (["ticket", "list", "--office", "sogo", "--state", "sleeping"], "sleeping"),
        (
            ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--visit", "cousin"],
            "cousin",
        ),
    ],
)
def test_bad_ticket_input(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_closed_office_refused_and_override_recorded(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-29T10:00:00+09:00")
    capsys.readouterr()
    assert main(["ticket", "issue", "--office", "sogo", "--service", "ecert"]) == 2
    assert "年末年始" in capsys.readouterr().err
    data = run_json(
        capsys,
        [
            "ticket",
            "issue",
            "--office",
            "sogo",
            "--service",
            "ecert",
            "--override",
            "緊急対応",
            "--staff",
            "S002",
        ],
    )
    assert isinstance(data, dict) and data["override"] == "緊急対応" and data["warnings"]
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T17:20:00+09:00")
    assert main(["ticket", "issue", "--office", "sogo", "--service", "ecert"]) == 2
    assert "17:15" in capsys.readouterr().err


def test_database_newer_than_program_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine(f"sqlite:///{home / 'data' / 'madoguchi.db'}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    capsys.readouterr()
    assert main(["ticket", "list", "--office", "sogo"]) == 3
    assert "9999_future" in capsys.readouterr().err
    assert main(["db", "upgrade"]) == 3


def test_uninitialised_database_says_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "fresh"))
    (tmp_path / "fresh").mkdir()
    (tmp_path / "fresh" / "secret.key").write_text("x" * 64)
    assert main(["ticket", "list", "--office", "sogo"]) == 3
    assert "madoguchi init" in capsys.readouterr().err


def test_postgres_unreachable(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    capsys.readouterr()
    code = main(
        ["--db", "postgresql://postgres@127.0.0.1:1/none", "ticket", "list", "--office", "sogo"]
    )
    assert code == 3
    err = capsys.readouterr().err
    assert "データベース" in err and "Traceback" not in err


def test_english_messages(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert (
        main(["ticket", "issue", "--office", "nowhere", "--service", "ecert", "--lang", "en"]) == 2
    )
    assert "unknown office 'nowhere'" in capsys.readouterr().err
