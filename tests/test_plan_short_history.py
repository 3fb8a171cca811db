"""`madoguchi plan` on the history the demo builds by default (8 weeks), and its messages.

A short history holds out fewer weeks in the backtest (the demo's 8 weeks: 3), so the plan
and the forecast calendar still say how accurate the forecast was; a day before any history,
and a target no counter can reach, each say what is wrong and how to fix it.
History: 8 weeks of the demo generator at sogo (2026-10-05 .. 2026-11-30, seed 4); the clock
stands on 2026-12-01 09:00 JST.
"""

from __future__ import annotations

from datetime import date
from unicodedata import east_asian_width

import pytest

from queue_app.cli import main
from queue_app.demo.history import generate
from queue_app.services.staffing import StaffingService
from tests.conftest import make_services

START, END, MONDAY = date(2026, 10, 5), date(2026, 11, 30), date(2026, 12, 7)


@pytest.fixture
def short_services(db_url, config, clock):  # type: ignore[no-untyped-def]
    svc = make_services(db_url, config, clock)
    generate(svc.engine, config, START, END, seed=4, offices=["sogo"])
    yield svc
    svc.engine.dispose()


def test_eight_weeks_of_history_are_backtested(short_services) -> None:  # type: ignore[no-untyped-def]
    staffing = StaffingService(short_services)
    hist = staffing.history("sogo", START, END)
    acc = staffing.accuracy(hist)
    assert acc is not None
    held_out = [d for d in hist.days if acc.test_start <= d.day <= acc.test_end]
    trained = [d for d in hist.days if acc.train_start <= d.day <= acc.train_end]
    assert acc.test_end == END and 1 <= round(len(held_out) / 5) <= 3
    assert len(trained) >= 20 and acc.train_end < acc.test_start
    assert acc.get("factors").day_mae < acc.get("seasonal_naive").day_mae
    report = staffing.plan("sogo", MONDAY, replications=4)
    assert report.accuracy is not None


def test_three_weeks_are_too_few_to_backtest(short_services) -> None:  # type: ignore[no-untyped-def]
    staffing = StaffingService(short_services)
    hist = staffing.history("sogo", date(2026, 11, 10), END)
    assert staffing.accuracy(hist) is None


@pytest.fixture
def cli_short(sqlite_url, config, clock, monkeypatch):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    generate(svc.engine, config, START, END, seed=4, offices=["sogo"])
    svc.engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    return sqlite_url


def _run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _width(s: str) -> int:
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)


ARGS = ("plan", "--office", "sogo", "--date", "2026-12-07", "--runs", "4")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_plan_says_how_accurate_and_aligns_the_check(cli_short, capsys, lang) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *ARGS, "--lang", lang)
    assert code == 0, err
    needle = "バックテスト 2026-11-" if lang == "ja" else "Forecast accuracy (backtest of the last"
    assert needle in out
    lines = out.splitlines()
    head = next(i for i, s in enumerate(lines) if s.startswith(("計画 ", "plan ")))
    block = lines[head : head + 5]  # header, rule, the three plans
    assert len({_width(s) for s in block}) == 1, block


def test_cli_forecast_calendar_says_how_accurate(cli_short, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(
        capsys, "report", "forecast", "--office", "sogo", "--month", "2026-12", "--lang", "en"
    )
    assert code == 0, err
    assert "Forecast accuracy (backtest of the last 3 weeks)" in out


def test_cli_day_before_the_history(cli_short, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *ARGS[:3], "--date", "2026-10-05", "--lang", "en")
    assert code == 2 and "Traceback" not in err
    assert "no tickets in 2025-10-06..2026-10-04" in err and "--weeks" in err


def test_cli_unreachable_target_says_what_would_reach_it(cli_short, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hard = (*ARGS, "--within", "1", "--share", "0.99", "--lang", "en")
    code, out, err = _run(capsys, *hard)
    assert code == 0, err
    assert "even every counter open misses the target: 08:30" in out
    assert "To reach it: configure more counters" in out and "--within" in out
    path = tmp_path / "plan.html"
    code, _, err = _run(capsys, *hard, "--format", "html", "--out", str(path))
    page = path.read_text(encoding="utf-8")
    assert code == 0, err
    assert '<p class="miss">Half-hours where even every counter open misses' in page
    # the forecast's factors as a table a person can read
    factors = page.split("The arrivals forecast&#x27;s factors", 1)[1].split("</table>", 1)[0]
    assert "<td class=l>weekday: Mon</td><td>×" in factors
    assert "base (visitors per day)" in factors and "E-certificate renewal" in factors
    assert "days after notices" in factors and "end of month (last 3 open days)" in factors


def test_cli_closed_day_in_english_names_the_office_in_english(cli_short, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *ARGS[:3], "--date", "2026-12-05", "--lang", "en")
    assert code == 2 and "Traceback" not in err
    assert "Citizen Services Division is closed on 2026-12-05" in err
    assert "next open day: 2026-12-07" in err
    code, out, err = _run(capsys, *ARGS[:3], "--date", "2026-12-05")
    assert code == 2 and "総合窓口課 は 2026-12-05 は受付していません" in err
