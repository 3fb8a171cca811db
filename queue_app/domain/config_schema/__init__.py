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
- `document.py`  staff and `parse_config`
"""

from __future__ import annotations

from queue_app.domain.config_schema.document import parse_config
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
]
