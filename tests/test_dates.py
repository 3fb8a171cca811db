"""One date parser for every typed date: 西暦 and 和暦, full-width, clear refusals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_app.domain.dates import (
    ERR_BEFORE_ERA,
    ERR_EMPTY,
    ERR_ERA_YEAR,
    ERR_FORMAT,
    ERR_NO_SUCH_DAY,
    ERR_RANGE,
    DateInputError,
    parse_date,
    wareki,
    wareki_short,
)
from queue_app.domain.errors import InputError
from queue_app.i18n import CATALOG


@pytest.mark.parametrize(
    "text",
    [
        "2027-05-07",
        "2027/5/7",
        "2027/05/07",
        "2027.5.7",
        "2027年5月7日",
        "2027年5月7",
        "20270507",
        "R9.5.7",
        "R9/5/7",
        "R09.05.07",
        "r9.5.7",
        "令和9年5月7日",
        "令和9年5月7",
        "令和 9年 5月 7日",
        "令9.5.7",
        "㋿9.5.7",
        "２０２７－０５－０７",
        "２０２７／５／７",
        "Ｒ９．５．７",
        "令和９年５月７日",
        " 2027-05-07 ",
    ],
)
def test_every_form_of_the_same_day(text: str) -> None:
    assert parse_date(text) == date(2027, 5, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和元年5月1日", date(2019, 5, 1)),  # the first day of 令和, written 元年
        ("R1.5.1", date(2019, 5, 1)),
        ("H31.4.30", date(2019, 4, 30)),  # the last day of 平成
        ("平成31年4月30日", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("H1.1.8", date(1989, 1, 8)),
        ("平成33年3月31日", date(2021, 3, 31)),  # printed before 2019: the count goes on
        ("h28.2.29", date(2016, 2, 29)),
        ("㍻30.12.31", date(2018, 12, 31)),
        ("S64.1.7", date(1989, 1, 7)),
        ("昭和63年12月31日", date(1988, 12, 31)),
        ("R8.2.29", None),  # 2026 is not a leap year
    ],
)
def test_eras(text: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(DateInputError) as err:
            parse_date(text)
        assert err.value.key == ERR_NO_SUCH_DAY
    else:
        assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", ERR_EMPTY),
        ("   ", ERR_EMPTY),
        ("2027-02-30", ERR_NO_SUCH_DAY),
        ("2027-13-01", ERR_NO_SUCH_DAY),
        ("R9.2.29", ERR_NO_SUCH_DAY),
        ("H1.1.7", ERR_BEFORE_ERA),  # that day was 昭和64年
        ("令和元年4月30日", ERR_BEFORE_ERA),  # still 平成
        ("R0.5.1", ERR_ERA_YEAR),
        ("2027-5/7", ERR_FORMAT),  # mixed separators
        ("R9.5", ERR_FORMAT),
        ("5/7", ERR_FORMAT),  # no year: never guess one
        ("27/5/7", ERR_FORMAT),
        ("M45.7.30", ERR_FORMAT),  # 明治 is not an expiry date anyone has
        ("1234", ERR_FORMAT),
        ("123456789012", ERR_FORMAT),
        ("0001-01-01", ERR_RANGE),
        ("9999-12-31", ERR_RANGE),
    ],
)
def test_refusals_name_the_problem(text: str, key: str) -> None:
    with pytest.raises(DateInputError) as err:
        parse_date(text)
    assert err.value.key == key
    assert isinstance(err.value, InputError)  # the CLI turns it into exit 2
    for lang in ("ja", "en"):
        message = err.value.message(lang)
        assert message and "{" not in message
        named = err.value.for_field("--expiry").message(lang)
        assert named.startswith("--expiry: ")


@pytest.mark.parametrize("text", ["1234", "123456789012", "9876-54-32", "R12.34.56"])
def test_refusal_never_echoes_the_typed_text(text: str) -> None:
    """A PIN or a 個人番号 typed into a date field must not be shown back."""
    with pytest.raises(DateInputError) as err:
        parse_date(text)
    for lang in ("ja", "en"):
        assert text not in err.value.message(lang)
        assert text not in err.value.for_field("--date").message(lang)


def test_every_error_key_is_in_the_catalogue() -> None:
    for key in (ERR_EMPTY, ERR_FORMAT, ERR_NO_SUCH_DAY, ERR_ERA_YEAR, ERR_BEFORE_ERA, ERR_RANGE):
        assert set(CATALOG[key]) == {"ja", "en"}


def test_wareki_writes_the_first_year_as_gannen() -> None:
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(date(2027, 5, 7)) == "令和9年5月7日"
    assert wareki_short(date(2027, 5, 7)) == "R9.5.7"
    assert wareki_short(date(1989, 1, 7)) == "S64.1.7"


DAYS = st.dates(min_value=date(1927, 1, 1), max_value=date(2199, 12, 31))


@given(DAYS)
def test_round_trip_through_every_written_form(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y%m%d"),
        wareki(day),
        wareki_short(day),
        wareki_short(day).lower(),
    ]
    for form in forms:
        assert parse_date(form) == day, form


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_date_input_error(text: str) -> None:
    try:
        result = parse_date(text)
    except DateInputError as exc:
        assert exc.message("ja")
    else:
        assert isinstance(result, date)
