"""The app factory shared by the CLI, the demo and the tests.

One `MadoguchiApp` hosts the three faces of the product as Textual modes: the reception
terminal, the waiting-room display and the reports. Each mode's screen is imported lazily,
so the display process never loads the reception screen's code. Screens reach the use
cases through `self.app.services` (the only door to the database) and translate strings
through `self.app.tr`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import events
from textual._dispatch_key import dispatch_key
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from queue_app.domain.errors import MadoguchiError
from queue_app.i18n import Translator
from screens.host import AppOptions

if TYPE_CHECKING:
    from queue_app.services import Services
    from queue_app.services.board import BoardSource


def _reception() -> Screen[Any]:
    from screens.reception.screen import ReceptionScreen

    return ReceptionScreen()


def _display() -> Screen[Any]:
    from screens.display.screen import DisplayScreen

    return DisplayScreen()


def _reports() -> Screen[Any]:
    from screens.reports.screen import ReportsScreen

    return ReportsScreen()


SCREEN_FACTORIES: dict[str, Callable[[], Screen[Any]]] = {
    "reception": _reception,
    "display": _display,
    "reports": _reports,
}


class MadoguchiApp(App[None]):
    TITLE = "Madoguchi 窓口"
    # Textual hands a key to the widget focused when the key is *read*, and a Tab moves the
    # focus only once that widget has handled it: in a burst (a fast typist, a scanner, a
    # terminal that delivers several keys at once) the keys after a Tab reached the old
    # widget and were lost. As priority bindings, Tab and Shift+Tab move the focus while the
    # key is read, so every later key goes where the clerk sees the cursor.
    BINDINGS = [
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        services: Services | None,
        options: AppOptions,
        modes: list[str] | None = None,
        *,
        board_source: BoardSource | None = None,
    ) -> None:
        source = board_source if board_source is not None else services
        if source is None:
            raise ValueError("an app needs its services or, for a display, a board source")
        self._services = services
        self.board_source: BoardSource = source
        self.options = options
        self.tr = Translator(options.lang)
        wanted = modes or [options.mode]
        self.MODES = {name: SCREEN_FACTORIES[name] for name in wanted}  # type: ignore[misc]  # per app: the CLI picks the faces
        super().__init__()
        self._translate_palette_label()

    @property
    def services(self) -> Services:
        """The use cases; a display started on a bare board source has none (it only reads
        the board: `queue_app/services/board_source.py`)."""
        if self._services is None:
            raise RuntimeError("this app only shows the board: it has no services")
        return self._services

    def _translate_palette_label(self) -> None:
        """Textual's own footer label ("palette") in the clerk's language."""
        label = self.tr("ui.key_palette")
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                replace(b, description=label) if b.action == "command_palette" else b
                for b in bindings
            ]

    def on_mount(self) -> None:
        self.switch_mode(self.options.mode)

    # -- keys in a burst -------------------------------------------------------------------
    # A key that a widget does not handle itself (Space on a checkbox, Enter on a button)
    # comes back to the app, which then looks for a binding from the widget focused *now*.
    # With the focus moved meanwhile by a later key of the same burst (a priority Tab),
    # Space ticked the wrong box. The key's own widget is remembered when it is read, and
    # its bindings are looked up from there.
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            event._madoguchi_target = self.focused  # type: ignore[attr-defined]
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        target = getattr(event, "_madoguchi_target", None)
        if target is None or target is self.focused:
            return  # App._on_key: bindings from the focused widget, as usual
        if not target.is_attached or target.screen is not self.screen:
            return
        event.prevent_default()  # not looked up again from the widget focused now
        chain = []
        for node in target.ancestors_with_self:
            chain.append(node)
            if node.is_modal:
                break
        for node in chain:
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.run_action(binding.action, node):
                    return
        await dispatch_key(self, event)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed background job becomes a visible message."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, MadoguchiError):
            text = error.message(self.tr.lang)
        else:
            text = self.tr("ui.unexpected_error", error=f"{type(error).__name__}: {error}")
        self.notify(text, severity="error", timeout=8)


def create_app(
    services: Services | None,
    options: AppOptions,
    modes: list[str] | None = None,
    *,
    board_source: BoardSource | None = None,
) -> MadoguchiApp:
    """The one app factory of the CLI, the benches and the tests. A display may be given a
    `board_source` instead of services (the CLI's display does: no ORM in that process)."""
    return MadoguchiApp(services, options, modes, board_source=board_source)


__all__ = ["AppOptions", "MadoguchiApp", "create_app"]
