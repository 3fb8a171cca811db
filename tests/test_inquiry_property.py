"""Property: over random office configurations, no offered slot is ever on a closed day,
outside reception hours (or inside a break), before the post can arrive or after the
answer's deadline. The expectations come from a small independent oracle, not from the
calendar code under test.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import holidays as holidays_lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queue_app.config import default_document
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config_schema import parse_config
from queue_app.domain.inquiry import booking_window, offered_slots

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
JP_HOLIDAYS = holidays_lib.Japan(years=range(2025, 2030))


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def ranges_strategy(lo: int, hi: int, max_ranges: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    """0..max_ranges non-overlapping ranges on a 5-minute grid between lo and hi."""

    def pairs(points: list[int]) -> list[tuple[int, int]]:
        points = sorted(points)
        return [(points[i], points[i + 1]) for i in range(0, len(points), 2)]

    return st.integers(0, max_ranges).flatmap(
        lambda k: st.lists(
            st.integers(lo // 5, hi // 5).map(lambda x: x * 5),
            min_size=2 * k,
            max_size=2 * k,
            unique=True,
        ).map(pairs)
    )


day_strategy = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def office_configs(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "hours": [draw(ranges_strategy(360, 1320, 2)) for _ in WEEKDAYS],
        "closed_weekdays": draw(st.sets(st.integers(0, 6), max_size=4)),
        "closed_dates": draw(st.lists(day_strategy, max_size=40)),
        "service_closed_dates": draw(st.lists(day_strategy, max_size=20)),
        "holidays": draw(st.booleans()),
        "breaks": draw(ranges_strategy(360, 1320, 2)),
        "slot_minutes": draw(st.integers(5, 120)),
        "seats": draw(st.integers(1, 5)),
        "lead": draw(st.integers(0, 10)),
        "valid": draw(st.integers(1, 60)),
        "mailed": draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 10, 31))),
        "today_offset": draw(st.integers(0, 40)),
    }


def build_config(p: dict[str, Any]) -> Any:
    doc = default_document()
    hours: dict[str, Any] = {"effective_from": "2000-01-01"}
    for i, name in enumerate(WEEKDAYS):
        hours[name] = [[hhmm(a), hhmm(b)] for a, b in p["hours"][i]]
    doc["offices"] = [
        {
            "id": "o1",
            "name_ja": "テスト窓口",
            "services": ["ecert", "certificate"],
            "counters": [{"number": 1}],
            "hours": [hours],
        }
    ]
    closures: list[dict[str, Any]] = []
    if p["closed_weekdays"]:
        closures.append(
            {"kind": "weekly", "weekdays": [WEEKDAYS[d] for d in sorted(p["closed_weekdays"])]}
        )
    if p["closed_dates"]:
        closures.append({"kind": "date", "dates": [d.isoformat() for d in p["closed_dates"]]})
    if p["service_closed_dates"]:
        closures.append(
            {
                "kind": "date",
                "services": ["ecert"],
                "dates": [d.isoformat() for d in p["service_closed_dates"]],
            }
        )
    if p["holidays"]:
        closures.append({"kind": "holidays", "code": "holiday"})
    doc["closures"] = closures
    doc["openings"] = []
    doc["inquiry"] = {
        "answer_valid_days": p["valid"],
        "postal_lead_days": p["lead"],
        "slot_minutes": p["slot_minutes"],
        "seats_per_slot": p["seats"],
        "breaks": [[hhmm(a), hhmm(b)] for a, b in p["breaks"]],
        "service": "ecert",
    }
    return parse_config(doc)


def oracle_closed(p: dict[str, Any], day: date) -> bool:
    return (
        not p["hours"][day.weekday()]
        or day.weekday() in p["closed_weekdays"]
        or day in p["closed_dates"]
        or day in p["service_closed_dates"]
        or (p["holidays"] and day in JP_HOLIDAYS)
    )


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(office_configs())
def test_no_slot_on_closed_day_outside_hours_or_after_deadline(p: dict[str, Any]) -> None:
    config = build_config(p)
    cal = OfficeCalendar(config)
    inq = config.settings.inquiry
    mailed: date = p["mailed"]
    today = mailed + timedelta(days=p["today_offset"])
    deadline = mailed + timedelta(days=p["valid"])
    arrival = mailed + timedelta(days=p["lead"])
    window = booking_window(cal, "o1", "ecert", mailed, inq, today)
    assert window.deadline == deadline

    # the earliest visit is the first day the oracle says is open, from the arrival on
    expected_first = next(
        (
            arrival + timedelta(days=i)
            for i in range(800)
            if not oracle_closed(p, arrival + timedelta(days=i))
        ),
        None,
    )
    if expected_first is not None and expected_first <= deadline:
        assert window.first == expected_first
    else:
        assert window.first is None and window.days == ()

    day = mailed - timedelta(days=2)
    while day <= deadline + timedelta(days=3):
        for slot in offered_slots(cal, "o1", "ecert", day, window, inq):
            assert slot.day == day
            assert not oracle_closed(p, day), f"slot on a closed day {day}"
            assert day <= deadline, f"slot after the deadline {day} > {deadline}"
            assert day >= arrival and day >= today
            assert slot.end_minute - slot.start_minute == p["slot_minutes"]
            assert slot.seats == p["seats"]
            assert any(
                a <= slot.start_minute and slot.end_minute <= b
                for a, b in p["hours"][day.weekday()]
            ), f"slot {slot.start}-{slot.end} outside reception hours on {day}"
            assert all(slot.end_minute <= a or slot.start_minute >= b for a, b in p["breaks"]), (
                f"slot {slot.start}-{slot.end} inside a break"
            )
        if day in window.days:
            assert not oracle_closed(p, day)
        day += timedelta(days=1)
