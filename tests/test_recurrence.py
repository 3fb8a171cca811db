"""A closure's rrule answers for a year without walking every period since its start
(`queue_app.domain.recurrence`), and names exactly the days the full walk names."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.domain import recurrence
from queue_app.domain.recurrence import rule_dates


def full_walk(text: str, dtstart: date, offset_days: int, year: int) -> frozenset[date]:
    """What the calendar computed before: dateutil from the rule's own start."""
    rule = rrulestr(text, dtstart=datetime(dtstart.year, dtstart.month, dtstart.day))  # noqa: DTZ001
    lo, hi = datetime(year - 1, 11, 1), datetime(year + 1, 2, 28)  # noqa: DTZ001
    days = {d.date() + timedelta(days=offset_days) for d in rule.between(lo, hi, inc=True)}
    return frozenset(d for d in days if d.year == year)


def test_the_default_maintenance_sunday() -> None:
    text = "FREQ=MONTHLY;BYDAY=+3SA"
    days = rule_dates(text, date(2000, 1, 1), 1, 2026)
    assert days == full_walk(text, date(2000, 1, 1), 1, 2026)
    assert date(2026, 12, 20) in days and len(days) == 12  # the day after 2026-12-19


def test_a_later_start_is_used_when_it_changes_nothing() -> None:
    rule = rrulestr("FREQ=MONTHLY;BYDAY=+3SA", dtstart=datetime(2000, 1, 1))  # noqa: DTZ001
    nearer = recurrence._nearer(rule, datetime(2026, 11, 1))  # noqa: DTZ001
    assert datetime(2026, 1, 1) <= nearer._dtstart < datetime(2026, 11, 1)  # noqa: DTZ001
    counted = rrulestr("FREQ=MONTHLY;COUNT=400", dtstart=datetime(2000, 1, 1))  # noqa: DTZ001
    assert recurrence._nearer(counted, datetime(2026, 11, 1)) is counted  # noqa: DTZ001


PARTS = st.sampled_from(
    [
        "",
        ";BYDAY=+3SA",
        ";BYDAY=-1FR",
        ";BYDAY=MO,TH",
        ";BYDAY=SU;BYSETPOS=2",
        ";BYMONTHDAY=1,15",
        ";BYMONTHDAY=-1",
        ";BYMONTH=1,8;BYMONTHDAY=13",
        ";BYMONTH=3;BYDAY=+2WE",
        ";BYWEEKNO=20;BYDAY=MO",
        ";BYYEARDAY=100,-1",
        ";WKST=SU;BYDAY=SA,SU",
        ";COUNT=40",
        ";UNTIL=20270315",
        ";UNTIL=20191231",
    ]
)
FREQS = st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY"])


@settings(max_examples=100, deadline=None)
@given(
    FREQS,
    st.integers(min_value=1, max_value=5),
    PARTS,
    st.dates(min_value=date(2012, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-3, max_value=3),
    st.integers(min_value=2011, max_value=2032),
)
def test_the_same_days_as_the_full_walk(
    freq: str, interval: int, part: str, dtstart: date, offset: int, year: int
) -> None:
    if "BYWEEKNO" in part or "BYYEARDAY" in part:
        if freq != "YEARLY":
            part = ""  # RFC 5545 gives these to yearly rules
    if "BYSETPOS" in part and freq in ("WEEKLY", "DAILY"):
        part = ""  # a second Sunday of a week never comes: dateutil would search to year 9999
    text = f"FREQ={freq};INTERVAL={interval}{part}"
    rule_dates.cache_clear()
    assert rule_dates(text, dtstart, offset, year) == full_walk(text, dtstart, offset, year)
