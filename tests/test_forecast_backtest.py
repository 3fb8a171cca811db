"""The arrivals forecast recovers a known pattern and beats seasonal-naive in a backtest.

History is drawn (Poisson, fixed seed) from a pattern we know: weekday factors, a
half-hour profile with the rush before closing, a heavier first day after a holiday and
after notices. Tolerances: every weekday factor within 8% of the truth, every half-hour
share within 0.01 (shares are ~0.03-0.09), the notice factor within 15%.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from queue_app.domain.backtest import backtest, seasonal_naive, split
from queue_app.domain.config import Config
from queue_app.domain.forecast import DayInfo, ServiceModel, describe_days, fit, notice_bucket

WEEKDAY = {0: 1.4, 1: 1.0, 2: 0.9, 3: 0.85, 4: 1.0}
SLOTS = tuple(510 + 30 * i for i in range(18))  # 08:30 .. 17:00 (the last is 17:00-17:15)
SHAPE = [0.6, 0.8, 1.0, 1.2, 1.3, 1.3, 1.0, 0.8, 0.9, 1.0, 1.0, 0.9, 0.9, 1.0, 1.1, 1.2, 1.4, 1.0]
PROFILE = {m: w / sum(SHAPE) for m, w in zip(SLOTS, SHAPE, strict=True)}
NOTICE = {"0-2": 1.8, "3-6": 1.4, "7-13": 1.1}
HOLIDAYS = {date(2026, 7, 20), date(2026, 9, 21), date(2026, 9, 22), date(2026, 10, 12)}


def _poisson(rng: random.Random, lam: float) -> int:
    k, p, limit = 0, rng.random(), math.exp(-lam)
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _days(start: date, weeks: int, deliveries: list[date]) -> list[DayInfo]:
    out = []
    for i in range(weeks * 7):
        d = start + timedelta(days=i)
        if d.weekday() >= 5 or d in HOLIDAYS:
            continue
        prev = d - timedelta(days=1)
        while prev.weekday() >= 5:
            prev -= timedelta(days=1)
        after = "holiday" if prev in HOLIDAYS else ""
        notice = notice_bucket(d, deliveries)
        out.append(DayInfo(d, SLOTS, frozenset({"ecert"}), after, notice))
    return out


def _truth(base: float) -> ServiceModel:
    return ServiceModel(
        "ecert",
        base,
        {
            "weekday": {str(k): v for k, v in WEEKDAY.items()},
            "after_closure": {"holiday": 1.5},
            "notice": NOTICE,
        },
        {},
        PROFILE,
        0,
    )


def _history(weeks: int = 20, base: float = 120.0, seed: int = 3):
    start = date(2026, 6, 29)  # a Monday
    deliveries = [date(2026, m, 7) for m in range(6, 12)]
    days = _days(start, weeks, deliveries)
    truth = _truth(base)
    rng = random.Random(seed)
    counts = {}
    for info in days:
        for m, lam in truth.slots(info).items():
            counts[(info.day, "ecert", m)] = float(_poisson(rng, lam))
    return days, counts


def test_fit_recovers_the_known_pattern() -> None:
    days, counts = _history()
    model = fit(days, counts, ["ecert"]).services["ecert"]
    mean_true = sum(WEEKDAY[d.day.weekday()] for d in days) / len(days)
    for wd, true in WEEKDAY.items():
        assert model.factors["weekday"][str(wd)] == pytest.approx(true / mean_true, rel=0.08)
    for m, share in PROFILE.items():
        assert model.profile[m] == pytest.approx(share, abs=0.01)
    assert model.factors["notice"]["0-2"] == pytest.approx(1.8, rel=0.15)
    assert model.factors["notice"]["3-6"] == pytest.approx(1.4, rel=0.15)
    assert model.factors["after_closure"]["holiday"] > 1.2  # truth 1.5, shrunk towards 1
    # the readable table holds the same numbers
    rows = {(r.feature, r.level): r.value for r in fit(days, counts, ["ecert"]).table()}
    assert rows[("weekday", "0")] == model.factors["weekday"]["0"]
    assert rows[("profile", "17:00")] == model.profile[1020]


def test_backtest_beats_seasonal_naive_and_the_weekday_mean() -> None:
    days, counts = _history()
    result = backtest(days, counts, ["ecert"], test_weeks=4)
    naive, mean, model = (
        result.get("seasonal_naive"),
        result.get("weekday_mean"),
        result.get("factors"),
    )
    assert model.days == naive.days == 20
    assert model.day_mae < naive.day_mae and model.day_mae < mean.day_mae
    assert model.slot_mae < naive.slot_mae and model.slot_mae < mean.slot_mae
    assert model.day_mape is not None and naive.day_mape is not None
    assert model.day_mape < naive.day_mape
    assert model.day_mape < 0.12  # Poisson noise alone is ~7% of a ~130-visitor day


def test_seasonal_naive_copies_last_weeks_same_weekday() -> None:
    days, counts = _history(weeks=6)
    train, test = split(days, 1)
    predict = seasonal_naive(train, counts, ["ecert"])
    monday = next(d for d in test if d.day.weekday() == 0)
    last_monday = max(d.day for d in train if d.day.weekday() == 0)
    assert predict(monday)["ecert"][540] == counts[(last_monday, "ecert", 540)]


def test_describe_days_marks_the_special_days(config: Config) -> None:
    from queue_app.domain.calendar import OfficeCalendar

    cal = OfficeCalendar(config)
    infos = {
        i.day: i
        for i in describe_days(
            cal, "sogo", date(2026, 9, 14), date(2027, 1, 8), deliveries=[date(2026, 12, 7)]
        )
    }
    assert date(2026, 9, 21) not in infos  # Respect for the Aged Day
    assert infos[date(2026, 9, 24)].after_closure == "holiday"  # after 9/21-9/23 holidays
    assert infos[date(2026, 12, 7)].after_closure == ""  # an ordinary Monday
    assert infos[date(2027, 1, 4)].after_closure == "year_end"
    assert infos[date(2026, 12, 8)].notice == "0-2"
    assert infos[date(2026, 12, 14)].notice == "7-13"
    assert [d for d, i in infos.items() if i.end_of_month and d.month == 11] == [
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 30),
    ]
    assert infos[date(2026, 12, 7)].slots[0] == 510 and infos[date(2026, 12, 7)].slots[-1] == 1020
