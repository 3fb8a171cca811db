"""The days a closure's RFC 5545 rule (`kind = "rrule"`) falls on in one year. Pure: no I/O.

`dateutil` walks a rule period by period from its start: a monthly rule starting on
2000-01-01 (the default `dtstart`) walks some 330 months to answer for 2027 (~5-15 ms, paid
by every `madoguchi calendar`, report or slot search that meets the rule). When the walk can
start later without changing a single date, it does (`_nearer`): the rule has no COUNT (a
count depends on every earlier occurrence), is one RRULE (no RDATE/EXDATE set) of a yearly,
monthly, weekly or daily frequency, and moves its start by a whole number of its periods
(INTERVAL kept in step) to a date that gives the same defaults dateutil takes from the start
(the same day of the month, month, weekday and time). Occurrences the later start drops lie
before it, hence before the window asked for. tests/test_recurrence.py checks the result
against the full walk for many rules.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def rule_dates(text: str, dtstart: date, offset_days: int, year: int) -> frozenset[date]:
    """The days of `year` the rule names, each moved by `offset_days` (a rule for "the
    Sunday after the third Saturday" is the third Saturday plus one day)."""
    from dateutil.rrule import rrulestr  # only a configuration with an rrule closure

    rule = rrulestr(text, dtstart=datetime(dtstart.year, dtstart.month, dtstart.day))  # noqa: DTZ001
    lo = datetime(year - 1, 11, 1)  # noqa: DTZ001 - rrule works on naive local dates
    hi = datetime(year + 1, 2, 28)  # noqa: DTZ001
    rule = _nearer(rule, lo)
    shifted = {(d.date() + timedelta(days=offset_days)) for d in rule.between(lo, hi, inc=True)}
    return frozenset(d for d in shifted if d.year == year)


def _nearer(rule: Any, lo: datetime) -> Any:
    """The same rule starting a whole number of its periods later, before `lo`; the rule
    itself when that could change what it names (see the module's docstring)."""
    from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule

    # dateutil keeps a parsed rule's parts in private attributes (stable since 2.7)
    if type(rule) is not rrule or rule._count is not None:
        return rule
    start: datetime = rule._dtstart
    step: int = rule._interval
    freq = rule._freq
    if start >= lo or step < 1:
        return rule
    if freq == YEARLY:
        if (start.month, start.day) == (2, 29):
            return rule
        years = (lo.year - start.year - 1) // step * step
        later = start.replace(year=start.year + years) if years > 0 else start
    elif freq == MONTHLY:
        if start.day > 28:
            return rule
        months = ((lo.year - start.year) * 12 + lo.month - start.month - 1) // step * step
        index = start.year * 12 + start.month - 1 + max(months, 0)
        later = start.replace(year=index // 12, month=index % 12 + 1)
    elif freq in (WEEKLY, DAILY):
        days = 7 * step if freq == WEEKLY else step
        later = start + timedelta(days=max((lo - start).days - days, 0) // days * days)
    else:
        return rule
    return rule if later <= start else rule.replace(dtstart=later)
