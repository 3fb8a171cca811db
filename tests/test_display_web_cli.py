"""`display --web` that cannot bind its address: a clear message and exit 2, no traceback
(issue 16: `display --port 70000`; issue 11: a port in use), and the page template loads
nothing from another host and has no button (issue 11, "On the TV")."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from tests.conftest import make_services
from tests.display_support import OFFICE


@pytest.fixture
def db(sqlite_url, config, clock, monkeypatch):
    make_services(sqlite_url, config, clock).engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    return sqlite_url


def run_cli(args: list[str], url: str, lang: str = "ja") -> subprocess.CompletedProcess[str]:
    env = {"MADOGUCHI_DATABASE_URL": url, "MADOGUCHI_LANG": lang, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "queue_app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("port", ["70000", "0", "-1"])
def test_port_out_of_range(db, port):
    done = run_cli(["display", "--office", OFFICE, "--web", "--port", port], db)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--port" in done.stderr and "1〜65535" in done.stderr


@pytest.mark.parametrize(
    "extra",
    [["--port", "70000"], ["--port", "8080"], ["--host", "0.0.0.0"], ["--public-url", "http://x"]],
)
def test_web_options_without_web_are_refused(db, extra):
    """`display --port 70000` started the terminal display and ignored the port: an option of
    the browser display given without --web is a usage error naming it, before anything runs."""
    done = run_cli(["display", "--office", OFFICE, *extra], db)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert extra[0] in done.stderr and "--web" in done.stderr


def test_port_message_is_plain(db):
    """The port message does not wrap the hidden-value note in a '(指定値: …)'."""
    done = run_cli(["display", "--office", OFFICE, "--web", "--port", "70000"], db)
    assert "指定値" not in done.stderr and "--port 8080" in done.stderr


def test_port_in_use(db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for lang, words in (("ja", "使用中"), ("en", "already in use")):
            args = ["display", "--office", OFFICE, "--web", "--host", "127.0.0.1"]
            done = run_cli([*args, "--port", str(port)], db, lang)
            assert done.returncode == 2, done.stderr
            assert "Traceback" not in done.stderr
            assert words in done.stderr and str(port) in done.stderr


def test_address_not_on_this_machine(db):
    args = ["display", "--office", OFFICE, "--web", "--host", "192.0.2.77", "--port", "8765"]
    done = run_cli(args, db)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "192.0.2.77" in done.stderr


def test_page_template_is_self_contained():
    from queue_app.commands.display_web import TEMPLATES

    html = (TEMPLATES / "app_index.html").read_text("utf-8")
    assert not re.search(r"https?://", html.replace("http://www.w3.org", ""))
    assert "<button" not in html.lower()
    assert "Session ended" not in html and "Restart" not in html
    assert "{{ config.static.url }}fonts/" in html  # the font comes from this server
