"""What the display's poll worker hands back to the UI thread (`Polled`), and what the
screen remembers between polls (`PollState`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.message import Message

from queue_app.services.board import BoardSnapshot


class Polled(Message):
    """One poll finished: a new snapshot, nothing new, or an error."""

    def __init__(
        self,
        key: tuple[tuple[str, int], ...] | None,
        snapshot: BoardSnapshot | None,
        error: str | None,
    ) -> None:
        super().__init__()
        self.key = key
        self.snapshot = snapshot
        self.error = error


@dataclass
class PollState:
    key: tuple[tuple[str, int], ...] | None = None
    minute: tuple[date, int, int] | None = None
    failures: int = 0
    polls: int = 0  # timer ticks
    reads: int = 0  # ticks that read the database (a change, the minute, liveness)
    fetches: int = 0
