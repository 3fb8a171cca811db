"""One injectable clock: tests, demos and training fix time through it, never by patching."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


class Clock:
    """Gives aware UTC datetimes; `now_fn` is replaceable (fixed or simulated time)."""

    def __init__(self, now_fn: Callable[[], datetime] | None = None) -> None:
        self._now_fn = now_fn or (lambda: datetime.now(UTC))

    def now(self) -> datetime:
        value = self._now_fn()
        if value.tzinfo is None:
            raise ValueError("clock returned a naive datetime")
        return value.astimezone(UTC)

    def today(self, tz: str | ZoneInfo) -> date:
        zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
        return self.now().astimezone(zone).date()

    @classmethod
    def fixed(cls, moment: datetime) -> Clock:
        if moment.tzinfo is None:
            raise ValueError("a fixed clock needs an aware datetime")
        return cls(lambda: moment)


class MutableClock(Clock):
    """A clock that tests and the simulator move forward by hand."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("MutableClock needs an aware datetime")
        self.current = start.astimezone(UTC)
        super().__init__(lambda: self.current)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("MutableClock needs an aware datetime")
        self.current = moment.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)
