"""Renewal window (更新手続期間, docs/rules.md#renewal-window): its example, month ends,
boundaries, properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from queue_app.domain.renewal import (
    RenewalAssessment,
    RenewalStatus,
    assess_renewal,
    months_before,
    renewal_window,
)
from queue_app.i18n import CATALOG


@pytest.mark.parametrize(
    ("expiry", "start"),
    [
        (date(2027, 3, 24), date(2026, 12, 25)),  # docs/rules.md#renewal-window: 3/24 -> 12/25
        (date(2026, 5, 31), date(2026, 3, 1)),  # 2/28 + 1
        (date(2026, 5, 30), date(2026, 3, 1)),  # 2/28 (clamped) + 1
        (date(2026, 5, 29), date(2026, 3, 1)),  # 2/28 (clamped) + 1
        (date(2026, 5, 28), date(2026, 3, 1)),  # 2/28 + 1
        (date(2026, 5, 27), date(2026, 2, 28)),
        (date(2028, 5, 31), date(2028, 3, 1)),  # leap year: 2/29 + 1
        (date(2028, 5, 29), date(2028, 3, 1)),  # 2/29 + 1
        (date(2028, 5, 28), date(2028, 2, 29)),  # 2/28 + 1 = leap day
        (date(2028, 2, 29), date(2027, 11, 30)),  # expiry on a leap day
        (date(2026, 8, 31), date(2026, 6, 1)),  # 5/31 + 1
        (date(2026, 3, 31), date(2026, 1, 1)),  # 12/31 + 1 across the year
        (date(2026, 11, 30), date(2026, 8, 31)),
        (date(2026, 12, 31), date(2026, 10, 1)),  # 9/30 + 1
        (date(2027, 1, 1), date(2026, 10, 2)),
        (date(2026, 7, 31), date(2026, 5, 1)),  # 4/30 + 1
        (date(2026, 6, 30), date(2026, 3, 31)),
    ],
)
def test_window(expiry: date, start: date) -> None:
    assert renewal_window(expiry) == (start, expiry)


def test_window_is_not_expiry_plus_one_minus_three_months() -> None:
    # docs/rules.md#renewal-window differs from "(expiry + 1 day) - 3 months" on month ends
    expiry = date(2026, 5, 30)
    assert renewal_window(expiry)[0] == date(2026, 3, 1)
    assert expiry + timedelta(days=1) - relativedelta(months=3) == date(2026, 2, 28)


EXPIRY = date(2027, 3, 24)


@pytest.mark.parametrize(
    ("today", "status", "until", "left", "since", "warning"),
    [
        (date(2026, 12, 1), RenewalStatus.TOO_EARLY, 24, None, None, "renewal.warn.too_early"),
        (date(2026, 12, 24), RenewalStatus.TOO_EARLY, 1, None, None, "renewal.warn.too_early"),
        (date(2026, 12, 25), RenewalStatus.OPEN, None, 89, None, None),
        (date(2027, 2, 1), RenewalStatus.OPEN, None, 51, None, None),
        (date(2027, 3, 23), RenewalStatus.OPEN, None, 1, None, None),
        (date(2027, 3, 24), RenewalStatus.OPEN, None, 0, None, None),  # expiry day: still open
        (date(2027, 3, 25), RenewalStatus.EXPIRED, None, None, 1, "renewal.warn.expired"),
        (date(2028, 1, 1), RenewalStatus.EXPIRED, None, None, 283, "renewal.warn.expired"),
    ],
)
def test_assess_renewal(
    today: date,
    status: RenewalStatus,
    until: int | None,
    left: int | None,
    since: int | None,
    warning: str | None,
) -> None:
    result = assess_renewal(EXPIRY, today)
    assert result == RenewalAssessment(
        window_start=date(2026, 12, 25),
        window_end=EXPIRY,
        status=status,
        days_until_window=until,
        days_left=left,
        days_since_expiry=since,
        warning_key=warning,
    )
    assert result.expiry == EXPIRY


def test_status_values_are_cli_spellings() -> None:
    assert [s.value for s in RenewalStatus] == ["too_early", "open", "expired"]


def test_assessment_is_frozen() -> None:
    result = assess_renewal(EXPIRY, EXPIRY)
    with pytest.raises(AttributeError):
        result.status = RenewalStatus.EXPIRED  # type: ignore[misc]


def test_warning_texts_exist_and_explain() -> None:
    early = CATALOG["renewal.warn.too_early"]
    assert "5" in early["ja"] and "6" in early["ja"]
    assert "5th" in early["en"] and "6th" in early["en"]
    expired = CATALOG["renewal.warn.expired"]
    assert "無料" in expired["ja"] and "コンビニ" in expired["ja"] and "e-Tax" in expired["ja"]
    assert "free" in expired["en"] and "e-Tax" in expired["en"]
    for status in RenewalStatus:
        assert f"renewal.status.{status.value}" in CATALOG


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(dates)
def test_window_properties(expiry: date) -> None:
    start, end = renewal_window(expiry)
    three_months_before = expiry - relativedelta(months=3)
    assert end == expiry
    assert start > three_months_before
    assert start == three_months_before + timedelta(days=1)
    assert start <= end
    # never longer than three months: start - 1 day + 3 months never passes the expiry
    assert start - timedelta(days=1) + relativedelta(months=3) <= expiry
    assert 88 <= (end - start).days + 1 <= 92


@given(dates, dates)
def test_status_matches_window(expiry: date, today: date) -> None:
    start, end = renewal_window(expiry)
    result = assess_renewal(expiry, today)
    if today < start:
        assert result.status is RenewalStatus.TOO_EARLY
        assert result.days_until_window == (start - today).days >= 1
        assert result.warning_key == "renewal.warn.too_early"
    elif today <= end:
        assert result.status is RenewalStatus.OPEN
        assert result.days_left == (end - today).days >= 0
        assert result.warning_key is None
    else:
        assert result.status is RenewalStatus.EXPIRED
        assert result.days_since_expiry == (today - end).days >= 1
        assert result.warning_key == "renewal.warn.expired"


@given(dates)
def test_expiry_day_open_and_next_day_expired(expiry: date) -> None:
    start, _ = renewal_window(expiry)
    assert assess_renewal(expiry, expiry).status is RenewalStatus.OPEN
    assert assess_renewal(expiry, start).status is RenewalStatus.OPEN
    assert assess_renewal(expiry, start - timedelta(days=1)).status is RenewalStatus.TOO_EARLY
    assert assess_renewal(expiry, expiry + timedelta(days=1)).status is RenewalStatus.EXPIRED


def test_three_months_before_is_relativedelta_on_every_day() -> None:
    """`months_before` (no dateutil import on the CLI's path) is `relativedelta(months=n)`
    on every day of 2000-2100, month ends and leap days included."""
    day = date(2000, 1, 1)
    while day <= date(2100, 12, 31):
        for months in (1, 3, 12):
            assert months_before(day, months) == day - relativedelta(months=months), day
        day += timedelta(days=1)
