"""The queue simulation against Erlang C, the learned-from-history service and the CLI."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from queue_app.domain.simulation import (
    erlang_c_probability,
    erlang_c_wait,
    percentile,
    simulate_day,
    simulate_steady,
    smallest_counters,
)


def test_erlang_c_known_values() -> None:
    # c = 2, a = 1: P(wait) = 1/3 (textbook)
    assert erlang_c_probability(2, 1.0) == pytest.approx(1 / 3)
    # M/M/1: Wq = rho / (mu - lambda); 30/h with 1.5 min service: rho 0.75, Wq 4.5 min
    assert erlang_c_wait(30, 1.5, 1) == pytest.approx(4.5)
    assert math.isinf(erlang_c_wait(60, 5, 4))  # load 5 on 4 counters
    assert erlang_c_wait(0, 10, 2) == 0.0


@pytest.mark.parametrize(
    ("rate", "mean", "counters"),
    [(20, 12, 5), (10, 15, 3), (30, 10, 6), (24, 10, 5)],
)
def test_steady_arrivals_match_erlang_c_within_10_percent(
    rate: float, mean: float, counters: int
) -> None:
    simulated = simulate_steady(rate, mean, counters, hours=40_000, seed=11)
    expected = erlang_c_wait(rate, mean, counters)
    assert simulated == pytest.approx(expected, rel=0.10)


def test_simulated_day_is_reproducible_and_grouped_by_hour() -> None:
    rates = {8: 5, 9: 18, 10: 28, 11: 30, 12: 20, 13: 19, 14: 17, 15: 18, 16: 24, 17: 9}
    a = simulate_day(rates, 8 * 60 + 30, 17 * 60 + 15, 5, 11.0, replications=50, seed=4)
    b = simulate_day(rates, 8 * 60 + 30, 17 * 60 + 15, 5, 11.0, replications=50, seed=4)
    assert a == b
    assert [h.hour for h in a.hours] == list(range(8, 18))
    assert sum(h.arrivals for h in a.hours) == pytest.approx(sum(rates.values()), rel=0.1)
    assert a.hours[3].mean_wait > a.hours[0].mean_wait  # the late-morning peak waits longer
    more = simulate_day(rates, 8 * 60 + 30, 17 * 60 + 15, 7, 11.0, replications=50, seed=4)
    assert more.mean_wait < a.mean_wait


def test_smallest_counters_meets_the_target() -> None:
    rates = {9: 20, 10: 30, 11: 30, 12: 20}
    n, result = smallest_counters(rates, 9 * 60, 13 * 60, 12.0, 20.0, replications=100)
    assert n is not None and result is not None
    assert result.worst_p90 <= 20.0
    fewer = simulate_day(rates, 9 * 60, 13 * 60, n - 1, 12.0, replications=100)
    assert fewer.worst_p90 > 20.0


def test_percentile_nearest_rank() -> None:
    assert percentile([], 90) == 0.0
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([5.0], 50) == 5.0


# -- learned from history -------------------------------------------------------------------


@pytest.fixture
def history_db(sqlite_services):  # type: ignore[no-untyped-def]
    from queue_app.demo.history import generate

    generate(
        sqlite_services.engine,
        sqlite_services.config,
        date(2026, 10, 1),
        date(2026, 11, 30),
        seed=4,
        offices=["sogo"],
    )
    return sqlite_services


def test_simulation_service_learns_from_history(history_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from db.models import Ticket
    from queue_app.services.simulate import SimulationService

    sim = SimulationService(history_db)
    learned = sim.learn("sogo", date(2026, 12, 7), weeks=4)
    assert learned.sample_days == (
        date(2026, 11, 30),
        date(2026, 11, 16),
        date(2026, 11, 9),
        date(2026, 11, 2),
    )  # 11-23 is a holiday: skipped
    with history_db.uow.read() as s:
        total = s.execute(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.office_id == "sogo", Ticket.service_day.in_(learned.sample_days))
        ).scalar_one()
    assert sum(learned.rates.values()) == pytest.approx(total / 4)
    assert max(learned.rates, key=lambda h: learned.rates[h]) in (10, 11)
    assert 8 < learned.mean_service < 16
    report = sim.run("sogo", date(2026, 12, 7), counters=5, replications=50)
    assert report.result.counters == 5
    assert report.recommended is not None
    assert report.recommended_result is not None
    assert report.recommended_result.worst_p90 <= report.target_p90


def test_simulate_cli(history_db, sqlite_url, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from queue_app.cli import main

    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    code = main(
        ["simulate", "--office", "sogo", "--counters", "4", "--date", "2026-12-07", "--json"]
    )
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert data["simulation"]["counters"] == 4
    assert data["smallest_counters"] >= 1
    assert [h["hour"] for h in data["simulation"]["hours"]][0] == 8
    assert main(["simulate", "--office", "sogo", "--counters", "4", "--date", "2026-12-07"]) == 0
    text = capsys.readouterr().out
    assert "Erlang C" in text and "最少の窓口数" in text
    # a closed day and an office without history are clear errors, not tracebacks
    assert main(["simulate", "--office", "sogo", "--date", "2026-12-06"]) == 2
    assert "受付していません" in capsys.readouterr().err
    assert main(["simulate", "--office", "station", "--date", "2026-12-07", "--lang", "en"]) == 2
    assert "no tickets" in capsys.readouterr().err
