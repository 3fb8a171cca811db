"""`madoguchi report ...` through `queue_app.cli.main`: formats, closed days, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from queue_app.cli import main
from tests.conftest import make_services
from tests.report_fixtures import build_history


@pytest.fixture
def cli_db(sqlite_url, clock, config, monkeypatch):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    build_history(svc, clock)
    svc.engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-10T09:00:00+09:00")
    return sqlite_url


def excel_csv(text: str) -> list[dict[str, str]]:
    """CSV as Excel gets it: a UTF-8 BOM first (else Excel shows the Japanese as mojibake)."""
    assert text.startswith("\ufeff"), text[:20]
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_daily_table(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "report", "daily", "--office", "sogo", "--date", "2026-12-01")
    assert code == 0, err
    assert "総合窓口課 2026-12-01(火)" in out
    assert "開庁前(08:30)に発券された1件は、08:30から待ち時間を数えています。" in out
    # the footnote says what is counted: T5 (16:50) waited until 17:30, all 40 minutes count
    assert "受付終了(17:15)より後に呼び出された1件は、17:15以降の待ち時間も含みます。" in out
    assert "受付時間外の時間は含みません" not in out


def test_daily_footnotes_in_english(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    argv = ["--lang", "en", "report", "daily", "--office", "sogo", "--date", "2026-12-01"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "1 ticket(s) were called after reception ended (17:15)" in out
    assert "excludes time outside opening hours" not in out
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert json.loads(out)["totals"]["called_after_close"] == 1


def test_daily_json_and_csv(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys, "report", "daily", "--office", "sogo", "--date", "2026-12-01", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["totals"]["issued"] == 5
    assert data["wait_p90_min"] == 40.0 and data["overtime_min"] == 25.0
    code, out, _ = run(
        capsys, "report", "daily", "--office", "sogo", "--date", "2026-12-01", "--format", "csv"
    )
    rows = excel_csv(out)
    total = next(r for r in rows if r["section"] == "total")
    assert total["issued"] == "5" and total["wait_median_min"] == "22.5"
    assert [r["key"] for r in rows if r["section"] == "hour"][0] == "8"


def test_closed_day_says_closed(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "report", "daily", "--office", "sogo", "--date", "2026-12-05")
    assert code == 0
    assert "休み(土曜日・日曜日)" in out
    assert "発券" not in out  # not a page of zeros
    code, out, _ = run(
        capsys,
        "--lang",
        "en",
        "report",
        "daily",
        "--office",
        "sogo",
        "--date",
        "2026-12-05",
    )
    assert "closed (Weekend)" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["report", "daily", "--office", "nowhere", "--date", "2026-12-01"], "nowhere"),
        (["report", "daily", "--office", "sogo", "--date", "2026-02-30"], "--date"),
        (["report", "range", "--office", "sogo", "--from", "2026-12-05", "--to", "x"], "--to"),
        (
            ["report", "range", "--office", "sogo", "--from", "2026-12-05", "--to", "2026-12-01"],
            "2026-12-05",
        ),
        (["report", "forecast", "--office", "sogo", "--month", "2026-13"], "2026-13"),
    ],
)
def test_bad_input_exits_2(cli_db, capsys, argv, needle) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_range_and_forecast_formats(cli_db, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys, "report", "range", "--office", "sogo", "--from", "2026-11-30", "--to", "2026-12-06"
    )
    assert code == 0 and "休み(土曜日・日曜日)" in out and "合計" in out
    target = tmp_path / "f.html"
    code, out, err = run(
        capsys,
        "report",
        "forecast",
        "--office",
        "sogo",
        "--month",
        "2027-01",  # learned from the December days before "today" (2026-12-10)
        "--format",
        "html",
        "--out",
        str(target),
    )
    assert code == 0, err
    assert str(target) in out
    assert "混雑予想カレンダー" in target.read_text(encoding="utf-8")
    code, out, _ = run(
        capsys, "report", "forecast", "--office", "sogo", "--month", "2027-01", "--format", "csv"
    )
    rows = excel_csv(out)
    assert any(r["closed_reason"] == "土曜日・日曜日" for r in rows)
    assert {r["band_level"] for r in rows if r["open"] == "1"} <= {"quiet", "moderate", "crowded"}


def test_csv_files_carry_a_bom_for_excel(cli_db, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "daily.csv"
    argv = ["report", "daily", "--office", "sogo", "--date", "2026-12-01", "--format", "csv"]
    code, _, err = run(capsys, *argv, "--out", str(target))
    assert code == 0, err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf" * 2)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert next(r for r in rows if r["section"] == "total")["issued"] == "5"
    # the other formats are plain UTF-8
    json_file = tmp_path / "daily.json"
    code, _, _ = run(capsys, *argv[:-1], "json", "--out", str(json_file))
    assert code == 0 and json.loads(json_file.read_bytes())["totals"]["issued"] == 5


def test_no_bom_on_an_interactive_terminal() -> None:
    from queue_app.commands.report import with_bom

    assert with_bom("a,b\n", "csv", to_terminal=True) == "a,b\n"
    assert with_bom("a,b\n", "csv", to_terminal=False) == "\ufeffa,b\n"
    assert with_bom("{}", "json", to_terminal=False) == "{}"


def test_forecast_on_an_empty_database_refuses_like_simulate(
    sqlite_url, config, clock, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """No history: no made-up calendar built on "44 open days of records" of nothing."""
    make_services(sqlite_url, config, clock).engine.dispose()  # migrated, empty
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-10T09:00:00+09:00")
    forecast = ["report", "forecast", "--office", "sogo", "--month", "2026-12"]
    code, out, err = run(capsys, *forecast)
    assert code == 2 and out == ""
    assert "受付記録がありません" in err and "2026-11-30" in err and "52 週間" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, "--lang", "en", *forecast, "--format", "json")
    assert code == 2 and out == "" and "no tickets" in err and "--weeks" in err
    code, _, err = run(capsys, "simulate", "--office", "sogo", "--date", "2026-12-14")
    assert code == 2 and "受付記録がありません" in err  # the same kind of refusal


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_future_day_says_it_has_no_records(cli_db, capsys, lang) -> None:  # type: ignore[no-untyped-def]
    """Today is 12/10 (MADOGUCHI_NOW); the history ends on 12/3."""
    argv = ["--lang", lang, "report", "daily", "--office", "sogo", "--date", "2026-12-11"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert ("まだ来ていない日" if lang == "ja" else "has not come yet") in out
    assert "2026-12-10" in out and "2026-12-03" in out
    assert "途中経過" not in out and "Provisional" not in out
