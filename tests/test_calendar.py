"""Calendar rules against the city's own dates: holidays, year end, maintenance Sundays
(docs/rules.md#holidays, docs/rules.md#maintenance-sunday, docs/rules.md#closures)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.cli import main
from queue_app.config import default_document, load_config
from queue_app.domain.calendar import OfficeCalendar, rule_matches
from queue_app.domain.config_schema import parse_config

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(scope="module")
def cal() -> OfficeCalendar:
    return OfficeCalendar(load_config(env={}))


CASES = [
    # office, service, date, open, reason contains
    ("sogo", None, "2026-12-28", True, None),
    ("sogo", None, "2026-12-29", False, "年末年始"),
    ("sogo", None, "2026-12-31", False, "年末年始"),
    ("sogo", None, "2027-01-01", False, "年末年始"),
    ("sogo", None, "2027-01-03", False, "年末年始"),
    ("sogo", None, "2027-01-04", True, None),
    ("sogo", None, "2026-05-06", False, "振替休日"),
    ("sogo", None, "2026-09-22", False, "国民の休日"),
    ("sogo", None, "2026-09-21", False, "敬老の日"),
    ("sogo", None, "2027-03-22", False, "振替休日"),
    ("sogo", None, "2026-12-05", False, "土曜日"),
    ("yanasegawa", None, "2026-11-23", False, "勤労感謝の日"),
    ("yanasegawa", None, "2026-11-24", True, None),
    ("station", None, "2026-12-02", False, "水曜休所"),
    ("station", None, "2026-12-05", True, None),  # Saturday: the station opens
    ("station", None, "2026-11-23", True, None),  # holidays do not close the station
    ("station", None, "2026-12-30", False, "年末年始"),
    ("station", "ecert", "2026-03-22", False, "システムメンテナンス"),  # a fourth Sunday
    ("station", "certificate", "2026-03-22", True, None),
    ("station", "ecert", "2026-02-22", False, "システムメンテナンス"),
    ("station", "ecert", "2026-11-22", False, "システムメンテナンス"),
    ("station", "ecert", "2026-11-15", True, None),  # the third Sunday is NOT the maintenance day
    ("station", "ecert", "2026-12-20", False, "システムメンテナンス"),
    ("sogo", "ecert", "2026-12-01", True, None),
]


@pytest.mark.parametrize(("office", "service", "day", "is_open", "reason"), CASES)
def test_calendar_cases(
    cal: OfficeCalendar,
    office: str,
    service: str | None,
    day: str,
    is_open: bool,
    reason: str | None,
) -> None:
    status = cal.day(office, date.fromisoformat(day), service)
    assert status.open is is_open
    if reason:
        assert reason in " ".join(r.ja for r in status.reasons)
    if is_open:
        assert [h.as_pair() for h in status.hours] == [["08:30", "17:15"]]


def test_maintenance_sunday_is_sunday_after_third_saturday(cal: OfficeCalendar) -> None:
    rule = next(r for r in cal.config.closures if r.code == "system_maintenance")
    for month in range(1, 13):
        days = [date(2026, month, d) for d in range(1, 32) if _valid(2026, month, d)]
        saturdays = [d for d in days if d.weekday() == 5]
        expected = saturdays[2] + timedelta(days=1)
        hits = [
            d
            for d in days + [date(2026, month, 28) + timedelta(days=k) for k in range(1, 8)]
            if rule_matches(rule, d)
        ]
        assert expected in hits


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def test_is_open_at_moments(cal: OfficeCalendar) -> None:
    day = date(2026, 12, 1)
    assert not cal.is_open_at("sogo", datetime.combine(day, time(8, 29), TOKYO))
    assert cal.is_open_at("sogo", datetime.combine(day, time(8, 30), TOKYO))
    assert cal.is_open_at("sogo", datetime.combine(day, time(17, 14), TOKYO))
    assert not cal.is_open_at("sogo", datetime.combine(day, time(17, 15), TOKYO))
    # 08:59 JST is 23:59 UTC the day before: the service day is still Tokyo's
    moment = datetime(2026, 11, 30, 23, 59, tzinfo=ZoneInfo("UTC"))
    assert cal.service_day("sogo", moment) == day
    assert cal.minutes_until_close("sogo", datetime.combine(day, time(16, 50), TOKYO)) == 25


def test_next_open_days_and_between(cal: OfficeCalendar) -> None:
    assert cal.next_open_days("sogo", date(2026, 12, 26), 3) == [
        date(2026, 12, 28),
        date(2027, 1, 4),
        date(2027, 1, 5),
    ]
    between = cal.open_days_between("station", date(2026, 11, 30), date(2026, 12, 6))
    assert date(2026, 12, 2) not in between and len(between) == 6
    assert cal.next_opening("sogo", datetime(2026, 12, 28, 17, 30, tzinfo=TOKYO)) == datetime(
        2027, 1, 4, 8, 30, tzinfo=TOKYO
    )


def test_hours_are_effective_dated() -> None:
    doc = default_document()
    doc["offices"][0]["hours"].append(
        {"effective_from": "2027-04-01", "weekdays": [["09:00", "16:30"]]}
    )
    cal = OfficeCalendar(parse_config(doc))
    assert cal.day("sogo", date(2027, 3, 31)).hours[0].as_pair() == ["08:30", "17:15"]
    assert cal.day("sogo", date(2027, 4, 1)).hours[0].as_pair() == ["09:00", "16:30"]


def test_extra_opening_and_adhoc_closure_without_code() -> None:
    doc = default_document()
    doc["openings"] = [
        {
            "kind": "date",
            "dates": ["2027-03-28"],
            "offices": ["sogo"],
            "hours": [["08:30", "12:00"]],
            "reason_ja": "休日窓口",
        }
    ]
    doc["closures"].append(
        {
            "kind": "date",
            "dates": ["2027-02-10"],
            "offices": ["yanasegawa"],
            "reason_ja": "臨時休所",
        }
    )
    doc["closures"].append(
        {
            "kind": "range",
            "from": "2027-02-15",
            "to": "2027-02-16",
            "services": ["ecert"],
            "reason_ja": "システム障害",
        }
    )
    cal = OfficeCalendar(parse_config(doc))
    sunday = cal.day("sogo", date(2027, 3, 28))
    assert sunday.open and sunday.hours[0].as_pair() == ["08:30", "12:00"] and sunday.extra_opening
    assert cal.day("yanasegawa", date(2027, 2, 10)).reason_text("ja") == "臨時休所"
    assert cal.day("sogo", date(2027, 2, 10)).open
    assert not cal.day("sogo", date(2027, 2, 15), "ecert").open
    assert cal.day("sogo", date(2027, 2, 15), "certificate").open


def test_calendar_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["calendar", "--office", "sogo", "--from", "2026-12-26", "--to", "2027-01-05", "--json"]
        )
        == 0
    )
    rows = {r["date"]: r for r in json.loads(capsys.readouterr().out)}
    for d in ("2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"):
        assert rows[d]["open"] is False and "年末年始" in rows[d]["reason"]
    assert rows["2027-01-04"] == rows["2027-01-04"] | {
        "open": True,
        "hours": [["08:30", "17:15"]],
        "reason": None,
    }


def test_calendar_cli_service_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "calendar",
                "--office",
                "station",
                "--service",
                "ecert",
                "--from",
                "2026-03-22",
                "--to",
                "2026-03-22",
                "--json",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    (row,) = json.loads(capsys.readouterr().out)
    assert row["open"] is False and "maintenance" in row["reason"].lower()


# -- properties ---------------------------------------------------------------------------

weekday_names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@st.composite
def office_configs(draw: st.DrawFn) -> dict:
    doc = default_document()
    closed_days = draw(st.lists(st.sampled_from(weekday_names), max_size=3, unique=True))
    dates = draw(st.lists(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=5))
    doc["closures"] = [
        {"kind": "holidays", "offices": ["sogo"]},
        {"kind": "range", "from": "12-29", "to": "01-03"},
    ]
    if closed_days:
        doc["closures"].append({"kind": "weekly", "offices": ["sogo"], "weekdays": closed_days})
    if dates:
        doc["closures"].append(
            {"kind": "date", "offices": ["sogo"], "dates": [d.isoformat() for d in dates]}
        )
    if draw(st.booleans()):
        doc["closures"].append(
            {
                "kind": "rrule",
                "rrule": "FREQ=MONTHLY;BYDAY=+3SA",
                "offset_days": 1,
                "offices": ["sogo"],
            }
        )
    return doc


@settings(max_examples=40, deadline=None)
@given(office_configs(), st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_never_open_on_a_day_its_own_rules_close(doc: dict, day: date) -> None:
    config = parse_config(doc)
    cal = OfficeCalendar(config)
    status = cal.day("sogo", day)
    closing = [
        r
        for r in config.closures
        if r.applies_to_office("sogo") and r.office_wide and rule_matches(r, day)
    ]
    if closing:
        assert not status.open
    for moment_hour in (9, 12, 16):
        moment = datetime.combine(day, time(moment_hour), TOKYO)
        if closing:
            assert not cal.is_open_at("sogo", moment)


def test_office_row_lists_services_closed_that_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "calendar",
                "--office",
                "station",
                "--from",
                "2026-03-22",
                "--to",
                "2026-03-22",
                "--json",
            ]
        )
        == 0
    )
    (row,) = json.loads(capsys.readouterr().out)
    assert row["open"] is True
    assert [c["service"] for c in row["closed_services"]] == ["ecert"]
    assert "システムメンテナンス" in row["closed_services"][0]["reason"]
    assert (
        main(["calendar", "--office", "station", "--from", "2026-03-22", "--to", "2026-03-22"]) == 0
    )
    assert "電子証明書の更新は休止" in capsys.readouterr().out
