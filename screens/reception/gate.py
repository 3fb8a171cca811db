"""Keys that need the services before they are ready.

The CLI's reception paints its first screen and its lists from plain reads and builds its
services (SQLAlchemy, SQLModel, pydantic: about a second to import) in a thread after that
(`MadoguchiApp.when_services`). A key pressed meanwhile is neither lost nor run twice: its
action is kept, in the order pressed, the clerk sees 準備中 on the screen, and it runs once
the services are ready. Should they fail (the database went away), the clerk is told that
nothing was done and presses the key again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.widgets import Static

from screens.reception.common import error_text

if TYPE_CHECKING:
    from queue_app.i18n import Translator

A = TypeVar("A", bound=Callable[..., None])


def needs_services(action: A) -> A:
    """An action that needs the services: run now when they are ready, else kept and run
    once they are (`ServicesGate.with_services`)."""

    @functools.wraps(action)
    def gated(self: ServicesGate, *args: Any, **kwargs: Any) -> None:
        self.with_services(functools.partial(action, self, *args, **kwargs))

    return gated  # type: ignore[return-value]


class ServicesGate:
    """Mixed into the reception's screen, which yields a hidden `Static#preparing`."""

    app: Any
    tr: Translator
    _pending: list[Callable[[], None]]

    @property
    def _screen(self) -> Any:
        return self  # the Screen this is mixed into (its query_one, notify)

    @property
    def services(self) -> Any:
        """The use cases (`queue_app.services.Services`); raises until they are ready (an
        action reaches them through `needs_services`)."""
        return self.app.services

    def with_services(self, run: Callable[[], None]) -> None:
        """Run `run` now if the services are ready, else once they are (準備中 meanwhile)."""
        app: Any = self.app
        if app.services_ready and not self._pending:
            run()
            return
        self._pending.append(run)
        if len(self._pending) == 1:
            marker = self._screen.query_one("#preparing", Static)
            marker.update(self.tr("reception.preparing"))
            marker.display = True
            app.when_services(self._run_pending, first=True)

    def _run_pending(self, error: BaseException | None) -> None:
        pending, self._pending = self._pending, []
        self._screen.query_one("#preparing", Static).display = False
        if error is not None:  # nothing was done: the clerk presses the key again
            text = self.tr("reception.preparing_failed", message=error_text(error, self.tr))
            self._screen.notify(text, severity="error", timeout=8)
            return
        for run in pending:  # each once, in the order pressed
            run()
