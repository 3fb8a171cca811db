"""Wait estimates and congestion levels, shared by tickets, the display and the reports.

The estimate is deliberately simple so a clerk can explain it: people ahead divided by the
counters that handle the service, times the recent median service time (falling back to
the configured typical minutes when there is no recent history).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from queue_app.domain.config import Congestion


class CongestionLevel(StrEnum):
    QUIET = "quiet"  # 空いています
    MODERATE = "moderate"  # やや混雑
    CROWDED = "crowded"  # 混雑


@dataclass(frozen=True)
class WaitEstimate:
    people_ahead: int
    counters: int
    minutes_per_person: float
    minutes: int


def minutes_per_person(
    recent_durations_min: list[float], configured: float, minimum_samples: int = 3
) -> float:
    if len(recent_durations_min) >= minimum_samples:
        return float(median(recent_durations_min))
    return float(configured)


def estimate_wait(people_ahead: int, counters: int, per_person: float) -> WaitEstimate:
    counters = max(1, counters)
    minutes = math.ceil(people_ahead / counters * per_person) if people_ahead > 0 else 0
    return WaitEstimate(people_ahead, counters, per_person, minutes)


def congestion(minutes: int, thresholds: Congestion) -> CongestionLevel:
    if minutes >= thresholds.crowded_minutes:
        return CongestionLevel.CROWDED
    if minutes >= thresholds.moderate_minutes:
        return CongestionLevel.MODERATE
    return CongestionLevel.QUIET
