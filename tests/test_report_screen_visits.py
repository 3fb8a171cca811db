"""The visits report (issue 13) in the reports screen, on the built day of
`tests/test_report_visits.py` (hand-computed: 6 visits, 5 completed, 3 of them at more than
one counter, time in the building p50 50 / p90 75; tennyu p50 71 / p90 75 with the longest
wait at step 1, moving; card pickup preparing 30), ja and en, at 80x24."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input, Select, Static

from screens.app import AppOptions, create_app
from screens.reports.bars import Bars
from tests.test_report_visits import at, build_day
from tests.waiting import until, workers_done

SIZE = (80, 24)


def _cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _visits_view(pilot: Any) -> Any:
    """Open the visits view of 2026-12-01 the way a clerk would: the view select, then F5."""
    app = pilot.app
    screen = app.screen
    await until(pilot, lambda: screen.loads >= 1, "the first report")
    await workers_done(app)
    screen.query_one("#rpt-from", Input).value = "2026-12-01"
    screen.query_one("#rpt-view", Select).value = "visits"  # switches and loads
    await until(
        pilot,
        lambda: type(screen.report).__name__ == "VisitReport",
        "the visits report",
    )
    await workers_done(app)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_visits_view_shows_plans_steps_and_the_longest_wait(
    sqlite_services: Any, lang: str
) -> None:
    svc = sqlite_services
    build_day(svc)
    at(svc, 18, 0)
    app = create_app(svc, AppOptions(office_id="sogo", mode="reports", lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visits_view(pilot)
        summary = str(screen.query_one("#rpt-summary", Static).render())
        table = screen.query_one("#rpt-table", DataTable)
        rows = _cells(table)
        names = [r[0] for r in rows]
        if lang == "ja":
            assert "来庁時間レポート" in summary
            assert "来庁 6" in summary and "完了 5" in summary
            assert "複数の窓口を回った来庁 3 (50.0%)" in summary
            assert "中央値(分) 50.0" in summary and "90%値(分) 75.0" in summary
            plan_name, single_name = "転入", "単一の手続"
        else:
            assert "time in the building" in summary
            assert "Visits 6" in summary and "Completed 5" in summary
            assert "more than one counter 3 (50.0%)" in summary
            plan_name, single_name = "Moving in", "Single procedure"
        tennyu = next(i for i, n in enumerate(names) if n.startswith(plan_name))
        assert rows[tennyu][1:5] == ["2", "2", "71.0", "75.0"]
        steps = rows[tennyu + 1 : tennyu + 4]
        assert [s[0].split(".")[0].strip() for s in steps] == ["1", "2", "3"]
        assert steps[0][0].endswith("◀")  # moving: where tennyu visitors wait longest
        assert not any(s[0].endswith("◀") for s in steps[1:])
        assert [s[5:7] for s in steps] == [["10.0", "27.0"], ["7.0", "9.0"], ["0.0", "4.0"]]
        single = names.index(single_name)
        assert rows[single][1:5] == ["4", "3", "20.0", "50.0"]
        pickup = next(r for r in rows if "カード" in r[0] or "card" in r[0].lower())
        assert pickup[7] == "30.0"  # preparing, apart from the wait (5.0)
        assert pickup[5] == "5.0"
        # readable at 80x24: the charts of the wait report make room for the table
        assert not screen.query_one("#rpt-charts").display
        assert table.region.height >= 8
        assert all(cell_len(n) <= 20 for n in names)
        assert "◀" in str(screen.query_one("#rpt-detail", Static).render())
        # back to the daily report: charts again, its own table
        screen.query_one("#rpt-view", Select).value = "report"
        await until(
            pilot, lambda: type(screen.report).__name__ == "DailyReport", "the daily report"
        )
        await pilot.pause()
        assert screen.query_one("#rpt-charts").display
        assert screen.query_one("#rpt-arrivals", Bars).display


async def test_visits_view_of_an_empty_range_says_so(sqlite_services: Any) -> None:
    svc = sqlite_services
    at(svc, 18, 0)
    app = create_app(svc, AppOptions(office_id="sogo", mode="reports", lang="ja"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visits_view(pilot)
        assert screen.query_one("#rpt-table", DataTable).row_count == 0
        detail = str(screen.query_one("#rpt-detail", Static).render())
        assert "この期間の来庁はありません" in detail
        # a range: From..To, as for the wait report
        screen.query_one("#rpt-to", Input).value = "2026-12-02"
        before = screen.loads
        screen.action_show()
        await until(pilot, lambda: screen.loads > before, "the range")
        await pilot.pause()
        assert (screen.report.start.day, screen.report.end.day) == (1, 2)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_visits_view_snapshot(snap_compare: Any, sqlite_services: Any, lang: str) -> None:
    """The look at 80x24: the plan with its steps under it, the longest wait marked, the
    legend under the table."""
    svc = sqlite_services
    build_day(svc)
    at(svc, 18, 0)
    app = create_app(svc, AppOptions(office_id="sogo", mode="reports", lang=lang))

    async def run_before(pilot: Any) -> None:
        await _visits_view(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
