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
from tests.display_support import seed
from tests.waiting import DEADLINE

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
