"""Each procedure's queue at an office right now: how many wait, the estimate, the level.

What the board, the reception's list and the web's pages show per procedure. It reads
through a `Reader` (`board_reads.py`), so the display process computes it on the bare
driver and the services on their session, with the same statements and the same rules
(`domain/estimates.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config import Config
from queue_app.domain.estimates import congestion, estimate_wait, minutes_per_person
from queue_app.services.board_reads import Reader, recent_durations, waiting_now
from queue_app.services.epoch import from_ms, to_ms
from queue_app.services.views import ServiceQueue

RECENT_LIMIT = 50  # finished visits a minutes-per-person estimate looks at (most recent)


def counters_for(config: Config, office_id: str, service_id: str) -> int:
    """Counters of the office that serve the procedure."""
    return sum(1 for c in config.office(office_id).counters if service_id in c.services)


def estimate_window(
    config: Config, calendar: OfficeCalendar, office_id: str, now_ms: int
) -> tuple[int, date]:
    """The estimate window's first moment and the first service day it looks at (a visit
    finished in the window was issued that day or, if left overnight, the day before)."""
    since_ms = now_ms - config.settings.estimate_window_minutes * 60_000
    since = from_ms(since_ms)
    assert since is not None
    return since_ms, calendar.service_day(office_id, since) - timedelta(days=1)


def minutes_from(config: Config, durations_ms: Sequence[int | None], service_id: str) -> float:
    """Minutes per person from the recent visits' durations (ms; newest first), shrunk
    toward the configured minutes while there are few."""
    durations = [d / 60_000 for d in durations_ms if d is not None and d >= 0]
    return minutes_per_person(durations, config.services[service_id].minutes)


def per_person_minutes(
    reader: Reader,
    config: Config,
    calendar: OfficeCalendar,
    office_id: str,
    service_id: str,
    now_ms: int,
) -> float:
    # a bound on the service day lets the (office, day, state) index find the recent
    # visits instead of scanning the office's whole history
    since_ms, first_day = estimate_window(config, calendar, office_id, now_ms)
    durations = recent_durations(
        reader, office_id, service_id, first_day, since_ms, now_ms, RECENT_LIMIT
    )
    return minutes_from(config, durations, service_id)


def oldest_waits(
    calendar: OfficeCalendar,
    office_id: str,
    day: date,
    now_ms: int,
    waiting: dict[str, tuple[int, int | None]],
) -> dict[str, float]:
    """Minutes the longest-waiting ticket of each service has waited so far (counted from
    reception start when it was taken before opening)."""
    start = calendar.reception_start(office_id, day)
    opened_ms = to_ms(start) if start is not None else 0
    return {
        sid: max(0.0, (now_ms - max(first, opened_ms)) / 60_000)
        for sid, (_n, first) in waiting.items()
        if first is not None
    }


def service_queues(
    reader: Reader, config: Config, calendar: OfficeCalendar, office_id: str, now: datetime
) -> list[ServiceQueue]:
    """Waiting count, estimate and congestion level per service of an office."""
    office = config.office(office_id)
    day = calendar.service_day(office_id, now)
    now_ms = to_ms(now)
    waiting = waiting_now(reader, office_id, day)
    oldest = oldest_waits(calendar, office_id, day, now_ms, waiting)
    settings = config.settings
    queues = []
    for sid in office.services:
        count = waiting.get(sid, (0, None))[0]
        waited = oldest.get(sid, 0.0)
        per_person = per_person_minutes(reader, config, calendar, office_id, sid, now_ms)
        est = estimate_wait(count, counters_for(config, office_id, sid), per_person, waited)
        level = congestion(
            est.minutes,
            settings.congestion,
            oldest_wait=waited,
            target_minutes=settings.target_wait_minutes,
        )
        queues.append(ServiceQueue(sid, count, est.minutes, level.value))
    return queues
