"""A document inquiry (文書照会) on a step of a visit plan (issue 13).

The step that ends in an inquiry cannot go on today: its outcome is recorded on the step,
the case for the second visit can be opened for the ticket (at once or later, from the
cases screen), and the visitor goes on with the other procedures of the plan, at the
return priority. The procedure cannot be added back to the plan the same visit.

Service tests on SQLite and PostgreSQL; Pilot tests of both ways a clerk finishes a step
(F6, and F3 releasing the visitor first) at 80x24.
"""

from __future__ import annotations

from typing import Any

import pytest

from queue_app.domain.errors import DomainError
from queue_app.services import IssueRequest
from screens.reception.modals import OutcomeScreen, ScheduleOfferScreen
from screens.reception.modals.counter import CounterBusyScreen
from screens.scheduling.screen import SchedulingScreen
from tests.test_reception_support import reception, reception_app, settle, wait_until

SIZE = (80, 24)
WIDE = (120, 36)
INQUIRY = "document_inquiry"


def _serve(t: Any, tid: int, counter: int, outcome: str) -> Any:
    t.call(tid, counter, "S001")
    t.start(tid, counter, "S001")
    return t.finish(tid, outcome, counter, "S001")


def _tennyu_at_ecert(svc: Any) -> int:
    """A tennyu visitor (moving → ecert → other) whose moving step is served."""
    t = svc.tickets
    tid = int(t.issue_plan(IssueRequest("sogo", "", staff="S001"), "tennyu").ticket.id)
    _serve(t, tid, 5, "served")
    return tid


# -- services -------------------------------------------------------------------------------
def test_inquiry_on_a_middle_step_opens_a_case_and_the_visit_goes_on(services: Any) -> None:
    t, inq = services.tickets, services.inquiries
    tid = _tennyu_at_ecert(services)
    moved = _serve(t, tid, 3, INQUIRY)
    # the other procedures may still be served today: the next step's queue, at once
    assert (moved.state, moved.service_id, moved.outcome) == ("waiting", "other", None)
    plan = t.plan(tid)
    assert [(s.service_id, s.state, s.outcome) for s in plan.steps] == [
        ("moving", "done", "served"),
        ("ecert", "done", INQUIRY),
        ("other", "current", None),
    ]
    # chosen 後で at the counter: the cases screen lists the visit to open its case later
    assert [v.id for v in inq.left_for_later("sogo")] == [tid]
    case = inq.open_case(tid, "agent_first", staff="S001")
    assert case.state == "opened" and inq.case_for_ticket(tid) is not None
    assert inq.left_for_later("sogo") == []
    # the visit ends with its last step; the case stays the ticket's
    done = _serve(t, tid, 1, "served")
    assert (done.state, done.outcome) == ("done", "served")
    assert inq.open_case(tid, "agent_first").id == case.id  # idempotent per ticket


def test_inquiry_step_of_a_finished_visit_is_left_for_later(services: Any) -> None:
    t, inq = services.tickets, services.inquiries
    tid = _tennyu_at_ecert(services)
    _serve(t, tid, 3, INQUIRY)
    _serve(t, tid, 1, "served")  # the last step: the ticket's own outcome is "served"
    assert [v.id for v in inq.left_for_later("sogo")] == [tid]
    assert inq.open_case(tid, "agent_first").ticket_id == tid


def test_a_plan_without_an_inquiry_opens_no_case(services: Any) -> None:
    t, inq = services.tickets, services.inquiries
    tid = _tennyu_at_ecert(services)
    _serve(t, tid, 3, "renewed")
    with pytest.raises(DomainError) as err:
        inq.open_case(tid, "agent_first")
    assert err.value.key == "inq.err.ticket_not_inquiry"
    assert inq.left_for_later("sogo") == []


def test_the_inquiry_procedure_is_not_added_back_the_same_visit(services: Any) -> None:
    t = services.tickets
    tid = _tennyu_at_ecert(services)
    _serve(t, tid, 3, INQUIRY)
    with pytest.raises(DomainError) as err:
        t.edit_plan(tid, add="ecert", staff="S002")
    assert err.value.key == "err.plan_after_inquiry"
    assert "ecert" not in [s.service_id for s in t.plan(tid).remaining]
    t.edit_plan(tid, add="certificate", staff="S002")  # another procedure still may be


# -- the counter (Pilot) --------------------------------------------------------------------
async def _finish_step_with_inquiry(pilot: Any, app: Any, keys: tuple[str, ...]) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    await wait_until(pilot, lambda: isinstance(app.screen, OutcomeScreen))
    await pilot.press("2")  # 文書照会
    await wait_until(pilot, lambda: isinstance(app.screen, ScheduleOfferScreen))


async def test_f6_inquiry_on_a_plan_step_offers_the_second_visit(sqlite_services: Any) -> None:
    svc = sqlite_services
    tid = _tennyu_at_ecert(svc)
    app = reception_app(svc, counter=3)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await _finish_step_with_inquiry(pilot, app, ("f3", "f5", "f6"))
        offer: Any = app.screen
        assert offer.ticket.id == tid
        await pilot.press("enter")  # schedule now
        await wait_until(pilot, lambda: isinstance(app.screen, SchedulingScreen))
        sched: Any = app.screen
        assert sched.ticket_id == tid
        await settle(pilot)
        assert not sched.query_one("#case-form").has_class("hidden")
        await pilot.click("#open-case")
        await settle(pilot)
        case = svc.inquiries.case_for_ticket(tid)
        assert case is not None and case.state == "opened"
    after = svc.tickets.get(tid)
    assert (after.state, after.service_id) == ("waiting", "other")


async def test_f3_releasing_a_plan_step_with_inquiry_offers_it_too(sqlite_services: Any) -> None:
    svc = sqlite_services
    tid = _tennyu_at_ecert(svc)
    svc.tickets.call(tid, 3, "S001")
    app = reception_app(svc, counter=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: reception(pilot).current is not None)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, CounterBusyScreen))
        await _finish_step_with_inquiry(pilot, app, ("1",))
        assert app.screen.ticket.id == tid  # type: ignore[attr-defined]
        await pilot.press("escape")  # later: the cases screen opens it
        await settle(pilot)
    assert [v.id for v in svc.inquiries.left_for_later("sogo")] == [tid]


async def test_a_plan_step_served_offers_nothing(sqlite_services: Any) -> None:
    svc = sqlite_services
    tid = _tennyu_at_ecert(svc)
    app = reception_app(svc, counter=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("f3", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("1")  # 更新完了
        await settle(pilot)
        await wait_until(pilot, lambda: svc.tickets.get(tid).service_id == "other")
        await settle(pilot)
        assert not isinstance(app.screen, ScheduleOfferScreen)


def test_the_intake_decision_is_the_e_certificate_steps_default_only(
    sqlite_services: Any,
) -> None:
    """An intake that decided an inquiry for the e-certificate does not make 文書照会 the
    default outcome of the plan's other steps (one Enter would send a letter for them)."""
    from screens.reception.modals.outcome import default_outcome

    t = sqlite_services.tickets
    request = IssueRequest("sogo", "", visit_kind="agent_first", decision=INQUIRY)
    ticket = t.issue_plan(request, "ecert,other").ticket
    assert default_outcome(ticket, "ecert").value == INQUIRY
    moved = _serve(t, ticket.id, 3, INQUIRY)
    assert moved.service_id == "other"
    assert default_outcome(moved, "ecert").value == "served"
