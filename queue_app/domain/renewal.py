"""The renewal window of the e-certificates on a My Number Card (更新手続期間). Pure: no I/O.

The window runs "from the day after three months before the expiry date up to the expiry
date" (有効期限の3か月前の翌日からその期限まで; e.g. expiry 3/24 → 12/25–3/24), as
docs/rules.md#renewal-window states it.
We compute it literally: ``(expiry − 3 months) + 1 day``, where "3 months before" keeps the
day of the month and clamps it to the month's end (as ``dateutil``'s ``relativedelta(months=3)``
does; tests/test_renewal.py checks every day of 2000-2100 against it), so expiry 5/31 and 5/30
both open on 3/1 (2/28 + 1 day). This is *not* the same as ``(expiry + 1 day) − 3 months`` on
month ends. (Computed here rather than with ``relativedelta``, whose import a kiosk's
``madoguchi renewal`` paid at every call; issue 17.)

Outside the window nothing is blocked, only explained:

* before the window renewal is possible, but the new certificate then runs only to the 5th
  birthday after issue instead of the 6th (docs/rules.md#validity), so it ends about a year
  earlier;
* after expiry it can still be renewed (re-issued) free of charge, but until then
  convenience-store issuance and e-Tax do not work (docs/rules.md#renewal-expired).

The expiry day itself is still inside the window.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

WARN_TOO_EARLY = "renewal.warn.too_early"
WARN_EXPIRED = "renewal.warn.expired"


class RenewalStatus(StrEnum):
    TOO_EARLY = "too_early"
    OPEN = "open"
    EXPIRED = "expired"


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` months earlier, clamped to that month's last day
    (5/31 - 3 months = 2/28, or 2/29 in a leap year)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


def renewal_window(expiry: date) -> tuple[date, date]:
    """First and last day (both inclusive) on which renewal is inside the window."""
    start = months_before(expiry, 3) + timedelta(days=1)
    return start, expiry


class RenewalAssessment(NamedTuple):
    """Where `today` falls relative to the window of a certificate expiring on `window_end`.

    Day counts are plain differences of dates:

    * ``days_until_window`` (too early only): days until the window opens, 1 on the day before;
    * ``days_left`` (open only): days from today to the expiry day, 0 on the expiry day itself;
    * ``days_since_expiry`` (expired only): 1 on the day after expiry.

    ``warning_key`` is a message-catalogue key (no parameters) or None when inside the window.
    (An immutable named tuple rather than a dataclass: importing `dataclasses` and the
    `inspect` it pulls in cost every `madoguchi renewal` ~15 ms; issue 17.)
    """

    window_start: date
    window_end: date
    status: RenewalStatus
    days_until_window: int | None = None
    days_left: int | None = None
    warning_key: str | None = None
    days_since_expiry: int | None = None

    @property
    def expiry(self) -> date:
        return self.window_end


def assess_renewal(expiry: date, today: date) -> RenewalAssessment:
    """Classify `today` against the renewal window of a certificate expiring on `expiry`."""
    start, end = renewal_window(expiry)
    if today < start:
        return RenewalAssessment(
            window_start=start,
            window_end=end,
            status=RenewalStatus.TOO_EARLY,
            days_until_window=(start - today).days,
            warning_key=WARN_TOO_EARLY,
        )
    if today > end:
        return RenewalAssessment(
            window_start=start,
            window_end=end,
            status=RenewalStatus.EXPIRED,
            days_since_expiry=(today - end).days,
            warning_key=WARN_EXPIRED,
        )
    return RenewalAssessment(
        window_start=start,
        window_end=end,
        status=RenewalStatus.OPEN,
        days_left=(end - today).days,
    )
