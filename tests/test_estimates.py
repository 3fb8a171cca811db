"""Honest wait estimates (issue 11, "On the TV"): pure domain properties.

The TV showed 「12人 約2分 空いています」 after a few quick finishes while the oldest visitor
had waited 55 minutes. The estimate never falls below what the waiting people have already
waited nor below what the configured minutes imply with few samples, a procedure is never
"quiet" while anyone waits past the target, and a wait of 0 has one wording.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_app.domain.config import Congestion
from queue_app.domain.estimates import (
    PRIOR_SAMPLES,
    CongestionLevel,
    congestion,
    estimate_wait,
    minutes_per_person,
)
from queue_app.i18n import Translator

durations = st.lists(st.floats(min_value=0, max_value=120), max_size=50)
configured = st.integers(min_value=1, max_value=60)


def test_the_reported_monday() -> None:
    """12 waiting, 3 quick finishes of 30 s, 15 configured minutes, oldest waited 55 min."""
    per_person = minutes_per_person([0.5, 0.5, 0.5], 15)
    assert per_person > 9  # three samples barely move the configured 15 minutes
    est = estimate_wait(12, 2, per_person, waited_floor=55)
    assert est.minutes >= 55
    level = congestion(est.minutes, Congestion(), oldest_wait=55, target_minutes=30)
    assert level is CongestionLevel.CROWDED


def test_no_history_is_the_configured_value_and_many_samples_win() -> None:
    assert minutes_per_person([], 15) == 15.0
    assert abs(minutes_per_person([4.0] * 1000, 15) - 4.0) < 0.2


@settings(max_examples=300, deadline=None)
@given(durations, configured)
def test_few_samples_shrink_toward_configured(samples: list[float], conf: int) -> None:
    value = minutes_per_person(samples, conf)
    n = len(samples)
    share = PRIOR_SAMPLES / (n + PRIOR_SAMPLES)
    assert value >= conf * share - 1e-9  # never below what the configured minutes imply
    low, high = min([*samples, conf]), max([*samples, conf])
    assert low - 1e-9 <= value <= high + 1e-9


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=0, max_value=10),
    st.floats(min_value=0, max_value=60),
    st.floats(min_value=0, max_value=600),
)
def test_estimate_floors(ahead: int, counters: int, per_person: float, floor: float) -> None:
    est = estimate_wait(ahead, counters, per_person, waited_floor=floor)
    if ahead == 0:
        assert est.minutes == 0
    else:
        assert est.minutes >= 1  # never "0 minutes" while someone is ahead
        assert est.minutes >= floor - 1e-9
        assert est.minutes >= ahead / max(1, counters) * per_person - 1e-6


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=300),
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_never_quiet_past_the_target(
    minutes: int, oldest: float, target: int, moderate: int, extra: int
) -> None:
    thresholds = Congestion(moderate_minutes=moderate, crowded_minutes=moderate + extra)
    level = congestion(minutes, thresholds, oldest_wait=oldest, target_minutes=target)
    if oldest > target:
        assert level is not CongestionLevel.QUIET
    if max(minutes, oldest) >= thresholds.crowded_minutes:
        assert level is CongestionLevel.CROWDED


def test_one_wording_for_no_wait() -> None:
    ja, en = Translator("ja"), Translator("en")
    assert ja.wait(0) == "待ちなし" and en.wait(0) == "no wait"
    assert ja.wait(12) == "約12分" and en.wait(12) == "~12 min"
    assert "約0分" not in ja.wait(0) and "すぐ" not in ja.wait(0)
