"""The intake offers the configuration's named plans in one key each (issue 13): the number
keys after the procedures' (1-5 procedures, 6-7 plans at sogo); F10 issues ONE ticket for the
whole visit, and the issued ticket on screen and the printed ticket name the plan's steps.
Snapshots of the intake with a named plan (80x24 and 160x48, ja and en)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from queue_app.i18n import Translator
from queue_app.services.documents import plan_lines, ticket_document
from tests.test_reception_support import issue, open_intake, reception_app, settle

SIZE = (80, 24)


def _svc_list(pilot: Any) -> str:
    return str(pilot.app.screen.query_one("#svc-list", Static).render())


async def test_plan_keys_follow_the_procedures(sqlite_services: Any) -> None:
    app = reception_app(sqlite_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        intake = await open_intake(pilot)
        assert [p.id for p in intake.plans] == ["tennyu", "card"]
        text = _svc_list(pilot)
        assert "6:転入(住所変更・カード・国保など)" in text and "7:転入とカード受取" in text
        await pilot.press("7")
        await pilot.pause()
        assert intake.plan_id == "card" and intake.service_id == "moving"
        assert "プラン「転入とカード受取」: 1.転入・転出・転居 → 2.マイナンバーカード" in (
            _svc_list(pilot)
        )
        await pilot.press("2")  # a procedure again: no plan
        await pilot.pause()
        assert intake.plan_id is None and intake.service_id == "certificate"


async def test_f10_issues_one_ticket_for_the_whole_plan(sqlite_services: Any) -> None:
    svc = sqlite_services
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_intake(pilot)
        await pilot.press("6")
        await pilot.pause()
        result = await issue(pilot)
        ticket = result.ticket
        assert ticket.plan_id == "tennyu" and ticket.service_id == "moving"
        plan = svc.tickets.plan(ticket.id)
        assert [(s.service_id, s.state) for s in plan.steps] == [
            ("moving", "current"),
            ("ecert", "pending"),
            ("other", "pending"),
        ]
        shown = str(app.screen.query_one("#issued-service", Static).render())
        assert "1.転入・転出・転居 → 2.電子証明書の更新 → 3.その他の手続" in shown
        # one ticket: the queue of moving has it, nothing else was issued
        assert [t.id for t in svc.tickets.list("sogo")] == [ticket.id]


def test_printed_ticket_names_the_steps(sqlite_services: Any) -> None:
    from queue_app.services import IssueRequest

    svc = sqlite_services
    result = svc.tickets.issue_plan(IssueRequest("sogo", ""), "tennyu")
    doc = ticket_document(result, svc.config, svc.calendar, "en")
    lines = list(doc.lines)
    start = lines.index("Your visit (Moving in (address, card, insurance ...)):")
    assert lines[start + 1 : start + 4] == [
        " 1. Moving in / out",
        " 2. E-certificate renewal",
        " 3. Other procedures",
    ]
    assert plan_lines(None, svc.config, Translator("ja")) == []  # a single procedure


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_intake_with_a_named_plan_snapshot(
    snap_compare: Any, sqlite_services: Any, lang: str, size: tuple[int, int]
) -> None:
    app = reception_app(sqlite_services, lang=lang)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await open_intake(pilot)
        await pilot.press("6")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
