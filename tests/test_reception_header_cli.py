"""Header, banner, language and the `madoguchi reception` command's input checks."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from queue_app.cli import main
from tests.test_reception_support import reception, reception_app, settle

TOKYO = ZoneInfo("Asia/Tokyo")


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_header_shows_office_counter_staff_hours(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = _text(reception(pilot), "#header")
        for part in ("総合窓口課", "3番窓口", "窓口 太郎", "08:30-17:15", "12/01 09:00"):
            assert part in header
        assert not reception(pilot).query_one("#banner").display


async def test_header_clock_follows_the_clocks_minute(sqlite_services: Any) -> None:
    """The header's time and the closing banner move with the clock's minute, on the next
    second's tick (they used to wait for a 60 s timer counted from when the screen opened:
    up to a minute late, and frozen in the demo's fast time)."""
    sqlite_services.clock.set(datetime(2026, 12, 1, 16, 43, 50, tzinfo=TOKYO))
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        assert "16:43" in _text(screen, "#header")
        assert "受付終了まで31分" in _text(screen, "#banner")
        sqlite_services.clock.set(datetime(2026, 12, 1, 16, 44, 5, tzinfo=TOKYO))
        screen._tick()  # the 1 s timer's work, run now rather than waited for
        await pilot.pause()
        assert "16:44" in _text(screen, "#header")
        assert "受付終了まで30分" in _text(screen, "#banner")


async def test_closing_soon_banner(sqlite_services: Any) -> None:
    sqlite_services.clock.set(datetime(2026, 12, 1, 16, 50, tzinfo=TOKYO))
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "受付終了まで25分" in _text(reception(pilot), "#banner")


async def test_closed_day_banner_with_reason(sqlite_services: Any) -> None:
    sqlite_services.clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=TOKYO))  # Saturday
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = _text(reception(pilot), "#banner")
        assert "本日は閉庁日です" in banner and "土曜日・日曜日" in banner


async def test_english(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = _text(reception(pilot), "#header")
        assert "Citizen Services Division" in header and "Counter 3" in header


async def test_large_terminal(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#intake").region.height <= 50


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--office", "nowhere", "--counter", "1"], "nowhere"),
        (["--office", "sogo", "--counter", "9"], "9"),
        (["--office", "sogo", "--counter", "3", "--staff", "X9"], "X9"),
    ],
)
def test_cli_rejects_bad_input_before_the_tui(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reception", *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_cli_visit_default_only_for_ecert(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ticket issue --service certificate` stores no visit kind; ecert still defaults to self."""
    import json

    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0

    def issue(*extra: str) -> Any:
        capsys.readouterr()
        assert main(["ticket", "issue", "--office", "sogo", *extra, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    assert issue("--service", "certificate")["visit"] == ""
    assert issue("--service", "ecert")["visit"] == "self"
    assert issue("--service", "ecert", "--visit", "guardian")["visit"] == "guardian"
    assert main(["ticket", "issue", "--office", "sogo", "--service", "ecert", "--visit", "x"]) == 2


async def test_waiting_list_shows_no_visit_kind_when_none(sqlite_services: Any) -> None:
    from queue_app.services import IssueRequest

    svc = sqlite_services
    svc.tickets.issue(IssueRequest("sogo", "certificate"))
    svc.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self"))
    app = reception_app(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = reception(pilot).query_one("#waiting")
        rows = [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(2)]
        # the counter's own procedures come first, so find each ticket's row by its kind
        assert sorted(row[3] for row in rows) == ["", "本人"]
        assert sum("本人" in "".join(row) for row in rows) == 1
