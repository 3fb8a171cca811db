"""How long people would wait with N counters: a discrete-event simulation and Erlang C.

Pure functions, no database and no clock. The model is the textbook M/G/c queue: arrivals
are a Poisson process whose rate changes hour by hour, every counter can serve every
visitor (one shared queue, first come first served), service times are exponential or
lognormal around a mean. People arriving before closing are all served, however late.

- `erlang_c_wait(rate, mean_service, counters)`: the steady-state mean wait (minutes) of
  M/M/c, infinite when the counters cannot keep up (utilisation >= 1).
- `simulate_day(...)`: the same day replayed many times (fixed seed: reproducible) and the
  mean and 90th-percentile wait per hour of arrival, next to Erlang C for that hour's rate.
- `smallest_counters(...)`: the fewest counters for which no hour's p90 wait exceeds the
  target.
- Visit plans: with `steps` (the share of visitors per number of procedures), a visitor of
  a three-step plan (転入) joins the queue three times, again at once after each service.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Distribution(StrEnum):
    EXPONENTIAL = "exponential"
    LOGNORMAL = "lognormal"


def erlang_c_probability(counters: int, offered_load: float) -> float:
    """Probability that an arrival has to wait (Erlang C), offered load a = rate x mean."""
    if counters <= 0:
        return 1.0
    if offered_load <= 0:
        return 0.0
    if offered_load >= counters:
        return 1.0
    # Erlang B by the stable recursion, then C from B
    b = 1.0
    for k in range(1, counters + 1):
        b = offered_load * b / (k + offered_load * b)
    rho = offered_load / counters
    return b / (1.0 - rho + rho * b)


def erlang_c_wait(rate_per_hour: float, mean_service_min: float, counters: int) -> float:
    """Mean wait in minutes for M/M/c in steady state; `math.inf` if unstable."""
    if rate_per_hour <= 0:
        return 0.0
    rate_per_min = rate_per_hour / 60.0
    load = rate_per_min * mean_service_min
    if counters <= 0 or load >= counters:
        return math.inf
    p_wait = erlang_c_probability(counters, load)
    return p_wait * mean_service_min / (counters - load)


def service_sampler(
    rng: random.Random, mean: float, dist: Distribution | str, cv: float = 1.0
) -> Callable[[], float]:
    """A function drawing one service time (minutes)."""
    if Distribution(dist) is Distribution.EXPONENTIAL:
        return lambda: rng.expovariate(1.0 / mean)
    sigma2 = math.log(1.0 + cv * cv)
    mu, sigma = math.log(mean) - sigma2 / 2, math.sqrt(sigma2)
    return lambda: rng.lognormvariate(mu, sigma)


def queue_waits(arrivals: list[float], counters: int, draw: Callable[[], float]) -> list[float]:
    """FIFO waits (minutes) of sorted arrival times at `counters` identical counters."""
    free = [arrivals[0] if arrivals else 0.0] * max(1, counters)
    heapq.heapify(free)
    waits = []
    for t in arrivals:
        earliest = free[0]
        begin = earliest if earliest > t else t
        waits.append(begin - t)
        heapq.heapreplace(free, begin + draw())
    return waits


def plan_queue_waits(
    arrivals: list[float], steps: list[int], counters: int, draw: Callable[[], float]
) -> list[tuple[float, float]]:
    """(joined, wait) of every queue entry when a visitor with n steps (a visit plan, e.g.
    転入: three procedures) joins the queue again at once after each service, until its n
    steps are done. FIFO by the moment each entry joined; with one step each this is
    `queue_waits` exactly (the same draws in the same order)."""
    free = [arrivals[0] if arrivals else 0.0] * max(1, counters)
    heapq.heapify(free)
    pending = [(t, i, n) for i, (t, n) in enumerate(zip(arrivals, steps, strict=True))]
    heapq.heapify(pending)
    seq = len(pending)
    out: list[tuple[float, float]] = []
    while pending:
        t, _i, left = heapq.heappop(pending)
        earliest = free[0]
        begin = earliest if earliest > t else t
        out.append((t, begin - t))
        end = begin + draw()
        heapq.heapreplace(free, end)
        if left > 1:  # the next step of the plan: the queue again, at once
            heapq.heappush(pending, (end, seq, left - 1))
            seq += 1
    return out


def draw_steps(rng: random.Random, shares: Mapping[int, float], count: int) -> list[int]:
    """How many procedures each of `count` visitors does, drawn from the learned shares
    ({1: 0.8, 3: 0.2}: one visitor in five comes for a three-step plan)."""
    values = sorted(shares)
    weights = [shares[v] for v in values]
    return rng.choices(values, weights=weights, k=count)


def open_minutes(hour: int, open_minute: int, close_minute: int) -> int:
    """Minutes of the clock hour `hour` that fall within [open, close)."""
    return max(0, min(close_minute, hour * 60 + 60) - max(open_minute, hour * 60))


def hourly_intensity(
    rates: Mapping[int, float], hour: int, open_minute: int, close_minute: int
) -> float:
    """Arrivals per hour while open: 3 arrivals in the 15 minutes of 17:00-17:15 is 12/h."""
    minutes = open_minutes(hour, open_minute, close_minute)
    return rates.get(hour, 0.0) * 60.0 / minutes if minutes else 0.0


def poisson_arrivals(
    rng: random.Random, rates: Mapping[int, float], open_minute: int, close_minute: int
) -> list[float]:
    """Arrival minutes (of the day) within [open, close).

    `rates[h]` is the expected number of arrivals in clock hour h (in its open part): what
    history counts per hour, so a half-open first hour keeps its learned count.
    """
    times: list[float] = []
    for hour in sorted(rates):
        lo, hi = max(open_minute, hour * 60), min(close_minute, hour * 60 + 60)
        if rates[hour] <= 0 or hi <= lo:
            continue
        rate = rates[hour] / (hi - lo)
        t = lo + rng.expovariate(rate)
        while t < hi:
            times.append(t)
            t += rng.expovariate(rate)
    return times


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class HourResult:
    hour: int
    arrivals: float  # mean arrivals in this hour per simulated day (simulated)
    mean_wait: float  # minutes, simulated
    p90_wait: float
    # minutes: M/M/c in steady state at this hour's intensity (inf: counters overloaded)
    erlang_c_wait: float


@dataclass(frozen=True)
class DayResult:
    counters: int
    mean_service: float
    distribution: str
    replications: int
    hours: tuple[HourResult, ...]
    mean_wait: float
    p90_wait: float
    max_wait: float

    @property
    def worst_p90(self) -> float:
        return max((h.p90_wait for h in self.hours if h.arrivals > 0), default=0.0)


def simulate_day(
    rates: Mapping[int, float],
    open_minute: int,
    close_minute: int,
    counters: int,
    mean_service: float,
    dist: Distribution | str = Distribution.LOGNORMAL,
    cv: float = 1.0,
    replications: int = 200,
    seed: int = 1,
    steps: Mapping[int, float] | None = None,
) -> DayResult:
    """Replay one day `replications` times; waits grouped by the hour people arrived.

    `steps`: the share of visitors per number of procedures (visit plans, learned from
    history); a plan's visitor joins the queue again after each service, and that wait is
    counted in the hour it joined. None (or every visitor one step): the plain M/G/c day."""
    if counters <= 0:
        raise ValueError("counters must be positive")
    if mean_service <= 0:
        raise ValueError("mean service time must be positive")
    rng = random.Random(seed)
    draw = service_sampler(rng, mean_service, dist, cv)
    by_hour: dict[int, list[float]] = {h: [] for h in sorted(rates)}
    everyone: list[float] = []
    multi = steps is not None and any(n > 1 and share > 0 for n, share in steps.items())
    for _ in range(replications):
        arrivals = poisson_arrivals(rng, rates, open_minute, close_minute)
        if multi:
            assert steps is not None
            entries = plan_queue_waits(
                arrivals, draw_steps(rng, steps, len(arrivals)), counters, draw
            )
        else:
            entries = list(zip(arrivals, queue_waits(arrivals, counters, draw), strict=True))
        for t, w in entries:
            by_hour.setdefault(int(t // 60), []).append(w)
            everyone.append(w)
    hours = tuple(
        HourResult(
            hour=h,
            arrivals=len(waits) / replications,
            mean_wait=sum(waits) / len(waits) if waits else 0.0,
            p90_wait=percentile(waits, 90),
            erlang_c_wait=erlang_c_wait(
                hourly_intensity(rates, h, open_minute, close_minute), mean_service, counters
            ),
        )
        for h, waits in sorted(by_hour.items())
    )
    return DayResult(
        counters=counters,
        mean_service=mean_service,
        distribution=Distribution(dist).value,
        replications=replications,
        hours=hours,
        mean_wait=sum(everyone) / len(everyone) if everyone else 0.0,
        p90_wait=percentile(everyone, 90),
        max_wait=max(everyone, default=0.0),
    )


def simulate_steady(
    rate_per_hour: float,
    mean_service: float,
    counters: int,
    hours: int = 5000,
    dist: Distribution | str = Distribution.EXPONENTIAL,
    cv: float = 1.0,
    seed: int = 1,
    warmup_share: float = 0.05,
) -> float:
    """Mean wait of a long run at a constant rate (the first `warmup_share` is discarded)."""
    rng = random.Random(seed)
    draw = service_sampler(rng, mean_service, dist, cv)
    arrivals: list[float] = []
    t, horizon, rate = 0.0, hours * 60.0, rate_per_hour / 60.0
    t += rng.expovariate(rate)
    while t < horizon:
        arrivals.append(t)
        t += rng.expovariate(rate)
    waits = queue_waits(arrivals, counters, draw)
    kept = waits[int(len(waits) * warmup_share) :]
    return sum(kept) / len(kept) if kept else 0.0


def smallest_counters(
    rates: Mapping[int, float],
    open_minute: int,
    close_minute: int,
    mean_service: float,
    target_p90: float,
    dist: Distribution | str = Distribution.LOGNORMAL,
    cv: float = 1.0,
    replications: int = 200,
    seed: int = 1,
    max_counters: int = 30,
    steps: Mapping[int, float] | None = None,
) -> tuple[int | None, DayResult | None]:
    """The fewest counters whose worst hourly p90 wait is within `target_p90` minutes."""
    for n in range(1, max_counters + 1):
        result = simulate_day(
            rates, open_minute, close_minute, n, mean_service, dist, cv, replications, seed, steps
        )
        if result.worst_p90 <= target_p90:
            return n, result
    return None, None
