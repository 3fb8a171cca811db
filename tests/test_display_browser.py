"""The display served by textual-serve, in Debian's headless Chromium (never a downloaded
browser): the page's terminal renders, and a number called afterwards by another process
appears. xterm.js draws on a canvas, so the text is read from the terminal stream the
page receives over its websocket (ANSI stripped); a screenshot is kept in tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import make_services
from tests.display_support import free_counter, seed
from tests.waiting import DEADLINE, deadline_for

WAIT_MS = deadline_for() * 1000  # Playwright counts milliseconds

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"display --web exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("display --web did not listen")


def test_browser_shows_a_called_number(sqlite_url, config, clock, tmp_path):
    from playwright.sync_api import sync_playwright

    writer = make_services(sqlite_url, config, clock)
    seed(writer)
    port = free_port()
    env = dict(os.environ)
    env.update(
        MADOGUCHI_DATABASE_URL=sqlite_url,
        MADOGUCHI_NOW="2026-12-01T09:05:00+09:00",
        MADOGUCHI_LANG="ja",
    )
    madoguchi = shutil.which("madoguchi") or ""
    argv = [madoguchi] if madoguchi else [sys.executable, "-m", "queue_app.cli"]
    server = subprocess.Popen(
        [*argv, "display", "--office", "sogo", "--web", "--host", "127.0.0.1"]
        + ["--port", str(port), "--public-url", f"http://127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    received: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        data = payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload
        received.append(ANSI.sub("", data))

    def seen(text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in chunk for chunk in received):
                return True
            page.wait_for_timeout(50)
        return False

    try:
        wait_for_port(port, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
                page.goto(f"http://127.0.0.1:{port}/?fontsize=14")
                page.wait_for_selector(
                    ".textual-terminal canvas, .xterm-screen", timeout=DEADLINE * 1000
                )
                assert seen("総合窓口課", DEADLINE), "the board never rendered"
                assert seen("A-002", DEADLINE)  # the newest call at start-up, as plain text
                free_counter(writer, 3)  # a counter calls one visitor at a time
                called = writer.tickets.call_next("sogo", 3)  # this process is "reception"
                assert called is not None and called.display_number == "A-003"
                assert seen("A-003", DEADLINE), "the called number never reached the browser"
                page.wait_for_timeout(300)
                shot = tmp_path / "display.png"
                page.screenshot(path=str(shot), timeout=DEADLINE * 1000)
                assert shot.stat().st_size > 10_000
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
        writer.engine.dispose()


def children_of(pid: int) -> list[int]:
    """Every descendant process of `pid` (from /proc), deepest last."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except OSError:
                continue
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")
def test_tv_page_local_only_big_number_and_reconnects(sqlite_url, config, clock, tmp_path):
    """At a TV's 1920x1080 (the documented ?fontsize=28): the number in the block font,
    every request to this server only, no button; when the session ends (its display
    process stops) the page reconnects by itself."""
    from playwright.sync_api import sync_playwright

    writer = make_services(sqlite_url, config, clock)
    seed(writer)
    port = free_port()
    env = dict(os.environ)
    env.update(
        MADOGUCHI_DATABASE_URL=sqlite_url,
        MADOGUCHI_NOW="2026-12-01T09:05:00+09:00",
        MADOGUCHI_LANG="ja",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "queue_app.cli", "display", "--office", "sogo", "--web"]
        + ["--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    received: list[str] = []
    sockets: list[object] = []
    requests: list[str] = []

    def on_socket(ws):  # type: ignore[no-untyped-def]
        sockets.append(ws)
        ws.on("framereceived", on_frame)

    def on_frame(payload: str | bytes) -> None:
        data = payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload
        received.append(ANSI.sub("", data))

    def seen(text: str, since: int = 0) -> bool:
        deadline = time.monotonic() + deadline_for()
        while time.monotonic() < deadline:
            if any(text in chunk for chunk in received[since:]):
                return True
            page.wait_for_timeout(50)
        return False

    try:
        wait_for_port(port, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                page.on("request", lambda r: requests.append(r.url))
                page.on("websocket", on_socket)
                page.goto(f"http://127.0.0.1:{port}/?fontsize=28")
                page.wait_for_selector(".xterm-screen", timeout=WAIT_MS)
                assert seen("総合窓口課"), "the board never rendered"
                assert seen("█████"), "the called number is not in the block font"
                assert page.locator("button").count() == 0
                assert "Session ended" not in page.content()
                # end the session: the display process behind this page stops
                before = len(received)
                for pid in children_of(server.pid):
                    try:
                        os.kill(pid, 9)
                    except ProcessLookupError:
                        pass
                page.wait_for_selector("body.-closed", timeout=WAIT_MS)
                assert "再接続" in page.inner_text("#reconnecting")
                assert seen("総合窓口課", since=before), "the page did not reconnect"
                assert len(sockets) >= 2
                page.screenshot(path=str(tmp_path / "tv.png"), timeout=WAIT_MS)
            finally:
                browser.close()
        hosts = {re.sub(r"^(\w+://[^/]+).*", r"\1", url) for url in requests}
        assert hosts <= {f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"}, hosts
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
        writer.engine.dispose()
