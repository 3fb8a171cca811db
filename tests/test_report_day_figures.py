"""The daily report computed in Python from the day's raw rows (`domain/day_figures.py`)
against two independent computations, on SQLite and PostgreSQL (`db_url`):

1. a straightforward one written here from the ORM rows, by the words of docs/reports.md
   (local datetimes, interval overlaps, a replay of the events minute by minute of the day);
2. the range report's SQL aggregation of the same day grouped by hour x service x visit
   kind (`_aggregate`: the SQL the daily report itself ran before), which must give exactly
   the same figures.

The built day (2026-12-03, sogo, 08:30-12:00 and 13:00-17:15 from `report_config`) has early
tickets (counted from the opening), a recall and a no-show re-queued and served, transfers
(one while waiting), cancellations (waiting and called), a three-step plan, the pickup stage
(preparing, ready, handed over), a wait across the lunch break, a re-queue, a call after
reception ended; 2026-12-04 is a day in progress (provisional), read at 11:40.

A hypothesis property test compares the pure function with the same straightforward
computation on random rows (ties of the same millisecond, closed days, breaks).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import Ticket, TicketEvent
from queue_app.domain.day_figures import DayHours, day_figures
from queue_app.domain.report_marks import fold_marks
from queue_app.domain.reporting import Figures, peak_waiting, roll_up
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.report_fixtures import JST, report_config

MIN = 60_000


# -- the straightforward computation -------------------------------------------------------
@dataclass(frozen=True)
class Tk:
    id: int
    service: str
    kind: str
    state: str
    issued: int
    started: int | None
    finished: int | None


@dataclass(frozen=True)
class Ev:
    id: int
    ticket: int
    frm: str | None
    to: str
    at: int
    detail: str | None


def local(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=JST)


def at_ms(day: date, minute: int) -> int:
    return int(datetime.combine(day, time(0), tzinfo=JST).timestamp() * 1000) + minute * MIN


def overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def closed_before_last_closing(
    day: date, ranges: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Local midnight to the opening, and every break between two ranges."""
    out = [(at_ms(day, 0), at_ms(day, ranges[0][0]))]
    out += [(at_ms(day, a[1]), at_ms(day, b[0])) for a, b in zip(ranges, ranges[1:], strict=False)]
    return out


def per_ticket(
    t: Tk, events: list[Ev], day: date, ranges: Sequence[tuple[int, int]], target: int, last: int
) -> dict[str, Any]:
    mine = [e for e in events if e.ticket == t.id]
    calls = [e.at for e in mine if e.to == "called"]
    call = min(calls) if calls else None
    wait = None
    if call is not None:
        closed = sum(
            overlap(t.issued, call, a, b) for a, b in closed_before_last_closing(day, ranges)
        )
        wait = (call - t.issued) - closed
    close = at_ms(day, ranges[-1][1])
    return {
        "hour": local(t.issued).hour,
        "state": t.state,
        "transferred": any((e.detail or "").startswith("transfer:") for e in mine),
        "early": t.issued < at_ms(day, ranges[0][0]),
        "last30": close - last <= t.issued < close,
        "after_close": call is not None and call > close,
        "wait": wait,
        "over": wait is not None and wait > target,
        "svc": t.finished - t.started
        if t.state == "done" and t.started is not None and t.finished is not None
        else None,
        "finished": t.finished,
    }


def figures(rows: list[dict[str, Any]]) -> Figures:
    waits = [r["wait"] for r in rows if r["wait"] is not None]
    svcs = [r["svc"] for r in rows if r["svc"] is not None]
    return Figures(
        issued=len(rows),
        served=sum(r["state"] == "done" for r in rows),
        no_show=sum(r["state"] == "no_show" for r in rows),
        cancelled=sum(r["state"] == "cancelled" for r in rows),
        transferred=sum(r["transferred"] for r in rows),
        early=sum(r["early"] for r in rows),
        last30=sum(r["last30"] for r in rows),
        after_close=sum(r["after_close"] for r in rows),
        waits=len(waits),
        wait_mean=sum(waits) / len(waits) / MIN if waits else None,
        wait_max=max(waits) / MIN if waits else None,
        over_target=sum(r["over"] for r in rows if r["wait"] is not None),
        service_n=len(svcs),
        service_mean=sum(svcs) / len(svcs) / MIN if svcs else None,
    )


