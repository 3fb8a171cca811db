"""Stored moments are epoch milliseconds in UTC (db/models.py says why); these turn them into
aware datetimes and back. Importable without SQLAlchemy (the display's bare-driver reads)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return int(moment.timestamp() * 1000)


def from_ms(value: int | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC)
