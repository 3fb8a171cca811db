"""Turn the TOML document (a plain dict) into a validated `Config`.

Every problem raises `ConfigError` naming the key path and the offending value, so a
clerk or an administrator can fix the line without reading code. Unknown keys are
errors: a typo must never silently mean "use the default".

- `keys.py`      the keys each table may hold
- `values.py`    reading one value (string, int, id, time, range, date)
- `settings.py`  general, display, reports and inquiry settings
- `web.py`       the visitor's web pages (`[web]`)
- `offices.py`   services, offices, counters, opening hours
- `rules.py`     closures and extra openings
- `plans.py`     named visit plans (`[[plans]]`)
- `general.py`   the top-level keys, the time zone and the language (read first, or alone)
- `document.py`  staff and `parse_config`
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from queue_app.domain.config_schema.general import read_general
from queue_app.domain.config_schema.keys import (
    COUNTER_KEYS,
    DISPLAY_KEYS,
    GENERAL_KEYS,
    HOURS_KEYS,
    INQUIRY_KEYS,
    OFFICE_KEYS,
    PLAN_KEYS,
    REPORTS_KEYS,
    RULE_KEYS,
    SERVICE_KEYS,
    STAFF_KEYS,
    TOP_KEYS,
    WEB_KEYS,
)
from queue_app.domain.config_schema.values import parse_date_value, parse_ranges, parse_time

if TYPE_CHECKING:
    from queue_app.domain.config import Config


def parse_config(doc: Mapping[str, Any]) -> Config:
    """Validate the whole document (`document.parse_config`); raise ConfigError on the first
    problem found. The parts' rules and the configuration's classes are imported here, on
    the first call, not with this package: `read_general` needs none of them."""
    from queue_app.domain.config_schema.document import parse_config as parse_document

    return parse_document(doc)


__all__ = [
    "COUNTER_KEYS",
    "DISPLAY_KEYS",
    "GENERAL_KEYS",
    "HOURS_KEYS",
    "INQUIRY_KEYS",
    "OFFICE_KEYS",
    "PLAN_KEYS",
    "REPORTS_KEYS",
    "RULE_KEYS",
    "SERVICE_KEYS",
    "STAFF_KEYS",
    "TOP_KEYS",
    "WEB_KEYS",
    "parse_config",
    "parse_date_value",
    "parse_ranges",
    "parse_time",
    "read_general",
]
