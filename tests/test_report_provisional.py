"""A daily report of a day still in progress (途中経過): hours after the clock's current
hour have not happened yet, so they show "-" (None), not 0 or a carried-over peak."""

from __future__ import annotations

import json
from datetime import date

import pytest

from queue_app.report_render import render
from tests.conftest import make_services
from tests.report_fixtures import at, build_history, report_config


@pytest.fixture
def rsvc(sqlite_url, clock):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, report_config(), clock)
    build_history(svc, clock)
    yield svc
    svc.engine.dispose()


def test_day_in_progress_hides_future_hours(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    # 2026-12-03 at 13:05 (the end of the fixture): T7 called, hours 14..17 still to come
    at(clock, 3, 13, 43)
    r = rsvc.reports.daily("sogo", date(2026, 12, 3))
    assert r.provisional and r.as_of == "13:43"
    hours = {h.hour: h for h in r.by_hour}
    assert list(hours) == list(range(8, 18))
    assert hours[11].arrivals == 1 and hours[11].peak_waiting == 1
    assert hours[13].arrivals == 0 and hours[13].peak_waiting == 1  # the current hour counts
    for h in (14, 15, 16, 17):  # not "0 arrivals, 0 waiting at once" (the issue: 1 carried on)
        assert hours[h].future
        assert (hours[h].arrivals, hours[h].wait_mean, hours[h].peak_waiting) == (None,) * 3
    data = r.to_json("ja")
    assert data["provisional"] is True and data["as_of"] == "13:43"
    assert data["by_hour"][-1] == {  # type: ignore[index]
        "hour": 17,
        "arrivals": None,
        "wait_mean_min": None,
        "peak_waiting": None,
        "future": True,
    }


def test_provisional_in_every_format(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 3, 13, 43)
    r = rsvc.reports.daily("sogo", date(2026, 12, 3))
    table = render(r, "table", "ja")
    assert "途中経過(13:43 現在)" in table
    row17 = next(line for line in table.splitlines() if line.strip().startswith("17"))
    assert row17.split()[1:] == ["-", "-", "-"]
    assert "Provisional (as of 13:43)" in render(r, "table", "en")
    html = render(r, "html", "en")
    assert 'class="provisional"' in html and "Provisional (as of 13:43)" in html
    assert json.loads(render(r, "json", "en"))["as_of"] == "13:43"
    csv_17 = next(line for line in render(r, "csv", "en").splitlines() if ",hour,17," in line)
    assert ",hour,17,17,," in csv_17


def test_finished_day_is_final(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    at(clock, 1, 18, 0)  # reception ended, nobody left waiting: the evening report is final
    r = rsvc.reports.daily("sogo", date(2026, 12, 1))
    assert not r.provisional and r.as_of is None
    assert all(not h.future for h in r.by_hour)
    assert "途中経過" not in render(r, "table", "ja")
    # an earlier day read later is final too
    at(clock, 3, 9, 0)
    assert rsvc.reports.daily("sogo", date(2026, 12, 1)).as_of is None


def test_today_after_closing_with_someone_waiting_is_provisional(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    # 2026-12-02: T6 was called but never finished; at 16:30 reception has ended (16:00)
    at(clock, 2, 16, 30)
    r = rsvc.reports.daily("sogo", date(2026, 12, 2))
    assert r.as_of == "16:30"
    assert all(not h.future for h in r.by_hour)  # every opening hour is in the past


def test_a_future_day_says_it_has_no_records_not_provisional(rsvc, clock) -> None:  # type: ignore[no-untyped-def]
    """A day that has not come has no records: the report says so, names today and the last
    day with records, and is not "provisional" (途中経過 over empty hours reads as a quiet
    day). Every format says the same."""
    at(clock, 3, 14, 0)
    r = rsvc.reports.daily("sogo", date(2026, 12, 4))
    assert not r.provisional and r.as_of is None and r.future
    assert (r.today, r.last_record_day) == (date(2026, 12, 3), date(2026, 12, 3))
    assert r.totals.issued == 0 and r.by_hour and all(h.future for h in r.by_hour)
    for lang, words in (("ja", "まだ来ていない日"), ("en", "has not come yet")):
        for fmt in ("table", "html"):
            text = render(r, fmt, lang)
            assert words in text and "2026-12-04" in text and "2026-12-03" in text, (lang, fmt)
            assert "途中経過" not in text and "Provisional" not in text, (lang, fmt)
    data = json.loads(render(r, "json", "en"))
    assert data["provisional"] is False and data["as_of"] is None and data["future"] is True
    assert data["today"] == "2026-12-03" and data["last_day_with_records"] == "2026-12-03"
    at(clock, 10, 9, 0)  # a week later, nothing since 12/3: the last day is still 12/3
    later = rsvc.reports.daily("sogo", date(2026, 12, 11))
    assert "today is 2026-12-10" in later.future_text("en")
    assert "the last day with records is 2026-12-03" in later.future_text("en")
    none = rsvc.reports.daily("yanasegawa", date(2026, 12, 11))  # no tickets there at all
    assert "has no tickets yet" in none.future_text("en")
    assert "まだ受付の記録がありません" in render(none, "table", "ja")
    # today and a past day are never "future"
    assert not rsvc.reports.daily("sogo", date(2026, 12, 10)).future
    assert not rsvc.reports.daily("sogo", date(2026, 12, 3)).future
