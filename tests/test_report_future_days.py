"""A range or visits report reaching past today (by the clock): the days still to come have
not happened, so they are not open days with no tickets (they would lower the per-open-day
means and the day count), and every face says so (text, JSON, CSV, HTML; the reports screen
in tests/test_report_screen.py)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from queue_app.i18n import Translator
from queue_app.report_render import render
from queue_app.services.reports.render.visits import visits_csv, visits_html, visits_table
from tests.conftest import make_services
from tests.report_fixtures import at, build_history, report_config


@pytest.fixture
def rsvc(db_url, clock):  # type: ignore[no-untyped-def]
    svc = make_services(db_url, report_config(), clock)
    build_history(svc, clock)
    yield svc
    svc.engine.dispose()


def test_days_to_come_are_not_open_days(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 3, 18, 0)  # Thursday evening: Friday 12/04 and the weekend have not come
    r = rsvc.reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6))
    days = {d.day: d for d in r.days}
    assert r.open_days == 4  # Mon-Thu; Friday is planned open but has not happened
    assert days[date(2026, 12, 4)].open and days[date(2026, 12, 4)].future
    assert not days[date(2026, 12, 4)].counted_open
    assert not days[date(2026, 12, 3)].future
    assert r.today == date(2026, 12, 3)
    assert r.future_days == (date(2026, 12, 4), date(2026, 12, 5), date(2026, 12, 6))
    # no Friday has happened: its arrivals per open Friday are unknown, not 0
    assert all(v is None for v in r.heat_arrivals[4])
    # the same range read after it has passed counts Friday as an open day with no tickets
    at(clock, 7, 9, 0)
    later = rsvc.reports.range("sogo", date(2026, 11, 30), date(2026, 12, 6))
    assert later.open_days == 5 and not later.future and later.today is None
    assert later.heat_arrivals[4][9] == pytest.approx(0.0)


def test_range_faces_say_the_days_have_not_come(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 3, 18, 0)
    r = rsvc.reports.range("sogo", date(2026, 12, 1), date(2026, 12, 6))
    ja = render(r, "table", "ja")
    assert "2026-12-04 〜 2026-12-06(3日)はまだ来ていない日です(今日は 2026-12-03)" in ja
    assert "開庁日数: 3" in ja
    row = next(line for line in ja.splitlines() if line.startswith("2026-12-04"))
    assert "まだ来ていない日" in row and " 0 " not in row
    en = render(r, "table", "en")
    assert "2026-12-04 to 2026-12-06 (3 day(s)) have not come yet (today is 2026-12-03)" in en
    data = json.loads(render(r, "json", "en"))
    assert data["open_days"] == 3 and data["today"] == "2026-12-03"
    assert data["future_days"] == ["2026-12-04", "2026-12-05", "2026-12-06"]
    assert "have not come yet" in data["future_note"]
    fri = next(d for d in data["days"] if d["date"] == "2026-12-04")
    assert fri["future"] is True and fri["open"] is True
    rows = list(csv.reader(io.StringIO(render(r, "csv", "en").lstrip("\ufeff"))))
    head = rows[0]
    fri_row = dict(zip(head, next(x for x in rows if x[1] == "2026-12-04"), strict=False))
    assert fri_row["open"] == "" and fri_row["closed_reason"] == "not yet come"
    assert fri_row["issued"] == ""
    assert next(x for x in rows if x[1] == "total")[3] == "3"
    html = render(r, "html", "ja")
    assert "はまだ来ていない日です" in html
    assert "12-04" not in html.split('id="chart-days"')[1].split("</svg>")[0]
    # a range wholly in the past says nothing of the kind
    past = rsvc.reports.range("sogo", date(2026, 12, 1), date(2026, 12, 3))
    assert not past.future and "まだ来ていない" not in render(past, "table", "ja")
    assert json.loads(render(past, "json", "ja"))["future_days"] == []


def test_visits_report_says_its_days_to_come(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 3, 18, 0)
    v = rsvc.reports.visits("sogo", date(2026, 12, 1), date(2026, 12, 10))
    assert v.today == date(2026, 12, 3) and v.future_days[0] == date(2026, 12, 4)
    assert len(v.future_days) == 7
    ja, en = Translator("ja"), Translator("en")
    assert "2026-12-04 〜 2026-12-10(7日)はまだ来ていない日です" in visits_table(v, ja)
    assert "the figures are the visits up to 2026-12-03" in visits_table(v, en)
    assert "have not come yet" in visits_csv(v, en)
    assert "まだ来ていない日です" in visits_html(v, ja)
    assert v.to_json("en")["future_days"][0] == "2026-12-04"  # type: ignore[index]
    past = rsvc.reports.visits("sogo", date(2026, 12, 1), date(2026, 12, 3))
    assert past.future_days == () and "まだ来ていない" not in visits_table(past, ja)
