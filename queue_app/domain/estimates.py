"""Wait estimates and congestion levels, shared by tickets, the display and the reports.

The estimate stays simple enough for a clerk to explain, and honest (issue 11: after a few
quick finishes a TV showed 「12人 約2分 空いています」 while the oldest had waited 55 minutes):

- **Minutes per person** is the median of recent visits *shrunk toward the configured typical
  minutes by sample count*: ``(n · median + k · configured) / (n + k)`` with ``k =
  PRIOR_SAMPLES``. No history gives the configured minutes; three quick visits move it only a
  little; fifty recent visits speak for themselves.
- **The wait** is people ahead ÷ counters × minutes per person, but never less than what the
  people already waiting have waited (in a queue served in order, a newcomer waits about as
  long as the one at the head has) and never 0 while someone is ahead (at least 1 minute).
- **Congestion** is judged on the larger of the estimate and the oldest wait, and is never
  空いています (quiet) while anyone has waited past the target.
- A wait of 0 means nobody is ahead: one wording everywhere (`wait_key`, kept with the
  catalogue in `queue_app.i18n`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from queue_app.domain.config import Congestion
from queue_app.i18n import wait_key as wait_key  # the one wording of a wait

PRIOR_SAMPLES = 5  # the configured minutes count as this many visits


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
    recent_durations_min: list[float], configured: float, prior_samples: int = PRIOR_SAMPLES
) -> float:
    """The recent median shrunk toward the configured minutes by sample count."""
    samples = [d for d in recent_durations_min if d >= 0]
    if not samples:
        return float(configured)
    n = len(samples)
    return (n * float(median(samples)) + prior_samples * float(configured)) / (n + prior_samples)


def estimate_wait(
    people_ahead: int, counters: int, per_person: float, waited_floor: float = 0.0
) -> WaitEstimate:
    """`waited_floor`: minutes the ones ahead have already waited (the estimate's floor)."""
    counters = max(1, counters)
    if people_ahead <= 0:
        minutes = 0
    else:
        by_rate = math.ceil(people_ahead / counters * per_person - 1e-9)
        minutes = max(1, by_rate, math.ceil(max(0.0, waited_floor) - 1e-9))
    return WaitEstimate(people_ahead, counters, per_person, minutes)


def congestion(
    minutes: int,
    thresholds: Congestion,
    oldest_wait: float = 0.0,
    target_minutes: int | None = None,
) -> CongestionLevel:
    """The level of the larger of the estimate and the oldest wait; never quiet while
    someone has waited longer than `target_minutes`."""
    worst = max(float(minutes), oldest_wait)
    if worst >= thresholds.crowded_minutes:
        return CongestionLevel.CROWDED
    if worst >= thresholds.moderate_minutes:
        return CongestionLevel.MODERATE
    if target_minutes is not None and oldest_wait > target_minutes:
        return CongestionLevel.MODERATE
    return CongestionLevel.QUIET
