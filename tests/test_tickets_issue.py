"""Issuing tickets: numbering per service day in Asia/Tokyo, refusals with the reason,
staff overrides, idempotent request ids, estimates and bad input (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from queue_app.domain.errors import DomainError, InputError
from queue_app.services import IssueRequest
from tests.helpers_engine import events_of, jst, snapshot


def issue(services: Any, service: str = "ecert", office: str = "sogo", **kw: Any) -> Any:
    return services.tickets.issue(IssueRequest(office, service, **kw))


# -- numbering ----------------------------------------------------------------------------


def test_numbers_per_service_with_prefix(services: Any) -> None:
    a = [issue(services, "ecert").ticket for _ in range(3)]
    b = issue(services, "certificate").ticket
    y = issue(services, "ecert", office="yanasegawa").ticket
    assert [t.display_number for t in a] == ["A-001", "A-002", "A-003"]
    assert [t.number for t in a] == [1, 2, 3]
    assert b.display_number == "B-001"
    assert y.display_number == "A-001"  # every office counts on its own
    assert services.tickets.find("sogo", "a 2").id == a[1].id


def test_numbering_restarts_per_service_day_in_tokyo(services: Any) -> None:
    """23:30 JST on Monday and 08:59 JST on Tuesday are the same UTC date (Nov 30) but
    two service days; 00:30 JST Tuesday already belongs to Tuesday."""
    clock = services.clock
    clock.set(jst(2026, 11, 30, 23, 30))  # 14:30 UTC Nov 30, office closed: override
    evening = issue(services, override="test", staff="S001").ticket
    clock.set(jst(2026, 12, 1, 0, 30))  # 15:30 UTC Nov 30
    night = issue(services, override="test", staff="S001").ticket
    clock.set(jst(2026, 12, 1, 8, 59))  # 23:59 UTC Nov 30, open
    morning = issue(services).ticket
    assert evening.issued_at.date() == night.issued_at.date() == morning.issued_at.date()
    assert evening.issued_at.date() == date(2026, 11, 30)  # one UTC day ...
    assert evening.service_day == date(2026, 11, 30)  # ... two service days
    assert night.service_day == morning.service_day == date(2026, 12, 1)
    assert (evening.number, night.number, morning.number) == (1, 1, 2)
    # the list of a day holds only that day's tickets
    assert [t.id for t in services.tickets.list("sogo", day=date(2026, 11, 30))] == [evening.id]
    assert [t.id for t in services.tickets.list("sogo")] == [night.id, morning.id]
    # and yesterday's waiting ticket is not in today's queue
    assert [t.id for t in services.tickets.waiting("sogo")] == [night.id, morning.id]
    assert services.tickets.call_next("sogo", 3).id == night.id


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "office", "service", "key", "params"),
    [
        # Saturday: the weekend closure, next open Monday
        (
            jst(2026, 12, 5, 10, 0),
            "sogo",
            "ecert",
            "err.closed",
            {"reason": "土曜日・日曜日", "reason_en": "Weekend", "next_day": "2026-12-07"},
        ),
        # Coming of Age Day 2027 (a Monday holiday)
        (
            jst(2027, 1, 11, 10, 0),
            "sogo",
            "certificate",
            "err.closed",
            {"reason": "成人の日", "next_day": "2027-01-12"},
        ),
        # year-end holidays
        (
            jst(2026, 12, 30, 10, 0),
            "station",
            "certificate",
            "err.closed",
            {"reason": "年末年始", "next_day": "2027-01-04"},
        ),
        # the station is open on Sunday Dec 20, but e-certificates are not (maintenance):
        # worded as the procedure being closed, not the office
        (
            jst(2026, 12, 20, 10, 0),
            "station",
            "ecert",
            "err.service_closed",
            {"reason_en": "System maintenance (Sunday after the third Saturday)"},
        ),
        # reception has ended at 17:15
        (
            jst(2026, 12, 1, 17, 15),
            "sogo",
            "moving",
            "err.reception_ended",
            {"end": "17:15", "next_day": "2026-12-02"},
        ),
        (
            jst(2026, 12, 4, 23, 30),
            "yanasegawa",
            "ecert",
            "err.reception_ended",
            {"end": "17:15", "next_day": "2026-12-07"},
        ),
    ],
    ids=["weekend", "holiday", "year_end", "service_closed", "after_end", "friday_night"],
)
def test_refused_with_the_reason(
    services: Any, moment: Any, office: str, service: str, key: str, params: dict[str, str]
) -> None:
    services.clock.set(moment)
    before = snapshot(services, office_id=office)
    with pytest.raises(DomainError) as err:
        issue(services, service, office=office)
    assert err.value.key == key
    for name, value in params.items():
        assert err.value.params[name] == value, (name, err.value.params)
    assert err.value.params["office"] == services.config.offices[office].name_ja
    assert snapshot(services, office_id=office) == before


def test_open_service_at_the_same_office_is_not_refused(services: Any) -> None:
    services.clock.set(jst(2026, 12, 20, 10, 0))
    assert issue(services, "certificate", office="station").ticket.number == 1


def test_staff_override_is_recorded(services: Any) -> None:
    services.clock.set(jst(2026, 12, 5, 10, 0))  # Saturday
    result = issue(services, override="住民対応(課長承認)", staff="S001", visit_kind="renewal")
    t = result.ticket
    assert t.override == "住民対応(課長承認)" and t.staff == "S001"
    assert "warn.override" in result.warnings
    (event,) = events_of(services, t.id)
    assert event["detail"] == "override:住民対応(課長承認)" and event["staff"] == "S001"
    assert t.service_day == date(2026, 12, 5)


def test_blank_override_reason_is_refused(services: Any) -> None:
    services.clock.set(jst(2026, 12, 5, 10, 0))
    before = snapshot(services)
    with pytest.raises(InputError) as err:
        issue(services, override="  ")
    assert err.value.key == "err.override_reason"
    assert snapshot(services) == before


def test_visit_kind_decision_priority_recorded(services: Any) -> None:
    t = issue(
        services, visit_kind="renewal", decision="same_day", priority=1, appointment_id=7
    ).ticket
    got = services.tickets.get(t.id)
    assert (got.visit_kind, got.decision, got.priority, got.appointment_id) == (
        "renewal",
        "same_day",
        1,
        7,
    )
    data = services.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="renewal")).to_json()
    for key in ("number", "state", "office", "service", "visit", "issued_at", "token"):
        assert key in data
    assert data["estimated_wait_minutes"] is not None


# -- idempotency --------------------------------------------------------------------------


def test_same_request_id_never_issues_twice(services: Any) -> None:
    first = issue(services, request_id="kiosk1-0001")
    before = snapshot(services, first.ticket.id)
    again = issue(services, request_id="kiosk1-0001")
    assert again.replayed and not first.replayed
    assert again.ticket.id == first.ticket.id and again.token == first.token
    assert snapshot(services, first.ticket.id) == before  # no number used, no event
    assert issue(services, request_id="kiosk1-0002").ticket.number == 2


def test_replay_after_reception_ended_returns_the_ticket(services: Any) -> None:
    """A kiosk retrying a request that went through just before closing gets its ticket."""
    services.clock.set(jst(2026, 12, 1, 17, 14))
    first = issue(services, request_id="kiosk1-0099")
    services.clock.set(jst(2026, 12, 1, 17, 16))
    again = issue(services, request_id="kiosk1-0099")
    assert again.replayed and again.ticket.id == first.ticket.id


# -- estimates ----------------------------------------------------------------------------


def test_estimate_uses_configured_minutes_without_history(services: Any) -> None:
    for _ in range(3):
        issue(services, "ecert")
    est = issue(services, "ecert").estimate
    # 3 ahead, counters 3 and 4 handle ecert, 15 configured minutes
    assert (est.people_ahead, est.counters, est.minutes_per_person) == (3, 2, 15.0)
    assert est.minutes == 23  # ceil(3 / 2 * 15)
    assert est.expected_call == services.clock.now() + timedelta(minutes=23)
    assert not est.after_close
    assert services.tickets.queue_estimate("sogo", "ecert").people_ahead == 4


def test_estimate_uses_recent_median(services: Any) -> None:
    t = services.tickets
    clock = services.clock
    for minutes in (10, 12, 20):
        tid = issue(services, "ecert").ticket.id
        t.call(tid, 3)
        t.start(tid, 3)
        clock.advance(minutes=minutes)
        t.finish(tid, "renewed", 3)
    issue(services, "ecert")
    issue(services, "ecert")
    est = issue(services, "ecert").estimate
    # the median 12 shrunk toward the configured 15 by 3 samples against 5 (domain/estimates)
    assert est.minutes_per_person == (3 * 12 + 5 * 15) / 8 and est.people_ahead == 2
    assert est.minutes == 14
    # the history is per service: certificates still use the configured 6 minutes
    assert services.tickets.queue_estimate("sogo", "certificate").minutes_per_person == 6.0


def test_estimate_of_one_ticket_counts_only_those_ahead(services: Any) -> None:
    first = issue(services).ticket
    issue(services)
    urgent = issue(services, priority=1).ticket
    assert services.tickets.estimate_for(first).people_ahead == 1  # the priority ticket
    assert services.tickets.estimate_for(urgent).people_ahead == 0


def test_after_close_warning(services: Any) -> None:
    services.clock.set(jst(2026, 12, 4, 17, 0))  # Friday, 15 minutes before the end
    for _ in range(4):
        issue(services, "ecert")
    result = issue(services, "ecert")
    est = result.estimate
    assert est.minutes == 30 and est.after_close
    assert est.reception_end == jst(2026, 12, 4, 17, 15)
    assert "warn.after_close" in result.warnings
    assert est.next_open_day == date(2026, 12, 7)  # Monday
    # yanasegawa is open now but stops at 17:15 too: never suggested (issue 11)
    assert est.alternative_office is None
    quiet = issue(services, "certificate").estimate
    assert not quiet.after_close and quiet.next_open_day is None


def test_service_queues(services: Any) -> None:
    for _ in range(5):
        issue(services, "moving")
    queues = {q.service_id: q for q in services.tickets.service_queues("sogo")}
    assert queues["moving"].waiting == 5
    # counters 2 and 5 handle moving: ceil(5/2*20) = 50 minutes -> crowded
    assert queues["moving"].estimate_minutes == 50 and queues["moving"].level == "crowded"
    assert queues["ecert"].waiting == 0 and queues["ecert"].level == "quiet"


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("office", "service", "key"),
    [
        ("nowhere", "ecert", "err.unknown_office"),
        ("sogo", "passport", "err.unknown_service"),
        ("yanasegawa", "moving", "err.service_not_at_office"),
    ],
)
def test_unknown_office_or_service(services: Any, office: str, service: str, key: str) -> None:
    before = snapshot(services)
    with pytest.raises(InputError) as err:
        issue(services, service, office=office)
    assert err.value.key == key
    assert snapshot(services) == before


# -- the hot path builds its result by hand: it must equal what the database holds --------


def test_issued_view_equals_stored_ticket(services: Any) -> None:
    variants: list[dict[str, Any]] = [
        {},
        {"visit_kind": "renewal", "decision": "same_day", "priority": 1, "staff": "S002"},
        {"appointment_id": 12, "case_id": 34, "request_id": "r-1"},
    ]
    for kwargs in variants:
        result = issue(services, **kwargs)
        assert result.ticket == services.tickets.get(result.ticket.id)
    services.clock.set(jst(2026, 12, 5, 10, 0))
    result = issue(services, override="training", staff="S001")
    assert result.ticket == services.tickets.get(result.ticket.id)


def test_numbers_past_999_keep_the_display_rule(services: Any) -> None:
    from sqlalchemy import update

    from db.models import DailyCounter
    from queue_app.domain.tickets import display_number

    issue(services)
    with services.uow.read() as session:
        session.execute(update(DailyCounter).values(last_number=998))
        session.commit()
    labels = [issue(services).ticket.display_number for _ in range(3)]
    assert labels == ["A-999", "A-1000", "A-1001"]
    assert labels == [display_number("A", n) for n in (999, 1000, 1001)]
