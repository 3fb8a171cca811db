"""The demand the demo history draws its arrivals from: the truth the forecast should find.

It has exactly the shape of the arrivals forecast (`queue_app.domain.forecast`):
per office and procedure a base number of visitors on an ordinary day, multiplied by a
weekday, month, after-closure, after-notice and end-of-month factor, spread over the
half-hours by one profile. So a backtest on the demo data measures how well the factors
are recovered from noisy history, and `bench/forecast_backtest.py` can compare the fitted
table with this one.

The numbers are set so the demo looks like docs/rules.md#crowding at 総合窓口課 with all five
counters open: ordinary days quiet (mean wait under 15 minutes), Mondays and the days
after holidays or notices busy, and a Monday in a notice week 30-60 minutes; a morning
peak that the afternoon works off, and a small rush before reception ends at 17:15.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from queue_app.domain.forecast import ServiceModel

# relative arrivals per half-hour (mass of the slot; 17:00 is the 15-minute 17:00-17:15)
HALF_HOURS: tuple[tuple[int, float], ...] = (
    (510, 0.9),  # 08:30
    (540, 1.3),
    (570, 1.6),
    (600, 1.9),
    (630, 2.0),
    (660, 2.0),
    (690, 1.8),
    (720, 1.2),  # 12:00
    (750, 1.0),
    (780, 0.9),
    (810, 0.8),
    (840, 0.7),
    (870, 0.65),
    (900, 0.6),
    (930, 0.6),
    (960, 0.65),
    (990, 0.8),
    (1020, 1.0),  # 17:00-17:15: the rush before reception ends (per minute, the day's peak)
)


@dataclass(frozen=True)
class OfficeDemand:
    """Visitors of an office on an ordinary day (all factors 1) and what they come for."""

    daily: float
    mix: tuple[tuple[str, float], ...]
    weekday: tuple[float, ...] = (1.25, 1.0, 0.95, 0.95, 1.05, 1.0, 1.0)


@dataclass(frozen=True)
class DemandPattern:
    offices: Mapping[str, OfficeDemand] = field(
        default_factory=lambda: {
            "sogo": OfficeDemand(
                130,
                (
                    ("certificate", 0.42),
                    ("ecert", 0.21),
                    ("moving", 0.13),
                    ("card_pickup", 0.12),
                    ("other", 0.12),
                ),
            ),
            "yanasegawa": OfficeDemand(
                55,
                (("certificate", 0.50), ("ecert", 0.30), ("card_pickup", 0.10), ("other", 0.10)),
            ),
            "station": OfficeDemand(
                48,
                (("certificate", 0.60), ("ecert", 0.28), ("other", 0.12)),
                weekday=(1.0, 1.0, 1.0, 1.0, 1.05, 1.5, 1.3),
            ),
        }
    )
    half_hours: tuple[tuple[int, float], ...] = HALF_HOURS
    # procedure -> month -> factor (moving in and out peaks in March and April)
    month: Mapping[str, Mapping[int, float]] = field(
        default_factory=lambda: {"moving": {3: 1.5, 4: 1.3}}
    )
    after_closure: Mapping[str, float] = field(
        default_factory=lambda: {"holiday": 1.3, "year_end": 1.3}
    )
    # procedure -> days-since-delivery bucket -> factor
    notice: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: {"ecert": {"0-2": 1.8, "3-6": 1.4, "7-13": 1.1}}
    )
    end_of_month: Mapping[str, float] = field(default_factory=lambda: {"moving": 1.4})
    per_counter: float = 30.0  # offices without a line above: visitors per counter a day

    def models(
        self, office_id: str, services: Sequence[str], counters: int
    ) -> dict[str, ServiceModel]:
        """The true factors of one office, as forecast models (one per procedure)."""
        office = self.offices.get(office_id)
        if office is None:
            share = 1.0 / max(1, len(services))
            office = OfficeDemand(self.per_counter * counters, tuple((s, share) for s in services))
        total = sum(w for _m, w in self.half_hours)
        profile = {m: w / total for m, w in self.half_hours}
        out: dict[str, ServiceModel] = {}
        for sid, share in office.mix:
            if sid not in services:
                continue
            factors = {
                "weekday": {str(i): f for i, f in enumerate(office.weekday)},
                "month": {str(m): f for m, f in self.month.get(sid, {}).items()},
                "after_closure": dict(self.after_closure),
                "notice": dict(self.notice.get(sid, {})),
                "end_of_month": {"last3": self.end_of_month[sid]}
                if sid in self.end_of_month
                else {},
            }
            out[sid] = ServiceModel(sid, office.daily * share, factors, {}, profile, 0)
        return out


__all__ = ["DemandPattern", "HALF_HOURS", "OfficeDemand"]
