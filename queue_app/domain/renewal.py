"""The renewal window of the e-certificates on a My Number Card (更新手続期間). Pure: no I/O.

The window runs "from the day after three months before the expiry date up to the expiry
date" (有効期限の3か月前の翌日からその期限まで; e.g. expiry 3/24 → 12/25–3/24), as
docs/rules.md#renewal-window states it.
We compute it literally: ``(expiry − relativedelta(months=3)) + 1 day``. relativedelta clamps to
the month end, so expiry 5/31 and 5/30 both open on 3/1 (2/28 + 1 day). This is *not* the same
as ``(expiry + 1 day) − 3 months`` on month ends.

Outside the window nothing is blocked, only explained:

* before the window renewal is possible, but the new certificate then runs only to the 5th
  birthday after issue instead of the 6th (docs/rules.md#validity), so it ends about a year
  earlier;
* after expiry it can still be renewed (re-issued) free of charge, but until then
  convenience-store issuance and e-Tax do not work (docs/rules.md#renewal-expired).

The expiry day itself is still inside the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

WARN_TOO_EARLY = "renewal.warn.too_early"
WARN_EXPIRED = "renewal.warn.expired"


class RenewalStatus(StrEnum):
    TOO_EARLY = "too_early"
    OPEN = "open"
    EXPIRED = "expired"


def renewal_window(expiry: date) -> tuple[date, date]:
    """First and last day (both inclusive) on which renewal is inside the window."""
    start = expiry - relativedelta(months=3) + timedelta(days=1)
    return start, expiry


@dataclass(frozen=True, slots=True)
class RenewalAssessment:
    """Where `today` falls relative to the window of a certificate expiring on `window_end`.

    Day counts are plain differences of dates:

    * ``days_until_window`` (too early only): days until the window opens, 1 on the day before;
    * ``days_left`` (open only): days from today to the expiry day, 0 on the expiry day itself;
    * ``days_since_expiry`` (expired only): 1 on the day after expiry.

    ``warning_key`` is a message-catalogue key (no parameters) or None when inside the window.
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
