"""The pickup stage (交付) through the services (issue 13), on SQLite and PostgreSQL.

A procedure with `pickup = true` (card_pickup in the default configuration): finishing its
counter step puts the ticket into `preparing` and frees the counter; the back office marks
it `ready` (the board's お渡しできます list); handing it over at a counter ends the visit,
or sends a plan ticket on to its next step's queue at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import check, head_revision, upgrade
from queue_app.domain.errors import DomainError
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.helpers_engine import check_history, events_of
from tests.test_db_migrate import _at


def test_pickup_preparing_ready_handed_over(services: Any) -> None:
    t, clock = services.tickets, services.clock
    tid = t.issue(IssueRequest("sogo", "card_pickup")).ticket.id
    t.call(tid, 3, "S001")
    t.start(tid, 3)
    clock.advance(minutes=8)
    preparing = t.finish(tid, None, 3, "S001")
    assert preparing.state == "preparing" and preparing.outcome == "served"
    assert t.open_at_counter("sogo", 3) == []  # the counter is free for the next visitor
    assert t.plan(tid).pickup == "preparing"
    board = t.pickup_board("sogo")
    assert [e.ticket_id for e in board.preparing] == [tid] and board.ready == ()
    assert board.preparing[0].since == clock.now()
    with pytest.raises(DomainError) as err:  # not ready yet
        t.hand_over(tid, 3, "S001")
    assert err.value.key == "err.illegal_transition"
    assert err.value.params == {"state": "preparing", "action": "hand_over"}
    clock.advance(minutes=20)
    ready = t.mark_ready(tid, "S002")
    assert ready.state == "ready"
    board = t.pickup_board("sogo")
    assert board.ready_numbers == (ready.display_number,) and board.preparing == ()
    assert board.to_json()["ready"][0]["since"] == clock.now().isoformat()  # type: ignore[index]
    clock.advance(minutes=5)
    done = t.hand_over(tid, 4, "S001")
    assert done.state == "done" and done.counter == 4
    assert t.pickup_board("sogo").ready == ()
    assert t.plan(tid).pickup == "handed_over"
    assert [(e["from_state"], e["to_state"], e["detail"]) for e in events_of(services, tid)][
        -3:
    ] == [
        ("serving", "preparing", "outcome:served"),
        ("preparing", "ready", "ready"),
        ("ready", "done", "outcome:served"),
    ]
    check_history(services)


def test_pickup_inside_a_plan_goes_on_to_the_next_step(services: Any) -> None:
    t = services.tickets
    tid = t.issue_plan(IssueRequest("sogo", ""), "moving,card_pickup,other").ticket.id
    for counter in (5, 3):
        t.call(tid, counter, "S001")
        t.start(tid, counter)
        t.finish(tid, None, counter)
    assert t.get(tid).state == "preparing"
    plan = t.plan(tid)
    assert plan.current is not None and plan.current.service_id == "card_pickup"
    t.mark_ready(tid)
    handed = t.hand_over(tid, 3, "S001")
    assert handed.state == "waiting" and handed.service_id == "other" and handed.priority == 1
    assert handed.queued_at == handed.issued_at
    assert events_of(services, tid)[-1]["detail"] == "outcome:served;next:other"
    assert [(s.service_id, s.state) for s in t.plan(tid).steps] == [
        ("moving", "done"),
        ("card_pickup", "done"),
        ("other", "current"),
    ]
    t.cancel(tid, None, "S001")
    assert [s.state for s in t.plan(tid).steps] == ["done", "done", "cancelled"]


def test_preparing_and_ready_can_be_cancelled(services: Any) -> None:
    t = services.tickets
    tid = t.issue(IssueRequest("sogo", "card_pickup")).ticket.id
    t.call(tid, 3, "S001")
    t.start(tid, 3)
    t.finish(tid, None, 3)
    assert t.cancel(tid, None, "S001").state == "cancelled"
    assert t.pickup_board("sogo").preparing == ()


def test_upgrade_keeps_old_history_and_reads_it(db_url: str, config: Any, clock: Any) -> None:
    """A 0005 database holding a day of history upgrades to 0006 without rewriting an
    event; its tickets read as single-procedure visits."""
    engine = make_engine(db_url)
    _at(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO ticket (id, office_id, service_id, issued_service_id, service_day, "
                "number, display_number, visit_kind, decision, state, priority, issued_ms, "
                "queued_ms, recall_count, outcome, finished_ms) VALUES (1, 'sogo', 'other', "
                "'other', '2026-11-30', 1, 'E-001', '', '', 'done', 0, 1000, 1000, 0, "
                "'served', 5000)"
            )
        )
        for i, (frm, to, at) in enumerate(
            ((None, "waiting", 1000), ("waiting", "called", 2000), ("called", "serving", 3000))
        ):
            conn.execute(
                text(
                    "INSERT INTO ticket_event (id, ticket_id, office_id, service_id, "
                    "service_day, from_state, to_state, at_ms) VALUES (:i, 1, 'sogo', 'other', "
                    "'2026-11-30', :f, :t, :a)"
                ),
                {"i": i + 1, "f": frm, "t": to, "a": at},
            )
        conn.execute(
            text(
                "INSERT INTO ticket_event (id, ticket_id, office_id, service_id, service_day, "
                "from_state, to_state, at_ms, detail) VALUES (4, 1, 'sogo', 'other', "
                "'2026-11-30', 'serving', 'done', 5000, 'outcome:served')"
            )
        )
        before = conn.execute(text("SELECT * FROM ticket_event ORDER BY id")).all()
    upgrade(engine)
    assert check(engine) == head_revision()
    with engine.begin() as conn:
        assert conn.execute(text("SELECT * FROM ticket_event ORDER BY id")).all() == before
        assert conn.execute(text("SELECT plan_id FROM ticket")).scalar() is None
        assert conn.execute(text("SELECT count(*) FROM visit_step")).scalar() == 0
    engine.dispose()
    services = make_services(db_url, config, clock)
    try:  # the old ticket is a single-procedure visit: 4 s in the building, 1 s waiting
        report = services.reports.visits("sogo", date(2026, 11, 30))
        assert (report.figures.visits, report.figures.completed) == (1, 1)
        assert report.figures.building.p50 == 4000 / 60_000
        assert report.figures.per_service[0].wait.p50 == 1000 / 60_000
        assert services.tickets.plan(1).steps[0].state == "done"
    finally:
        services.engine.dispose()
