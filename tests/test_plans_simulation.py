"""`simulate` and the staffing plan take visit plans into account (issue 13): a visitor
arriving for `tennyu` loads three queues in order."""

from __future__ import annotations

import math
from typing import Any

from queue_app.domain.counter_sim import DayDemand, SkillGroup, draw_scenarios, simulate
from queue_app.domain.simulation import plan_queue_waits, queue_waits, simulate_day
from queue_app.services import IssueRequest
from queue_app.services.simulate import SimulationService
from queue_app.services.staffing import StaffingService
from tests.helpers_engine import jst


def test_one_step_each_is_the_plain_queue() -> None:
    draws = iter([10.0, 10.0, 10.0, 10.0])
    plain = queue_waits([0.0, 1.0, 2.0, 3.0], 2, lambda: 10.0)
    entries = plan_queue_waits([0.0, 1.0, 2.0, 3.0], [1, 1, 1, 1], 2, lambda: next(draws))
    assert [w for _t, w in entries] == plain == [0.0, 0.0, 8.0, 8.0]
    rates = {9: 6.0, 10: 6.0}
    same = simulate_day(rates, 540, 660, 2, 8.0, replications=20, seed=3)
    also = simulate_day(rates, 540, 660, 2, 8.0, replications=20, seed=3, steps={1: 1.0})
    assert same == also


def test_a_three_step_visitor_joins_the_queue_three_times() -> None:
    # one counter, 10 minutes a service: A (3 steps) at 0, B (1 step) at 5
    entries = plan_queue_waits([0.0, 5.0], [3, 1], 1, lambda: 10.0)
    # A served 0-10, joins again at 10; B (joined at 5) is first: 10-20; A 20-30, again 30-40
    assert entries == [(0.0, 0.0), (5.0, 5.0), (10.0, 10.0), (30.0, 0.0)]
    light = simulate_day({9: 4.0}, 540, 600, 1, 8.0, replications=50, seed=1)
    heavy = simulate_day({9: 4.0}, 540, 600, 1, 8.0, replications=50, seed=1, steps={3: 1.0})
    assert sum(h.arrivals for h in heavy.hours) > 2.5 * sum(h.arrivals for h in light.hours)
    assert heavy.mean_wait > light.mean_wait


def test_a_tennyu_arrival_loads_three_queues_in_order() -> None:
    groups = (
        SkillGroup(("moving",), (1,)),
        SkillGroup(("ecert",), (2,)),
        SkillGroup(("other",), (3,)),
    )
    demand = DayDemand(
        (540,),
        570,
        {"plan:tennyu": (1.0,), "moving": (0.0,), "ecert": (0.0,), "other": (0.0,)},
        {"moving": (20.0, 0.0), "ecert": (15.0, 0.0), "other": (10.0, 0.0)},
        routes={"plan:tennyu": ("moving", "ecert", "other")},
    )
    day = [(540.0, "moving", 20.0, math.inf, (("ecert", 15.0), ("other", 10.0)))]
    out = simulate(groups, ((1, 1, 1),), demand, [day], 30.0)
    # three queue entries, each called at once (no one else): all waits 0, done at 09:45
    assert out.slots[0].arrivals == 3.0 and out.slots[0].mean_wait == 0.0
    assert out.overtime == 15.0  # 09:45 is 15 minutes after the 09:30 close
    drawn = draw_scenarios(demand, 5, seed=2)
    for scenario in drawn:
        for t, first, _m, _leave, rest in scenario:
            assert first == "moving" and [p for p, _ in rest] == ["ecert", "other"]
            assert 540 <= t < 570


def test_a_plan_visitor_waits_for_each_counter() -> None:
    groups = (SkillGroup(("moving",), (1,)), SkillGroup(("other",), (2,)))
    demand = DayDemand((540,), 600, {"moving": (0.0,), "other": (0.0,)}, {}, routes={})
    # the plan visitor (moving → other) at 9:00; a walk-in for other at 9:05 (20 min)
    day = [
        (540.0, "moving", 10.0, math.inf, (("other", 10.0),)),
        (545.0, "other", 20.0, math.inf, ()),
    ]
    out = simulate(groups, ((1, 1),), demand, [day], 30.0)
    # 9:00 moving (0), 9:05 other walk-in (0, busy till 9:25), 9:10 other (waits 15)
    assert out.slots[0].arrivals == 3.0 and out.slots[0].mean_wait == 5.0


def test_simulate_learns_the_plans_from_history(services: Any) -> None:
    t = services.tickets
    for week in (1, 2):  # two Tuesdays before 2026-12-15
        services.clock.set(jst(2026, 12, 15 - 7 * week, 9, 0))
        tid = t.issue_plan(IssueRequest("sogo", ""), "tennyu").ticket.id
        for counter, outcome in ((5, "served"), (3, "renewed")):
            t.call(tid, counter, "S001")
            t.start(tid, counter)
            t.finish(tid, outcome, counter)
        for _ in range(2):
            t.issue(IssueRequest("sogo", "other"))
    services.clock.set(jst(2026, 12, 14, 9, 0))
    learned = SimulationService(services).learn("sogo", jst(2026, 12, 15).date(), weeks=4)
    assert learned.sample_days and learned.steps == {1: 2 / 3, 3: 1 / 3}
    report = SimulationService(services).run("sogo", jst(2026, 12, 15).date(), replications=5)
    assert report.to_json()["steps_share"] == {"1": 0.667, "3": 0.333}


def test_the_staffing_plan_counts_plan_visitors_by_plan(services: Any) -> None:
    t = services.tickets
    services.clock.set(jst(2026, 12, 1, 9, 0))
    t.issue_plan(IssueRequest("sogo", ""), "tennyu")
    t.issue(IssueRequest("sogo", "other"))
    staffing = StaffingService(services)
    hist = staffing.history("sogo", jst(2026, 12, 1).date(), jst(2026, 12, 1).date())
    assert {sid for _d, sid, _m in hist.counts} == {"plan:tennyu", "other"}
    assert staffing.routes("sogo")["plan:tennyu"] == ("moving", "ecert", "other")
    model = staffing.model(hist)
    info = next(i for i in hist.days if i.day == jst(2026, 12, 1).date())
    demand = staffing.demand(hist, model, info)
    assert demand.routes["plan:tennyu"] == ("moving", "ecert", "other")
    assert "plan:tennyu" in demand.rates
