"""Turn the TOML document (a plain dict) into a validated `Config`.

Every problem raises `ConfigError` naming the key path and the offending value, so a
clerk or an administrator can fix the line without reading code. Unknown keys are
errors: a typo must never silently mean "use the default".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from queue_app.domain.config import (
    WEEKDAYS,
    CalendarRule,
    Config,
    Congestion,
    Counter,
    HoursPeriod,
    InquirySettings,
    Office,
    ReportSettings,
    RuleKind,
    Service,
    Settings,
    Staff,
    TimeRange,
)
from queue_app.domain.errors import ConfigError

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
}
DISPLAY_KEYS = {"moderate_minutes", "crowded_minutes"}
REPORTS_KEYS = {"notice_dates"}
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
SERVICE_KEYS = {"id", "name_ja", "name_en", "prefix", "minutes", "my_number"}
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
HOURS_KEYS = {"effective_from", "all", "weekdays", *WEEKDAYS}
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


def _fail(key: str, value: object, problem: str) -> ConfigError:
    return ConfigError("err.config", key=key, value=_show(value), problem=problem)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _table(doc: Mapping[str, Any], key: str, path: str, allowed: set[str]) -> Mapping[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, Mapping):
        raise _fail(path, value, "must be a table")
    _check_keys(value, path, allowed)
    return value


def _check_keys(table: Mapping[str, Any], path: str, allowed: set[str]) -> None:
    for key in table:
        if key not in allowed:
            raise _fail(
                f"{path}.{key}" if path else key,
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


def _int(table: Mapping[str, Any], key: str, path: str, default: int, minimum: int = 0) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{path}.{key}", value, "must be a whole number")
    if value < minimum:
        raise _fail(f"{path}.{key}", value, f"must be at least {minimum}")
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
        if not isinstance(item, str) or item.lower() not in WEEKDAYS:
            raise _fail(path, item, "weekdays are " + ", ".join(WEEKDAYS))
        days.append(WEEKDAYS.index(item.lower()))
    return tuple(sorted(set(days)))


def _settings(doc: Mapping[str, Any]) -> Settings:
    general = _table(doc, "general", "general", GENERAL_KEYS)
    display = _table(doc, "display", "display", DISPLAY_KEYS)
    inquiry = _table(doc, "inquiry", "inquiry", INQUIRY_KEYS)
    reports = _table(doc, "reports", "reports", REPORTS_KEYS)
    tz = _str(general, "timezone", "general", "Asia/Tokyo")
    _check_timezone(tz, "general.timezone")
    language = _str(general, "language", "general", "ja")
    if language not in ("ja", "en"):
        raise _fail("general.language", language, 'must be "ja" or "en"')
    congestion = Congestion(
        moderate_minutes=_int(display, "moderate_minutes", "display", 15),
        crowded_minutes=_int(display, "crowded_minutes", "display", 30),
    )
    if congestion.crowded_minutes < congestion.moderate_minutes:
        raise _fail(
            "display.crowded_minutes",
            congestion.crowded_minutes,
            "must not be below display.moderate_minutes",
        )
    inq = InquirySettings(
        answer_valid_days=_int(inquiry, "answer_valid_days", "inquiry", 30, 1),
        postal_lead_days=_int(inquiry, "postal_lead_days", "inquiry", 3),
        purge_after_days=_int(inquiry, "purge_after_days", "inquiry", 90),
        slot_minutes=_int(inquiry, "slot_minutes", "inquiry", 30, 5),
        seats_per_slot=_int(inquiry, "seats_per_slot", "inquiry", 2, 1),
        no_show_grace_minutes=_int(inquiry, "no_show_grace_minutes", "inquiry", 15),
        breaks=parse_ranges(inquiry.get("breaks", []), "inquiry.breaks"),
        service=_str(inquiry, "service", "inquiry", "ecert"),
    )
    return Settings(
        timezone=tz,
        language=language,
        target_wait_minutes=_int(general, "target_wait_minutes", "general", 30, 1),
        recall_limit=_int(general, "recall_limit", "general", 3, 0),
        estimate_window_minutes=_int(general, "estimate_window_minutes", "general", 120, 1),
        print_command=_str(general, "print_command", "general", ""),
        announce_command=_str(general, "announce_command", "general", ""),
        database_url=_str(general, "database_url", "general", ""),
        data_dir=_str(general, "data_dir", "general", ""),
        secret_file=_str(general, "secret_file", "general", ""),
        congestion=congestion,
        inquiry=inq,
        reports=_report_settings(reports),
    )


def _report_settings(reports: Mapping[str, Any]) -> ReportSettings:
    path = "reports.notice_dates"
    dates = [
        parse_date_value(v, f"{path}[{i}]")
        for i, v in enumerate(_list(reports.get("notice_dates", []), path))
    ]
    return ReportSettings(notice_dates=tuple(sorted(set(dates))))


def _check_timezone(tz: str, path: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(path, tz, "is not a known time zone (e.g. Asia/Tokyo)") from None


def _services(doc: Mapping[str, Any]) -> dict[str, Service]:
    services: dict[str, Service] = {}
    prefixes: dict[str, str] = {}
    raw = _list(doc.get("services", []), "services")
    if not raw:
        raise _fail("services", raw, "at least one service is required")
    for i, entry in enumerate(raw):
        path = f"services[{i}]"
        if not isinstance(entry, Mapping):
            raise _fail(path, entry, "must be a table")
        _check_keys(entry, path, SERVICE_KEYS)
        sid = _id(entry.get("id"), f"{path}.id")
        path = f"services.{sid}"
        if sid in services:
            raise _fail(f"{path}.id", sid, "is defined twice")
        prefix = _str(entry, "prefix", path)
        if not _PREFIX.match(prefix):
            raise _fail(f"{path}.prefix", prefix, "must be one or two capital letters A-Z")
        if prefix in prefixes:
            raise _fail(f"{path}.prefix", prefix, f"is already used by {prefixes[prefix]}")
        prefixes[prefix] = sid
        minutes = entry.get("minutes", 10)
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes <= 0:
            raise _fail(f"{path}.minutes", minutes, "must be a positive number of minutes")
        my_number = entry.get("my_number", False)
        if not isinstance(my_number, bool):
            raise _fail(f"{path}.my_number", my_number, "must be true or false")
        services[sid] = Service(
            id=sid,
            name_ja=_str(entry, "name_ja", path),
            name_en=_str(entry, "name_en", path, _str(entry, "name_ja", path)),
            prefix=prefix,
            minutes=float(minutes),
            my_number=my_number,
        )
    return services


def _hours(raw: object, path: str) -> tuple[HoursPeriod, ...]:
    periods: list[HoursPeriod] = []
    seen: set[date] = set()
    entries = _list(raw, path)
    if not entries:
        raise _fail(path, raw, "at least one [[offices.hours]] period is required")
    for i, entry in enumerate(entries):
        here = f"{path}[{i}]"
        if not isinstance(entry, Mapping):
            raise _fail(here, entry, "must be a table")
        _check_keys(entry, here, HOURS_KEYS)
        start = parse_date_value(
            entry.get("effective_from", "2000-01-01"), f"{here}.effective_from"
        )
        if start in seen:
            raise _fail(f"{here}.effective_from", str(start), "two periods start on the same day")
        seen.add(start)
        week: list[tuple[TimeRange, ...]] = [() for _ in WEEKDAYS]
        if "all" in entry:
            ranges = parse_ranges(entry["all"], f"{here}.all")
            week = [ranges for _ in WEEKDAYS]
        if "weekdays" in entry:
            ranges = parse_ranges(entry["weekdays"], f"{here}.weekdays")
            for d in range(5):
                week[d] = ranges
        for d, name in enumerate(WEEKDAYS):
            if name in entry:
                week[d] = parse_ranges(entry[name], f"{here}.{name}")
        periods.append(HoursPeriod(effective_from=start, week=tuple(week)))
    periods.sort(key=lambda p: p.effective_from)
    return tuple(periods)


def _offices(
    doc: Mapping[str, Any], settings: Settings, services: dict[str, Service]
) -> dict[str, Office]:
    offices: dict[str, Office] = {}
    raw = _list(doc.get("offices", []), "offices")
    if not raw:
        raise _fail("offices", raw, "at least one office is required")
    for i, entry in enumerate(raw):
        path = f"offices[{i}]"
        if not isinstance(entry, Mapping):
            raise _fail(path, entry, "must be a table")
        _check_keys(entry, path, OFFICE_KEYS)
        oid = _id(entry.get("id"), f"{path}.id")
        path = f"offices.{oid}"
        if oid in offices:
            raise _fail(f"{path}.id", oid, "is defined twice")
        tz = _str(entry, "timezone", path, settings.timezone)
        _check_timezone(tz, f"{path}.timezone")
        office_services = tuple(
            _known(s, services, f"{path}.services", "service")
            for s in _list(entry.get("services", list(services)), f"{path}.services")
        )
        order = tuple(
            _known(s, services, f"{path}.service_order", "service")
            for s in _list(entry.get("service_order", []), f"{path}.service_order")
        )
        counters: list[Counter] = []
        numbers: set[int] = set()
        for j, c in enumerate(_list(entry.get("counters", []), f"{path}.counters")):
            here = f"{path}.counters[{j}]"
            if not isinstance(c, Mapping):
                raise _fail(here, c, "must be a table")
            _check_keys(c, here, COUNTER_KEYS)
            number = _int(c, "number", here, 0, 1)
            if number in numbers:
                raise _fail(f"{here}.number", number, "counter number used twice")
            numbers.add(number)
            c_services = tuple(
                _known(
                    s,
                    {k: None for k in office_services},
                    f"{here}.services",
                    "service of this office",
                )
                for s in _list(c.get("services", list(office_services)), f"{here}.services")
            )
            counters.append(
                Counter(
                    number=number,
                    services=c_services,
                    name_ja=_str(c, "name_ja", here, f"{number}番窓口"),
                    name_en=_str(c, "name_en", here, f"Counter {number}"),
                )
            )
        if not counters:
            raise _fail(f"{path}.counters", [], "at least one counter is required")
        offices[oid] = Office(
            id=oid,
            name_ja=_str(entry, "name_ja", path),
            name_en=_str(entry, "name_en", path, _str(entry, "name_ja", path)),
            location_ja=_str(entry, "location_ja", path, ""),
            location_en=_str(entry, "location_en", path, ""),
            timezone=tz,
            services=office_services,
            counters=tuple(counters),
            hours=_hours(entry.get("hours", []), f"{path}.hours"),
            service_order=order,
        )
    return offices


def _known(value: object, known: Mapping[str, Any], path: str, what: str) -> str:
    if not isinstance(value, str) or value not in known:
        raise _fail(path, value, f"unknown {what} (known: " + ", ".join(known) + ")")
    return value


def _rules(
    doc: Mapping[str, Any],
    key: str,
    offices: dict[str, Office],
    services: dict[str, Service],
) -> tuple[CalendarRule, ...]:
    rules: list[CalendarRule] = []
    for i, entry in enumerate(_list(doc.get(key, []), key)):
        path = f"{key}[{i}]"
        if not isinstance(entry, Mapping):
            raise _fail(path, entry, "must be a table")
        _check_keys(entry, path, RULE_KEYS)
        kind_raw = entry.get("kind")
        try:
            kind = RuleKind(str(kind_raw))
        except ValueError:
            raise _fail(
                f"{path}.kind", kind_raw, "must be one of " + ", ".join(k.value for k in RuleKind)
            ) from None
        rule_offices = tuple(
            _known(o, offices, f"{path}.offices", "office")
            for o in _list(entry.get("offices", []), f"{path}.offices")
        )
        rule_services = tuple(
            _known(s, services, f"{path}.services", "service")
            for s in _list(entry.get("services", []), f"{path}.services")
        )
        fields: dict[str, Any] = {
            "kind": kind,
            "offices": rule_offices,
            "services": rule_services,
            "reason_ja": _str(entry, "reason_ja", path, ""),
            "reason_en": _str(entry, "reason_en", path, ""),
            "code": _str(entry, "code", path, kind.value),
        }
        if kind is RuleKind.WEEKLY:
            if "weekdays" not in entry:
                raise _fail(f"{path}.weekdays", None, "is required for a weekly rule")
            fields["weekdays"] = _weekday_list(entry["weekdays"], f"{path}.weekdays")
        elif kind is RuleKind.RRULE:
            text = _str(entry, "rrule", path)
            dtstart = parse_date_value(entry.get("dtstart", "2000-01-01"), f"{path}.dtstart")
            _check_rrule(text, dtstart, f"{path}.rrule")
            fields["rrule"] = text
            fields["dtstart"] = dtstart
            offset = entry.get("offset_days", 0)
            if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > 31:
                raise _fail(
                    f"{path}.offset_days", offset, "must be a whole number of days (-31..31)"
                )
            fields["offset_days"] = offset
        elif kind is RuleKind.RANGE:
            start_raw, end_raw = entry.get("from"), entry.get("to")
            if start_raw is None or end_raw is None:
                raise _fail(f"{path}.from", start_raw, "a range needs both from and to")
            if isinstance(start_raw, str) and _MD.match(start_raw):
                fields["md_start"] = _month_day(start_raw, f"{path}.from")
                if not isinstance(end_raw, str) or not _MD.match(end_raw):
                    raise _fail(f"{path}.to", end_raw, "must be MM-DD like from")
                fields["md_end"] = _month_day(end_raw, f"{path}.to")
            else:
                start = parse_date_value(start_raw, f"{path}.from")
                end = parse_date_value(end_raw, f"{path}.to")
                if end < start:
                    raise _fail(f"{path}.to", str(end), "ends before it starts")
                fields["start"], fields["end"] = start, end
        elif kind is RuleKind.DATE:
            dates = [
                parse_date_value(d, f"{path}.dates")
                for d in _list(entry.get("dates", []), f"{path}.dates")
            ]
            if not dates:
                raise _fail(f"{path}.dates", [], "at least one date is required")
            fields["dates"] = tuple(sorted(dates))
        if "hours" in entry:
            if key != "openings":
                raise _fail(f"{path}.hours", entry["hours"], "only extra openings have hours")
            fields["hours"] = parse_ranges(entry["hours"], f"{path}.hours")
        rules.append(CalendarRule(**fields))
    return tuple(rules)


def _month_day(value: str, path: str) -> tuple[int, int]:
    month, day = (int(x) for x in value.split("-"))
    try:
        date(2000, month, day)  # a leap year accepts 02-29
    except ValueError:
        raise _fail(path, value, "is not a month-day (MM-DD)") from None
    return (month, day)


def _check_rrule(text: str, dtstart: date, path: str) -> None:
    from datetime import datetime

    try:
        rule = rrulestr(text, dtstart=datetime(dtstart.year, dtstart.month, dtstart.day))  # noqa: DTZ001
        next(iter(rule), None)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _fail(path, text, f"is not a valid RFC 5545 rule ({exc})") from None


def _staff(doc: Mapping[str, Any], offices: dict[str, Office]) -> dict[str, Staff]:
    staff: dict[str, Staff] = {}
    for i, entry in enumerate(_list(doc.get("staff", []), "staff")):
        path = f"staff[{i}]"
        if not isinstance(entry, Mapping):
            raise _fail(path, entry, "must be a table")
        _check_keys(entry, path, STAFF_KEYS)
        code = _str(entry, "code", path)
        if not re.match(r"^[A-Za-z0-9_-]{1,16}$", code):
            raise _fail(f"{path}.code", code, "must be 1-16 letters or digits")
        if code in staff:
            raise _fail(f"{path}.code", code, "is defined twice")
        staff[code] = Staff(
            code=code,
            name=_str(entry, "name", path, code),
            offices=tuple(
                _known(o, offices, f"{path}.offices", "office")
                for o in _list(entry.get("offices", []), f"{path}.offices")
            ),
        )
    return staff


def parse_config(doc: Mapping[str, Any]) -> Config:
    """Validate the whole document; raise ConfigError on the first problem found."""
    _check_keys(doc, "", TOP_KEYS)
    settings = _settings(doc)
    services = _services(doc)
    if settings.inquiry.service not in services:
        raise _fail(
            "inquiry.service",
            settings.inquiry.service,
            "unknown service (known: " + ", ".join(services) + ")",
        )
    offices = _offices(doc, settings, services)
    closures = _rules(doc, "closures", offices, services)
    openings = _rules(doc, "openings", offices, services)
    return Config(
        settings=settings,
        services=services,
        offices=offices,
        closures=closures,
        openings=openings,
        staff=_staff(doc, offices),
    )
