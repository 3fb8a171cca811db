"""Erlang C (unchanged) and Erlang-A, checked against independent computations.

Erlang-A's closed form sums the incomplete-gamma series; here the same quantities come from
(1) the incomplete gamma integral integrated numerically (Simpson), (2) the exact special
case patience = service time, where the number in the system is Poisson like M/M/inf,
and (3) a long simulation of the queue with impatient visitors.
"""

from __future__ import annotations

import heapq
import math
import random

import pytest

from queue_app.domain import erlang, simulation
from queue_app.domain.erlang import (
    erlang_a,
    erlang_a_staff,
    erlang_c_service_level,
    erlang_c_staff,
    fit_patience,
)


# -- Erlang C unchanged ------------------------------------------------------------------------
def test_erlang_c_is_the_simulation_modules_function() -> None:
    assert erlang.erlang_c_probability is simulation.erlang_c_probability
    assert erlang.erlang_c_wait is simulation.erlang_c_wait


def test_erlang_c_hand_values() -> None:
    # 2 erlangs on 3 counters: B = (4/3) / (19/3) = 4/19, C = B / (1 - rho + rho B) = 4/9
    assert erlang.erlang_c_probability(3, 2.0) == pytest.approx(4 / 9)
    # M/M/1, rho 0.5, one-minute service: Wq = rho / (mu - lambda) = 1 minute
    assert erlang.erlang_c_wait(30.0, 1.0, 1) == pytest.approx(1.0)
    assert math.isinf(erlang.erlang_c_wait(60.0, 1.0, 1))
    # P(W <= t) = 1 - C exp(-(c mu - lambda) t): M/M/1, lambda 0.5, mu 1, t 2
    assert erlang_c_service_level(0.5, 1.0, 1, 2.0) == pytest.approx(1 - 0.5 * math.exp(-1.0))


def test_erlang_c_staff_is_the_smallest() -> None:
    rate, service, within, share = 2.0, 6.0, 1.0, 0.8  # 12 erlangs
    c = erlang_c_staff(rate, service, within, share)
    assert c is not None
    assert erlang_c_service_level(rate, service, c, within) >= share
    assert erlang_c_service_level(rate, service, c - 1, within) < share
    assert erlang_c_staff(0.0, service, within, share) == 0


# -- Erlang-A against independent computations -------------------------------------------------
def _gamma_lower_integrated(x: float, y: float, steps: int = 20_000) -> float:
    """gamma(x, y) = int_0^y t^(x-1) e^-t dt by Simpson's rule (x >= 1 here: smooth)."""
    h = y / steps
    total = 0.0
    for i in range(steps + 1):
        t = i * h
        f = 0.0 if t == 0 and x > 1 else t ** (x - 1) * math.exp(-t)
        total += f * (1 if i in (0, steps) else (4 if i % 2 else 2))
    return total * h / 3


def _erlang_a_integrated(rate: float, service: float, patience: float, n: int) -> dict[str, float]:
    mu, theta = 1 / service, 1 / patience
    x, y = n * mu / theta, rate / theta
    big_a = x * math.exp(y) * y ** (-x) * _gamma_lower_integrated(x, y)
    a = rate / mu
    e_b = (a**n / math.factorial(n)) / sum(a**k / math.factorial(k) for k in range(n + 1))
    p_wait = big_a * e_b / (1 + (big_a - 1) * e_b)
    rho = rate / (n * mu)
    p_ab = (1 / (rho * big_a) + 1 - 1 / rho) * p_wait
    return {"p_wait": p_wait, "p_abandon": p_ab, "mean_wait": p_ab / theta}


@pytest.mark.parametrize(
    ("rate", "service", "patience", "n"),
    [
        (0.5, 10.0, 30.0, 5),  # 5 erlangs on 5 counters: only patience keeps it stable
        (0.5, 10.0, 60.0, 6),
        (2.0, 6.0, 20.0, 12),
        (0.3, 15.0, 45.0, 3),  # overloaded (4.5 erlangs on 3 counters)
    ],
)
def test_erlang_a_matches_the_integrated_formula(
    rate: float, service: float, patience: float, n: int
) -> None:
    got = erlang_a(rate, service, patience, n)
    ref = _erlang_a_integrated(rate, service, patience, n)
    assert got.p_wait == pytest.approx(ref["p_wait"], rel=1e-6)
    assert got.p_abandon == pytest.approx(ref["p_abandon"], rel=1e-6)
    assert got.mean_wait == pytest.approx(ref["mean_wait"], rel=1e-6)


def test_erlang_a_patience_equal_to_service_is_poisson() -> None:
    """theta = mu: every visitor, waiting or served, leaves at rate mu, so the number in the
    system is Poisson(lambda/mu) exactly as in M/M/inf."""
    rate, service, n = 0.6, 10.0, 5  # a = 6
    a = rate * service
    p = [math.exp(-a) * a**k / math.factorial(k) for k in range(80)]
    p_wait = sum(p[n:])
    queue = sum((k - n) * p[k] for k in range(n, 80))
    got = erlang_a(rate, service, service, n)
    assert got.p_wait == pytest.approx(p_wait, rel=1e-9)
    assert got.mean_queue == pytest.approx(queue, rel=1e-9)  # Little: rate * mean wait
    assert got.p_abandon == pytest.approx(queue / service / rate, rel=1e-9)


