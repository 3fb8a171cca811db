"""The app factory shared by the CLI, the demo and the tests.

One `MadoguchiApp` hosts the three faces of the product as Textual modes: the reception
terminal, the waiting-room display and the reports. Each mode's screen is imported lazily,
so the display process never loads the reception screen's code. Screens reach the use
cases through `self.app.services` (the only door to the database) and translate strings
through `self.app.tr`.

The CLI's reception starts without its services: it paints its first screen from plain
reads on the bare driver (`board_source`, `services/ticket_reads.py`) and the services
(SQLAlchemy, SQLModel, pydantic: about a second to import) are built by `services_factory`
in a thread once the screen asks (`when_services`); a key that needs them waits for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual._dispatch_key import dispatch_key
from textual.app import App
from textual.binding import Binding
from textual.message import Message
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


class ServicesBuilt(Message):
    """The services' thread is done: built (`services`) or failed (`error`)."""

    def __init__(self, services: Services | None, error: BaseException | None) -> None:
        super().__init__()
        self.services = services
        self.error = error


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
        services_factory: Callable[[], Services] | None = None,
    ) -> None:
        source = board_source if board_source is not None else services
        if source is None:
            raise ValueError("an app needs its services or, for a display, a board source")
        self._services = services
        self._services_factory = services_factory
        self._services_waiters: list[Callable[[BaseException | None], None]] = []
        self._services_loading = False
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
            if self._services_factory is not None:
                raise RuntimeError("the services are not ready yet (see `when_services`)")
            raise RuntimeError("this app only shows the board: it has no services")
        return self._services

    @property
    def services_ready(self) -> bool:
        return self._services is not None

    def when_services(
        self, callback: Callable[[BaseException | None], None], *, first: bool = False
    ) -> None:
        """`callback(None)` once the services are ready (at once if they are), on the UI
        thread and once; `callback(error)` when they could not be built (a later call tries
        again). Asking starts building them. `first`: before the callbacks already waiting
        (a clerk's key before the start-up housekeeping)."""
        if self._services is not None:
            callback(None)
            return
        if self._services_factory is None:
            callback(RuntimeError("this app only shows the board: it has no services"))
            return
        self._services_waiters.insert(0 if first else len(self._services_waiters), callback)
        if not self._services_loading:
            self._services_loading = True
            self.run_worker(
                self._build_services, thread=True, group="services", exit_on_error=False
            )

    def _build_services(self) -> None:  # a thread worker
        assert self._services_factory is not None
        services: Services | None = None
        error: BaseException | None = None
        try:
            services = self._services_factory()
        except Exception as exc:  # told to every waiter; the next key tries again
            error = exc
        # handled in the app's own message loop (a dialog a waiting key opens is mounted
        # there; from `call_from_thread`'s task it was mounted half)
        self.post_message(ServicesBuilt(services, error))

    @on(ServicesBuilt)
    def _services_built(self, message: ServicesBuilt) -> None:
        services, error = message.services, message.error
        self._services_loading = False
        if services is not None:
            self._services = services
        waiters, self._services_waiters = self._services_waiters, []
        for callback in waiters:
            callback(error)

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
    services_factory: Callable[[], Services] | None = None,
) -> MadoguchiApp:
    """The one app factory of the CLI, the benches and the tests. A display may be given a
    `board_source` instead of services (the CLI's display does: no ORM in that process); a
    reception a `board_source` and a `services_factory` (run in a thread after its first
    paint)."""
    return MadoguchiApp(
        services, options, modes, board_source=board_source, services_factory=services_factory
    )


__all__ = ["AppOptions", "MadoguchiApp", "create_app"]
