"""Every ticket state × every action, on SQLite and PostgreSQL.

A legal action moves the ticket to the state in `queue_app.domain.tickets.TRANSITIONS`,
appends exactly one event (from → to) and bumps the office revision once. An illegal one
raises DomainError("err.illegal_transition") and changes nothing at all: the same row, no
new event, the same revision, the same counters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from queue_app.domain.errors import DomainError
from queue_app.domain.tickets import TRANSITIONS, Action, TicketState
from queue_app.services import IssueRequest
from tests.helpers_engine import events_of, snapshot

COUNTER = 4  # handles ecert, card_pickup and certificate at "sogo"


# reached through `finish` / `hand over` (the plan and the procedure decide), never asked
DERIVED = (Action.ADVANCE, Action.PREPARE)
PICKUP_STATES = (TicketState.PREPARING, TicketState.READY)


def in_state(services: Any, state: TicketState) -> int:
    """A fresh ecert ticket brought to `state` by legal steps (the pickup states: a
    card_pickup ticket, a `pickup = true` procedure)."""
    t = services.tickets
    for still in t.open_at_counter("sogo", COUNTER):  # one visitor at a time: make room
        t.requeue(still.id, COUNTER)
    if state in PICKUP_STATES:
        tid = t.issue(IssueRequest("sogo", "card_pickup")).ticket.id
        t.call(tid, COUNTER, "S001")
        t.start(tid, COUNTER)
        t.finish(tid, None, COUNTER)
        if state is TicketState.READY:
            t.mark_ready(tid)
        assert t.get(tid).state == state.value
        return tid
    tid = t.issue(IssueRequest("sogo", "ecert", visit_kind="renewal")).ticket.id
    if state is TicketState.CANCELLED:
        t.cancel(tid, COUNTER)
    if state in (TicketState.CALLED, TicketState.SERVING, TicketState.DONE, TicketState.NO_SHOW):
        t.call(tid, COUNTER, "S001")
    if state in (TicketState.SERVING, TicketState.DONE):
        t.start(tid, COUNTER)
    if state is TicketState.DONE:
        t.finish(tid, "renewed", COUNTER)
    if state is TicketState.NO_SHOW:
        t.no_show(tid, COUNTER)
    assert t.get(tid).state == state.value
    return tid


def do(services: Any, action: Action, tid: int) -> Any:
    t = services.tickets
    calls: dict[Action, Callable[[], Any]] = {
        Action.CALL: lambda: t.call(tid, COUNTER, "S002"),
        Action.RECALL: lambda: t.recall(tid, COUNTER, "S002"),
        Action.START: lambda: t.start(tid, COUNTER, "S002"),
        Action.FINISH: lambda: t.finish(tid, "renewed", COUNTER, "S002"),
        Action.NO_SHOW: lambda: t.no_show(tid, COUNTER, "S002"),
        Action.CANCEL: lambda: t.cancel(tid, COUNTER, "S002"),
        Action.TRANSFER: lambda: t.transfer(tid, "certificate", None, COUNTER, "S002"),
        Action.REQUEUE: lambda: t.requeue(tid, COUNTER, "S002"),
        Action.READY: lambda: t.mark_ready(tid, "S002"),
        Action.HAND_OVER: lambda: t.hand_over(tid, COUNTER, "S002"),
    }
    return calls[action]()


@pytest.mark.parametrize("state", list(TicketState), ids=lambda s: s.value)
def test_every_action_from_state(services: Any, state: TicketState) -> None:
    problems: list[str] = []
    for action in Action:
        if action in DERIVED:  # test_plans_service / test_pickup_service
            continue
        tid = in_state(services, state)
        before = snapshot(services, tid)
        expected = TRANSITIONS.get((state, action))
        if action is Action.FINISH and state is TicketState.SERVING:
            expected = TicketState.DONE  # an ecert ticket without a plan
        if expected is None:
            with pytest.raises(DomainError) as err:
                do(services, action, tid)
            assert err.value.key == "err.illegal_transition", (state, action)
            assert err.value.params == {"state": state.value, "action": action.value}
            after = snapshot(services, tid)
            if after != before:
                problems.append(f"{state}/{action}: illegal but changed {before} -> {after}")
            continue
        view = do(services, action, tid)
        after = snapshot(services, tid)
        assert view.state == expected.value, (state, action, view.state)
        assert after.ticket is not None and after.ticket["state"] == expected.value
        assert after.ticket_events == before.ticket_events + 1, (state, action)
        assert after.all_events == before.all_events + 1
        assert after.revision == before.revision + 1, (state, action)
        assert after.tickets == before.tickets and after.counters == before.counters
        last = events_of(services, tid)[-1]
        assert (last["from_state"], last["to_state"]) == (state.value, expected.value)
        assert last["staff"] == "S002" and last["counter"] == COUNTER
        assert last["service_day"] == view.service_day
    assert not problems, problems


def test_transition_table_is_what_the_issue_describes() -> None:
    """Guard the table itself: a change to it must be a deliberate one."""
    W, C, S, D, N, X, P, R = (
        TicketState.WAITING,
        TicketState.CALLED,
        TicketState.SERVING,
        TicketState.DONE,
        TicketState.NO_SHOW,
        TicketState.CANCELLED,
        TicketState.PREPARING,
        TicketState.READY,
    )
    assert {(s, a): n for (s, a), n in TRANSITIONS.items()} == {
        (W, Action.CALL): C,
        (W, Action.CANCEL): X,
        (W, Action.TRANSFER): W,
        (C, Action.RECALL): C,
        (C, Action.START): S,
        (C, Action.NO_SHOW): N,
        (C, Action.CANCEL): X,
        (C, Action.TRANSFER): W,
        (C, Action.REQUEUE): W,
        (S, Action.FINISH): D,
        (S, Action.TRANSFER): W,
        (S, Action.REQUEUE): W,
        (N, Action.REQUEUE): W,
        (N, Action.CANCEL): X,
        # issue 13: visit plans and the pickup stage (交付)
        (S, Action.ADVANCE): W,
        (S, Action.PREPARE): P,
        (P, Action.READY): R,
        (P, Action.CANCEL): X,
        (R, Action.HAND_OVER): D,
        (R, Action.ADVANCE): W,
        (R, Action.CANCEL): X,
    }


def test_lifecycle_records_times_outcome_and_events(services: Any) -> None:
    t = services.tickets
    clock = services.clock
    tid = t.issue(IssueRequest("sogo", "ecert", visit_kind="renewal", staff="S001")).ticket.id
    clock.advance(minutes=5)
    called = t.call(tid, 3, "S001")
    assert called.counter == 3 and called.called_at == clock.now()
    clock.advance(minutes=1)
    started = t.start(tid, 3)
    assert started.started_at == clock.now()
    clock.advance(minutes=12)
    done = t.finish(tid, "document_inquiry", 3, "S001")
    assert done.state == "done" and done.outcome == "document_inquiry"
    assert done.finished_at == clock.now()
    events = events_of(services, tid)
    assert [(e["from_state"], e["to_state"]) for e in events] == [
        (None, "waiting"),
        ("waiting", "called"),
        ("called", "serving"),
        ("serving", "done"),
    ]
    assert events[-1]["detail"] == "outcome:document_inquiry"
    assert [e["counter"] for e in events] == [None, 3, 3, 3]
    assert events[-1]["at_ms"] - events[0]["at_ms"] == 18 * 60_000


def test_finish_with_unknown_outcome_changes_nothing(services: Any) -> None:
    from queue_app.domain.errors import InputError

    tid = in_state(services, TicketState.SERVING)
    before = snapshot(services, tid)
    with pytest.raises(InputError) as err:
        services.tickets.finish(tid, "teleported", COUNTER)
    assert err.value.key == "err.outcome"
    assert snapshot(services, tid) == before
