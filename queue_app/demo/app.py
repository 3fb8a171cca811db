"""The demo's Textual app: MadoguchiApp with keys to switch modes and steer simulated time.

Keys (chosen not to collide with the reception screen's F2-F10 and Ctrl+R):
Ctrl+O next mode, Alt+1/2/3 reception/display/reports, Ctrl+G pause, Alt+Up/Down speed.
A mode whose screen is not importable yet is replaced by a small fallback screen that lists
the calls and waiting counts, so the demo always shows a living counter.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from queue_app.i18n import wait_text
from screens.app import AppOptions, MadoguchiApp
from screens.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from queue_app.demo.live import LiveDay
    from queue_app.services import Services

MODE_MODULES = {
    "reception": "screens.reception.screen",
    "display": "screens.display.screen",
    "reports": "screens.reports.screen",
}
SPEEDS = (1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0)


def available(mode: str) -> bool:
    name = MODE_MODULES.get(mode)
    if name is None:
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


class FallbackScreen(Screen[None]):
    """Now calling and waiting counts of the demo office (when a real screen is missing)."""

    DEFAULT_CSS = """
    FallbackScreen { align: center top; }
    FallbackScreen #fb-title { padding: 1 2; text-style: bold; }
    FallbackScreen DataTable { height: auto; margin: 0 2 1 2; }
    """

    class Loaded(Message):
        def __init__(self, calls: list[tuple[str, str]], queues: list[tuple[str, int, int]]):
            super().__init__()
            self.calls = calls
            self.queues = queues

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        app: Any = self.app
        office = app.services.config.office(app.options.office_id)
        yield Header()
        with Vertical():
            yield Static(app.tr("demo.mode_missing", mode=self.mode))
            yield Static(
                app.tr("demo.fallback_title", office=office.name(app.tr.lang)), id="fb-title"
            )
            yield DataTable(id="fb-calls", show_cursor=False)
            yield DataTable(id="fb-queues", show_cursor=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        app: Any = self.app
        calls = self.query_one("#fb-calls", DataTable)
        calls.add_columns(app.tr("demo.fallback_calling"), "")
        queues = self.query_one("#fb-queues", DataTable)
        queues.add_columns(app.tr("demo.fallback_waiting"), "", "")
        self.set_interval(1.0, self.refresh_data)
        self.refresh_data()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="demo-fallback")
    def load(self) -> None:
        app: Any = self.app
        services = app.services
        office_id = app.options.office_id
        calls = [
            (t.display_number, app.tr("demo.counter", n=t.counter))
            for t in services.tickets.recent_calls(office_id, limit=8)
        ]
        queues = [
            (
                services.config.services[q.service_id].name(app.tr.lang),
                q.waiting,
                q.estimate_minutes,
            )
            for q in services.tickets.service_queues(office_id)
        ]
        self.post_message(self.Loaded(calls, queues))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        calls = self.query_one("#fb-calls", DataTable)
        calls.clear()
        for row in message.calls:
            calls.add_row(*row)
        queues = self.query_one("#fb-queues", DataTable)
        queues.clear()
        for name, waiting, minutes in message.queues:
            app: Any = self.app
            queues.add_row(name, str(waiting), wait_text(app.tr, minutes if waiting else 0))


class DemoKeys(Static):
    """The demo's own keys, on every view (the views' footers are full, or absent on the
    waiting-room display): Ctrl+Q quit, Ctrl+O switch, Ctrl+G pause, Alt+Up/Down speed."""

    DEFAULT_CSS = """
    DemoKeys { dock: bottom; height: 1; width: 100%; padding: 0 1;
        background: $accent-darken-2; color: $text; text-style: bold; }
    """


class DemoApp(MadoguchiApp):
    BINDINGS = [
        Binding("ctrl+o", "next_mode", "Mode", priority=True),
        Binding("alt+1", "mode('reception')", "Reception", show=False, priority=True),
        Binding("alt+2", "mode('display')", "Display", show=False, priority=True),
        Binding("alt+3", "mode('reports')", "Reports", show=False, priority=True),
        Binding("ctrl+g", "pause", "Pause", priority=True),
        Binding("alt+up", "faster", "Faster", show=False, priority=True),
        Binding("alt+down", "slower", "Slower", show=False, priority=True),
    ]

    def __init__(
        self,
        services: Services,
        options: AppOptions,
        modes: list[str],
        live: LiveDay | None = None,
    ) -> None:
        self.mode_order = list(modes)
        super().__init__(services, options, modes)
        for mode in modes:
            if not available(mode):
                self._modes[mode] = lambda mode=mode: FallbackScreen(mode)
        self.live = live
        self._translate_bindings()

    def _translate_bindings(self) -> None:
        """Footer labels from the catalogue (the language is chosen per app)."""
        labels = {
            "next_mode": self.tr("demo.key_mode"),
            "pause": self.tr("demo.pause"),
            "faster": self.tr("demo.faster"),
            "slower": self.tr("demo.slower"),
            "mode('reception')": self.tr("demo.key_reception"),
            "mode('display')": self.tr("demo.key_display"),
            "mode('reports')": self.tr("demo.key_reports"),
            # Textual's own binding (shown at the right of the footer as "palette")
            "command_palette": self.tr("demo.key_palette"),
        }
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                replace(b, description=labels[b.action], tooltip="") if b.action in labels else b
                for b in bindings
            ]

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._show_keys)
        self.notify(self.tr("demo.keys"), timeout=10)
        self.set_interval(0.5, self._show_time)
        if self.live is not None:
            self.live.start()
        self._show_time()

    def _show_time(self) -> None:
        now: datetime = self.services.clock.now()
        local = self.services.calendar.local(self.options.office_id, now)
        speed = self.live.speed if self.live else 1.0
        paused = self.tr("demo.paused") if self.live and self.live.paused else ""
        self.sub_title = self.tr(
            "demo.subtitle", time=local.strftime("%Y-%m-%d %H:%M"), speed=speed, paused=paused
        )

    def action_mode(self, mode: str) -> None:
        if mode in self.mode_order:
            self._switch(mode)

    def action_next_mode(self) -> None:
        current = self.current_mode
        order = self.mode_order
        nxt = order[(order.index(current) + 1) % len(order)] if current in order else order[0]
        self._switch(nxt)

    def _switch(self, mode: str) -> None:
        self.switch_mode(mode)
        self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        """Every view of the demo says how to quit and switch (mounted once per screen)."""
        screen = self.screen
        if not screen.query(DemoKeys):
            keys = DemoKeys(self.tr("demo.keys_bar"), markup=False)
            if screen.query("Footer"):  # docks overlap: sit on the row above the footer
                keys.styles.margin = (0, 0, 1, 0)
            screen.mount(keys)

    def action_pause(self) -> None:
        if self.live is not None:
            self.live.paused = not self.live.paused
            self._show_time()

    def _set_speed(self, step: int) -> None:
        if self.live is None:
            return
        below = [i for i, s in enumerate(SPEEDS) if s <= self.live.speed]
        index = below[-1] if below else 0
        self.live.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, index + step))]
        self._show_time()

    def action_faster(self) -> None:
        self._set_speed(1)

    def action_slower(self) -> None:
        self._set_speed(-1)

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()
