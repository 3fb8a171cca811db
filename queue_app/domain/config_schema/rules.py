"""Calendar rules: closures and extra openings (dates, month-days, RFC 5545 rules)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from queue_app.domain.config import (
    CalendarRule,
    Office,
    RuleKind,
    Service,
)
from queue_app.domain.config_schema.keys import (
    _MD,
    RULE_KEYS,
)
from queue_app.domain.config_schema.values import (
    _check_keys,
    _fail,
    _known,
    _list,
    _str,
    _tables,
    _weekday_list,
    parse_date_value,
    parse_ranges,
)


def _rules(
    doc: Mapping[str, Any],
    key: str,
    offices: dict[str, Office],
    services: dict[str, Service],
) -> tuple[CalendarRule, ...]:
    rules: list[CalendarRule] = []
    for i, entry in enumerate(_tables(doc.get(key, []), key)):
        path = f"{key}[{i}]"
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

    from dateutil.rrule import rrulestr  # only a configuration with an rrule closure

    try:
        rule = rrulestr(text, dtstart=datetime(dtstart.year, dtstart.month, dtstart.day))  # noqa: DTZ001
        next(iter(rule), None)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _fail(path, text, f"is not a valid RFC 5545 rule ({exc})") from None
