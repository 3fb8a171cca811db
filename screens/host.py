"""What a screen may know about the app that hosts it: the options the CLI chose and the
`ScreenHost` protocol (services, options, translator). Screens type `self.app` with it
instead of importing `screens.app`, which imports the screens (that would be a cycle)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from queue_app.i18n import Translator
    from queue_app.services import Services
    from queue_app.services.board import BoardSource


@dataclass
class AppOptions:
    """What the CLI decided: which office, which counter, which face, which language."""

    office_id: str
    mode: str = "reception"  # reception | display | reports
    counter: int | None = None
    staff: str | None = None
    lang: str = "ja"
    poll_interval: float = 0.25
    announce_command: str = ""
    chime: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class ScreenHost(Protocol):
    """The app as the screens see it (`MadoguchiApp` is one)."""

    board_source: BoardSource  # what the display reads (the services, or a bare source)
    options: AppOptions
    tr: Translator

    @property
    def services(self) -> Services: ...
