"""Bad input gets a plain 4xx and exactly one log line (never the token); every response
carries the security headers; numbers cannot be enumerated; a ticket page never shows another
ticket's number in its waiting detail; rate limits and stream caps answer clearly."""

from __future__ import annotations

import logging
import re

import pytest
from starlette.testclient import TestClient

from queue_app.services import IssueRequest
from tests.web_support import OFFICE, booked_appointment, seed_tickets, web_app

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.fixture
def world(sqlite_url, sqlite_services, config, clock):  # type: ignore[no-untyped-def]
    issued = seed_tickets(sqlite_services)
    app = web_app(sqlite_url, config, clock, allowed_hosts=("testserver", "127.0.0.1"))
    with TestClient(app) as client:
        yield client, sqlite_services, issued


def _forge(token: str, index: int, value: str) -> str:
    parts = token.split(".")
    parts[index] = value
    return ".".join(parts)


def bad_requests(services, issued):  # type: ignore[no-untyped-def]
    """(description, method, path, headers): twenty forged or malformed inputs."""
    token = issued[0].token
    parts = token.split(".")
    sig = parts[-1]
    flipped = sig[:-1] + ("A" if sig[-1] != "A" else "B")
    yesterday = _forge(token, 3, "20261130")  # signature no longer matches either
    other = services.tickets.issue(IssueRequest("yanasegawa", "ecert")).token
    claims_other_office = _forge(other, 2, OFFICE)
    slip = services.inquiries.token(booked_appointment(services))
    return [
        ("garbage token", "GET", "/t/hello", {}),
        ("altered signature", "GET", f"/t/{'.'.join(parts[:-1] + [flipped])}", {}),
        ("altered number", "GET", f"/t/{_forge(token, 5, 'A-002')}", {}),
        ("altered id", "GET", f"/t/{_forge(token, 4, str(issued[1].ticket.id))}", {}),
        ("other day", "GET", f"/t/{yesterday}", {}),
        ("other office in claims", "GET", f"/t/{claims_other_office}", {}),
        ("slip token as ticket", "GET", f"/t/{slip}", {}),
        ("ticket token as slip", "GET", f"/a/{token}", {}),
        ("forged slip calendar", "GET", f"/a/{_forge(slip, 6, 'AAAAAAAAAAAAAAAA')}/slip.ics", {}),
        ("very long token", "GET", "/t/" + "M" * 900, {}),
        ("lower-cased token", "GET", f"/t/{token.lower()}", {}),
        ("path traversal", "GET", "/t/..%2F..%2Fetc%2Fpasswd", {}),
        ("nul byte", "GET", "/t/abc%00def", {}),
        ("unknown office", "GET", "/o/atlantis", {}),
        ("script as office", "GET", "/board/%3Cscript%3Ealert(1)%3C%2Fscript%3E", {}),
        ("forged stream", "GET", f"/events/t/{_forge(token, 5, 'A-004')}", {}),
        ("unsupported language", "GET", "/?lang=klingon", {}),
        ("unknown path", "GET", "/admin", {}),
        ("POST to a page", "POST", f"/t/{token}", {}),
        ("foreign Host header", "GET", "/", {"host": "evil.example"}),
    ]


def test_twenty_bad_inputs_each_get_a_4xx_and_one_log_line(world, caplog):  # type: ignore[no-untyped-def]
    client, services, issued = world
    cases = bad_requests(services, issued)
    assert len(cases) == 20
    token = issued[0].token
    for description, method, path, headers in cases:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            r = client.request(method, path, headers=headers)
        assert 400 <= r.status_code < 500, (description, r.status_code)
        # everything the server side logged (the test client's own httpx2 lines aside)
        records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
        assert len(records) == 1, (description, [rec.getMessage() for rec in records])
        line = records[0].getMessage()
        assert token.split(".")[-1] not in line and "<script" not in line, description
        for name, value in EXPECTED_HEADERS.items():
            assert r.headers.get(name) == value, (description, name)
        assert "'unsafe-inline'" not in r.headers["content-security-policy"]


def test_every_failed_token_check_looks_the_same(world):  # type: ignore[no-untyped-def]
    client, services, issued = world
    cases = [
        c
        for c in bad_requests(services, issued)
        if c[2].startswith(("/t/", "/a/")) and c[1] == "GET" and "%00" not in c[2]
    ]
    bodies = {client.get(path).text for _d, _m, path, _h in cases}
    statuses = {client.get(path).status_code for _d, _m, path, _h in cases}
    assert statuses == {404}
    assert len(bodies) == 1  # the same page whatever check failed


def test_headers_on_pages_and_static(world):  # type: ignore[no-untyped-def]
    client, _services, issued = world
    for path in [
        "/",
        f"/o/{OFFICE}",
        f"/board/{OFFICE}",
        f"/t/{issued[0].token}",
        "/static/app.js",
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe" not in csp
        for name, value in EXPECTED_HEADERS.items():
            assert r.headers[name] == value
    private = client.get(f"/t/{issued[0].token}")
    assert private.headers["cache-control"] == "no-store"
    assert "noindex" in private.headers["x-robots-tag"]


def test_no_inline_script_or_style_and_everything_from_this_host(world):  # type: ignore[no-untyped-def]
    client, _services, issued = world
    for path in ["/", f"/o/{OFFICE}", f"/board/{OFFICE}", f"/t/{issued[0].token}"]:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), path
        assert "style=" not in html and "<style" not in html
        assert not re.search(r"(src|href)=\"(https?:)?//", html), path


