"""The staffing search: per-procedure queues, counter skills, and the smallest plan.

Hand-checkable: four visitors arrive at 09:00 needing 20 minutes each, the target is 80%
called within 30 minutes. One counter calls them at 0/20/40/60 minutes (50% met); two
counters at 0/0/20/20 (all met). So the smallest plan is two counters from 09:00 to 09:30
and none after (the two finish their second visitors at 09:40: a closing counter finishes
the visitor it is serving).
"""

from __future__ import annotations

import itertools
import math

import pytest

from queue_app.domain.counter_sim import (
    DayDemand,
    SkillGroup,
    draw_scenarios,
    simulate,
    skill_groups,
)
from queue_app.domain.staffing import (
    Target,
    acceptable,
    erlang_plan,
    iterative_plan,
    lagged_load,
    plan_day,
    share_out,
)

TARGET = Target(within=30.0, share=0.8)


def _four_at_nine() -> tuple[
    tuple[SkillGroup, ...], DayDemand, list[list[tuple[float, str, float, float]]]
]:
    groups = (SkillGroup(("s",), (1, 2, 3)),)
    demand = DayDemand((540, 570), 600, {"s": (4.0, 0.0)}, {"s": (20.0, 0.0)})
    day = [(540.0, "s", 20.0, math.inf)] * 4
    return groups, demand, [day]


def test_hand_case_waits() -> None:
    groups, demand, days = _four_at_nine()
    one = simulate(groups, ((1,), (1,)), demand, days, 30.0)
    assert one.slots[0].met_share == 0.5 and one.slots[0].mean_wait == 30.0
    assert one.overtime == 20.0  # the last visitor is called at 10:00 and done at 10:20
    two = simulate(groups, ((2,), (0,)), demand, days, 30.0)
    assert two.slots[0].met_share == 1.0 and two.slots[0].mean_wait == 10.0
    # one counter, two more at 09:30: called at 0, 20, 30, 30 minutes: all within 30
    assert simulate(groups, ((1,), (3,)), demand, days, 30.0).slots[0].met_share == 1.0
    # ... but with one more only: 0, 20, 30, 40: 75%
    assert simulate(groups, ((1,), (2,)), demand, days, 30.0).slots[0].met_share == 0.75


def test_search_finds_the_smallest_hand_plan() -> None:
    groups, demand, days = _four_at_nine()
    plan, unreachable, _ = iterative_plan(groups, demand, TARGET, ((0,), (0,)), days)
    assert plan == ((2,), (0,)) and not unreachable
    # and from an over-staffed start it closes what is not needed
    plan, _, _ = iterative_plan(groups, demand, TARGET, ((3,), (3,)), days)
    assert plan == ((2,), (0,))


def test_counters_serve_only_their_procedures() -> None:
    """Counter 1 takes only certificates; an e-certificate visitor waits for counter 2."""
    groups = skill_groups([(1, ["certificate"]), (2, ["ecert"])])
    demand = DayDemand(
        (540,),
        570,
        {"certificate": (1.0,), "ecert": (2.0,)},
        {"certificate": (5.0, 0.0), "ecert": (15.0, 0.0)},
    )
    day = [
        (540.0, "ecert", 15.0, math.inf),
        (540.5, "ecert", 15.0, math.inf),
        (541.0, "certificate", 5.0, math.inf),
    ]
    out = simulate(groups, ((1, 1),), demand, [day], 30.0)
    # ecert: 0 and 14.5 minutes; certificate: 0 (its own counter is idle)
    assert out.slots[0].mean_wait == pytest.approx(14.5 / 3)
    # with the e-certificate counter closed nobody can call them: never served
    out = simulate(groups, ((1, 0),), demand, [day], 30.0)
    assert out.slots[0].met_share == pytest.approx(1 / 3)
    assert out.slots[0].fails == {"ecert": 2}


def test_patience_lets_visitors_leave() -> None:
    groups = (SkillGroup(("s",), (1,)),)
    demand = DayDemand((540,), 570, {"s": (2.0,)}, {"s": (60.0, 0.0)}, patience=10.0)
    day = [(540.0, "s", 60.0, 600.0), (540.0, "s", 60.0, 545.0)]
    out = simulate(groups, ((1,),), demand, [day], 30.0)
    assert out.left_share == 0.5
    assert out.slots[0].mean_wait == pytest.approx(2.5)  # 0 and 5 minutes (gave up)


def test_search_matches_brute_force_on_a_small_case() -> None:
    """Every schedule of a 3-half-hour day with two skill groups, tried one by one: the
    search's plan uses as few counter-half-hours as the best of them."""
    groups = skill_groups([(1, ["a"]), (2, ["a"]), (3, ["a", "b"])])
    demand = DayDemand(
        (540, 570, 600),
        630,
        {"a": (3.0, 6.0, 2.0), "b": (1.0, 1.0, 0.0)},
        {"a": (10.0, 0.5), "b": (15.0, 0.5)},
    )
    days = draw_scenarios(demand, 20, seed=5)
    best = min(
        sum(map(sum, s))
        for s in itertools.product(itertools.product(range(3), range(2)), repeat=3)
        if acceptable(groups, s, demand, days, TARGET)
    )
    a_plan, _ = erlang_plan(groups, demand, TARGET, abandonment=True)
    plan, unreachable, _ = iterative_plan(groups, demand, TARGET, a_plan, days)
    assert not unreachable
    assert acceptable(groups, plan, demand, days, TARGET)
    assert sum(map(sum, plan)) == best


def test_lagged_load_and_share_out() -> None:
    demand = DayDemand((540, 570, 600), 630, {"m": (6.0, 0.0, 0.0)}, {"m": (20.0, 0.0)})
    # 6 arrivals in 09:00-09:30 (0.2/min); at 09:45 the last 20 minutes hold 09:25-09:45
    assert lagged_load(demand, "m", 0) == pytest.approx(0.2 * 15)
    assert lagged_load(demand, "m", 1) == pytest.approx(0.2 * 5)
    assert lagged_load(demand, "m", 2) == 0.0
    groups = skill_groups([(1, ["a"]), (2, ["a", "b"]), (3, ["b"])])
    assert share_out(2, groups, {"a": 2.0, "b": 0.0}) == (1, 1, 0)
    assert share_out(9, groups, {"a": 1.0, "b": 1.0}) == (1, 1, 1)  # never beyond the room


def test_plan_day_checks_every_plan_on_fresh_days() -> None:
    groups = skill_groups([(1, ["a"]), (2, ["a"]), (3, ["a", "b"]), (4, ["b"])])
    rates = {"a": (2.0, 5.0, 8.0, 4.0), "b": (1.0, 2.0, 3.0, 1.0)}
    demand = DayDemand(
        (540, 570, 600, 630), 660, rates, {"a": (8.0, 0.5), "b": (20.0, 0.5)}, patience=90.0
    )
    result = plan_day(groups, demand, TARGET, replications=20, seed=3)
    assert result.iterative.share_met >= 0.75
    assert result.iterative.counter_half_hours <= result.erlang_c.counter_half_hours
    assert result.erlang_c.needed and all(n is not None for n in result.erlang_c.needed)
    assert len(result.iterative.schedule) == 4
