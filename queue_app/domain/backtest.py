"""How accurate is an arrivals forecast? Train on all but the last weeks, forecast those.

Three forecasters are compared on the same held-out weeks, each given only the training
days:

- `seasonal_naive`: the same weekday of the last training week (the most recent open day
  with that weekday), copied half-hour by half-hour;
- `weekday_mean`: the forecast `madoguchi simulate` has always used: the mean of the last 8
  open days with the same weekday;
- `factors`: the fitted multiplicative model of `queue_app.domain.forecast`.

Errors are of the office's total arrivals: per day (one value per open test day) and per
half-hour (one value per open half-hour of a test day). MAE is the mean absolute error in
visitors; MAPE the mean of |forecast - actual| / actual over the values whose actual is not
0 (a half-hour nobody came in has no percentage error; those still count in the MAE).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from queue_app.domain.forecast import Counts, DayInfo, fit

Prediction = Mapping[str, Mapping[int, float]]  # service -> slot -> arrivals
Predictor = Callable[[DayInfo], Prediction]
Trainer = Callable[[Sequence[DayInfo], Counts, Sequence[str]], Predictor]

SAME_WEEKDAYS = 8


def _by_day(counts: Counts) -> dict[date, dict[str, dict[int, float]]]:
    out: dict[date, dict[str, dict[int, float]]] = {}
    for (d, sid, m), n in counts.items():
        cell = out.setdefault(d, {}).setdefault(sid, {})
        cell[m] = cell.get(m, 0.0) + n
    return out


def seasonal_naive(days: Sequence[DayInfo], counts: Counts, services: Sequence[str]) -> Predictor:
    grid = _by_day(counts)
    latest: dict[int, date] = {}
    for info in days:
        latest[info.day.weekday()] = info.day

    def predict(info: DayInfo) -> Prediction:
        src = latest.get(info.day.weekday())
        seen = grid.get(src, {}) if src else {}
        return {
            sid: {m: seen.get(sid, {}).get(m, 0.0) for m in info.slots}
            for sid in services
            if sid in info.services
        }

    return predict


def weekday_mean(days: Sequence[DayInfo], counts: Counts, services: Sequence[str]) -> Predictor:
    grid = _by_day(counts)
    recent: dict[int, list[date]] = {}
    for info in reversed(days):
        wd = recent.setdefault(info.day.weekday(), [])
        if len(wd) < SAME_WEEKDAYS:
            wd.append(info.day)

    def predict(info: DayInfo) -> Prediction:
        src = recent.get(info.day.weekday(), [])
        out: dict[str, dict[int, float]] = {}
        for sid in services:
            if sid not in info.services:
                continue
            out[sid] = {
                m: sum(grid.get(d, {}).get(sid, {}).get(m, 0.0) for d in src) / len(src)
                if src
                else 0.0
                for m in info.slots
            }
        return out

    return predict


def factors(days: Sequence[DayInfo], counts: Counts, services: Sequence[str]) -> Predictor:
    model = fit(days, counts, services)
    return model.expected


FORECASTERS: tuple[tuple[str, Trainer], ...] = (
    ("seasonal_naive", seasonal_naive),
    ("weekday_mean", weekday_mean),
    ("factors", factors),
)


@dataclass(frozen=True)
class Accuracy:
    name: str
    day_mae: float
    day_mape: float | None
    slot_mae: float
    slot_mape: float | None
    days: int
    slots: int

    def to_json(self) -> dict[str, object]:
        return {
            "forecaster": self.name,
            "day_mae": round(self.day_mae, 2),
            "day_mape": None if self.day_mape is None else round(self.day_mape, 4),
            "half_hour_mae": round(self.slot_mae, 3),
            "half_hour_mape": None if self.slot_mape is None else round(self.slot_mape, 4),
            "days": self.days,
            "half_hours": self.slots,
        }


@dataclass(frozen=True)
class Backtest:
    train_start: date
    train_end: date
    test_start: date
    test_end: date
    results: tuple[Accuracy, ...]

    def get(self, name: str) -> Accuracy:
        for r in self.results:
            if r.name == name:
                return r
        raise KeyError(name)

    def to_json(self) -> dict[str, object]:
        return {
            "train": [self.train_start.isoformat(), self.train_end.isoformat()],
            "test": [self.test_start.isoformat(), self.test_end.isoformat()],
            "results": [r.to_json() for r in self.results],
        }


def _mape(pairs: Sequence[tuple[float, float]]) -> float | None:
    kept = [abs(f - a) / a for f, a in pairs if a > 0]
    return sum(kept) / len(kept) if kept else None


def accuracy(name: str, predict: Predictor, test: Sequence[DayInfo], actual: Counts) -> Accuracy:
    grid = _by_day(actual)
    day_pairs: list[tuple[float, float]] = []
    slot_pairs: list[tuple[float, float]] = []
    for info in test:
        pred = predict(info)
        seen = grid.get(info.day, {})
        day_f = day_a = 0.0
        for m in info.slots:
            f = sum(p.get(m, 0.0) for p in pred.values())
            a = sum(s.get(m, 0.0) for s in seen.values())
            slot_pairs.append((f, a))
            day_f, day_a = day_f + f, day_a + a
        day_pairs.append((day_f, day_a))
    return Accuracy(
        name,
        sum(abs(f - a) for f, a in day_pairs) / len(day_pairs) if day_pairs else 0.0,
        _mape(day_pairs),
        sum(abs(f - a) for f, a in slot_pairs) / len(slot_pairs) if slot_pairs else 0.0,
        _mape(slot_pairs),
        len(day_pairs),
        len(slot_pairs),
    )


def split(days: Sequence[DayInfo], test_weeks: int) -> tuple[list[DayInfo], list[DayInfo]]:
    """Training days and the open days of the last `test_weeks` weeks of `days`."""
    if not days:
        return [], []
    cut = days[-1].day - timedelta(days=7 * test_weeks - 1)
    return [d for d in days if d.day < cut], [d for d in days if d.day >= cut]


def backtest(
    days: Sequence[DayInfo],
    counts: Counts,
    services: Sequence[str],
    test_weeks: int = 4,
    forecasters: Sequence[tuple[str, Trainer]] = FORECASTERS,
) -> Backtest:
    """Train every forecaster on all but the last `test_weeks` weeks and score it on those."""
    train, test = split(days, test_weeks)
    if not train or not test:
        raise ValueError("not enough history for a backtest")
    train_set = {d.day for d in train}
    train_counts = {k: v for k, v in counts.items() if k[0] in train_set}
    results = tuple(
        accuracy(name, trainer(train, train_counts, services), test, counts)
        for name, trainer in forecasters
    )
    return Backtest(train[0].day, train[-1].day, test[0].day, test[-1].day, results)


__all__ = [
    "Accuracy",
    "Backtest",
    "FORECASTERS",
    "accuracy",
    "backtest",
    "factors",
    "seasonal_naive",
    "split",
    "weekday_mean",
]
