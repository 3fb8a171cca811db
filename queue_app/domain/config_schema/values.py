"""Reading one value: strings, integers, ids, lists, times, time ranges, dates, weekdays;
each failure names the key path and the value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import TYPE_CHECKING, Any

from queue_app.domain.config_schema.keys import (
    _HHMM,
    _ID,
    WEEKDAY_KEYS,
)
from queue_app.domain.errors import ConfigError, could_be_secret

if TYPE_CHECKING:
    from queue_app.domain.config import TimeRange

# The configuration's classes (`queue_app.domain.config`) are imported where a value is
# built from them, not here: `general.py` reads the time zone and the language with these
# helpers and none of those classes (`madoguchi renewal` without --today).


def _fail(key: str, value: object, problem: str) -> ConfigError:
    """The value is kept as read: the message decides from it, not from its written form,
    whether it may be repeated (`errors.could_be_secret`), then writes it as Python does."""
    return ConfigError("err.config", key=key, value=value, problem=problem)


def _shown_key(key: str) -> str:
    """An unknown key as the message may show it: a key is text the user typed like any
    value, so one that could be a PIN or a 個人番号 (a run of 4 or more digits, a token
    shaped like a signing PIN), that is long or that holds unprintable characters is not
    repeated (`errors.could_be_secret`, the one rule of every message)."""
    if re.search(r"\d{4,}", key) or could_be_secret(key):
        return "<key not shown>"
    return key


def _header(path: str) -> str:
    """The TOML header of the table at `path`: `offices[0].hours[1]` → `offices.hours`."""
    return re.sub(r"\[\d+\]", "", path)


def _table(doc: Mapping[str, Any], key: str, path: str, allowed: set[str]) -> Mapping[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, Mapping):
        raise _fail(
            path,
            value,
            f"must be a table: write the line [{_header(path)}] and its keys under it, one"
            " `key = value` a line (not a value after the table's name)",
        )
    _check_keys(value, path, allowed)
    return value


def _tables(value: object, path: str) -> list[Mapping[str, Any]]:
    """A list of tables (`[[offices]]`, `[[offices.counters]]`...): anything else is named
    with how to write it, never an unexpected error further on."""
    how = f"write each entry as the line [[{_header(path)}]] and its keys under it"
    if not isinstance(value, list):
        raise _fail(path, value, f"must be a list of tables: {how}")
    for i, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            raise _fail(f"{path}[{i}]", entry, f"must be a table: {how}")
    return value


def _check_keys(table: Mapping[str, Any], path: str, allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            name = _shown_key(key)
            raise _fail(
                f"{path}.{name}" if path else name,
                table[key],
                "unknown key (allowed: " + ", ".join(sorted(allowed)) + ")",
            )


def _str(table: Mapping[str, Any], key: str, path: str, default: str | None = None) -> str:
    if key not in table:
        if default is None:
            raise _fail(f"{path}.{key}", None, "is required")
        return default
    value = table[key]
    if not isinstance(value, str):
        raise _fail(f"{path}.{key}", value, "must be a string")
    return value


# upper bounds of configuration integers: a slip of the keyboard (300000 minutes, a day of
# 10**12 seats) is refused when the file is read, not discovered as an overflow at 09:00
MAXIMUM = {
    "display.moderate_minutes": 1440,
    "display.crowded_minutes": 1440,
    "inquiry.answer_valid_days": 365,
    "inquiry.postal_lead_days": 60,
    "inquiry.purge_after_days": 3650,
    "inquiry.slot_minutes": 480,
    "inquiry.seats_per_slot": 100,
    "inquiry.no_show_grace_minutes": 240,
    "general.target_wait_minutes": 480,
    "general.recall_limit": 20,
    "general.estimate_window_minutes": 1440,
}
COUNTER_MAX = 999  # counter numbers
DEFAULT_MAXIMUM = 100_000  # any other whole number in the configuration


def _int(
    table: Mapping[str, Any],
    key: str,
    path: str,
    default: int,
    minimum: int = 0,
    maximum: int | None = None,
) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{path}.{key}", value, "must be a whole number")
    if value < minimum:
        raise _fail(f"{path}.{key}", value, f"must be at least {minimum}")
    if maximum is None:
        maximum = MAXIMUM.get(f"{path}.{key}", DEFAULT_MAXIMUM)
    if value > maximum:
        raise _fail(f"{path}.{key}", value, f"must be at most {maximum}")
    return value


def _id(value: object, path: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _fail(path, value, "must be a lower-case id (a-z, 0-9, _ or -)")
    return value


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, value, "must be a list")
    return value


def parse_time(value: object, path: str) -> time:
    if not isinstance(value, str):
        raise _fail(path, value, "must be a time written HH:MM")
    match = _HHMM.match(value.strip())
    if not match:
        raise _fail(path, value, "must be a time written HH:MM")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise _fail(path, value, "is not a time of day (00:00-23:59)")
    return time(hour, minute)


def parse_ranges(value: object, path: str) -> tuple[TimeRange, ...]:
    """A list of ["HH:MM", "HH:MM"] pairs, each start before end, none overlapping."""
    from queue_app.domain.config import TimeRange

    ranges: list[TimeRange] = []
    for i, pair in enumerate(_list(value, path)):
        here = f"{path}[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(here, pair, 'must be a pair ["HH:MM", "HH:MM"]')
        start, end = parse_time(pair[0], here), parse_time(pair[1], here)
        if start >= end:
            raise _fail(here, pair, "start must be before end")
        ranges.append(TimeRange(start, end))
    ranges.sort(key=lambda r: r.start)
    for before, after in zip(ranges, ranges[1:], strict=False):
        if after.start < before.end:
            raise _fail(path, value, "time ranges overlap")
    return tuple(ranges)


def parse_date_value(value: object, path: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, value, "must be a date written YYYY-MM-DD")


def _weekday_list(value: object, path: str) -> tuple[int, ...]:
    days: list[int] = []
    for item in _list(value, path):
        if not isinstance(item, str) or item.lower() not in WEEKDAY_KEYS:
            raise _fail(path, item, "weekdays are " + ", ".join(WEEKDAY_KEYS))
        days.append(WEEKDAY_KEYS.index(item.lower()))
    return tuple(sorted(set(days)))


def _known(value: object, known: Mapping[str, Any], path: str, what: str) -> str:
    if not isinstance(value, str) or value not in known:
        raise _fail(path, value, f"unknown {what} (known: " + ", ".join(known) + ")")
    return value


def _check_timezone(tz: str, path: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(path, tz, "is not a known time zone (e.g. Asia/Tokyo)") from None
