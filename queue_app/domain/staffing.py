"""Half-hour staffing plans: how many counters of each skill group to open, and when.

Three plans for one day's forecast demand, each checked by the same simulation
(`queue_app.domain.counter_sim`, per-procedure queues and counter skills):

- **Erlang C** (period by period): each half-hour on its own, as if it lasted forever at
  that half-hour's arrival rate, one shared queue, nobody leaves: the fewest counters with
  P(wait <= target) >= share; those counters are then shared out over the skill groups in
  proportion to the work each group can take.
- **Erlang-A**: the same with the visitors' patience (fitted from no-shows and
  cancellations) and the *lagged* load: the work in progress in a half-hour is what arrived
  during the last mean service time (Green, Kolesar and Whitt 2007), so long services
  (moving in/out, 20 min) ask for counters a little after their arrivals peak.
- **Iterative** (simulation-based iterative staffing, after Feldman, Mandelbaum, Massey
  and Whitt 2008): start from the Erlang-A plan; simulate the day; in the first half-hour
  of every run of half-hours that miss the target, open one more counter of the group that
  serves the procedures with the most visitors over the target (or, if that group is fully
  open, one half-hour earlier: the queue the late visitors meet builds up before they
  arrive); repeat until every half-hour meets the target. Then close counters one at a
  time, latest half-hour first, wherever the target still holds everywhere. The same
  simulated days (common random numbers) are used for every schedule tried, so the
  comparison between schedules is not noise, and the result is a plan from which no single
  counter-half-hour can be removed.

The target: a share (0.8) of the visitors of each half-hour called within `within` (30)
minutes. A half-hour with no expected arrivals always meets it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from queue_app.domain.counter_sim import (
    Arrival,
    DayDemand,
    DayOutcome,
    Schedule,
    SkillGroup,
    draw_scenarios,
    simulate,
)
from queue_app.domain.erlang import erlang_a_staff, erlang_c_staff

MAX_ROUNDS = 60
Z_SPARE = 2.0  # standard errors of spare kept by the search


@dataclass(frozen=True)
class Target:
    within: float = 30.0  # minutes
    share: float = 0.8


def mean_service(demand: DayDemand, k: int) -> float:
    demand = demand.flattened()  # a visit plan's arrivals load each of its procedures
    total = demand.arrivals(k)
    if total <= 0:
        return 0.0
    return sum(r[k] * demand.service[s][0] for s, r in demand.rates.items()) / total


def lagged_load(demand: DayDemand, sid: str, k: int) -> float:
    """Expected visitors of `sid` in service at the middle of half-hour k if nobody waited:
    the arrivals of the last mean service time (the M(t)/G/inf offered load)."""
    span = demand.service[sid][0]
    mid = (demand.slots[k] + demand.slot_end(k)) / 2
    lo, hi = mid - span, mid
    load = 0.0
    for j, lam in enumerate(demand.rates[sid]):
        a, b = demand.slots[j], demand.slot_end(j)
        overlap = min(b, hi) - max(a, lo)
        if overlap > 0 and b > a:
            load += lam * overlap / (b - a)
    return load


def period_load(demand: DayDemand, sid: str, k: int) -> float:
    """Offered load of half-hour k on its own: arrival rate x mean service time."""
    length = demand.slot_end(k) - demand.slots[k]
    return demand.rates[sid][k] / length * demand.service[sid][0] if length > 0 else 0.0


def share_out(total: int, groups: Sequence[SkillGroup], loads: dict[str, float]) -> tuple[int, ...]:
    """`total` counters over the groups in proportion to the work each can take (a
    procedure's load split evenly over the groups that serve it), never more than a group
    has; largest remainders first."""
    weight = [0.0] * len(groups)
    for sid, load in loads.items():
        able = [g for g, grp in enumerate(groups) if sid in grp.services]
        for g in able:
            weight[g] += load / len(able)
    total = min(total, sum(g.size for g in groups))
    mass = sum(weight)
    if total <= 0 or mass <= 0:
        return tuple(0 for _ in groups)
    exact = [total * w / mass for w in weight]
    out = [min(groups[g].size, math.floor(x)) for g, x in enumerate(exact)]
    order = sorted(range(len(groups)), key=lambda g: (exact[g] - out[g], weight[g]), reverse=True)
    while sum(out) < total:
        for g in order:
            if sum(out) < total and out[g] < groups[g].size and weight[g] > 0:
                out[g] += 1
        if all(out[g] >= groups[g].size or weight[g] <= 0 for g in order):
            break
    return tuple(out)


def erlang_plan(
    groups: Sequence[SkillGroup], demand: DayDemand, target: Target, abandonment: bool
) -> tuple[Schedule, tuple[int | None, ...]]:
    """The Erlang C plan (period by period) or the Erlang-A plan (lagged, with patience):
    per half-hour the counters shared out over the groups, and the counters the formula
    asked for (None: not reachable with any number)."""
    limit = sum(g.size for g in groups) * 4 + 20
    demand = demand.flattened()  # a visit plan's arrivals load each of its procedures
    schedule: list[tuple[int, ...]] = []
    needed: list[int | None] = []
    for k in range(len(demand.slots)):
        if abandonment:
            loads = {s: lagged_load(demand, s, k) for s in demand.rates}
        else:
            loads = {s: period_load(demand, s, k) for s in demand.rates}
        work = sum(loads.values())
        service = (
            sum(loads[s] for s in loads) / sum(loads[s] / demand.service[s][0] for s in loads)
            if work > 0
            else 0.0
        )
        if work <= 0:
            schedule.append(tuple(0 for _ in groups))
            needed.append(0)
            continue
        rate = work / service
        if abandonment:
            n = erlang_a_staff(rate, service, demand.patience, target.within, target.share, limit)
        else:
            n = erlang_c_staff(rate, service, target.within, target.share, limit)
        needed.append(n)
        schedule.append(share_out(n if n is not None else limit, groups, loads))
    return tuple(schedule), tuple(needed)


@dataclass(frozen=True)
class PlanCheck:
    """A schedule and what the simulation says of it."""

    name: str  # iterative | erlang_c | erlang_a
    schedule: Schedule
    outcome: DayOutcome
    target: Target
    needed: tuple[int | None, ...] = ()  # what the formula asked for (Erlang plans)

    def meets(self, k: int) -> bool:
        slot = self.outcome.slots[k]
        return slot.arrivals <= 0 or slot.met_share >= self.target.share - 1e-9

    @property
    def share_met(self) -> float:
        """Share of the half-hours with expected arrivals that meet the target."""
        busy = [k for k, s in enumerate(self.outcome.slots) if s.arrivals > 0]
        return sum(1 for k in busy if self.meets(k)) / len(busy) if busy else 1.0

    @property
    def counter_half_hours(self) -> int:
        return sum(sum(row) for row in self.schedule)


@dataclass(frozen=True)
class StaffingResult:
    groups: tuple[SkillGroup, ...]
    demand: DayDemand
    target: Target
    iterative: PlanCheck
    erlang_c: PlanCheck
    erlang_a: PlanCheck
    unreachable: tuple[int, ...]  # half-hours the target cannot be met even fully open
    evaluations: int
    replications: int
    notes: tuple[str, ...] = field(default=())


def _short(out: DayOutcome, target: Target, reps: int, k: int) -> bool:
    """Half-hour k misses the target, with one standard error of the simulated share to
    spare (so a plan found on these simulated days also holds on others)."""
    s = out.slots[k]
    if s.arrivals <= 0:
        return False
    n = s.arrivals * reps
    margin = Z_SPARE * math.sqrt(target.share * (1 - target.share) / n) if reps > 1 else 0.0
    return s.met_share < target.share + margin - 1e-9


def _failing(out: DayOutcome, target: Target, reps: int, skip: set[int]) -> list[int]:
    return [k for k in range(len(out.slots)) if k not in skip and _short(out, target, reps, k)]


def covered(groups: Sequence[SkillGroup], row: Sequence[int], wanted: Sequence[str]) -> bool:
    """Every procedure expected in the half-hour has at least one open counter."""
    return all(
        any(row[g] > 0 and sid in grp.services for g, grp in enumerate(groups)) for sid in wanted
    )


def _cover(groups: Sequence[SkillGroup], row: list[int], wanted: Sequence[str]) -> None:
    for sid in wanted:
        if not covered(groups, row, [sid]):
            able = [g for g, grp in enumerate(groups) if sid in grp.services and row[g] < grp.size]
            if able:
                row[min(able, key=lambda g: len(groups[g].services))] += 1


def acceptable(
    groups: Sequence[SkillGroup],
    schedule: Schedule,
    demand: DayDemand,
    scenarios: Sequence[Sequence[Arrival]],
    target: Target,
) -> bool:
    """What the search asks of a plan: every half-hour meets the target (with the spare)
    and every procedure expected in a half-hour has an open counter."""
    flat = demand.flattened()
    for k, row in enumerate(schedule):
        wanted = [sid for sid, r in flat.rates.items() if r[k] > 0]
        if not covered(groups, row, wanted):
            return False
    out = simulate(groups, schedule, demand, scenarios, target.within)
    return not _failing(out, target, len(scenarios), set())


def iterative_plan(
    groups: Sequence[SkillGroup],
    demand: DayDemand,
    target: Target,
    start: Schedule,
    scenarios: Sequence[Sequence[Arrival]],
) -> tuple[Schedule, set[int], int]:
    """(schedule, unreachable half-hours, simulations run): see the module docstring."""
    plan = [list(row) for row in start]
    n_slots = len(plan)
    reps = len(scenarios)
    flat = demand.flattened()
    wanted = [[sid for sid, r in flat.rates.items() if r[k] > 0] for k in range(n_slots)]
    for k in range(n_slots):
        _cover(groups, plan[k], wanted[k])
    evaluations = 0

    def run(p: list[list[int]]) -> DayOutcome:
        nonlocal evaluations
        evaluations += 1
        return simulate(groups, tuple(tuple(r) for r in p), demand, scenarios, target.within)

    unreachable: set[int] = set()
    out = run(plan)
    for _ in range(MAX_ROUNDS):
        failing = _failing(out, target, reps, unreachable)
        if not failing:
            break
        firsts = [k for k in failing if k - 1 not in failing]
        changed = False
        for k in firsts:
            fails = out.slots[k].fails
            placed = False
            for slot in (k, k - 1):
                if slot < 0:
                    continue
                able = [
                    (sum(fails.get(s, 0) for s in grp.services), g)
                    for g, grp in enumerate(groups)
                    if plan[slot][g] < grp.size
                ]
                able = [a for a in able if a[0] > 0]
                if able:
                    plan[slot][max(able)[1]] += 1
                    placed = changed = True
                    break
            if not placed:
                unreachable.add(k)
        if not changed:
            break
        out = run(plan)
    unreachable.update(_failing(out, target, reps, unreachable))
    for k in unreachable:  # overloaded even as planned: open everything there
        plan[k] = [grp.size for grp in groups]
    full = run(plan) if unreachable else out
    floor = {k: full.slots[k].met_share for k in unreachable}

    def holds(o: DayOutcome) -> bool:
        if _failing(o, target, reps, unreachable):
            return False
        return all(o.slots[k].met_share >= v - 1e-9 for k, v in floor.items())

    # close counters one at a time wherever every half-hour still meets the target
    for k in reversed(range(n_slots)):
        if k in unreachable:
            continue
        for g in sorted(range(len(groups)), key=lambda g: -len(groups[g].services)):
            while plan[k][g] > 0:
                plan[k][g] -= 1
                if covered(groups, plan[k], wanted[k]) and holds(run(plan)):
                    continue
                plan[k][g] += 1
                break
    return tuple(tuple(r) for r in plan), unreachable, evaluations


def plan_day(
    groups: Sequence[SkillGroup],
    demand: DayDemand,
    target: Target | None = None,
    replications: int = 30,
    seed: int = 1,
) -> StaffingResult:
    """The three plans for one day, each checked on fresh simulated days."""
    target = target or Target()
    groups = tuple(groups)
    search_days = draw_scenarios(demand, replications, seed)
    check_days = draw_scenarios(demand, 3 * replications, seed + 7919)
    c_plan, c_needed = erlang_plan(groups, demand, target, abandonment=False)
    a_plan, a_needed = erlang_plan(groups, demand, target, abandonment=True)
    it_plan, unreachable, evaluations = iterative_plan(groups, demand, target, a_plan, search_days)

    def check(name: str, schedule: Schedule, needed: tuple[int | None, ...]) -> PlanCheck:
        out = simulate(groups, schedule, demand, check_days, target.within)
        return PlanCheck(name, schedule, out, target, needed)

    return StaffingResult(
        groups=groups,
        demand=demand,
        target=target,
        iterative=check("iterative", it_plan, ()),
        erlang_c=check("erlang_c", c_plan, c_needed),
        erlang_a=check("erlang_a", a_plan, a_needed),
        unreachable=tuple(sorted(unreachable)),
        evaluations=evaluations + 3,
        replications=replications,
    )


__all__ = [
    "PlanCheck",
    "acceptable",
    "covered",
    "StaffingResult",
    "Target",
    "erlang_plan",
    "iterative_plan",
    "lagged_load",
    "period_load",
    "plan_day",
    "share_out",
]
