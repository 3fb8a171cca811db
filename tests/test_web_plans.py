"""The visitor's page of a plan ticket (`/t/<token>`) shows the whole visit with the current
step and its state (waiting, called, preparing, ready for pickup), in all seven languages;
the TV board (`/board/<office>`) shows the ready list (お渡しできます). In-process, on SQLite
and PostgreSQL (issue 13)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from queue_app.i18n import CATALOG
from queue_app.i18n.catalog_web import WEB_LANGS
from queue_app.services import IssueRequest
from tests.web_support import OFFICE, web_app


@pytest.fixture
def site(db_url, services, config, clock):  # type: ignore[no-untyped-def]
    with TestClient(web_app(db_url, config, clock)) as client:
        yield client


def _steps(page: str) -> list[tuple[str, str, bool]]:
    """(procedure, state text, current?) of each step of the plan list."""
    found = re.findall(
        r'<li class="step step-(\w+)"( aria-current="step")?><span class="step-name">([^<]*)'
        r'</span> <span class="step-state">([^<]*)</span>',
        page,
    )
    return [(name, text, bool(cur)) for _state, cur, name, text in found]


def _serve(services: Any, tid: int, counter: int) -> None:
    t = services.tickets
    t.call(tid, counter, "S001")
    t.start(tid, counter)
    t.finish(tid, "served", counter, "S001")


def test_plan_page_shows_done_current_and_coming_steps(site, services):  # type: ignore[no-untyped-def]
    issued = services.tickets.issue_plan(IssueRequest(OFFICE, ""), "tennyu")
    tid, token = issued.ticket.id, issued.token
    page = site.get(f"/t/{token}").text
    assert "本日の手続の順番" in page
    assert _steps(page) == [
        ("転入・転出", "いまの手続: お待ちください", True),
        ("電子証明書の更新", "このあと", False),
        ("その他の手続", "このあと", False),
    ]
    services.tickets.call(tid, 5, "S001")
    page = site.get(f"/t/{token}").text
    assert _steps(page)[0] == ("転入・転出", "いまの手続: お呼び出し中です", True)
    services.tickets.start(tid, 5)
    services.tickets.finish(tid, "served", 5, "S001")
    page = site.get(f"/t/{token}").text
    assert _steps(page) == [
        ("転入・転出", "済み", False),
        ("電子証明書の更新", "いまの手続: お待ちください", True),
        ("その他の手続", "このあと", False),
    ]
    assert "次の手続の列に並んでいます" in page
    services.tickets.edit_plan(tid, skip="other", staff="S001")
    page = site.get(f"/t/{token}").text
    assert _steps(page)[2] == ("その他の手続", "省略", False)


def test_pickup_step_preparing_then_ready(site, services):  # type: ignore[no-untyped-def]
    issued = services.tickets.issue_plan(IssueRequest(OFFICE, ""), "card")
    tid, token = issued.ticket.id, issued.token
    _serve(services, tid, 5)
    services.tickets.call(tid, 3, "S001")
    services.tickets.start(tid, 3)
    services.tickets.finish(tid, None, 3, "S001")
    page = site.get(f"/t/{token}").text
    assert _steps(page)[1] == (
        "マイナンバーカードの受け取り",
        "いまの手続: 書類を準備しています",
        True,
    )
    assert "待合室の表示でお知らせします" in page
    board = site.get(f"/board/{OFFICE}").text
    assert "お渡しできます" in board and "準備中 1件" in board
    services.tickets.mark_ready(tid, "S002")
    page = site.get(f"/t/{token}?lang=en").text
    assert _steps(page)[1] == ("My Number Card pickup", "Current step: Ready for pickup", True)
    assert "Please come to the pickup counter." in page
    board = site.get(f"/board/{OFFICE}?lang=en").text
    number = issued.ticket.display_number
    assert f'<span class="ready-number">{number}</span>' in board
    assert "Being prepared" not in board
    services.tickets.hand_over(tid, 3, "S001")
    board = site.get(f"/board/{OFFICE}").text
    assert "ready-number" not in board and 'id="h-ready"' not in board
    page = site.get(f"/t/{token}?lang=ja").text
    assert [s[1] for s in _steps(page)] == ["済み", "済み"]


def test_single_pickup_ticket_page_says_preparing(site, services):  # type: ignore[no-untyped-def]
    issued = services.tickets.issue(IssueRequest(OFFICE, "card_pickup"))
    _serve(services, issued.ticket.id, 3)
    page = site.get(f"/t/{issued.token}").text
    assert "書類を準備しています" in page and "本日の手続の順番" not in page


@pytest.mark.parametrize("lang", WEB_LANGS)
def test_plan_page_in_every_language(site, services, lang):  # type: ignore[no-untyped-def]
    issued = services.tickets.issue_plan(IssueRequest(OFFICE, ""), "tennyu")
    _serve(services, issued.ticket.id, 5)
    page = site.get(f"/t/{issued.token}?lang={lang}").text
    assert CATALOG["web.plan.heading"][lang] in page
    steps = _steps(page)
    assert [s[2] for s in steps] == [False, True, False]
    assert steps[0][1] == CATALOG["web.plan.done"][lang]
    current = CATALOG["web.plan.current"][lang] + ": " + CATALOG["web.state.waiting"][lang]
    assert steps[1][1] == current
    assert steps[2][1] == CATALOG["web.plan.pending"][lang]
    assert steps[1][0] == CATALOG["web.svc.ecert"][lang]


def test_visitor_page_shows_the_ready_list_until_handed_over(site, services):  # type: ignore[no-untyped-def]
    """The visitor's page lists the numbers ready for pickup (お渡しできます), as the board
    does, with the count being prepared; a handed-over number leaves the list."""
    t = services.tickets
    waiting = t.issue(IssueRequest(OFFICE, "other"))  # a visitor watching their own page
    issued = t.issue(IssueRequest(OFFICE, "card_pickup"))
    tid, number = issued.ticket.id, issued.ticket.display_number
    page = site.get(f"/t/{waiting.token}").text
    assert 'id="h-ready"' not in page  # nothing in the pickup stage: no list
    _serve(services, tid, 3)
    page = site.get(f"/t/{waiting.token}").text
    assert "お渡しできます" in page and "準備中 1件" in page
    assert "ready-number" not in page
    t.mark_ready(tid, "S002")
    page = site.get(f"/t/{waiting.token}?lang=en").text
    assert "Ready for pickup" in page
    assert f'<span class="ready-number">{number}</span>' in page
    own = site.get(f"/t/{issued.token}").text  # the pickup visitor sees their own number
    assert f'<span class="ready-number">{number}</span>' in own
    t.hand_over(tid, 3, "S001")
    page = site.get(f"/t/{waiting.token}").text
    assert 'id="h-ready"' not in page and "ready-number" not in page