def _simulate_mmn_m(
    rate: float, service: float, patience: float, n: int, within: float, arrivals: int, seed: int
) -> dict[str, float]:
    """FCFS M/M/n+M: the visitor is called when a counter frees and they are still there."""
    rng = random.Random(seed)
    free = [0.0] * n
    heapq.heapify(free)
    t = 0.0
    left = waited = ok = 0
    # With FCFS and patience known on arrival, the call time of a visitor is decided by the
    # visitors still present ahead of them: process arrivals in order against counter times.
    for _ in range(arrivals):
        t += rng.expovariate(rate)
        gives_up = t + rng.expovariate(1 / patience)
        start = max(t, free[0])
        if start > gives_up:  # leaves before a counter is free: takes no counter time
            left += 1
            waited += 1 if start > t else 0
            ok += 1 if gives_up - t <= within else 0
            continue
        if start > t:
            waited += 1
        ok += 1 if start - t <= within else 0
        heapq.heapreplace(free, start + rng.expovariate(1 / service))
    return {"p_abandon": left / arrivals, "p_wait": waited / arrivals, "sl": ok / arrivals}


def test_erlang_a_matches_a_long_simulation() -> None:
    rate, service, patience, n, within = 0.5, 10.0, 30.0, 5, 5.0
    sim = _simulate_mmn_m(rate, service, patience, n, within, 300_000, seed=7)
    got = erlang_a(rate, service, patience, n, within)
    assert got.p_abandon == pytest.approx(sim["p_abandon"], abs=0.006)
    assert got.p_wait == pytest.approx(sim["p_wait"], abs=0.01)
    assert got.service_level == pytest.approx(sim["sl"], abs=0.01)


def test_erlang_a_tends_to_erlang_c_with_endless_patience() -> None:
    rate, service, n, within = 0.5, 10.0, 6, 5.0
    c = erlang_a(rate, service, math.inf, n, within)
    assert c.p_wait == pytest.approx(simulation.erlang_c_probability(n, 5.0))
    a = erlang_a(rate, service, 1e7, n, within)
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-3)
    assert a.mean_wait == pytest.approx(c.mean_wait, rel=1e-3)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-3)
    # impatience shortens the queue: a better service level than Erlang C promises
    assert erlang_a(rate, service, 30.0, n, within).service_level > c.service_level


def test_erlang_a_staff_is_the_smallest_and_not_above_erlang_c() -> None:
    rate, service, patience, within, share = 0.5, 15.0, 40.0, 30.0, 0.8
    n = erlang_a_staff(rate, service, patience, within, share)
    assert n is not None
    assert erlang_a(rate, service, patience, n, within).service_level >= share
    assert erlang_a(rate, service, patience, n - 1, within).service_level < share
    c = erlang_c_staff(rate, service, within, share)
    assert c is not None and n <= c


def test_fit_patience_censored_mle() -> None:
    p = fit_patience(left=4, exposure_minutes=600.0)
    assert p.mean_minutes == pytest.approx(150.0) and p.rate == pytest.approx(1 / 150)
    assert math.isinf(fit_patience(0, 600.0).mean_minutes)


# -- published / independent values ------------------------------------------------------------
@pytest.mark.parametrize(("counters", "p_wait"), [(11, 0.6821), (12, 0.4494), (13, 0.2853)])
def test_erlang_c_textbook_values_for_ten_erlangs(counters: int, p_wait: float) -> None:
    """The classic table: 10 erlangs offered to 11, 12 and 13 agents."""
    assert erlang.erlang_c_probability(counters, 10.0) == pytest.approx(p_wait, abs=5e-5)
    # 3-minute services, 10/3 arrivals a minute: mean wait C / (c mu - lambda)
    assert erlang.erlang_c_wait(200.0, 3.0, counters) == pytest.approx(
        erlang.erlang_c_probability(counters, 10.0) * 3.0 / (counters - 10), rel=1e-9
    )


def _erlang_a_birth_death(rate: float, service: float, patience: float, n: int) -> dict[str, float]:
    """M/M/n+M as a birth-death chain (truncated far out): death rate min(k, n) mu +
    max(k - n, 0) theta; arrivals see the stationary law (PASTA)."""
    mu, theta = 1 / service, 1 / patience
    weights = [1.0]
    for k in range(1, 2000):
        weights.append(weights[-1] * rate / (min(k, n) * mu + max(k - n, 0) * theta))
    total = sum(weights)
    p = [w / total for w in weights]
    queue = sum((k - n) * p[k] for k in range(n, len(p)))
    return {"p_wait": sum(p[n:]), "mean_queue": queue, "p_abandon": theta * queue / rate}


@pytest.mark.parametrize(
    ("rate", "service", "patience", "n"),
    [(0.5, 10.0, 30.0, 5), (2.0, 6.0, 20.0, 12), (0.3, 15.0, 45.0, 3), (1.0, 8.0, 4.0, 6)],
)
def test_erlang_a_matches_the_birth_death_chain(
    rate: float, service: float, patience: float, n: int
) -> None:
    got = erlang_a(rate, service, patience, n)
    ref = _erlang_a_birth_death(rate, service, patience, n)
    assert got.p_wait == pytest.approx(ref["p_wait"], rel=1e-6)
    assert got.mean_queue == pytest.approx(ref["mean_queue"], rel=1e-6)
    assert got.p_abandon == pytest.approx(ref["p_abandon"], rel=1e-6)
