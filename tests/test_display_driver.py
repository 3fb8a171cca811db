"""`madoguchi display` without a terminal on its input (a systemd unit, cron, nohup, a
kiosk's autostart: stdin is /dev/null) used 30-60% of a core: Textual's input thread
selected stdin, found it "ready" (at its end) at once, read nothing, and looped. The display's
driver does not read a stdin that is not a terminal; with a terminal it reads keys as before.
Counted, never timed: the reads of stdin before the thread settles to wait for the exit."""

from __future__ import annotations

import os
import pty
import threading
import tty
from typing import Any

import pytest
from textual import events
from textual.drivers.linux_driver import LinuxDriver

from screens.display.driver import DisplayDriver, display_driver
from tests.waiting import DEADLINE


class ExitEvent(threading.Event):
    """The driver's exit event, telling when the input thread starts waiting on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waited = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waited.set()
        return super().wait(timeout)


def bare_driver(fileno: int, tty: bool) -> tuple[DisplayDriver, list[Any], ExitEvent]:
    """The driver's input side alone (no app, no terminal modes)."""
    driver = DisplayDriver.__new__(DisplayDriver)
    received: list[Any] = []
    driver.fileno = fileno
    driver.input_tty = tty
    driver._debug = False
    driver.exit_event = ExitEvent()
    driver.process_message = received.append  # type: ignore[method-assign]
    return driver, received, driver.exit_event


def test_stdin_at_its_end_is_not_read_in_a_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin, writer = os.pipe()
    os.close(writer)  # like /dev/null: always "ready", always empty
    reads = 0
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        nonlocal reads
        if fd == stdin:
            reads += 1
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    driver, _, exit_event = bare_driver(stdin, tty=False)
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        assert exit_event.waited.wait(DEADLINE), "the input thread never settled to wait"
        assert reads == 0
    finally:
        exit_event.set()
        thread.join(DEADLINE)
        os.close(stdin)
    assert not thread.is_alive()


def test_keys_from_a_terminal_are_still_read() -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)  # as Textual sets it: keys arrive one by one, not per line
    driver, received, exit_event = bare_driver(slave, tty=True)
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(master, b"r")
        deadline = threading.Event()
        for _ in range(int(DEADLINE / 0.01)):
            if any(isinstance(m, events.Key) and m.character == "r" for m in received):
                break
            deadline.wait(0.01)
        assert any(isinstance(m, events.Key) and m.character == "r" for m in received)
    finally:
        exit_event.set()
        thread.join(DEADLINE)
        os.close(master)
        os.close(slave)


def test_only_the_linux_terminal_driver_is_replaced() -> None:
    from textual.drivers.headless_driver import HeadlessDriver

    assert display_driver(LinuxDriver) is DisplayDriver
    assert display_driver(HeadlessDriver) is HeadlessDriver
