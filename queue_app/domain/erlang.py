"""Erlang C and Erlang-A: how many counters a steady stream of visitors needs.

Pure functions; times in minutes, rates per minute unless a name says otherwise.

- **Erlang C** (M/M/c): Poisson arrivals at a constant rate, exponential service, `c`
  identical counters sharing one first-come-first-served queue, nobody ever leaves.
  The functions of `queue_app.domain.simulation` (`erlang_c_probability`, `erlang_c_wait`)
  are the same objects re-exported here, unchanged.
- **Erlang-A** (M/M/c+M, Palm 1946; Mandelbaum and Zeltyn): the same, but every waiting
  visitor has an exponential patience of mean `patience` minutes and leaves when it runs
  out. Closed forms through the incomplete gamma function, written as its series
  `A(x, y) = sum_k y^k / ((x+1)...(x+k))` with `x = c*mu/theta`, `y = lambda/theta`
  (so `A = x e^y y^-x gamma(x, y)`), and Erlang B for `E`:
      P(wait)          = A E / (1 + (A - 1) E)
      P(abandon|wait)  = 1 / (rho A) + 1 - 1/rho,  rho = lambda / (c mu)
      E[wait]          = P(abandon) / theta
  The share who wait at most `t` minutes, `P(W <= t)`, sums over the number of people an
  arrival finds ahead (birth-death state probabilities) the chance that the queue ahead
  has not let them through within `t` (a pure-death process with rates c*mu + i*theta,
  solved by uniformisation), times the chance they are still patient.

"Waited at most t" counts everybody who was called, or who gave up, within `t` minutes:
the complement of the reports' "waited longer than the target".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from queue_app.domain.simulation import erlang_c_probability, erlang_c_wait

MAX_COUNTERS = 200


# -- Erlang C ------------------------------------------------------------------------------
def erlang_b(counters: int, offered_load: float) -> float:
    """Blocking probability of M/M/c/c (stable recursion)."""
    if counters < 0:
        raise ValueError("counters must be >= 0")
    b = 1.0
    for k in range(1, counters + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def erlang_c_service_level(rate: float, mean_service: float, counters: int, within: float) -> float:
    """P(W <= within) of M/M/c: 1 - C exp(-(c mu - lambda) t); 0 when overloaded."""
    if rate <= 0:
        return 1.0
    load = rate * mean_service
    if counters <= 0 or load >= counters:
        return 0.0
    c_prob = erlang_c_probability(counters, load)
    return 1.0 - c_prob * math.exp(-(counters / mean_service - rate) * within)


def erlang_c_staff(
    rate: float,
    mean_service: float,
    within: float,
    share: float,
    max_counters: int = MAX_COUNTERS,
) -> int | None:
    """Fewest counters with P(W <= within) >= share under Erlang C (None: not reachable)."""
    if rate <= 0:
        return 0
    start = max(1, math.floor(rate * mean_service) + 1)
    for c in range(start, max_counters + 1):
        if erlang_c_service_level(rate, mean_service, c, within) >= share:
            return c
    return None


# -- Erlang-A ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ErlangA:
    counters: int
    p_wait: float  # an arrival finds every counter busy
    p_abandon: float  # an arrival leaves before being called
    mean_wait: float  # minutes in the queue (until called or leaving), all arrivals
    mean_queue: float  # people waiting, time average
    service_level: float  # P(W <= within)
    within: float


def gamma_series_a(x: float, y: float) -> float:
    """A(x, y) = x e^y y^-x gamma(x, y) = sum_k y^k / ((x+1)...(x+k)) (terms shrink once
    k > y - x; summed until they no longer change the total)."""
    total, term, k = 1.0, 1.0, 0
    while True:
        k += 1
        term *= y / (x + k)
        total += term
        if term < 1e-16 * total and x + k > y:
            return total
        if k > 1_000_000:  # pragma: no cover - y is at most a few thousand in practice
            return total


def _state_probabilities(
    rate: float, mu: float, theta: float, counters: int
) -> tuple[list[float], list[float]]:
    """(P(k in system) for k < c, P(c + j in system) for j = 0..J), normalised."""
    a = rate / mu
    low = [1.0]
    for k in range(1, counters):
        low.append(low[-1] * a / k)
    top = low[-1] * a / counters if counters > 0 else 1.0
    high = [top]
    j = 0
    while True:
        j += 1
        nxt = high[-1] * rate / (counters * mu + j * theta)
        high.append(nxt)
        if nxt < 1e-15 * (sum(low) + sum(high)) and counters * mu + j * theta > rate:
            break
        if j > 100_000:  # pragma: no cover
            break
    norm = sum(low) + sum(high)
    return [p / norm for p in low] if counters > 0 else [], [p / norm for p in high]


def _death_tail(weights: list[float], counters: int, mu: float, theta: float, t: float) -> float:
    """Sum_j weights[j] * P(a pure-death process from j ahead has not served the tagged
    visitor by t); from i ahead the next step comes at rate c*mu + i*theta, and from 0
    ahead the tagged visitor is called (uniformisation, exact up to 1e-12)."""
    if t <= 0:
        return sum(weights)
    big = counters * mu + (len(weights) - 1) * theta
    vec = list(weights)
    slices = max(1, math.ceil(big * t / 500))  # keep exp(-big t) far from underflow
    for _ in range(slices):
        vec = _uniformised(vec, counters, mu, theta, big, t / slices)
    return sum(vec)


def _uniformised(
    vec: list[float], counters: int, mu: float, theta: float, big: float, t: float
) -> list[float]:
    lam_t = big * t
    poisson = math.exp(-lam_t)
    result = [v * poisson for v in vec]
    cum = poisson
    m = 0
    cur = list(vec)
    n = len(cur)
    stay = [1.0 - (counters * mu + i * theta) / big for i in range(n)]
    down = [(counters * mu + i * theta) / big for i in range(n)]
    while cum < 1.0 - 1e-13 and m < 100_000:
        m += 1
        nxt = [
            cur[i] * stay[i] + (cur[i + 1] * down[i + 1] if i + 1 < n else 0.0) for i in range(n)
        ]
        cur = nxt  # (mass from index 0 moving down is the tagged visitor being called)
        poisson *= lam_t / m
        cum += poisson
        if poisson > 0:
            for i in range(n):
                result[i] += poisson * cur[i]
        if sum(cur) < 1e-15:
            break
    return result


def erlang_a(
    rate: float, mean_service: float, patience: float, counters: int, within: float = 0.0
) -> ErlangA:
    """Steady-state figures of M/M/c+M. `patience` is the mean patience in minutes
    (`math.inf`: nobody leaves, which is Erlang C and needs rate * service < counters)."""
    if mean_service <= 0:
        raise ValueError("mean service time must be positive")
    if counters < 0:
        raise ValueError("counters must be >= 0")
    if rate <= 0:
        return ErlangA(counters, 0.0, 0.0, 0.0, 0.0, 1.0, within)
    mu = 1.0 / mean_service
    if math.isinf(patience):
        load = rate * mean_service
        if counters == 0 or load >= counters:
            return ErlangA(counters, 1.0, 0.0, math.inf, math.inf, 0.0, within)
        c_prob = erlang_c_probability(counters, load)
        wq = erlang_c_wait(rate * 60, mean_service, counters)
        return ErlangA(
            counters,
            c_prob,
            0.0,
            wq,
            rate * wq,
            erlang_c_service_level(rate, mean_service, counters, within),
            within,
        )
    if patience <= 0:
        raise ValueError("patience must be positive")
    theta = 1.0 / patience
    if counters == 0:  # everybody waits and leaves: W ~ Exp(theta)
        return ErlangA(
            0, 1.0, 1.0, patience, rate * patience, 1.0 - math.exp(-theta * within), within
        )
    x, y = counters * mu / theta, rate / theta
    big_a = gamma_series_a(x, y)
    e_b = erlang_b(counters, rate / mu)
    p_wait = big_a * e_b / (1.0 + (big_a - 1.0) * e_b)
    rho = rate / (counters * mu)
    p_ab_given_wait = 1.0 / (rho * big_a) + 1.0 - 1.0 / rho
    p_abandon = p_ab_given_wait * p_wait
    mean_wait = p_abandon / theta
    _low, high = _state_probabilities(rate, mu, theta, counters)
    tail = _death_tail(high, counters, mu, theta, within)
    service_level = 1.0 - tail * math.exp(-theta * within)
    return ErlangA(counters, p_wait, p_abandon, mean_wait, rate * mean_wait, service_level, within)


def erlang_a_staff(
    rate: float,
    mean_service: float,
    patience: float,
    within: float,
    share: float,
    max_counters: int = MAX_COUNTERS,
) -> int | None:
    """Fewest counters with P(W <= within) >= share under Erlang-A (None: not reachable)."""
    if rate <= 0:
        return 0

    def ok(c: int) -> bool:
        return erlang_a(rate, mean_service, patience, c, within).service_level >= share

    if not ok(max_counters):
        return None
    lo, hi = 0, max_counters  # ok(hi); the service level grows with the counters
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


# -- patience from the history ---------------------------------------------------------------
@dataclass(frozen=True)
class Patience:
    """Exponential patience fitted from the event log (censored maximum likelihood)."""

    mean_minutes: float  # math.inf when nobody left
    left: int  # no-shows and cancellations
    exposure_minutes: float  # total minutes all visitors spent waiting (called or left)

    @property
    def rate(self) -> float:
        return 0.0 if math.isinf(self.mean_minutes) else 1.0 / self.mean_minutes


def fit_patience(left: int, exposure_minutes: float) -> Patience:
    """theta = (people who left) / (minutes everybody waited).

    Waits that ended in a call are censored patience times (the visitor would have stayed
    at least that long); waits that ended in a cancellation are observed patience times.
    A no-show is counted as having left at the moment it was called: the latest it can
    have left, so the fitted patience is, if anything, a little too long (cautious: it
    promises fewer departures)."""
    if left <= 0 or exposure_minutes <= 0:
        return Patience(math.inf, max(0, left), max(0.0, exposure_minutes))
    return Patience(exposure_minutes / left, left, exposure_minutes)


__all__ = [
    "ErlangA",
    "Patience",
    "erlang_a",
    "erlang_a_staff",
    "erlang_b",
    "erlang_c_probability",
    "erlang_c_service_level",
    "erlang_c_staff",
    "erlang_c_wait",
    "fit_patience",
    "gamma_series_a",
]
