"""Call order at the counter, transfer, recall limit and back-to-queue (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.services import IssueRequest, Services
from tests.conftest import SECRET
from tests.helpers_engine import events_of, snapshot


def release(services: Any, counter: int) -> None:
    """One visitor at a time: mark the visitor still called at `counter` absent."""
    for open_ticket in services.tickets.open_at_counter("sogo", counter):
        services.tickets.no_show(open_ticket.id, counter)


def next_id(services: Any, counter: int) -> int:
    """Call the next ticket at `counter` (the one called there before is released first)."""
    release(services, counter)
    called = services.tickets.call_next("sogo", counter)
    assert called is not None
    return int(called.id)


def issue(services: Any, service: str = "ecert", minutes: float = 1, **kw: Any) -> int:
    """Issue a ticket, then let `minutes` pass (so arrival times differ)."""
    tid = services.tickets.issue(IssueRequest("sogo", service, **kw)).ticket.id
    services.clock.advance(minutes=minutes)
    return int(tid)


def with_config(services: Any, **office_changes: Any) -> Services:
    """The same database with a changed configuration (another terminal's view)."""
    config = services.config
    settings = office_changes.pop("settings", config.settings)
    office = replace(config.offices["sogo"], **office_changes)
    config = replace(config, settings=settings, offices={**config.offices, "sogo": office})
    return Services(services.engine, config, services.clock, SECRET)


def test_call_next_by_arrival(services: Any) -> None:
    ids = [issue(services) for _ in range(3)]
    got = [next_id(services, 3) for _ in range(3)]
    assert got == ids
    release(services, 3)
    assert services.tickets.call_next("sogo", 3) is None


def test_call_next_priority_first(services: Any) -> None:
    first = issue(services)
    appointment = issue(services, priority=1)
    second = issue(services)
    assert [t.id for t in services.tickets.waiting("sogo")] == [appointment, first, second]
    got = [next_id(services, 3) for _ in range(3)]
    assert got == [appointment, first, second]


def test_call_next_never_takes_a_service_the_counter_does_not_handle(services: Any) -> None:
    moving = issue(services, "moving")
    ecert = issue(services, "ecert")
    before = snapshot(services, moving)
    # counter 1: certificate, other. Nothing for it.
    assert services.tickets.call_next("sogo", 1) is None
    assert snapshot(services, moving) == before
    # counter 3: ecert, card_pickup -> skips the older moving ticket
    assert services.tickets.call_next("sogo", 3).id == ecert
    # counter 5: moving, other
    assert services.tickets.call_next("sogo", 5).id == moving


def test_call_specific_ticket_at_wrong_counter_is_refused(services: Any) -> None:
    tid = issue(services, "moving")
    before = snapshot(services, tid)
    with pytest.raises(DomainError) as err:
        services.tickets.call(tid, 3)
    assert err.value.key == "err.counter_service"
    assert snapshot(services, tid) == before


def test_service_order_when_configured(services: Any) -> None:
    other = issue(services, "other")
    cert = issue(services, "certificate")
    # default: by arrival
    assert [t.id for t in services.tickets.waiting("sogo")] == [other, cert]
    ordered = with_config(services, service_order=("certificate", "other"))
    assert [t.id for t in ordered.tickets.waiting("sogo")] == [cert, other]
    assert next_id(ordered, 1) == cert
    assert next_id(ordered, 1) == other


def test_priority_beats_service_order(services: Any) -> None:
    ordered = with_config(services, service_order=("certificate", "other"))
    cert = issue(ordered, "certificate")
    urgent_other = issue(ordered, "other", priority=1)
    assert next_id(ordered, 1) == urgent_other
    assert next_id(ordered, 1) == cert


def test_transfer_keeps_arrival_time(services: Any) -> None:
    t = services.tickets
    early_cert = issue(services, "certificate", minutes=5)
    later_ecert = issue(services, "ecert", minutes=5)
    arrival = t.get(early_cert).queued_at
    t.call(early_cert, 4)
    t.start(early_cert, 4)
    moved = t.transfer(early_cert, to_service="ecert", counter_no=4, staff="S001")
    assert moved.state == "waiting" and moved.service_id == "ecert"
    assert moved.issued_service_id == "certificate" and moved.display_number == "B-001"
    assert moved.queued_at == arrival and moved.counter is None and moved.started_at is None
    # it is ahead of the ecert ticket issued after it
    assert next_id(services, 3) == early_cert
    assert next_id(services, 3) == later_ecert
    detail = [e["detail"] for e in events_of(services, early_cert)]
    assert "transfer:certificate->ecert" in detail
    # the label still finds it
    assert t.find("sogo", "b-1").id == early_cert


def test_transfer_to_a_counter_is_respected(services: Any) -> None:
    t = services.tickets
    cert = issue(services, "certificate")
    newer = issue(services, "certificate")
    moved = t.transfer(cert, to_counter=2, counter_no=1)
    assert moved.target_counter == 2
    assert events_of(services, cert)[-1]["detail"] == "transfer:certificate->certificate@2"
    # counter 1 may not take it, counter 2 takes it first (arrival kept)
    assert next_id(services, 1) == newer
    release(services, 1)
    assert t.call_next("sogo", 1) is None
    called = t.call_next("sogo", 2)
    assert called.id == cert and called.counter == 2


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({}, "err.transfer_target"),
        ({"to_service": "nope"}, "err.unknown_service"),
        ({"to_counter": 9}, "err.unknown_counter"),
        ({"to_service": "moving", "to_counter": 3}, "err.counter_service"),
    ],
)
def test_transfer_bad_target_changes_nothing(
    services: Any, kwargs: dict[str, Any], key: str
) -> None:
    tid = issue(services, "certificate")
    before = snapshot(services, tid)
    with pytest.raises(InputError) as err:
        services.tickets.transfer(tid, **kwargs)
    assert err.value.key == key
    assert snapshot(services, tid) == before


