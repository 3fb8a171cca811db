"""The built-in table of Japan's holidays (kept so that start-up does not import the
`holidays` package) says exactly what the package says, for every year it holds; years
outside it still come from the package."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import holidays

from queue_app.domain import calendar, jp_holidays

ROOT = Path(__file__).resolve().parents[1]


def test_table_equals_the_holidays_package_for_every_year() -> None:
    for year in range(jp_holidays.FIRST_YEAR, jp_holidays.LAST_YEAR + 1):
        ja, en = calendar._holiday_names(year)
        assert ja == dict(holidays.Japan(language="ja", years=[year]).items()), year
        assert en == dict(holidays.Japan(language="en_US", years=[year]).items()), year


def test_years_outside_the_table_ask_the_package() -> None:
    year = jp_holidays.LAST_YEAR + 1
    assert calendar.holiday_name(date(year, 1, 1)) == "元日"
    assert calendar.holiday_name(date(year, 1, 1), "en") == "New Year's Day"


def test_a_holiday_this_decade_does_not_import_the_package() -> None:
    code = (
        "import sys; from datetime import date; from queue_app.domain import calendar; "
        "print(calendar.holiday_name(date(2026, 9, 22)), 'holidays' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    assert out == ["国民の休日", "False"]
