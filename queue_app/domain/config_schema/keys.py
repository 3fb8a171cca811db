"""The keys each table of the configuration may hold (anything else is an error), and the
shapes of ids, prefixes and times."""

from __future__ import annotations

import re

# the weekday keys of an `[offices.hours]` table: `queue_app.domain.config.WEEKDAYS`, spelled
# here so that the keys (read by `general.py` before anything else) need none of the
# configuration's classes; tests/test_config.py checks that both are the same
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_PREFIX = re.compile(r"^[A-Z]{1,2}$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
_MD = re.compile(r"^(\d{2})-(\d{2})$")

TOP_KEYS = {
    "general",
    "display",
    "inquiry",
    "reports",
    "services",
    "offices",
    "closures",
    "openings",
    "staff",
    "web",
    "plans",
}
GENERAL_KEYS = {
    "timezone",
    "language",
    "target_wait_minutes",
    "recall_limit",
    "estimate_window_minutes",
    "print_command",
    "announce_command",
    "database_url",
    "data_dir",
    "secret_file",
    "return_priority",
}
DISPLAY_KEYS = {"moderate_minutes", "crowded_minutes"}
REPORTS_KEYS = {"notice_dates"}
WEB_KEYS = {
    "host",
    "port",
    "public_url",
    "requests_per_minute",
    "max_streams",
    "max_streams_per_address",
    "trusted_proxies",
    "allowed_hosts",
}
INQUIRY_KEYS = {
    "answer_valid_days",
    "postal_lead_days",
    "purge_after_days",
    "slot_minutes",
    "seats_per_slot",
    "no_show_grace_minutes",
    "breaks",
    "service",
}
SERVICE_KEYS = {
    "id",
    "name_ja",
    "name_en",
    "prefix",
    "minutes",
    "my_number",
    "outcome_required",
    "pickup",
}
PLAN_KEYS = {"id", "name_ja", "name_en", "steps", "offices"}
OFFICE_KEYS = {
    "id",
    "name_ja",
    "name_en",
    "location_ja",
    "location_en",
    "timezone",
    "services",
    "service_order",
    "counters",
    "hours",
}
COUNTER_KEYS = {"number", "services", "name_ja", "name_en"}
HOURS_KEYS = {"effective_from", "all", "weekdays", *WEEKDAY_KEYS}
RULE_KEYS = {
    "kind",
    "offices",
    "services",
    "reason_ja",
    "reason_en",
    "code",
    "weekdays",
    "rrule",
    "dtstart",
    "offset_days",
    "from",
    "to",
    "dates",
    "hours",
}
STAFF_KEYS = {"code", "name", "offices"}
