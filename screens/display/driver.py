"""The terminal driver of `madoguchi display` when its input is not a terminal.

Textual's Linux driver reads the keys in a thread that waits on stdin with `select` (0.1 s)
and reads what is ready. When stdin is at its end (`/dev/null` under a systemd unit, cron,
`nohup`, a kiosk's autostart; an empty pipe once its writer has gone) `select` reports it
ready at once and the read returns nothing, over and over: the display burnt 30-60% of a
core doing nothing. A display whose input is not a terminal has no keys to read, so this
driver's input thread only waits for the exit; with a terminal it is Textual's own.
"""

from __future__ import annotations

from typing import Any

from textual.drivers.linux_driver import LinuxDriver


class DisplayDriver(LinuxDriver):
    """Textual's Linux driver, minus the input thread's busy loop on a non-terminal stdin."""

    def run_input_thread(self) -> None:
        if self.input_tty:
            super().run_input_thread()
            return
        self.exit_event.wait()  # no keys to read: wake once, at the exit


def display_driver(driver_class: type[Any]) -> type[Any]:
    """The driver a terminal display runs with: ours in place of Textual's Linux driver;
    any other (the web driver textual-serve asks for) unchanged. Not imported on Windows."""
    if driver_class is LinuxDriver:
        return DisplayDriver
    return driver_class
