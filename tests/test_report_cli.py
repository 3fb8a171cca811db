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


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_daily_table(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "report", "daily", "--office", "sogo", "--date", "2026-12-01")
    assert code == 0, err
    assert "総合窓口課 2026-12-01(火)" in out
    assert "開庁前(08:30)に発券された1件は、08:30から待ち時間を数えています。" in out


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
    rows = list(csv.DictReader(io.StringIO(out)))
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
        "2026-12",
        "--format",
        "html",
        "--out",
        str(target),
    )
    assert code == 0, err
    assert str(target) in out
    assert "混雑予想カレンダー" in target.read_text(encoding="utf-8")
    code, out, _ = run(
        capsys, "report", "forecast", "--office", "sogo", "--month", "2026-12", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["closed_reason"] == "土曜日・日曜日" for r in rows)
    assert {r["band_level"] for r in rows if r["open"] == "1"} <= {"quiet", "moderate", "crowded"}