def test_ticket_page_never_shows_another_ticket_in_its_waiting_detail(world):  # type: ignore[no-untyped-def]
    client, services, issued = world
    numbers = {i.ticket.display_number for i in issued} | {"B-001"}
    services.tickets.call(issued[0].ticket.id, 3)  # A-001 is called: public on the board
    for mine in issued[1:]:
        html = client.get(f"/t/{mine.token}").text
        detail = html.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
        others = numbers - {mine.ticket.display_number}
        assert not [n for n in others if n in detail], mine.ticket.display_number
        # beyond the called numbers, no other waiting ticket's number anywhere on the page
        waiting_others = others - {"A-001"}
        assert not [n for n in waiting_others if n in html]


def test_rate_limit_answers_429(sqlite_url, sqlite_services, config, clock, caplog):  # type: ignore[no-untyped-def]
    app = web_app(sqlite_url, config, clock, requests_per_minute=5)
    with TestClient(app) as client:
        codes = [client.get("/healthz").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3


def _freeze(app):  # type: ignore[no-untyped-def]
    """No refill during the test, however slow the machine (the buckets' clock stands still)."""
    for limiter in (app.limiter, getattr(app, "static_limiter", app.limiter)):
        limiter.clock = lambda: 1000.0


def test_static_files_do_not_use_up_the_page_allowance(sqlite_url, sqlite_services, config, clock):  # type: ignore[no-untyped-def]
    """A phone reloading a page fetches the style sheet, script and icon each time: those
    files are counted apart (a larger allowance), so the pages' own limit is what decides."""
    issued = seed_tickets(sqlite_services, n=1)
    app = web_app(sqlite_url, config, clock, requests_per_minute=5)
    _freeze(app)
    files = ["/static/app.css", "/static/app.js", "/static/icon.svg", "/robots.txt"]
    with TestClient(app) as client:
        static = [client.get(path).status_code for _ in range(5) for path in files]
        pages = [client.get(f"/t/{issued[0].token}").status_code for _ in range(6)]
        after = [client.get(path).status_code for path in files]
    assert static == [200] * 20
    assert pages == [200] * 5 + [429]  # the page limit itself is unchanged
    assert after == [200] * 4  # a throttled page does not stop its files either


def test_static_files_have_their_own_limit(sqlite_url, sqlite_services, config, clock):  # type: ignore[no-untyped-def]
    app = web_app(sqlite_url, config, clock, requests_per_minute=2)
    _freeze(app)
    with TestClient(app) as client:
        codes = [client.get("/static/app.css").status_code for _ in range(21)]
        page = client.get("/healthz").status_code
    assert codes[:20] == [200] * 20 and codes[20] == 429  # ten times the page allowance
    assert page == 200


@pytest.mark.parametrize(
    ("bound", "public_url", "accepted", "refused"),
    [
        (
            "127.0.0.1",
            "https://Madoguchi.City.Example.JP",
            ["madoguchi.city.example.jp", "localhost:8080", "127.0.0.1:8080", "[::1]:8080"],
            ["evil.example", "testserver", "192.168.10.20", "madoguchi.city.example.jp.evil"],
        ),
        (
            "192.168.10.20",
            "",
            ["192.168.10.20:8080", "localhost", "127.0.0.1"],
            ["evil.example", "192.168.10.21", "", "[::2]:8080"],
        ),
    ],
)
def test_an_empty_allowed_hosts_is_not_any_host(  # type: ignore[no-untyped-def]
    sqlite_url, sqlite_services, config, clock, bound, public_url, accepted, refused
):
    """Empty means the names this server is reached by (loopback, the bound address, the host
    of public_url), never any Host: a page under a foreign name (DNS rebinding) is refused."""
    app = web_app(sqlite_url, config, clock, allowed_hosts=(), host=bound, public_url=public_url)
    with TestClient(app) as client:
        for host in accepted:
            assert client.get("/", headers={"host": host}).status_code == 200, host
        for host in refused:
            assert client.get("/", headers={"host": host}).status_code == 400, host


def test_listening_on_every_address_without_allowed_hosts_refuses_to_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from queue_app.cli import main

    assert main(["--lang", "en", "web", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "allowed_hosts" in err and "--public-url" in err and "Traceback" not in err
    assert main(["web", "--host", "::"]) == 2
    assert "allowed_hosts" in capsys.readouterr().err  # Japanese by default, names the key


def test_stream_cap_refuses_clearly(sqlite_url, sqlite_services, config, clock):  # type: ignore[no-untyped-def]
    app = web_app(sqlite_url, config, clock, max_streams_per_address=0)
    with TestClient(app) as client:
        r = client.get(f"/events/o/{OFFICE}")
    assert r.status_code == 503 and r.headers["retry-after"] == "30"
    assert "ただいま混み合っています" in r.text


def test_a_genuine_but_expired_token_gets_the_same_not_found(world, clock):  # type: ignore[no-untyped-def]
    """Yesterday's real ticket and a past appointment's slip: the same 404 as a forgery."""
    from datetime import timedelta

    client, services, issued = world
    slip = services.inquiries.token(booked_appointment(services))  # for 12/4
    forged = client.get("/t/hello")
    assert client.get(f"/t/{issued[0].token}").status_code == 200
    assert client.get(f"/a/{slip}").status_code == 200
    clock.set(clock.now() + timedelta(days=1))  # the ticket was yesterday's
    for path in [f"/t/{issued[0].token}", f"/t/{issued[0].token}/qr.svg"]:
        r = client.get(path)
        assert r.status_code == 404 and r.text == forged.text, path
    r = client.get(f"/events/t/{issued[0].token}")
    assert r.status_code == 404
    clock.set(clock.now() + timedelta(days=4))  # 12/6: the appointment has passed
    for path in [f"/a/{slip}", f"/a/{slip}/slip.ics"]:
        r = client.get(path)
        assert r.status_code == 404 and r.text == forged.text, path
