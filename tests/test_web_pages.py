"""The visitor's pages, in-process (Starlette's TestClient, no sockets), on SQLite and on
PostgreSQL: every page type renders from the read-only engine, the ticket page tells the
state, the people ahead and the estimate, and shows the call; slips and their .ics."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from queue_app.domain.scan import qr_text
from queue_app.services import IssueRequest
from tests.web_support import OFFICE, booked_appointment, seed_tickets, web_app


@pytest.fixture
def site(db_url, services, config, clock):  # type: ignore[no-untyped-def]
    app = web_app(db_url, config, clock)
    with TestClient(app) as client:
        yield client


def test_every_page_type_renders(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services)
    for path in ["/", f"/o/{OFFICE}", f"/board/{OFFICE}", f"/t/{issued[0].token}"]:
        r = site.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert '<html lang="ja">' in r.text
        assert "/static/app.js" in r.text and "<script>" not in r.text


def test_ticket_page_waiting_then_called(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services)
    token = issued[2].token
    page = site.get(f"/t/{token}").text
    assert "A-003" in page
    assert "お待ちください" in page
    assert "あなたの前に 2人" in page
    assert re.search(r"約\d+分", page)
    assert "本日の受付は 17:15 まで" in page
    services.tickets.call(issued[2].ticket.id, 3)
    page = site.get(f"/t/{token}").text
    assert 'role="alert"' in page
    assert "3番窓口へお越しください" in page


def test_finished_ticket_says_what_next(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services, 1)
    t = services.tickets
    tid = issued[0].ticket.id
    t.call(tid, 3)
    t.no_show(tid, 3)
    page = site.get(f"/t/{issued[0].token}").text
    assert "いらっしゃいませんでした" in page and "窓口の職員に声をかけてください" in page


def test_office_page_shows_waits_levels_and_other_offices(site, services):  # type: ignore[no-untyped-def]
    seed_tickets(services)
    services.tickets.issue(IssueRequest("yanasegawa", "ecert"))
    page = site.get(f"/o/{OFFICE}").text
    assert "電子証明書の更新" in page
    assert "4人" in page  # four waiting for e-certificates
    assert "柳瀬川駅前出張所なら待ち1人" in page
    # congestion as text and an icon, never colour alone
    assert re.search(r'<span aria-hidden="true">[●▲■]</span> (空いています|やや混雑|混雑)', page)
    assert "混雑予想カレンダー" in page
    assert "08:30–17:15" in page


def test_board_page_shows_the_newest_call(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services)
    services.tickets.call(issued[0].ticket.id, 4)
    page = site.get(f"/board/{OFFICE}").text
    assert 'class="now-number">A-001<' in page
    assert "4番窓口" in page


def test_index_lists_every_office(site, services, config):  # type: ignore[no-untyped-def]
    page = site.get("/").text
    for office in config.offices.values():
        assert f'href="/o/{office.id}"' in page
        assert office.name_ja in page


def test_language_chosen_on_the_page_is_remembered(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services, 1)
    r = site.get(f"/t/{issued[0].token}?lang=vi")
    assert r.status_code == 200 and '<html lang="vi">' in r.text
    assert "Vui lòng chờ" in r.text
    assert r.cookies.get("lang") == "vi"
    again = site.get(f"/t/{issued[0].token}")  # the client keeps the cookie
    assert '<html lang="vi">' in again.text
    regional = site.get("/o/sogo?lang=zh-CN")  # a region picks the same language
    assert regional.status_code == 200 and '<html lang="zh-Hans">' in regional.text
    assert regional.cookies.get("lang") == "zh-Hans"


def test_language_defaults_from_accept_language(site):  # type: ignore[no-untyped-def]
    assert '<html lang="ko">' in site.get("/", headers={"accept-language": "ko-KR,ko;q=0.9"}).text
    zh = site.get("/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"}).text
    assert '<html lang="zh-Hans">' in zh
    pt = site.get("/", headers={"accept-language": "fr, pt-BR;q=0.8, en;q=0.7"}).text
    assert '<html lang="pt">' in pt
    assert '<html lang="ja">' in site.get("/", headers={"accept-language": "de"}).text
    easy = site.get("/?lang=ja-easy").text
    assert '<html lang="ja">' in easy and "まどぐちの まちじょうきょう" in easy


def test_pages_work_without_javascript(site, services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services, 1)
    page = site.get(f"/t/{issued[0].token}").text
    assert '<noscript><meta http-equiv="refresh" content="20"></noscript>' in page
    stopped = site.get(f"/t/{issued[0].token}?refresh=0").text
    assert 'http-equiv="refresh"' not in stopped


def test_ticket_qr_encodes_the_page_address(db_url, services, config, clock):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services, 1)
    token = issued[0].token
    assert qr_text(token, "https://q.example.jp/") == f"https://q.example.jp/t/{token}"
    assert qr_text(token, "") == token
    with TestClient(web_app(db_url, config, clock, public_url="https://q.example.jp")) as c:
        r = c.get(f"/t/{token}/qr.svg")
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    assert r.content.startswith(b"<?xml")


def test_slip_page_and_ics(db_url, services, config, clock):  # type: ignore[no-untyped-def]
    appt = booked_appointment(services)
    token = services.inquiries.token(appt)
    with TestClient(web_app(db_url, config, clock)) as c:
        page = c.get(f"/a/{token}")
        assert page.status_code == 200
        assert appt.code in page.text and "お持ちいただくもの" in page.text
        ics = c.get(f"/a/{token}/slip.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    body = ics.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in body
    assert "DTSTART:20261204T010000Z" in body  # 10:00 in Tokyo
    assert "DTEND:20261204T013000Z" in body


def test_scanner_and_ticket_verify_accept_the_page_address(services):  # type: ignore[no-untyped-def]
    issued = seed_tickets(services, 1)
    url = qr_text(issued[0].token, "https://madoguchi.city.example.jp")
    assert services.tickets.verify_token(url, OFFICE).id == issued[0].ticket.id
    assert services.tickets.verify_token(issued[0].token, OFFICE).id == issued[0].ticket.id


def test_public_url_puts_the_page_address_in_every_qr(db_url, config, clock):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.conftest import make_services

    web = replace(config.settings.web, public_url="https://q.example.jp")
    configured = replace(config, settings=replace(config.settings, web=web))
    svc = make_services(db_url, configured, clock)
    try:
        issued = svc.tickets.issue(IssueRequest(OFFICE, "ecert"))
        assert issued.qr == f"https://q.example.jp/t/{issued.token}"
        slip = svc.inquiries.slip(booked_appointment(svc).id)
        assert slip.qr == f"https://q.example.jp/a/{slip.token}"
    finally:
        svc.engine.dispose()
