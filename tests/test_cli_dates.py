"""The CLI reads `--expiry` and `--date` with the domain's one date parser (和暦 too)."""

from __future__ import annotations

import json

import pytest

from queue_app.cli import main
from tests.conftest import make_services
from tests.report_fixtures import build_history


@pytest.mark.parametrize("expiry", ["2027-03-24", "2027/3/24", "R9.3.24", "令和9年3月24日"])
def test_renewal_expiry_in_any_form(capsys: pytest.CaptureFixture[str], expiry: str) -> None:
    code = main(["renewal", "--expiry", expiry, "--today", "R8.12.1", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert (data["expiry"], data["today"]) == ("2027-03-24", "2026-12-01")
    assert data["window_start"] == "2026-12-25"


def test_assess_expiry_in_wareki(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["assess", "--visit", "self", "--brought", "card", "--expiry", "令和9年1月10日"]
    code = main([*argv, "--today", "2026/12/1", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "2027-01-10" in captured.out


@pytest.mark.parametrize(
    ("value", "needle_ja", "needle_en"),
    [
        ("R9.2.30", "2027年2月30日という日はありません", "no day 2027-02-30"),
        ("H1.1.7", "平成は平成元年1月8日から", "平成 began on 1989-01-08"),
        ("31/12", "R9.5.7", "R9.5.7"),
    ],
)
def test_bad_dates_exit_2_naming_the_flag(
    capsys: pytest.CaptureFixture[str], value: str, needle_ja: str, needle_en: str
) -> None:
    for lang, needle in (("ja", needle_ja), ("en", needle_en)):
        code = main(["--lang", lang, "renewal", "--expiry", value, "--today", "2026-12-01"])
        captured = capsys.readouterr()
        assert code == 2
        assert captured.out == ""
        assert captured.err.startswith("madoguchi: --expiry: ")
        assert needle in captured.err
        assert "Traceback" not in captured.err


def test_a_rejected_number_is_not_echoed(capsys: pytest.CaptureFixture[str]) -> None:
    """Twelve digits typed into a date flag could be a 個人番号: never shown back."""
    code = main(["renewal", "--expiry", "123456789012", "--today", "2026-12-01"])
    captured = capsys.readouterr()
    assert code == 2
    assert "123456789012" not in captured.err + captured.out


def test_report_date_in_wareki(sqlite_url, clock, config, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    build_history(svc, clock)
    svc.engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-10T09:00:00+09:00")
    outputs = []
    for day in ("2026-12-01", "R8.12.1", "令和8年12月1日"):
        code = main(["report", "daily", "--office", "sogo", "--date", day])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        outputs.append(captured.out)
    assert "総合窓口課 2026-12-01(火)" in outputs[0]
    assert outputs[0] == outputs[1] == outputs[2]