def test_recall_limit_turns_into_no_show(services: Any) -> None:
    t = services.tickets
    limit = services.config.settings.recall_limit
    tid = issue(services)
    t.call_next("sogo", 3)
    for n in range(1, limit + 1):
        view = t.recall(tid, 3)
        assert view.state == "called" and view.recall_count == n
    view = t.recall(tid, 3)
    assert view.state == "no_show"
    details = [e["detail"] for e in events_of(services, tid)]
    assert details[-(limit + 1) :] == [f"recall:{n}" for n in range(1, limit + 1)] + [
        "recall_limit"
    ]
    assert events_of(services, tid)[-1]["to_state"] == "no_show"


def test_recall_limit_is_configurable(services: Any) -> None:
    strict = with_config(services, settings=replace(services.config.settings, recall_limit=1))
    tid = issue(strict)
    strict.tickets.call(tid, 3)
    assert strict.tickets.recall(tid, 3).state == "called"
    assert strict.tickets.recall(tid, 3).state == "no_show"


def test_requeue_after_no_show_keeps_arrival_and_resets(services: Any) -> None:
    t = services.tickets
    first = issue(services)
    second = issue(services)
    t.call_next("sogo", 3)
    t.recall(first, 3)
    t.no_show(first, 3)
    assert [w.id for w in t.waiting("sogo")] == [second]
    back = t.requeue(first, 4, "S002")
    assert back.state == "waiting" and back.counter is None and back.recall_count == 0
    assert events_of(services, first)[-1]["detail"] == "requeue"
    # back at its arrival place: ahead of the later ticket
    assert [w.id for w in t.waiting("sogo")] == [first, second]
    assert t.call_next("sogo", 3).id == first


def test_recent_calls_and_revision(services: Any) -> None:
    t = services.tickets
    ids = [issue(services) for _ in range(3)]
    rev = t.revision("sogo")
    t.call_next("sogo", 3)
    services.clock.advance(minutes=1)
    t.call_next("sogo", 4)
    assert t.revision("sogo") == rev + 2
    assert [r.id for r in t.recent_calls("sogo")] == [ids[1], ids[0]]
    assert t.revision("yanasegawa") == 0


def test_unknown_ticket_and_counter(services: Any) -> None:
    t = services.tickets
    tid = issue(services)
    before = snapshot(services, tid)
    with pytest.raises(NotFoundError) as nf:
        t.start(999_999)
    assert nf.value.key == "err.ticket_not_found"
    with pytest.raises(NotFoundError):
        t.call(999_999, 3)
    with pytest.raises(InputError) as err:
        t.call_next("sogo", 9)
    assert err.value.key == "err.unknown_counter"
    with pytest.raises(InputError) as err:
        t.call(tid, 9)
    assert err.value.key == "err.unknown_counter"
    with pytest.raises(InputError) as err:
        t.call_next("nowhere", 1)
    assert err.value.key == "err.unknown_office"
    assert snapshot(services, tid) == before


def test_two_counters_never_call_the_same_ticket(services: Any) -> None:
    """Counters 3 and 4 alternate on one queue: each ticket is called exactly once."""
    ids = [issue(services, minutes=0.1) for _ in range(6)]
    other = Services(services.engine, services.config, services.clock, SECRET)
    got = []
    for i in range(6):
        svc, counter = (services, 3) if i % 2 == 0 else (other, 4)
        got.append(next_id(svc, counter))
    assert got == ids
