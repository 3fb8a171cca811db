"""Staff codes on the command line: with `[[staff]]` configured every command that changes a
ticket names a registered code allowed at the office, unknown codes are refused everywhere
(without echoing them), and without `[[staff]]` codes stay optional."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from queue_app.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    return tmp_path


def _ok(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    capsys.readouterr()
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert isinstance(data, dict)
    return data


def _refused(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "ja") -> str:
    capsys.readouterr()
    assert main([*argv, "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


CHANGES = [
    ["ticket", "call", "--office", "sogo", "--counter", "3"],
    ["ticket", "start", "A-001", "--office", "sogo"],
    ["ticket", "recall", "A-001", "--office", "sogo"],
    ["ticket", "no-show", "A-001", "--office", "sogo"],
    ["ticket", "requeue", "A-001", "--office", "sogo"],
    ["ticket", "cancel", "A-001", "--office", "sogo"],
    ["ticket", "finish", "A-001", "--office", "sogo", "--outcome", "renewed"],
    ["ticket", "transfer", "A-001", "--office", "sogo", "--to-service", "other"],
    ["ticket", "issue", "--office", "sogo", "--service", "ecert", "--override", "臨時"],
]


@pytest.mark.parametrize("argv", CHANGES, ids=lambda a: a[1])
def test_every_ticket_change_needs_a_registered_code(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _ok(capsys, "ticket", "issue", "--office", "sogo", "--service", "ecert")  # a kiosk: no code
    err = _refused(capsys, *argv)
    assert "職員コード" in err and "--staff" in err
    err = _refused(capsys, *argv, "--staff", "X9", lang="en")
    assert "not registered" in err and "X9" not in err
    # a 12-digit number typed into the wrong field is refused and never printed back
    err = _refused(capsys, *argv, "--staff", "123456789012")
    assert not re.search(r"\d{12}", err)
    capsys.readouterr()
    assert main(["ticket", "list", "--office", "sogo", "--json"]) == 0
    tickets = json.loads(capsys.readouterr().out)
    assert [(t["number"], t["state"]) for t in tickets] == [("A-001", "waiting")]


def test_registered_code_is_recorded(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _ok(capsys, "ticket", "issue", "--office", "sogo", "--service", "ecert")
    called = _ok(capsys, "ticket", "call", "--office", "sogo", "--counter", "3", "--staff", "S002")
    assert called["staff"] == "S002"


def test_code_limited_to_other_offices_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = home / "madoguchi.toml"
    config.write_text(
        config.read_text("utf-8")
        + '\n[[staff]]\ncode = "ST01"\nname = "駅前 次郎"\noffices = ["station"]\n',
        "utf-8",
    )
    _ok(capsys, "ticket", "issue", "--office", "sogo", "--service", "ecert")
    err = _refused(
        capsys, "ticket", "call", "--office", "sogo", "--counter", "3", "--staff", "ST01"
    )
    assert "sogo" in err
    err = _refused(capsys, "ticket", "start", "1", "--staff", "ST01")  # office from the ticket
    assert "sogo" in err


def test_unknown_code_refused_on_other_commands(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(capsys, "cases", "list", "--office", "sogo", "--staff", "NOPE", lang="en")
    assert "not registered" in err and "NOPE" not in err


def test_without_staff_configured_codes_are_optional(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = home / "madoguchi.toml"
    text = config.read_text("utf-8")
    config.write_text("staff = []\n" + text[: text.index("[[staff]]")], "utf-8")
    _ok(capsys, "ticket", "issue", "--office", "sogo", "--service", "certificate")
    called = _ok(capsys, "ticket", "call", "--office", "sogo", "--counter", "1")
    assert called["number"] == "B-001" and called["staff"] is None
    assert _ok(capsys, "ticket", "start", "B-001", "--office", "sogo", "--staff", "anyone")
