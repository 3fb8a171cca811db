"""A day at the counters: per-procedure queues, counters with skills, a half-hour schedule.

Pure discrete-event simulation used by the staffing search (`queue_app.domain.staffing`)
and the congestion forecast. Times are minutes after local midnight.

- Each procedure (service) has its own first-come-first-served queue.
- A counter serves only its procedures; when it is free it calls the visitor who has waited
  longest among them. A visitor who arrives while several able counters are idle goes to
  the one with the fewest procedures (keeps the versatile counters free).
- Counters of one **skill group** (the same procedures) are interchangeable; the schedule
  says how many of each group are open in each half-hour. A counter that closes while
  serving finishes that visitor first (long services run past the half-hour).
- Reception ends at `close`, but everybody who took a ticket is still served: the counters
  open in the last half-hour stay until their queues are empty.
- Visitors may give up: each draws an exponential patience (mean `patience` minutes) and
  leaves unserved if not called by then (no-shows and cancellations in the history).
- Visit plans (`DayDemand.routes`): a visitor arriving for `tennyu` loads three queues in
  order: after each service the next step joins its procedure's queue at once, ahead of
  walk-ins (the return priority), and never gives up. Each step's wait counts in the
  half-hour it joined; `arrivals` counts queue entries.

"Wait" is from arrival until called, or until leaving. A visitor meets the target when the
wait is at most `within` minutes; a visitor still waiting at the end (no counter for their
procedure) never does.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

Schedule = tuple[tuple[int, ...], ...]  # [slot][group] -> counters open


@dataclass(frozen=True)
class SkillGroup:
    services: tuple[str, ...]
    counters: tuple[int, ...]  # counter numbers (window numbers) in the group

    @property
    def key(self) -> str:
        return "+".join(self.services)

    @property
    def size(self) -> int:
        return len(self.counters)


def skill_groups(counters: Sequence[tuple[int, Sequence[str]]]) -> tuple[SkillGroup, ...]:
    """Counters with the same procedures form a group (in the order first seen)."""
    found: dict[tuple[str, ...], list[int]] = {}
    for number, services in counters:
        found.setdefault(tuple(sorted(services)), []).append(number)
    return tuple(SkillGroup(k, tuple(v)) for k, v in found.items())


@dataclass(frozen=True)
class DayDemand:
    slots: tuple[int, ...]  # half-hour starts (minutes after midnight)
    close: int  # reception ends (minutes after midnight)
    rates: Mapping[str, tuple[float, ...]]  # procedure -> expected arrivals per slot
    service: Mapping[str, tuple[float, float]]  # procedure -> (mean minutes, cv)
    patience: float = math.inf  # mean minutes
    ends: tuple[int, ...] = ()  # where each half-hour ends (a lunch break); default: the next
    # visit plans: a key of `rates` that is a plan ("plan:tennyu") -> its procedures in
    # order; its visitor joins the first procedure's queue, then each next one at once
    # after being served (ahead of walk-ins, like `general.return_priority`)
    routes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def slot_end(self, k: int) -> int:
        if self.ends:
            return self.ends[k]
        return self.slots[k + 1] if k + 1 < len(self.slots) else self.close

    def arrivals(self, k: int) -> float:
        return sum(r[k] for r in self.rates.values())

    def flattened(self) -> DayDemand:
        """The same demand per procedure only (for the Erlang formulas and the cover
        check): a plan's arrivals are added to each of its procedures, each step later by
        the mean service time of the steps before it (rounded to whole half-hours)."""
        if not self.routes:
            return self
        rates: dict[str, list[float]] = {
            sid: list(r) for sid, r in self.rates.items() if sid not in self.routes
        }
        n = len(self.slots)
        for key, route in self.routes.items():
            lag = 0.0
            for step in route:
                shift = round(lag / 30)
                row = rates.setdefault(step, [0.0] * n)
                for k, lam in enumerate(self.rates.get(key, ())):
                    row[min(n - 1, k + shift)] += lam
                lag += self.service.get(step, (0.0, 0.0))[0]
        return replace(self, rates={s: tuple(r) for s, r in rates.items()}, routes={})


# (time, procedure, service minutes, leaves at, the plan's next steps: (procedure, minutes))
Arrival = tuple[float, str, float, float, tuple[tuple[str, float], ...]]


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def draw_scenarios(demand: DayDemand, replications: int, seed: int) -> list[list[Arrival]]:
    """Arrivals of `replications` days (common random numbers for every schedule tried)."""
    rng = random.Random(seed)
    days: list[list[Arrival]] = []
    lognormal: dict[str, tuple[float, float]] = {}
    for sid, (mean, cv) in demand.service.items():
        s2 = math.log(1.0 + cv * cv)
        lognormal[sid] = (math.log(mean) - s2 / 2, math.sqrt(s2))

    def minutes(sid: str) -> float:
        mu, sigma = lognormal[sid]
        return max(0.25, rng.lognormvariate(mu, sigma) if sigma > 0 else math.exp(mu))

    for _ in range(replications):
        day: list[Arrival] = []
        for sid in sorted(demand.rates):
            route = demand.routes.get(sid, (sid,))
            for k, lam in enumerate(demand.rates[sid]):
                lo, hi = demand.slots[k], demand.slot_end(k)
                for _i in range(_poisson(rng, lam)):
                    t = lo + rng.random() * (hi - lo)
                    first = minutes(route[0])
                    gives_up = (
                        t + rng.expovariate(1.0 / demand.patience)
                        if math.isfinite(demand.patience)
                        else math.inf
                    )
                    rest = tuple((step, minutes(step)) for step in route[1:])
                    day.append((t, route[0], first, gives_up, rest))
        day.sort()
        days.append(day)
    return days


@dataclass(frozen=True)
class SlotOutcome:
    arrivals: float  # per simulated day
    met_share: float  # share waiting at most `within` (1.0 when nobody came)
    mean_wait: float  # minutes, everybody (until called or gone)
    fails: Mapping[str, int]  # procedure -> visitors over the target (all days)
    called_wait: float = 0.0  # minutes, the visitors who were called (what one who stays sees)


@dataclass(frozen=True)
class DayOutcome:
    slots: tuple[SlotOutcome, ...]
    overtime: float  # mean minutes the last visitor finished after `close` (0 if before)
    left_share: float  # share who gave up
    counter_minutes: float  # mean minutes counters were open (staff time)


def simulate(
    groups: Sequence[SkillGroup],
    schedule: Schedule,
    demand: DayDemand,
    scenarios: Sequence[Sequence[Arrival]],
    within: float,
) -> DayOutcome:
    n_slots = len(demand.slots)
    names = sorted({*demand.rates, *(p for r in demand.routes.values() for p in r)})
    index = {sid: i for i, sid in enumerate(names)}
    arrivals = [0] * n_slots
    met = [0] * n_slots
    wait_sum = [0.0] * n_slots
    called_n = [0] * n_slots
    called_sum = [0.0] * n_slots
    fails = [[0] * len(names) for _ in range(n_slots)]
    overtime = 0.0
    left = total = 0
    counters = [(g, i) for g, grp in enumerate(groups) for i in range(grp.size)]
    n_counters = len(counters)
    skills = [tuple(index[s] for s in groups[g].services if s in index) for g, _ in counters]
    width = [len(groups[g].services) for g, _ in counters]
    able = [[c for c in range(n_counters) if i in skills[c]] for i in range(len(names))]
    able = [sorted(cs, key=lambda c: width[c]) for cs in able]
    on_at = [[i < schedule[k][g] for g, i in counters] for k in range(n_slots)]
    limit = within + 1e-9
    open_minutes = sum(
        (demand.slot_end(k) - demand.slots[k]) * sum(schedule[k]) for k in range(n_slots)
    )
    starts = demand.slots
    for scenario in scenarios:
        day = list(scenario)  # a plan's next steps are appended as they join their queue
        times = [a[0] for a in day]
        svc = [index[a[1]] for a in day]
        slot = [0] * len(day)
        k = 0
        for v, t in enumerate(times):
            while k + 1 < n_slots and starts[k + 1] <= t:
                k += 1
            slot[v] = k
        queues: list[deque[int]] = [deque() for _ in names]
        on = [False] * n_counters
        busy = [False] * n_counters
        events: list[tuple[float, int, int]] = [(float(st), 0, k) for k, st in enumerate(starts)]
        heapq.heapify(events)
        last_finish = 0.0

        def call(  # the day's arrays bound as defaults: one closure per simulated day
            c: int,
            now: float,
            day: list[Arrival] = day,
            times: list[float] = times,
            slot: list[int] = slot,
            svc: list[int] = svc,
            queues: list[deque[int]] = queues,
            busy: list[bool] = busy,
            events: list[tuple[float, int, int]] = events,
        ) -> None:
            """Counter c calls whoever has waited longest among its procedures."""
            nonlocal last_finish, left
            best_q: deque[int] | None = None
            best_t = math.inf
            for i in skills[c]:
                q = queues[i]
                while q and day[q[0]][3] < now:  # gave up before being called
                    v = q.popleft()
                    k = slot[v]
                    arrivals[k] += 1
                    left += 1
                    w = day[v][3] - times[v]
                    wait_sum[k] += w
                    if w <= limit:
                        met[k] += 1
                    else:
                        fails[k][i] += 1
                if q and times[q[0]] < best_t:
                    best_q, best_t = q, times[q[0]]
            if best_q is None:
                busy[c] = False
                return
            v = best_q.popleft()
            k = slot[v]
            arrivals[k] += 1
            w = now - times[v]
            wait_sum[k] += w
            called_n[k] += 1
            called_sum[k] += w
            if w <= limit:
                met[k] += 1
            else:
                fails[k][svc[v]] += 1
            busy[c] = True
            free_at = now + day[v][2]
            if free_at > last_finish:
                last_finish = free_at
            heapq.heappush(events, (free_at, 1, c))
            rest = day[v][4] if len(day[v]) > 4 else ()  # (4-tuples: no plan)
            if rest:  # a plan: its next step joins that queue when this one is served
                u = len(day)
                day.append((free_at, rest[0][0], rest[0][1], math.inf, rest[1:]))
                times.append(free_at)
                svc.append(index[rest[0][0]])
                j = slot[v]
                while j + 1 < n_slots and starts[j + 1] <= free_at:
                    j += 1
                slot.append(j)
                heapq.heappush(events, (free_at, 2, u))

        n = len(day)
        a_i = 0
        while a_i < n or events:
            if events and (a_i >= n or events[0][0] <= times[a_i]):
                now, kind, idx = heapq.heappop(events)
                if kind == 2:  # a plan's next step: ahead of walk-ins in its queue
                    i = svc[idx]
                    queues[i].appendleft(idx)
                    for c in able[i]:
                        if on[c] and not busy[c]:
                            call(c, now)
                            break
                    continue
                if kind == 0:  # a new half-hour: open/close counters by the schedule
                    row = on_at[idx]
                    for c in range(n_counters):
                        on[c] = row[c]
                        if row[c] and not busy[c]:
                            call(c, now)
                else:
                    busy[idx] = False
                    if on[idx]:
                        call(idx, now)
                continue
            i = svc[a_i]
            queues[i].append(a_i)
            t = times[a_i]
            a_i += 1
            for c in able[i]:  # the idle able counter with the fewest procedures
                if on[c] and not busy[c]:
                    call(c, t)
                    break
        for i, q in enumerate(queues):  # nobody left to call them: gave up, or never served
            for v in q:
                k = slot[v]
                arrivals[k] += 1
                w = day[v][3] - times[v]
                if math.isfinite(w):
                    left += 1
                    wait_sum[k] += w
                if w <= limit:
                    met[k] += 1
                else:
                    fails[k][i] += 1
        total += n
        overtime += max(0.0, last_finish - demand.close)
    reps = max(1, len(scenarios))
    slots = tuple(
        SlotOutcome(
            arrivals[k] / reps,
            met[k] / arrivals[k] if arrivals[k] else 1.0,
            wait_sum[k] / arrivals[k] if arrivals[k] else 0.0,
            {names[i]: f for i, f in enumerate(fails[k]) if f},
            called_sum[k] / called_n[k] if called_n[k] else 0.0,
        )
        for k in range(n_slots)
    )
    return DayOutcome(slots, overtime / reps, left / total if total else 0.0, open_minutes)


__all__ = [
    "Arrival",
    "DayDemand",
    "DayOutcome",
    "Schedule",
    "SkillGroup",
    "SlotOutcome",
    "draw_scenarios",
    "simulate",
    "skill_groups",
]
