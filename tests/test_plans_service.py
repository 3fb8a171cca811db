"""Visit plans through the services (issue 13), on SQLite and PostgreSQL.

One ticket through several procedures: after each step is finished it joins the next
procedure's queue at once (same transaction as its event, its steps and the revision),
keeping its arrival time and with the configured return priority; clerks add, skip and move
the remaining steps, recorded with their staff code; single-procedure tickets behave exactly
as before.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from queue_app.domain.errors import DomainError, InputError, MadoguchiError
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.helpers_engine import check_history, events_of, snapshot
from tests.waiting import DEADLINE, join_all


def serve(t: Any, tid: int, counter: int, outcome: str | None = "served") -> Any:
    t.call(tid, counter, "S001")
    t.start(tid, counter, "S001")
    return t.finish(tid, outcome, counter, "S001")


def test_named_plan_goes_through_its_steps_in_one_ticket(services: Any) -> None:
    t, clock = services.tickets, services.clock
    issued = t.issue_plan(IssueRequest("sogo", "", staff="S002"), "tennyu").ticket
    assert issued.service_id == "moving" and issued.plan_id == "tennyu"
    assert issued.display_number.startswith("C-")
    plan = t.plan(issued.id)
    assert [(s.service_id, s.state) for s in plan.steps] == [
        ("moving", "current"),
        ("ecert", "pending"),
        ("other", "pending"),
    ]
    clock.advance(minutes=10)
    before = snapshot(services, issued.id)
    moved = serve(t, issued.id, 5)
    after = snapshot(services, issued.id)
    # at once in the next queue: same number, same arrival, return priority, no counter
    assert moved.state == "waiting" and moved.service_id == "ecert"
    assert moved.queued_at == issued.queued_at and moved.priority == 1
    assert moved.counter is None and moved.outcome is None
    assert moved.display_number == issued.display_number
    assert after.revision == before.revision + 3  # call, start, finish-and-advance
    last = events_of(services, issued.id)[-1]
    assert (last["from_state"], last["to_state"]) == ("serving", "waiting")
    assert last["service_id"] == "ecert" and last["detail"] == "outcome:served;next:ecert"
    assert [w.id for w in t.waiting_at_counter("sogo", 3)[0]] == [issued.id]
    # the clerk at the next counter sees what came before: procedure and outcome
    plan = t.plan(issued.id)
    assert [(s.service_id, s.state, s.outcome) for s in plan.previous] == [
        ("moving", "done", "served")
    ]
    assert plan.current is not None and plan.current.service_id == "ecert"
    with pytest.raises(InputError):  # the e-certificate still needs its outcome
        serve(t, issued.id, 3, None)
    t.requeue(issued.id, 3)
    serve(t, issued.id, 3, "renewed")
    done = serve(t, issued.id, 5, "served")
    assert done.state == "done" and done.outcome == "served"
    plan = t.plan(issued.id)
    assert [(s.state, s.outcome) for s in plan.steps] == [
        ("done", "served"),
        ("done", "renewed"),
        ("done", "served"),
    ]
    assert all(s.ended_at is not None for s in plan.steps)
    assert plan.to_json()["steps"][1] == {  # type: ignore[index]
        "position": 2,
        "service": "ecert",
        "state": "done",
        "outcome": "renewed",
        "ended_at": plan.steps[1].ended_at.isoformat(),  # type: ignore[union-attr]
    }
    check_history(services)


def test_ad_hoc_plan_and_bad_plans(services: Any) -> None:
    t = services.tickets
    issued = t.issue_plan(IssueRequest("sogo", ""), "moving,card_pickup,other").ticket
    assert issued.plan_id == "*"
    assert t.plan(issued.id).plan_id == "*"
    for bad, key in (
        ("moving,nope", "err.plan_unknown_service"),
        ("moving,moving", "err.plan_duplicate"),
        ("", "err.plan_empty"),
        ("nope", "err.unknown_plan"),
    ):
        with pytest.raises(InputError) as err:
            t.issue_plan(IssueRequest("sogo", ""), bad)
        assert err.value.key == key
    with pytest.raises(InputError) as err:  # moving is not done at the station
        t.issue_plan(IssueRequest("station", ""), "tennyu")
    assert err.value.key == "err.plan_not_at_office"
    # a plan of one procedure is a plain ticket
    single = t.issue_plan(IssueRequest("sogo", ""), "other").ticket
    assert single.plan_id is None and single.service_id == "other"


@pytest.mark.parametrize("return_priority", [0, 1])
def test_plan_visitor_keeps_place_by_arrival_time(
    db_url: str, config: Any, clock: Any, return_priority: int
) -> None:
    config = replace(config, settings=replace(config.settings, return_priority=return_priority))
    services = make_services(db_url, config, clock)
    try:
        t = services.tickets
        early = t.issue(IssueRequest("sogo", "other")).ticket.id  # 09:00
        clock.advance(minutes=1)
        plan = t.issue_plan(IssueRequest("sogo", ""), "moving,other").ticket.id  # 09:01
        clock.advance(minutes=4)
        late = t.issue(IssueRequest("sogo", "other")).ticket.id  # 09:05
        clock.advance(minutes=30)
        later = t.issue(IssueRequest("sogo", "other")).ticket.id  # 09:35
        t.call(plan, 2, "S001")
        t.start(plan, 2)
        t.finish(plan, None, 2)
        order = [w.id for w in t.waiting_at_counter("sogo", 5)[0]]
        if return_priority:  # returning visitors first, then by arrival
            assert order == [plan, early, late, later]
        else:  # by arrival: 09:01 between 09:00 and 09:05, ahead of those who came later
            assert order == [early, plan, late, later]
        assert t.get(plan).queued_at == t.get(plan).issued_at
    finally:
        services.engine.dispose()


def test_single_step_tickets_behave_as_before(services: Any) -> None:
    t = services.tickets
    tid = t.issue(IssueRequest("sogo", "other")).ticket.id
    done = serve(t, tid, 5)
    assert done.state == "done" and done.plan_id is None and done.priority == 0
    assert [(e["from_state"], e["to_state"], e["detail"]) for e in events_of(services, tid)] == [
        (None, "waiting", None),
        ("waiting", "called", None),
        ("called", "serving", None),
        ("serving", "done", "outcome:served"),
    ]
    with services.uow.read() as session:
        assert session.execute(text("SELECT count(*) FROM visit_step")).scalar() == 0
    plan = t.plan(tid)
    assert not plan.is_plan and [(s.service_id, s.state) for s in plan.steps] == [("other", "done")]


def test_edits_are_recorded_with_the_staff_code(services: Any) -> None:
    t = services.tickets
    tid = t.issue_plan(IssueRequest("sogo", ""), "moving,ecert,other").ticket.id
    view = t.edit_plan(tid, add="certificate", at=1, staff="S003")
    assert [s.service_id for s in view.remaining] == ["certificate", "ecert", "other"]
    view = t.edit_plan(tid, move=("other", 1), staff="S003")
    assert [s.service_id for s in view.remaining] == ["other", "certificate", "ecert"]
    view = t.edit_plan(tid, skip="ecert", staff="S003")
    assert [s.service_id for s in view.remaining] == ["other", "certificate"]
    events = events_of(services, tid)[-3:]
    assert [(e["detail"], e["staff"], e["from_state"], e["to_state"]) for e in events] == [
        ("plan:add:certificate@1", "S003", "waiting", "waiting"),
        ("plan:move:other@1", "S003", "waiting", "waiting"),
        ("plan:skip:ecert", "S003", "waiting", "waiting"),
    ]
    # skipping the current step while waiting: the ticket moves to the next queue at once
    view = t.edit_plan(tid, skip="moving", staff="S003")
    assert view.current is not None and view.current.service_id == "other"
    assert t.get(tid).service_id == "other"
    t.call(tid, 5, "S001")
    with pytest.raises(DomainError) as err:  # at a counter: finish or requeue first
        t.edit_plan(tid, skip="other", staff="S003")
    assert err.value.key == "err.plan_skip_busy"
    with pytest.raises(InputError):
        t.edit_plan(tid, add="nope", staff="S003")
    with pytest.raises(InputError):
        t.edit_plan(tid, staff="S003")
    t.start(tid, 5)
    after_other = t.finish(tid, None, 5)
    assert after_other.service_id == "certificate" and after_other.state == "waiting"
    states = [(s.service_id, s.state) for s in t.plan(tid).steps]
    assert states == [
        ("moving", "skipped"),
        ("other", "done"),
        ("certificate", "current"),
        ("ecert", "skipped"),
    ]
    check_history(services)


def test_adding_a_step_to_a_single_ticket_makes_it_a_plan(services: Any) -> None:
    t = services.tickets
    tid = t.issue(IssueRequest("sogo", "moving")).ticket.id
    with pytest.raises(InputError) as err:
        t.edit_plan(tid, skip="moving")
    assert err.value.key == "err.not_a_plan"
    view = t.edit_plan(tid, add="other", staff="S001")
    assert view.plan_id == "*" and [s.service_id for s in view.steps] == ["moving", "other"]
    assert serve(t, tid, 5).service_id == "other"


def test_cancel_ends_the_remaining_steps(services: Any) -> None:
    t = services.tickets
    tid = t.issue_plan(IssueRequest("sogo", ""), "tennyu").ticket.id
    serve(t, tid, 5)
    t.cancel(tid, None, "S001")
    assert [s.state for s in t.plan(tid).steps] == ["done", "cancelled", "cancelled"]
    with pytest.raises(DomainError):
        t.edit_plan(tid, add="certificate")


def test_transfer_changes_the_current_step(services: Any) -> None:
    t = services.tickets
    tid = t.issue_plan(IssueRequest("sogo", ""), "moving,other").ticket.id
    t.transfer(tid, "certificate", None, None, "S001")
    assert [(s.service_id, s.state) for s in t.plan(tid).steps] == [
        ("certificate", "current"),
        ("other", "pending"),
    ]
    assert serve(t, tid, 1).service_id == "other"


def test_two_clerks_finishing_steps_at_once_lose_nothing(services: Any) -> None:
    """Counters 2 and 5 (both serve moving and other) work through plan tickets side by
    side: every step of every ticket ends once, every event is there."""
    t = services.tickets
    issued = [t.issue_plan(IssueRequest("sogo", ""), "moving,other").ticket.id for _ in range(12)]
    errors: list[str] = []
    served: dict[int, list[int]] = {2: [], 5: []}
    barrier = threading.Barrier(2)
    first = threading.Barrier(2)

    def clerk(counter: int) -> None:
        try:
            barrier.wait(timeout=DEADLINE)
            while True:
                ticket = t.call_next("sogo", counter, f"S00{1 if counter == 2 else 2}")
                if ticket is None:
                    return
                served[counter].append(ticket.id)
                t.start(ticket.id, counter)
                t.finish(ticket.id, "served", counter)
                if len(served[counter]) == 1:
                    # both clerks have a first ticket before either goes on: the race is
                    # real whatever the scheduler does (one thread may otherwise run
                    # through all 24 steps before the other starts)
                    first.wait(timeout=DEADLINE)
        except MadoguchiError as exc:
            errors.append(f"{counter}: {exc.key} {exc.params}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(f"{counter}: {exc!r}")

    threads = [threading.Thread(target=clerk, args=(c,)) for c in (2, 5)]
    for th in threads:
        th.start()
    join_all(threads, timeout=300)
    assert errors == []
    calls = served[2] + served[5]
    assert sorted(calls) == sorted(issued * 2)  # each ticket called once per step
    assert served[2] and served[5]
    assert set(check_history(services).values()) == {"done"}
    for tid in issued:
        assert [s.state for s in t.plan(tid).steps] == ["done", "done"]
        assert len(events_of(services, tid)) == 7  # issue + 3 per step
