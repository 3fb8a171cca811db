"""The intake at 80x24: every field on screen without scrolling, the expiry field on its own
key (F7) and reading every written date, typing right after a key never lost, and the
decision's text broken into lines by the rules (禁則)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.widgets import Input, Label

from queue_app.domain.linebreak import LINE_START_FORBIDDEN
from screens.widgets.jtext import WrappedText
from tests.keyboard_support import burst, calm, typed
from tests.test_reception_support import open_intake, reception_app
from tests.waiting import until


async def _intake(pilot: Any) -> Any:
    await calm(pilot)
    intake = await open_intake(pilot)
    await calm(pilot)
    return intake


async def test_f7_then_typing_reaches_the_expiry_field(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        intake = await _intake(pilot)
        burst(app, ["f7", *typed("令和9年5月7日")])  # the key and the date in one burst
        await calm(pilot)
        field = intake.query_one("#expiry", Input)
        assert app.focused is field
        assert field.value == "令和9年5月7日"
        visit = intake.visit_input()
        assert visit is not None and visit.expiry == date(2027, 5, 7)
        assert intake.assessment is not None and intake.assessment.renewal is not None
        status = str(intake.query_one("#expiry-status", Label).render())
        assert "令和9年5月7日" in status and "2027-02-08" in status


@pytest.mark.parametrize(
    "text", ["2027-05-07", "2027/5/7", "R9.5.7", "令和9年5月7日", "２０２７／５／７"]
)
async def test_every_written_date_runs_the_renewal_check(sqlite_services: Any, text: str) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        intake = await _intake(pilot)
        await pilot.press("f7")
        intake.query_one("#expiry", Input).insert_text_at_cursor(text)
        await calm(pilot)
        assert intake._expiry() == date(2027, 5, 7)
        assert intake.assessment.renewal is not None  # type: ignore[union-attr]
        assert any(
            "更新手続期間より前" in str(w) or "too_early" in str(w)
            for w in intake.assessment.warnings
        )  # type: ignore[union-attr]


async def test_f5_f6_jump_and_a_bad_date_says_why(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        intake = await _intake(pilot)
        await pilot.press("f6")
        assert app.focused is intake.query_one("#item-card")
        await pilot.press("space", "f5")
        assert app.focused is intake.query_one("#visit")
        await pilot.press("f7", *typed("2027-02-30"))
        await calm(pilot)
        status = str(intake.query_one("#expiry-status", Label).render())
        assert "2027年2月30日という日はありません" in status
        assert intake._expiry() is None


async def test_the_form_fits_80x24_without_scrolling(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        intake = await _intake(pilot)
        await pilot.press("f7", *typed("R9.5.7"))  # the status line is shown too
        await calm(pilot)
        screen_region = intake.region
        footer_top = screen_region.bottom - 1
        for widget in [*intake.focus_chain, intake.query_one("#expiry-status")]:
            region = widget.region
            assert region.area > 0, widget
            assert region.y >= 0 and region.bottom <= footer_top, (widget, region)
        form = intake.query_one("#intake-form")
        assert form.max_scroll_y == 0 and form.virtual_size.height <= form.size.height


async def test_the_decision_text_breaks_lines_by_the_rules(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=(80, 24)) as pilot:
        intake = await _intake(pilot)
        await pilot.press("f7", *typed("R9.5.7"))  # too early: a long warning
        await calm(pilot)
        reasons = intake.query_one("#reasons", WrappedText)
        await until(pilot, lambda: "⚠" in reasons.text.plain, "the warning")
        lines = reasons.render().plain.split("\n")
        assert len(lines) > 3
        assert all(not line or line[0] not in LINE_START_FORBIDDEN for line in lines), lines
        width = reasons.content_region.width
        assert all(len(line) * 2 <= width + 2 for line in lines)
