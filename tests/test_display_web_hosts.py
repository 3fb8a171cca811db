"""`display --web` answers only to the Host names `madoguchi web` accepts (the same check,
`web.security.host_allowed` over `accepted_hosts`): a page or websocket reached under a
foreign name (DNS rebinding) is refused with 400; bound to every address with no name to
accept, it refuses to start like `madoguchi web` (exit 2, a clear message)."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from queue_app.commands.display_web import accepted, make_server
from queue_app.i18n import Translator
from tests.conftest import make_services
from tests.display_support import OFFICE


async def _client(hosts: tuple[str, ...]) -> TestClient[Any, Any]:
    server = make_server(
        "true", "127.0.0.1", 8000, "board", "http://127.0.0.1:8000", Translator("en"), hosts
    )
    app = await server._make_app()  # textual-serve's aiohttp application, as it serves it
    client: TestClient[Any, Any] = TestClient(TestServer(app))
    await client.start_server()
    return client


async def test_a_foreign_host_is_refused_and_the_own_names_are_served() -> None:
    client = await _client(accepted((), "127.0.0.1", "http://tv.city.example:8000"))
    try:
        for host in ("evil.example", "evil.example:8000", "192.168.0.99", ""):
            response = await client.get("/", headers={"Host": host})
            assert response.status == 400, host
            assert "allowed_hosts" in await response.text()
        ws = await client.get("/ws", headers={"Host": "evil.example"})
        assert ws.status == 400  # the websocket is behind the same check
        for host in ("127.0.0.1:8000", "localhost", "tv.city.example:8000"):
            response = await client.get("/", headers={"Host": host})
            assert response.status == 200, host
    finally:
        await client.close()


async def test_configured_allowed_hosts_are_the_only_names() -> None:
    client = await _client(accepted(("board.lan",), "0.0.0.0", ""))
    try:
        assert (await client.get("/", headers={"Host": "board.lan:8000"})).status == 200
        assert (await client.get("/", headers={"Host": "127.0.0.1"})).status == 400
    finally:
        await client.close()


async def test_no_hosts_given_means_loopback_only() -> None:
    client = await _client(())
    try:
        assert (await client.get("/", headers={"Host": "localhost"})).status == 200
        assert (await client.get("/", headers={"Host": "evil.example"})).status == 400
    finally:
        await client.close()


@pytest.fixture
def db(sqlite_url, config, clock):  # type: ignore[no-untyped-def]
    make_services(sqlite_url, config, clock).engine.dispose()
    return sqlite_url


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_address_without_a_name_is_refused_before_start(db, lang) -> None:  # type: ignore[no-untyped-def]
    env = {"MADOGUCHI_DATABASE_URL": db, "MADOGUCHI_LANG": lang, "PATH": "/usr/bin:/bin"}
    with socket.socket() as taken:  # never served, whatever the check does
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "queue_app.cli", "display", "--office", OFFICE, "--web"]
            + ["--host", "0.0.0.0", "--port", port],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "allowed_hosts" in done.stderr and "--public-url" in done.stderr
