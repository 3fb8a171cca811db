"""Visit plans and the pickup stage (issue 13): the pure rules.

Next step after finishing, add / skip / move the remaining steps, priority on return, the
pickup states (preparing → ready → handed over), the named plans of the configuration, and
a property: whatever the order of valid actions, a ticket is in at most one queue and at
most one counter at a time, and its plan steps end each exactly once.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.domain.config_schema import parse_config
from queue_app.domain.errors import ConfigError, DomainError, InputError
from queue_app.domain.pickup import (
    PickupState,
    Visit,
    apply_visit,
    finish_action,
    hand_over_action,
    pickup_state,
    start_visit,
    visit_actions,
)
from queue_app.domain.tickets import Action, TicketState, next_state
from queue_app.domain.visit_plans import (
    StepState,
    add_step,
    cancel_rest,
    check_steps,
    find_pending,
    finish_current,
    move_step,
    new_plan,
    parse_plan_text,
    return_priority,
    skip_step,
)


def states(plan) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(s.service_id, s.state.value) for s in plan.steps]


def test_next_step_after_finish() -> None:
    plan = new_plan(parse_plan_text("moving, card_pickup,other"))
    assert plan.current is not None and plan.current.service_id == "moving"
    plan = finish_current(plan, "served")
    assert states(plan) == [("moving", "done"), ("card_pickup", "current"), ("other", "pending")]
    assert plan.steps[0].outcome == "served"
    plan = finish_current(finish_current(plan, "served"), "referred")
    assert plan.ended and plan.current is None and not plan.has_next
    with pytest.raises(DomainError):
        finish_current(plan, "served")


def test_add_skip_move() -> None:
    plan = new_plan(("moving", "ecert", "other"))
    plan = add_step(plan, "certificate")  # at the end
    assert [s.service_id for s in plan.remaining] == ["ecert", "other", "certificate"]
    plan = move_step(plan, find_pending(plan, "certificate").position, 1)
    assert [s.service_id for s in plan.remaining] == ["certificate", "ecert", "other"]
    plan = add_step(plan, "card_pickup", at=2)
    assert [s.service_id for s in plan.remaining] == [
        "certificate",
        "card_pickup",
        "ecert",
        "other",
    ]
    plan = skip_step(plan, find_pending(plan, "ecert").position, ticket_waiting=False)
    assert [s.service_id for s in plan.remaining] == ["certificate", "card_pickup", "other"]
    # the current step keeps its place; positions stay in step order
    assert [s.position for s in plan.steps] == sorted(s.position for s in plan.steps)
    assert plan.current is not None and plan.current.service_id == "moving"
    with pytest.raises(InputError):
        add_step(plan, "other")  # each procedure once
    with pytest.raises(InputError):
        move_step(plan, find_pending(plan, "other").position, 9)
    with pytest.raises(DomainError):
        move_step(plan, plan.current.position, 1)


def test_skip_the_current_step_only_while_waiting_and_not_the_last() -> None:
    plan = new_plan(("moving", "other"))
    first = plan.steps[0].position
    with pytest.raises(DomainError):
        skip_step(plan, first, ticket_waiting=False)
    skipped = skip_step(plan, first, ticket_waiting=True)
    assert states(skipped) == [("moving", "skipped"), ("other", "current")]
    with pytest.raises(DomainError):
        skip_step(skipped, skipped.steps[1].position, ticket_waiting=True)


def test_check_steps_names_the_problem() -> None:
    known = ("moving", "ecert", "other")
    assert check_steps(["moving", "other"], known) == ("moving", "other")
    with pytest.raises(InputError) as err:
        check_steps(["moving", "nope"], known)
    assert err.value.key == "err.plan_unknown_service"
    with pytest.raises(InputError):
        check_steps(["moving", "moving"], known)
    with pytest.raises(InputError):
        check_steps([], known)


def test_priority_on_return() -> None:
    assert return_priority(0, 1) == 1
    assert return_priority(1, 0) == 1  # never lower than it had
    visit = start_visit(("moving", "other"))
    visit = apply_visit(visit, "call", is_pickup=lambda s: False)
    visit = apply_visit(visit, "start", is_pickup=lambda s: False)
    visit = apply_visit(visit, "finish", is_pickup=lambda s: False, return_prio=1)
    assert visit.state is TicketState.WAITING and visit.queue == "other" and visit.priority == 1


def test_pickup_states() -> None:
    assert finish_action(pickup=True, has_next=True) is Action.PREPARE
    assert finish_action(pickup=False, has_next=True) is Action.ADVANCE
    assert finish_action(pickup=False, has_next=False) is Action.FINISH
    assert hand_over_action(True) is Action.ADVANCE
    assert hand_over_action(False) is Action.HAND_OVER
    assert next_state("serving", "prepare") is TicketState.PREPARING
    assert next_state("preparing", "ready") is TicketState.READY
    assert next_state("ready", "hand_over") is TicketState.DONE
    with pytest.raises(DomainError):
        next_state("preparing", "hand_over")  # not ready yet
    with pytest.raises(DomainError):
        next_state("waiting", "ready")
    assert pickup_state("preparing") is PickupState.PREPARING
    assert pickup_state("ready") is PickupState.READY
    assert pickup_state("done", "ready") is PickupState.HANDED_OVER
    assert pickup_state("done", "serving") is None

    pick = {"card_pickup"}.__contains__
    visit = start_visit(("card_pickup", "other"))
    for action in ("call", "start", "finish"):
        visit = apply_visit(visit, action, is_pickup=pick)
    assert visit.state is TicketState.PREPARING and visit.queue is None and visit.at_counter is None
    assert visit_actions(visit) == ["cancel", "ready"]
    visit = apply_visit(visit, "ready", is_pickup=pick)
    assert visit_actions(visit) == ["cancel", "hand_over"]
    visit = apply_visit(visit, "hand_over", is_pickup=pick)
    assert visit.state is TicketState.WAITING and visit.queue == "other"
    assert states(visit.plan) == [("card_pickup", "done"), ("other", "current")]


def test_cancel_ends_the_rest() -> None:
    plan = cancel_rest(finish_current(new_plan(("moving", "ecert", "other")), "served"))
    assert [s.state for s in plan.steps] == [
        StepState.DONE,
        StepState.CANCELLED,
        StepState.CANCELLED,
    ]


PICKUP_SERVICES = frozenset({"card_pickup"})
SERVICES = ("moving", "ecert", "card_pickup", "other")


@settings(max_examples=300, deadline=None)
@given(
    steps=st.lists(st.sampled_from(SERVICES), min_size=1, max_size=4, unique=True),
    choices=st.lists(st.integers(min_value=0, max_value=1000), max_size=40),
)
def test_property_one_place_at_a_time_and_each_step_ends_once(
    steps: list[str], choices: list[int]
) -> None:
    visit: Visit = start_visit(tuple(steps))
    ended: dict[int, int] = {}
    for choice in choices:
        actions = visit_actions(visit)
        if not actions:
            break
        action = actions[choice % len(actions)]
        before = {s.position: s.state.ended for s in visit.plan.steps}
        visit = apply_visit(visit, action, is_pickup=PICKUP_SERVICES.__contains__, counter=2)
        # at most one queue and one counter, never both, never a queue in the pickup stage
        places = [p for p in (visit.queue, visit.at_counter) if p is not None]
        assert len(places) <= 1
        if visit.state in (TicketState.PREPARING, TicketState.READY):
            assert places == []
        assert len([s for s in visit.plan.steps if s.state is StepState.CURRENT]) <= 1
        for s in visit.plan.steps:
            if s.state.ended and not before[s.position]:
                ended[s.position] = ended.get(s.position, 0) + 1
            assert not (before[s.position] and not s.state.ended)  # an end is for good
        if visit.state in (TicketState.DONE, TicketState.CANCELLED):
            assert visit.plan.ended
        else:
            assert visit.plan.current is not None
    assert all(n == 1 for n in ended.values())
    if visit.plan.ended:
        assert sorted(ended) == [s.position for s in visit.plan.steps]


BASE = {
    "services": [
        {"id": "moving", "name_ja": "転入", "prefix": "C"},
        {"id": "ecert", "name_ja": "電子証明書", "prefix": "A"},
        {"id": "cert", "name_ja": "証明書", "prefix": "B", "pickup": True},
    ],
    "offices": [
        {
            "id": "sogo",
            "name_ja": "総合窓口課",
            "counters": [{"number": 1, "services": ["moving", "ecert"]}],
            "services": ["moving", "ecert", "cert"],
            "hours": [{"all": [["08:30", "17:15"]]}],
        }
    ],
}


def test_named_plans_in_the_configuration() -> None:
    config = parse_config(
        {**BASE, "plans": [{"id": "tennyu", "name_ja": "転入", "steps": ["moving", "ecert"]}]}
    )
    assert config.services["cert"].pickup and not config.services["moving"].pickup
    plan = config.plan("tennyu")
    assert plan.steps == ("moving", "ecert") and plan.offices == ("sogo",)
    assert plan.name("en") == "転入"
    assert config.office_plans("sogo") == (plan,)
    with pytest.raises(InputError):
        config.plan("nope")


@pytest.mark.parametrize(
    ("plan", "key", "words"),
    [
        ({"id": "x", "name_ja": "x", "steps": ["moving", "nope"]}, "plans.x.steps[1]", "unknown"),
        ({"id": "x", "name_ja": "x", "steps": ["moving"]}, "plans.x.steps", "at least two"),
        ({"id": "x", "name_ja": "x", "steps": ["moving", "moving"]}, "steps[1]", "twice"),
        ({"id": "x", "name_ja": "x"}, "plans.x.steps", "required"),
        ({"id": "x", "name_ja": "x", "steps": ["moving", "ecert"], "colour": 1}, "colour", ""),
        (
            {"id": "x", "name_ja": "x", "steps": ["moving", "cert"], "offices": ["sogo"]},
            "plans.x.offices[0]",
            "no counter",
        ),
    ],
)
def test_plan_configuration_errors_name_the_key(plan: dict, key: str, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as err:
        parse_config({**BASE, "plans": [plan]})
    text = err.value.message("en")
    assert key in text and words in text


def test_default_configuration_has_tennyu_and_a_pickup_procedure(config) -> None:  # type: ignore[no-untyped-def]
    assert config.plan("tennyu").steps == ("moving", "ecert", "other")
    assert "sogo" in config.plan("tennyu").offices
    assert any(s.pickup for s in config.services.values())
