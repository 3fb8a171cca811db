"""`madoguchi cases`, `appointments` and `purge` through `queue_app.cli.main`: results,
JSON, and exit code 2 with one clear line for bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from queue_app.cli import main
from tests.conftest import SECRET
from tests.inquiry_support import first_visit


@pytest.fixture
def cli_env(sqlite_services, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.key"
    secret.write_text(SECRET.decode() + "\n", "utf-8")
    secret.chmod(0o600)  # a secret others can read is refused
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_SECRET_FILE", str(secret))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    return sqlite_services


def ok_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code = main([*argv, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def fails(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en") -> str:
    code = main([*argv, "--lang", lang])
    captured = capsys.readouterr()
    assert code == 2, (code, captured.out, captured.err)
    assert "Traceback" not in captured.err
    assert captured.err.startswith("madoguchi: ")
    return captured.err


def open_and_mail(capsys: pytest.CaptureFixture[str], services: Any) -> int:
    ticket = first_visit(services)
    case = ok_json(
        capsys, "cases", "open", "--ticket", str(ticket.id), "--reason", "agent_first",
        "--name-kana", "ヤマダ タロウ", "--phone", "048-473-1111",
    )  # fmt: skip
    assert case["state"] == "opened" and "name_kana" not in case
    mailed = ok_json(capsys, "cases", "mail", "--case", str(case["id"]), "--date", "2026-12-01")
    assert mailed["deadline"] == "2026-12-31" and mailed["days_left"] == 30
    return int(case["id"])


def test_cases_and_appointments_flow(
    cli_env, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    case_id = open_and_mail(capsys, cli_env)
    listed = ok_json(capsys, "cases", "list", "--office", "sogo")
    assert [c["id"] for c in listed] == [case_id] and listed[0]["days_left"] == 30
    assert ok_json(capsys, "cases", "list", "--overdue") == []

    month = ok_json(capsys, "appointments", "slots", "--office", "sogo", "--case", str(case_id),
                    "--month", "2026-12")  # fmt: skip
    days = {d["date"]: d for d in month["days"]}
    assert month["earliest"] == "2026-12-04" and month["deadline"] == "2026-12-31"
    assert days["2026-12-04"]["bookable"] and not days["2026-12-05"]["open"]
    assert days["2026-12-29"]["reason"]
    slots = ok_json(capsys, "appointments", "slots", "--office", "sogo", "--case", str(case_id),
                    "--date", "2026-12-04")  # fmt: skip
    assert slots[0]["start"] == "08:30" and slots[0]["free"] == 2

    appt = ok_json(capsys, "appointments", "book", "--case", str(case_id), "--office", "sogo",
                   "--date", "2026-12-04", "--time", "10:00")  # fmt: skip
    assert appt["code"].startswith("R-") and appt["start"] == "10:00"
    assert appt["token"].startswith("MDG1.P.sogo.20261204.")
    listed = ok_json(capsys, "appointments", "list", "--office", "sogo", "--date", "2026-12-04")
    assert [a["code"] for a in listed] == [appt["code"]]

    out = tmp_path / "slips"
    files = ok_json(capsys, "appointments", "slip", "--id", str(appt["id"]), "--out", str(out))
    assert Path(files["png"]).exists() and Path(files["svg"]).exists()
    assert appt["code"] in Path(files["txt"]).read_text("utf-8")
    assert main(["appointments", "slip", "--code", appt["code"]]) == 0
    assert appt["code"] in capsys.readouterr().out

    # on the day, by QR text
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-04T09:40:00+09:00")
    checked = ok_json(
        capsys, "appointments", "checkin", appt["token"], "--office", "sogo", "--staff", "S001"
    )
    assert checked["appointment"]["state"] == "checked_in" and checked["number"] == "A-001"
    err = fails(
        capsys, "appointments", "checkin", appt["code"], "--office", "sogo", "--staff", "S001"
    )
    assert "already checked in" in err


def test_slip_for_other_day_or_office_is_refused(
    cli_env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    case_id = open_and_mail(capsys, cli_env)
    appt = ok_json(capsys, "appointments", "book", "--case", str(case_id), "--office", "sogo",
                   "--date", "2026-12-04", "--time", "10:00")  # fmt: skip
    err = fails(
        capsys, "appointments", "checkin", appt["token"], "--office", "sogo", "--staff", "S001"
    )
    assert "2026-12-04" in err and "today is 2026-12-01" in err
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-04T09:40:00+09:00")
    err = fails(
        capsys,
        "appointments",
        "checkin",
        appt["token"],
        "--office",
        "station",
        "--staff",
        "S001",
        lang="ja",
    )
    assert "総合窓口課" in err


def test_bad_input_exit_codes(cli_env, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    case_id = str(open_and_mail(capsys, cli_env))
    book = ["appointments", "book", "--case", case_id, "--office", "sogo"]
    # unknown case
    assert "no inquiry case #999" in fails(capsys, "cases", "mail", "--case", "999")
    assert "#999" in fails(capsys, *book[:2], "--case", "999", "--office", "sogo",
                           "--date", "2026-12-04", "--time", "10:00")  # fmt: skip
    assert "--case" in fails(capsys, "cases", "mail", "--case", "abc")
    # closed day (Saturday; year end)
    assert "closed" in fails(capsys, *book, "--date", "2026-12-05", "--time", "10:00")
    assert "Year-end" in fails(capsys, *book, "--date", "2026-12-30", "--time", "10:00")
    # bad time / no such slot / bad date / bad month / unknown office / unknown reason
    assert "HH:MM" in fails(capsys, *book, "--date", "2026-12-04", "--time", "25:00")
    assert "no slot starting at 12:00" in fails(
        capsys, *book, "--date", "2026-12-04", "--time", "12:00"
    )
    assert "2027-05-07" in fails(capsys, *book, "--date", "12/04", "--time", "10:00")
    assert "YYYY-MM" in fails(capsys, "appointments", "slots", "--office", "sogo", "--case",
                              case_id, "--month", "2026-13")  # fmt: skip
    assert "unknown office" in fails(capsys, *book[:4], "--office", "nowhere", "--date",
                                     "2026-12-04", "--time", "10:00")  # fmt: skip
    assert "after the answer's deadline" in fails(
        capsys, *book, "--date", "2027-01-04", "--time", "10:00"
    )
    # full slot: two seats, then a third case
    for _ in range(2):
        other = str(open_and_mail(capsys, cli_env))
        ok_json(capsys, "appointments", "book", "--case", other, "--office", "sogo",
                "--date", "2026-12-04", "--time", "10:00")  # fmt: skip
    assert "just been filled" in fails(capsys, *book, "--date", "2026-12-04", "--time", "10:00")
    assert "満席" in fails(capsys, *book, "--date", "2026-12-04", "--time", "10:00", lang="ja")
    assert "R-XXXX" not in fails(capsys, "appointments", "cancel")


def test_purge_command(
    cli_env, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    case_id = open_and_mail(capsys, cli_env)
    assert main(["cases", "cancel", "--case", str(case_id)]) == 0
    capsys.readouterr()
    assert ok_json(capsys, "purge")["purged"] == 0
    monkeypatch.setenv("MADOGUCHI_NOW", "2027-03-02T09:00:00+09:00")
    result = ok_json(capsys, "purge")
    assert result["purged"] == 1 and result["case_ids"] == [case_id]
    shown = ok_json(capsys, "cases", "show", "--case", str(case_id), "--personal")
    assert shown["purged"] and shown["name_kana"] is None and shown["phone"] is None
    assert main(["purge"]) == 0
    assert "0" in capsys.readouterr().out


def test_slip_to_an_unwritable_folder_names_it(
    cli_env: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 16: `appointments slip --out` into a place that cannot be written is the
    environment (exit 3) with the folder and why, like `--png` (it said "unexpected")."""
    case_id = open_and_mail(capsys, cli_env)
    appt = ok_json(capsys, "appointments", "book", "--case", str(case_id), "--office", "sogo",
                   "--date", "2026-12-04", "--time", "10:00")  # fmt: skip
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    for out in (Path("/proc/slips"), blocker, blocker / "sub"):
        code = main(
            ["--lang", "en", "appointments", "slip", "--id", str(appt["id"]), "--out", str(out)]
        )
        err = capsys.readouterr().err
        assert code == 3, err
        assert "Traceback" not in err and "unexpected" not in err
        assert str(out) in err
