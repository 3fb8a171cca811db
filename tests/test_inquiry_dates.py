"""Inquiry dates and slots on the default configuration (pure domain, no database).

Deadline = mailed + answer_valid_days (calendar days, as printed on the mailed form);
earliest second visit = mailed + postal_lead_days, moved to the office's next day open for
the e-certificate service; slots = reception hours minus breaks, on open days only.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config import InquirySettings, TimeRange
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.inquiry import (
    CaseAction,
    CaseState,
    answer_deadline,
    booking_window,
    check_name_kana,
    check_phone,
    day_slots,
    earliest_visit,
    hhmm,
    make_code,
    next_case_state,
    normalize_code,
    normalize_reason,
    offered_slots,
    parse_hhmm,
    slots_in_hours,
)

SERVICE = "ecert"


@pytest.fixture
def cal(config) -> OfficeCalendar:  # type: ignore[no-untyped-def]
    return OfficeCalendar(config)


@pytest.fixture
def settings(config) -> InquirySettings:  # type: ignore[no-untyped-def]
    return config.settings.inquiry


def test_default_settings(settings: InquirySettings) -> None:
    assert settings.answer_valid_days == 30
    assert settings.postal_lead_days == 3
    assert settings.purge_after_days == 90
    assert settings.service == SERVICE


# -- deadline: calendar days ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("mailed", "deadline"),
    [
        (date(2026, 12, 1), date(2026, 12, 31)),  # lands in the year-end closure: not extended
        (date(2026, 12, 15), date(2027, 1, 14)),  # across the year end
        (date(2027, 2, 1), date(2027, 3, 3)),  # February has 28 days
        (date(2028, 2, 1), date(2028, 3, 2)),  # a leap year
    ],
)
def test_deadline_counts_calendar_days(
    settings: InquirySettings, mailed: date, deadline: date
) -> None:
    assert answer_deadline(mailed, settings) == deadline


def test_deadline_on_closed_day_is_not_extended(
    cal: OfficeCalendar, settings: InquirySettings
) -> None:
    window = booking_window(cal, "sogo", SERVICE, date(2026, 12, 1), settings, date(2026, 12, 1))
    assert window.deadline == date(2026, 12, 31)
    assert window.days[-1] == date(2026, 12, 28)  # the last open day on or before it
    assert max(window.days) <= window.deadline


# -- earliest visit: year end ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("office", "mailed", "earliest"),
    [
        ("sogo", date(2026, 12, 24), date(2026, 12, 28)),  # 12/27 is a Sunday
        ("sogo", date(2026, 12, 25), date(2026, 12, 28)),  # 12/28 is open (closure from 12/29)
        ("sogo", date(2026, 12, 26), date(2027, 1, 4)),  # 12/29 .. 1/3 closed
        ("sogo", date(2026, 12, 31), date(2027, 1, 4)),  # 1/3 (Sun) closed, 1/4 (Mon) open
        ("station", date(2026, 12, 26), date(2027, 1, 4)),  # the station closes 12/29-1/3 too
        ("station", date(2026, 12, 23), date(2026, 12, 26)),  # the station opens on Saturdays
        ("yanasegawa", date(2027, 1, 7), date(2027, 1, 12)),  # 1/10 Sun, 1/11 成人の日
    ],
)
def test_earliest_visit_year_end(
    cal: OfficeCalendar, settings: InquirySettings, office: str, mailed: date, earliest: date
) -> None:
    assert earliest_visit(cal, office, SERVICE, mailed, settings) == earliest


def test_window_skips_year_end(cal: OfficeCalendar, settings: InquirySettings) -> None:
    window = booking_window(cal, "sogo", SERVICE, date(2026, 12, 20), settings, date(2026, 12, 20))
    assert window.first == date(2026, 12, 23)
    assert window.deadline == date(2027, 1, 19)
    for closed in [date(2026, 12, d) for d in (29, 30, 31)] + [date(2027, 1, d) for d in (1, 2, 3)]:
        assert closed not in window.days
        assert offered_slots(cal, "sogo", SERVICE, closed, window, settings) == []
    assert date(2026, 12, 28) in window.days
    assert date(2027, 1, 4) in window.days
    assert date(2027, 1, 11) not in window.days  # 成人の日
    assert window.days[-1] == date(2027, 1, 19)


# -- national holidays -------------------------------------------------------------------
def test_substitute_holiday_2026_05_06(cal: OfficeCalendar, settings: InquirySettings) -> None:
    assert not cal.day("sogo", date(2026, 5, 6), SERVICE).open  # 振替休日
    # mailed Fri 5/1: +3 = Mon 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日 -> Thu 5/7
    assert earliest_visit(cal, "sogo", SERVICE, date(2026, 5, 1), settings) == date(2026, 5, 7)
    # the station does not close on national holidays
    assert earliest_visit(cal, "station", SERVICE, date(2026, 5, 1), settings) == date(2026, 5, 4)
    window = booking_window(cal, "sogo", SERVICE, date(2026, 4, 30), settings, date(2026, 4, 30))
    assert date(2026, 5, 6) not in window.days


def test_citizens_holiday_2026_09_22(cal: OfficeCalendar, settings: InquirySettings) -> None:
    assert not cal.day("sogo", date(2026, 9, 22), SERVICE).open  # 国民の休日
    # mailed Wed 9/16: +3 = Sat 9/19; Sun 9/20, 敬老の日 9/21, 国民の休日 9/22, 秋分の日 9/23
    assert earliest_visit(cal, "sogo", SERVICE, date(2026, 9, 16), settings) == date(2026, 9, 24)
    window = booking_window(cal, "sogo", SERVICE, date(2026, 9, 16), settings, date(2026, 9, 16))
    for day in (date(2026, 9, 21), date(2026, 9, 22), date(2026, 9, 23)):
        assert day not in window.days


# -- the station: maintenance Sundays and Wednesdays ------------------------------------
@pytest.mark.parametrize("sunday", [date(2026, 3, 22), date(2026, 11, 22), date(2026, 9, 20)])
def test_station_maintenance_sunday_has_no_ecert_slots(
    cal: OfficeCalendar, settings: InquirySettings, sunday: date
) -> None:
    assert sunday.weekday() == 6
    assert cal.day("station", sunday).open  # the station itself is open (certificates)
    assert not cal.day("station", sunday, SERVICE).open  # but no My Number work
    assert day_slots(cal.day("station", sunday, SERVICE), settings) == []
    assert day_slots(cal.day("station", sunday, "certificate"), settings) != []


def test_station_maintenance_moves_earliest_visit(
    cal: OfficeCalendar, settings: InquirySettings
) -> None:
    # mailed Thu 3/19: +3 = Sun 3/22 (maintenance) -> Mon 3/23 at the station
    assert earliest_visit(cal, "station", SERVICE, date(2026, 3, 19), settings) == date(2026, 3, 23)
    # mailed Thu 11/19: +3 = Sun 11/22 (maintenance) -> Mon 11/23 (勤労感謝の日, station open)
    assert earliest_visit(cal, "station", SERVICE, date(2026, 11, 19), settings) == date(
        2026, 11, 23
    )
    # the main office is closed on Sunday and on the holiday
    assert earliest_visit(cal, "sogo", SERVICE, date(2026, 11, 19), settings) == date(2026, 11, 24)
    window = booking_window(cal, "station", SERVICE, date(2026, 11, 1), settings, date(2026, 11, 1))
    assert date(2026, 11, 22) not in window.days
    assert date(2026, 11, 15) in window.days  # an ordinary Sunday at the station
    assert date(2026, 11, 23) in window.days


def test_station_wednesdays(cal: OfficeCalendar, settings: InquirySettings) -> None:
    # mailed Sun 12/6: +3 = Wed 12/9 -> the station's next open day is Thu 12/10
    assert earliest_visit(cal, "station", SERVICE, date(2026, 12, 6), settings) == date(
        2026, 12, 10
    )
    assert earliest_visit(cal, "sogo", SERVICE, date(2026, 12, 6), settings) == date(2026, 12, 9)
    window = booking_window(cal, "station", SERVICE, date(2026, 12, 1), settings, date(2026, 12, 1))
    assert window.days
    assert all(day.weekday() != 2 for day in window.days)


# -- slots --------------------------------------------------------------------------------
def test_slots_of_an_ordinary_day(cal: OfficeCalendar, settings: InquirySettings) -> None:
    slots = day_slots(cal.day("sogo", date(2026, 12, 4), SERVICE), settings)
    starts = [s.start for s in slots]
    assert starts[:2] == ["08:30", "09:00"]
    assert "11:30" in starts and "12:00" not in starts and "12:30" not in starts
    assert "13:00" in starts
    assert starts[-1] == "16:30"  # 16:30-17:00; 17:00-17:30 would end after 17:15
    assert all(s.end_minute <= 17 * 60 + 15 for s in slots)
    assert len(slots) == 15
    assert all(s.seats == settings.seats_per_slot for s in slots)


def test_slots_never_cross_breaks_or_closing() -> None:
    hours = (TimeRange(time(9, 0), time(12, 10)), TimeRange(time(13, 0), time(15, 0)))
    breaks = (TimeRange(time(10, 15), time(10, 40)),)
    slots = slots_in_hours(date(2026, 12, 4), hours, breaks, 20, 1)
    assert [(s.start, s.end) for s in slots] == [
        ("09:00", "09:20"),
        ("09:20", "09:40"),
        ("09:40", "10:00"),
        ("10:40", "11:00"),
        ("11:00", "11:20"),
        ("11:20", "11:40"),
        ("11:40", "12:00"),
        ("13:00", "13:20"),
        ("13:20", "13:40"),
        ("13:40", "14:00"),
        ("14:00", "14:20"),
        ("14:20", "14:40"),
        ("14:40", "15:00"),
    ]


def test_today_offers_only_slots_not_started(
    cal: OfficeCalendar, settings: InquirySettings
) -> None:
    window = booking_window(cal, "sogo", SERVICE, date(2026, 11, 20), settings, date(2026, 12, 1))
    slots = offered_slots(cal, "sogo", SERVICE, date(2026, 12, 1), window, settings, 10 * 60)
    assert slots[0].start == "10:30"


def test_day_outside_window_offers_nothing(cal: OfficeCalendar, settings: InquirySettings) -> None:
    window = booking_window(cal, "sogo", SERVICE, date(2026, 12, 1), settings, date(2026, 12, 1))
    assert offered_slots(cal, "sogo", SERVICE, date(2026, 12, 3), window, settings) == []  # early
    assert offered_slots(cal, "sogo", SERVICE, date(2026, 12, 4), window, settings) != []
    assert offered_slots(cal, "sogo", SERVICE, date(2027, 1, 5), window, settings) == []  # late


# -- states, codes, inputs ----------------------------------------------------------------
def test_case_transitions() -> None:
    assert next_case_state("opened", "mail") is CaseState.MAILED
    assert next_case_state("mailed", "book") is CaseState.BOOKED
    assert next_case_state("booked", "unbook") is CaseState.MAILED
    assert next_case_state("booked", "complete") is CaseState.COMPLETED
    assert next_case_state("mailed", CaseAction.EXPIRE) is CaseState.EXPIRED
    with pytest.raises(DomainError) as err:
        next_case_state("opened", "book")
    assert err.value.key == "inq.err.illegal_case"
    for closed in ("completed", "expired", "cancelled"):
        for action in CaseAction:
            with pytest.raises(DomainError):
                next_case_state(closed, action)


def test_codes() -> None:
    code = make_code([0, 1, 2, 3])
    assert code == "R-2345"
    assert normalize_code("r2345") == "R-2345"
    assert normalize_code(" R-2345 ") == "R-2345"
    assert normalize_code("2345") == "R-2345"
    assert normalize_code("R-0O1I") is None
    assert normalize_code("hello") is None


def test_inputs() -> None:
    assert normalize_reason("assess.inquiry.pin_reset").value == "pin_reset"
    with pytest.raises(InputError):
        normalize_reason("because")
    assert check_name_kana("ヤマダ タロウ") == "ヤマダ タロウ"
    assert check_name_kana("やまだ") == "やまだ"
    with pytest.raises(InputError):
        check_name_kana("Yamada")
    assert check_phone("048-473-1111") == "048-473-1111"
    with pytest.raises(InputError) as err:
        check_phone("1234 5678 9012")  # 12 digits: looks like a 個人番号
    assert err.value.key == "inq.err.phone_my_number"
    assert parse_hhmm("9:30") == 570
    assert hhmm(570) == "09:30"
    for bad in ("25:00", "9.30", "nine", "12:60"):
        with pytest.raises(InputError):
            parse_hhmm(bad)
