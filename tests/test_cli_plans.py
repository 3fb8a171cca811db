"""`madoguchi ticket issue --plan`, `ticket plan`, `ticket ready`, `ticket hand-over` and
`ticket pickup` end to end (issue 13); bad input exits 2 with a clear message."""

from __future__ import annotations

import json
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


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(argv if "--format" in argv else [*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def fails(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 2) -> str:
    capsys.readouterr()
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


S = ["--office", "sogo", "--staff", "S001"]


def test_plan_life_cycle_from_the_command_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = run_json(capsys, ["ticket", "issue", "--office", "sogo", "--plan", "tennyu"])
    number = issued["number"]
    assert number.startswith("C-") and issued["plan_id"] == "tennyu"
    assert issued["service"] == "moving"
    plan = run_json(capsys, ["ticket", "plan", number, "--office", "sogo"])
    assert [s["service"] for s in plan["steps"]] == ["moving", "ecert", "other"]
    edited = run_json(capsys, ["ticket", "plan", number, *S, "--add", "card_pickup", "--at", "1"])
    assert [s["service"] for s in edited["steps"] if s["state"] == "pending"] == [
        "card_pickup",
        "ecert",
        "other",
    ]
    edited = run_json(capsys, ["ticket", "plan", number, *S, "--skip", "ecert"])
    edited = run_json(capsys, ["ticket", "plan", number, *S, "--move", "other:1"])
    assert [s["service"] for s in edited["steps"] if s["state"] == "pending"] == [
        "other",
        "card_pickup",
    ]
    capsys.readouterr()
    assert main(["ticket", "plan", number, "--office", "sogo"]) == 0
    text = capsys.readouterr().out
    assert "転入・転出・転居" in text and "[省略]" in text and "> " in text
    # moving → other → card_pickup (preparing → ready → handed over)
    for counter, outcome in (("5", "served"), ("5", "served"), ("3", "served")):
        assert main(["ticket", "call", *S, "--counter", counter, "--ticket", number]) == 0
        assert main(["ticket", "start", number, *S, "--counter", counter]) == 0
        assert (
            main(["ticket", "finish", number, *S, "--counter", counter, "--outcome", outcome]) == 0
        )
    board = run_json(capsys, ["ticket", "pickup", "--office", "sogo"])
    assert [e["number"] for e in board["preparing"]] == [number] and board["ready"] == []
    ready = run_json(capsys, ["ticket", "ready", number, *S])
    assert ready["state"] == "ready"
    capsys.readouterr()
    assert main(["ticket", "pickup", "--office", "sogo"]) == 0
    assert number in capsys.readouterr().out.split("準備中")[0]
    done = run_json(capsys, ["ticket", "hand-over", number, *S, "--counter", "3"])
    assert done["state"] == "done"


def test_ad_hoc_plan_and_its_order(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issued = run_json(
        capsys, ["ticket", "issue", "--office", "sogo", "--plan", "moving,card_pickup,other"]
    )
    assert issued["plan_id"] == "*"
    plan = run_json(capsys, ["ticket", "plan", str(issued["id"])])
    assert [s["service"] for s in plan["steps"]] == ["moving", "card_pickup", "other"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["ticket", "issue", "--office", "sogo", "--plan", "moving,nope"], "nope"),
        (["ticket", "issue", "--office", "sogo", "--plan", "nope"], "tennyu"),
        (["ticket", "issue", "--office", "sogo", "--plan", "moving,moving"], "moving"),
        (["ticket", "issue", "--office", "sogo"], "--plan"),
        (
            ["ticket", "issue", "--office", "sogo", "--plan", "tennyu", "--service", "other"],
            "--plan",
        ),
        (["ticket", "issue", "--office", "station", "--plan", "tennyu"], "station"),
    ],
)
def test_bad_plans_exit_2_with_a_clear_message(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert words in fails(capsys, argv)


def test_bad_edits_and_pickup_actions_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = run_json(capsys, ["ticket", "issue", "--office", "sogo", "--plan", "tennyu"])
    number = issued["number"]
    assert "other:1" in fails(capsys, ["ticket", "plan", number, *S, "--move", "other"])
    assert "--add" in fails(capsys, ["ticket", "plan", number, *S, "--at", "1"])
    assert "nope" in fails(capsys, ["ticket", "plan", number, *S, "--add", "nope"])
    err = fails(capsys, ["ticket", "ready", number, *S])
    assert "お渡し可にする" in err and "待ち" in err
    err = fails(capsys, ["--lang", "en", "ticket", "hand-over", number, *S])
    assert "hand over" in err and "waiting" in err
    single = run_json(capsys, ["ticket", "issue", "--office", "sogo", "--service", "other"])
    assert "プラン" in fails(capsys, ["ticket", "plan", single["number"], *S, "--skip", "other"])


def test_report_visits_from_the_command_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = run_json(capsys, ["ticket", "issue", "--office", "sogo", "--plan", "tennyu"])
    data = run_json(
        capsys, ["report", "visits", "--office", "sogo", "--from", "2026-12-01", "--format", "json"]
    )
    assert data["visits"] == 1 and data["plans"][0]["plan"] == "tennyu"
    assert issued["number"]
    assert "--from" in fails(
        capsys, ["report", "visits", "--office", "sogo", "--from", "2026-13-01"]
    )