def groups(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict[Any, Figures]:
    return {k: figures([r for r in rows if key(r) == k]) for k in {key(r) for r in rows}}


def waiting_at_once(events: list[Ev], hours: Sequence[int]) -> dict[int, int]:
    """Replay: the level before each hour begins and after every event in it; the highest."""
    moves = sorted((e for e in events if "waiting" in (e.to, e.frm)), key=lambda e: (e.at, e.id))
    out = {}
    for h in hours:
        level, top = 0, None
        for e in moves:
            if e.to == e.frm:
                continue
            if local(e.at).hour >= h and top is None:
                top = level  # carried in at the start of the hour
            if local(e.at).hour > h:
                break
            level += 1 if e.to == "waiting" else -1
            if local(e.at).hour == h:
                top = max(top if top is not None else level, level)
        out[h] = level if top is None else top
    return out


def nearest_rank(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return sorted(values)[math.ceil(q / 100 * len(values)) - 1]


# -- the built days --------------------------------------------------------------------------
def _clock_at(svc: Any, day: int, hh: int, mm: int) -> None:
    svc.clock.set(datetime(2026, 12, day, hh, mm, tzinfo=JST))


def build_day(svc: Any) -> None:
    """2026-12-03, in time order (the numbers after each step: who is waiting)."""
    t = svc.tickets

    def issue(service: str, kind: str = "") -> int:
        request = IssueRequest("sogo", service, visit_kind=kind)
        return t.issue(request, with_estimate=False).ticket.id

    def at(hh: int, mm: int) -> None:
        _clock_at(svc, 3, hh, mm)

    at(8, 15)
    a = issue("ecert", "self")  # early: waits from 08:30
    at(8, 20)
    b = issue("certificate")  # early; called, recalled, no-show, re-queued, served
    at(8, 25)
    plan = t.issue_plan(IssueRequest("sogo", "", visit_kind="self"), "tennyu").ticket.id
    at(8, 40)
    t.call(a, 3)
    t.start(a, 3)
    at(8, 45)
    t.call(b, 2)
    at(8, 47)
    t.recall(b, 2)
    at(8, 50)
    t.no_show(b, 2)
    t.call(plan, 5)
    t.start(plan, 5)
    at(8, 55)
    t.finish(a, "renewed", 3)
    at(9, 0)
    pickup = issue("card_pickup", "agent_first")
    at(9, 5)
    t.call(pickup, 4)
    t.start(pickup, 4)
    at(9, 10)
    t.finish(plan, "served", 5)  # moving done: the plan's next step (ecert) queue
    at(9, 12)
    moved = issue("moving", "guardian")
    at(9, 14)
    gone = issue("other")
    at(9, 15)
    t.finish(pickup, "served", 4)  # -> preparing
    at(9, 16)
    wt = issue("other")
    t.transfer(wt, to_service="certificate")  # transferred while waiting (waiting -> waiting)
    at(9, 20)
    t.call(moved, 2)
    t.start(moved, 2)
    at(9, 25)
    t.transfer(moved, to_service="certificate", counter_no=2)
    at(9, 30)
    t.cancel(gone)  # cancelled while waiting: no wait
    t.requeue(b)  # the no-show is back in the queue
    at(9, 31)
    t.call(plan, 3)
    t.start(plan, 3)
    at(9, 35)
    t.call(moved, 2)
    t.start(moved, 2)
    at(9, 40)
    t.mark_ready(pickup)
    at(9, 45)
    t.finish(moved, "served", 2)
    at(9, 46)
    t.call(b, 2)
    t.start(b, 2)
    at(9, 50)
    t.finish(plan, "renewed", 3)  # ecert done: the last step (other)
    t.hand_over(pickup, 4)
    at(9, 55)
    t.call(plan, 5)
    t.start(plan, 5)
    at(9, 58)
    t.finish(b, "served", 2)
    at(10, 0)
    t.call(wt, 2)
    t.start(wt, 2)
    at(10, 5)
    t.finish(plan, "served", 5)
    at(10, 10)
    t.finish(wt, "served", 2)
    at(10, 20)
    c2 = issue("ecert", "agent_with_answer")
    at(10, 30)
    t.call(c2, 3)
    t.cancel(c2, 3)  # cancelled after its call: it has a wait
    at(11, 50)
    lunch = issue("certificate")  # waits 10 minutes before the break and 5 after
    at(11, 55)
    back = issue("ecert", "self")
    at(13, 5)
    t.call(lunch, 1)
    t.start(lunch, 1)
    at(13, 10)
    t.call(back, 3)
    at(13, 12)
    t.requeue(back, 3)  # back to the queue: its first call still ends its wait
    at(13, 20)
    t.finish(lunch, "served", 1)
    at(13, 30)
    t.call(back, 3)
    t.start(back, 3)
    at(13, 45)
    t.finish(back, "renewed", 3)
    at(16, 55)
    late = issue("certificate")  # in the last 30 minutes; called after reception ended
    at(17, 25)
    t.call(late, 2)
    t.start(late, 2)
    at(17, 35)
    t.finish(late, "served", 2)


def build_morning(svc: Any) -> None:
    """2026-12-04 until 11:40: people still waiting, one at a counter."""
    t = svc.tickets

    def issue(hh: int, mm: int, service: str) -> int:
        _clock_at(svc, 4, hh, mm)
        return t.issue(IssueRequest("sogo", service), with_estimate=False).ticket.id

    first = issue(8, 20, "ecert")
    second = issue(8, 50, "certificate")
    _clock_at(svc, 4, 9, 0)
    t.call(first, 3)
    t.start(first, 3)
    issue(9, 5, "other")
    _clock_at(svc, 4, 9, 20)
    t.finish(first, "renewed", 3)
    issue(10, 40, "ecert")
    issue(11, 10, "certificate")
    _clock_at(svc, 4, 11, 30)
    t.call(second, 2)  # still at the counter when the report is read
    _clock_at(svc, 4, 11, 40)


@pytest.fixture
def built(db_url):  # type: ignore[no-untyped-def]
    from queue_app.domain.clock import MutableClock

    clock = MutableClock(datetime(2026, 12, 3, 8, 0, tzinfo=JST))
    svc = make_services(db_url, report_config(), clock)
    build_day(svc)
    build_morning(svc)
    yield svc
    svc.engine.dispose()


def _rows(svc: Any, day: date) -> tuple[list[Tk], list[Ev]]:
    with svc.uow.read() as s:
        tickets = s.execute(
            select(Ticket).where(Ticket.office_id == "sogo", Ticket.service_day == day)
        ).scalars()
        events = s.execute(
            select(TicketEvent).where(
                TicketEvent.office_id == "sogo", TicketEvent.service_day == day
            )
        ).scalars()
        return (
            [
                Tk(
                    x.id,
                    x.issued_service_id,
                    x.visit_kind,
                    x.state,
                    x.issued_ms,
                    x.started_ms,
                    x.finished_ms,
                )
                for x in tickets
            ],  # type: ignore[arg-type]
            [Ev(e.id, e.ticket_id, e.from_state, e.to_state, e.at_ms, e.detail) for e in events],  # type: ignore[arg-type]
        )


RANGES = ((510, 720), (780, 1035))  # 08:30-12:00, 13:00-17:15 (report_config, from the 3rd)


def _check_day(svc: Any, day: date) -> dict[int, int]:
    r = svc.reports.daily("sogo", day)
    tickets, events = _rows(svc, day)
    target = svc.config.settings.target_wait_minutes * MIN
    rows = [per_ticket(t, events, day, RANGES, target, 30 * MIN) for t in tickets]
    for t, row in zip(tickets, rows, strict=True):
        row["service_id"], row["visit_kind"] = t.service, t.kind

    assert r.totals == figures(rows)
    assert {g.key: g.figures for g in r.by_service} == groups(rows, lambda x: x["service_id"])
    assert {g.key: g.figures for g in r.by_visit_kind} == groups(rows, lambda x: x["visit_kind"])
    waits = [x["wait"] / MIN for x in rows if x["wait"] is not None]
    svcs = [x["svc"] / MIN for x in rows if x["svc"] is not None]
    assert r.wait_median == (statistics.median(waits) if waits else None)
    assert r.wait_p90 == nearest_rank(waits, 90)
    assert r.service_median == (statistics.median(svcs) if svcs else None)

    hours = [h.hour for h in r.by_hour]
    assert hours == list(range(8, 18))
    per_hour = groups(rows, lambda x: x["hour"])
    peaks = waiting_at_once(events, hours)
    now = svc.clock.now().astimezone(JST)
    for h in r.by_hour:
        if day == now.date() and h.hour > now.hour and h.hour not in per_hour:
            assert (h.arrivals, h.wait_mean, h.peak_waiting) == (None, None, None)
            continue
        f = per_hour.get(h.hour, Figures())
        assert (h.arrivals, h.wait_mean, h.peak_waiting) == (f.issued, f.wait_mean, peaks[h.hour])
    return peaks


def test_daily_report_matches_a_straightforward_computation(built) -> None:  # type: ignore[no-untyped-def]
    peaks = _check_day(built, date(2026, 12, 3))
    r = built.reports.daily("sogo", date(2026, 12, 3))
    f = r.totals  # the built day has what the docstring says
    assert (f.issued, f.served, f.no_show, f.cancelled) == (11, 9, 0, 2)
    assert (f.transferred, f.early, f.last30, f.after_close) == (2, 3, 1, 1)
    assert f.waits == 10 and not r.provisional
    assert peaks[8] == 3 and peaks[9] >= 3

    peaks = _check_day(built, date(2026, 12, 4))  # in progress at 11:40
    r = built.reports.daily("sogo", date(2026, 12, 4))
    assert r.provisional and r.as_of == "11:40"
    assert (r.totals.issued, r.totals.waits) == (5, 2)
    assert [h.hour for h in r.by_hour if h.future] == [12, 13, 14, 15, 16, 17]
    assert peaks[11] == 4  # at 11:10: the 08:50, 09:05, 10:40 and 11:10 tickets


def test_daily_report_equals_the_range_reports_sql(built) -> None:  # type: ignore[no-untyped-def]
    """The SQL aggregation the daily report ran before (and the range report runs): the
    same figures, exactly, per hour, service, visit kind and in total."""
    rep = built.reports
    for day in (date(2026, 12, 3), date(2026, 12, 4)):
        r = rep.daily("sogo", day)
        patterns = rep._patterns("sogo", [rep.calendar.day("sogo", day)])
        rows = rep._aggregate("sogo", day, day, patterns, ["hour", "service_id", "visit_kind"])
        by_hour = roll_up(rows, "hour")
        total = roll_up(rows)[None].figures()
        assert r.totals == total
        assert {h.hour: (h.arrivals, h.wait_mean) for h in r.by_hour if h.hour in by_hour} == {
            int(k): (a.issued, a.figures().wait_mean)
            for k, a in by_hour.items()  # type: ignore[call-overload]
        }
        assert {g.key: g.figures for g in r.by_service} == {
            k: a.figures() for k, a in roll_up(rows, "service_id").items()
        }
        assert {g.key: g.figures for g in r.by_visit_kind} == {
            k: a.figures() for k, a in roll_up(rows, "visit_kind").items()
        }
        assert r.totals.issued > 0


# -- the pure function on random rows --------------------------------------------------------
DAY = date(2026, 12, 3)
STATES = (
    None,
    "waiting",
    "called",
    "serving",
    "done",
    "no_show",
    "cancelled",
    "preparing",
    "ready",
)


@st.composite
def office_days(draw: st.DrawFn) -> tuple[list[Tk], list[Ev], tuple[tuple[int, int], ...]]:
    ranges = draw(
        st.sampled_from(
            [
                ((510, 1035),),
                ((510, 720), (780, 1035)),
                ((540, 600), (660, 700), (760, 960)),
                ((0, 0),),
            ]
        )
    )
    n = draw(st.integers(0, 12))
    minute = st.integers(0, 24 * 60 - 1)
    tickets = []
    for i in range(1, n + 1):
        issued = at_ms(DAY, draw(minute)) + draw(st.integers(0, 59_999))
        started = draw(st.none() | st.integers(issued, issued + 5 * 3_600_000))
        finished = draw(st.none() | st.integers(issued, issued + 6 * 3_600_000))
        state = draw(
            st.sampled_from(
                ["waiting", "called", "serving", "done", "no_show", "cancelled", "ready"]
            )
        )
        tickets.append(
            Tk(
                i,
                draw(st.sampled_from("abc")),
                draw(st.sampled_from(["", "self", "agent"])),
                state,
                issued,
                started,
                finished,
            )
        )
    events = []
    base = at_ms(DAY, 0)
    for j in range(1, draw(st.integers(0, 40)) + 1):
        frm, to = draw(st.sampled_from(STATES)), draw(st.sampled_from(STATES[1:]))
        detail = draw(st.sampled_from([None, "transfer:a->b", "recall:1", "outcome:served"]))
        ev_at = (
            base
            + draw(st.sampled_from([0, 1, 2])) * 3_600_000 * 8
            + draw(st.integers(0, 16 * 3_600_000 - 1))
        )
        events.append(
            Ev(j, draw(st.integers(1, n + 2)), frm, to, min(ev_at, base + 86_399_999), detail)
        )
    return tickets, events, ranges


@settings(max_examples=150, deadline=None)
@given(office_days(), st.integers(1, 90))
def test_property_day_figures_as_the_straightforward_computation(day: Any, target_min: int) -> None:
    tickets, events, ranges = day
    offset = int(datetime.combine(DAY, time(12), tzinfo=JST).utcoffset().total_seconds() * 1000)  # type: ignore[union-attr]
    hours = DayHours(offset, ranges)
    # each ticket's row marks, as the transitions write them from its events
    marks = {
        t.id: fold_marks((e.to, e.at, e.detail) for e in events if e.ticket == t.id)
        for t in tickets
    }
    t_rows = [
        (t.service, t.kind, t.state, t.issued, t.started, t.finished, *marks[t.id]) for t in tickets
    ]
    e_rows = [(e.at, e.id, e.frm, e.to) for e in events]
    target = target_min * MIN
    fig = day_figures(t_rows, e_rows[::-1], hours, target, 30 * MIN)  # any row order

    rows = [per_ticket(t, events, DAY, ranges, target, 30 * MIN) for t in tickets]
    for t, row in zip(tickets, rows, strict=True):
        row["service_id"], row["visit_kind"] = t.service, t.kind
    assert fig.totals.figures() == figures(rows)
    assert {k: a.figures() for k, a in fig.by_hour.items()} == groups(rows, lambda x: x["hour"])
    assert {k: a.figures() for k, a in fig.by_service.items()} == groups(
        rows, lambda x: x["service_id"]
    )
    assert {k: a.figures() for k, a in fig.by_kind.items()} == groups(
        rows, lambda x: x["visit_kind"]
    )
    assert sorted(fig.waits_ms) == sorted(r["wait"] for r in rows if r["wait"] is not None)
    assert sorted(fig.service_ms) == sorted(r["svc"] for r in rows if r["svc"] is not None)
    all_hours = list(range(24))
    assert peak_waiting(fig.waiting, all_hours) == waiting_at_once(events, all_hours)
    finishes = [t.finished for t in tickets if t.finished is not None]
    assert fig.totals.finish_max == (max(finishes) if finishes else None)


def test_same_millisecond_events_in_id_order() -> None:
    """Two people join and one leaves in the same millisecond: the order of the ids decides
    the level in between (as SQL's ORDER BY at_ms, id did)."""
    hours = DayHours(9 * 3_600_000, ((510, 1035),))
    t0 = at_ms(DAY, 9 * 60)
    ev = [
        (t0, 3, "waiting", "called"),
        (t0, 1, None, "waiting"),
        (t0, 2, None, "waiting"),
    ]
    assert day_figures([], ev, hours, 0, 0).waiting == {9: (2, 1)}
    ev = [
        (t0, 1, None, "waiting"),
        (t0, 2, "waiting", "called"),
        (t0, 3, None, "waiting"),
    ]
    assert day_figures([], ev, hours, 0, 0).waiting == {9: (1, 1)}


def test_a_driver_error_in_the_daily_reads_is_the_database_message(db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    """The two reads run on the driver's cursor (`uow.read_plain`): its error still becomes
    the message every read gives (exit 3), not a traceback, on both engines."""
    from sqlalchemy import text as sql_text

    from queue_app.domain.errors import DatabaseError

    svc = make_services(db_url, report_config(), clock)
    with svc.engine.begin() as conn:
        conn.execute(sql_text("ALTER TABLE ticket_event RENAME TO ticket_event_gone"))
    with pytest.raises(DatabaseError) as info:
        svc.reports.daily("sogo", date(2026, 12, 1))
    assert info.value.key == "err.db_unavailable"
    # the failed read's connection went back to the pool rolled back: the next report reads
    with svc.engine.begin() as conn:
        conn.execute(sql_text("ALTER TABLE ticket_event_gone RENAME TO ticket_event"))
    svc.tickets.issue(IssueRequest("sogo", "certificate"), with_estimate=False)
    day = svc.calendar.service_day("sogo", svc.clock.now())
    assert svc.reports.daily("sogo", day).totals.issued == 1
    svc.engine.dispose()
