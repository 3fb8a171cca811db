"""Services, offices, counters and their effective-dated opening hours."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from queue_app.domain.config import (
    WEEKDAYS,
    Counter,
    HoursPeriod,
    Office,
    Service,
    Settings,
    TimeRange,
)
from queue_app.domain.config_schema.keys import (
    _PREFIX,
    COUNTER_KEYS,
    HOURS_KEYS,
    OFFICE_KEYS,
    SERVICE_KEYS,
)
from queue_app.domain.config_schema.values import (
    COUNTER_MAX,
    _check_keys,
    _check_timezone,
    _fail,
    _id,
    _int,
    _known,
    _list,
    _str,
    _tables,
    parse_date_value,
    parse_ranges,
)


def _services(doc: Mapping[str, Any]) -> dict[str, Service]:
    services: dict[str, Service] = {}
    prefixes: dict[str, str] = {}
    raw = _tables(doc.get("services", []), "services")
    if not raw:
        raise _fail("services", raw, "at least one service is required")
    for i, entry in enumerate(raw):
        path = f"services[{i}]"
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
        if not minutes <= 480:  # also refuses nan and inf
            raise _fail(f"{path}.minutes", minutes, "must be at most 480")
        my_number = entry.get("my_number", False)
        if not isinstance(my_number, bool):
            raise _fail(f"{path}.my_number", my_number, "must be true or false")
        outcome_required = entry.get("outcome_required", False)
        if not isinstance(outcome_required, bool):
            raise _fail(f"{path}.outcome_required", outcome_required, "must be true or false")
        pickup = entry.get("pickup", False)
        if not isinstance(pickup, bool):
            raise _fail(f"{path}.pickup", pickup, "must be true or false")
        services[sid] = Service(
            id=sid,
            name_ja=_str(entry, "name_ja", path),
            name_en=_str(entry, "name_en", path, _str(entry, "name_ja", path)),
            prefix=prefix,
            minutes=float(minutes),
            my_number=my_number,
            outcome_required=outcome_required,
            pickup=pickup,
        )
    return services


def _hours(raw: object, path: str) -> tuple[HoursPeriod, ...]:
    periods: list[HoursPeriod] = []
    seen: set[date] = set()
    entries = _tables(raw, path)
    if not entries:
        raise _fail(path, raw, "at least one [[offices.hours]] period is required")
    for i, entry in enumerate(entries):
        here = f"{path}[{i}]"
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
    raw = _tables(doc.get("offices", []), "offices")
    if not raw:
        raise _fail("offices", raw, "at least one office is required")
    for i, entry in enumerate(raw):
        path = f"offices[{i}]"
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
        for j, c in enumerate(_tables(entry.get("counters", []), f"{path}.counters")):
            here = f"{path}.counters[{j}]"
            _check_keys(c, here, COUNTER_KEYS)
            number = _int(c, "number", here, 0, 1, COUNTER_MAX)
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
