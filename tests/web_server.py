"""A real `madoguchi web` process for the browser tests and bench/web_fanout.py, and a caller
process that calls a ticket (another process, like a reception terminal)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import SECRET

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
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]
NOW = "2026-12-01T09:05:00+09:00"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(
    port: int, proc: subprocess.Popen[bytes], timeout: float = 60, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            if log is not None and log.exists():
                err += log.read_text("utf-8", "replace")
            raise AssertionError(f"madoguchi web exited with {proc.returncode}: {err}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("madoguchi web did not listen")


def server_env(url: str, tmp: Path, extra_config: str = "") -> dict[str, str]:
    secret = tmp / "secret.key"
    secret.write_bytes(SECRET)
    secret.chmod(0o600)  # the secret must not be readable by others
    env = dict(os.environ)
    env.update(
        MADOGUCHI_DATABASE_URL=url,
        MADOGUCHI_NOW=NOW,
        MADOGUCHI_SECRET_FILE=str(secret),
        MADOGUCHI_DATA_DIR=str(tmp / "data"),
    )
    env.pop("MADOGUCHI_LANG", None)
    if extra_config:
        config = tmp / "web-config.toml"
        config.write_text(extra_config, "utf-8")
        env["MADOGUCHI_CONFIG"] = str(config)
    else:
        env["MADOGUCHI_CONFIG"] = str(tmp / "no-such-config.toml")
    return env


@contextmanager
def running_server(
    url: str, tmp: Path, extra_config: str = ""
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The server's log goes to a file (`web.log` in `tmp`), never to a pipe nobody reads: a
    full pipe would block the server on its next log line, in the middle of a test."""
    port = free_port()
    log = tmp / "web.log"
    base = f"http://127.0.0.1:{port}"
    madoguchi = shutil.which("madoguchi") or ""
    argv = [madoguchi] if madoguchi else [sys.executable, "-m", "queue_app.cli"]
    with log.open("ab") as err:
        proc = subprocess.Popen(
            [*argv, "web", "--host", "127.0.0.1", "--port", str(port), "--public-url", base],
            env=server_env(url, tmp, extra_config),
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    try:
        wait_for_port(port, proc, log=log)
        yield base, proc
    finally:
        try:
            os.killpg(proc.pid, 15)
            proc.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass


def call_in_another_process(url: str, ticket_id: int, counter: int) -> float:
    """Call the ticket from a separate process; the wall-clock time of its commit."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.web_caller", url, str(ticket_id), str(counter)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return float(out.stdout.split()[-1])
