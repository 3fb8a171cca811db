"""What every part of the configuration is read after, and what `renewal` reads alone: the
top-level keys, the keys of the settings tables, the time zone and the language.

`parse_config` (document.py) starts with exactly these steps, so a file whose first problem
is here gets the same message from `read_general` as from the whole reading; `read_general`
imports none of the configuration's classes (`queue_app.domain.config`) and none of the
other parts' rules (`madoguchi renewal` without --today: issue 17).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_app.domain.config_schema.keys import (
    DISPLAY_KEYS,
    GENERAL_KEYS,
    INQUIRY_KEYS,
    REPORTS_KEYS,
    TOP_KEYS,
    WEB_KEYS,
)
from queue_app.domain.config_schema.values import _check_keys, _check_timezone, _fail, _str, _table

SETTINGS_TABLES = (
    ("general", GENERAL_KEYS),
    ("display", DISPLAY_KEYS),
    ("inquiry", INQUIRY_KEYS),
    ("reports", REPORTS_KEYS),
    ("web", WEB_KEYS),
)


def settings_tables(doc: Mapping[str, Any]) -> tuple[Mapping[str, Any], ...]:
    """The general, display, inquiry, reports and web tables, each checked for unknown keys."""
    return tuple(_table(doc, key, key, allowed) for key, allowed in SETTINGS_TABLES)


def zone_and_language(general: Mapping[str, Any]) -> tuple[str, str]:
    """`general.timezone` (a known time zone) and `general.language` ("ja" or "en")."""
    tz = _str(general, "timezone", "general", "Asia/Tokyo")
    _check_timezone(tz, "general.timezone")
    language = _str(general, "language", "general", "ja")
    if language not in ("ja", "en"):
        raise _fail("general.language", language, 'must be "ja" or "en"')
    return tz, language


def read_general(doc: Mapping[str, Any]) -> tuple[str, str]:
    """The time zone and the language of a document, checked as `parse_config` checks them
    first (top-level keys, the settings tables' keys); the rest of the document is not read."""
    _check_keys(doc, "", TOP_KEYS)
    return zone_and_language(settings_tables(doc)[0])
