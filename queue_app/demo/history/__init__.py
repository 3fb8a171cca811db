"""Realistic past days for the demo and the benchmarks, written straight into the database.

- `options.py`         the knobs (demand pattern, visit kinds, service times) and the result
- `draws.py`           random draws, appointment codes, notice dates
- `visitors.py`        one simulated visitor, one simulated inquiry case
- `arrivals.py`        who arrives when (Poisson per procedure and half-hour, at the
                       rate of `queue_app/demo/pattern.py`)
- `day.py`             one office-day: the counters simulated
- `inquiry_visits.py`  document inquiries: case, letter, slot, second visit, purge
- `writer.py`          the whole range, written with bulk Core inserts

`generate(engine, config, start, end, seed)` plays every open day of every office through a
small discrete-event simulation of its counters and writes the result with bulk Core
inserts (executemany in large batches, one transaction): `ticket`, `ticket_event`,
`daily_counter`, and the document-inquiry rows `inquiry_case`, `appointment`, `slot_load`.

What makes the days look like the crowding the rules describe (docs/rules.md#crowding):
- arrivals drawn from the forecast's own factor shape (`queue_app/demo/pattern.py`): a
  morning peak the afternoon works off and a rush in the 15 minutes before closing;
  Mondays, the first open day after a holiday or the year-end closure, the two weeks after
  expiry notices are delivered (e-certificates), the month's last days (moving), March and
  April (moving) are heavier;
- service times per service and visit kind (lognormal around the configured minutes);
- no-shows (called, recalled, then no-show), visitors who give up waiting, transfers;
- agents without the answer form and forgotten PINs end in a document inquiry, a mailed
  letter, a booked slot and a priority second visit some days later.

Invariants the reports rely on, kept by construction: tickets only on days the office and
the service are open (OfficeCalendar) and only within reception hours; numbers unique per
office, service and day; every wait non-negative (call after issue, start after call,
finish after start). Everything is deterministic for a given seed: each office-day draws
from its own random stream, so a longer range contains the same days as a shorter one.
"""

from __future__ import annotations

from queue_app.demo.history.draws import _lognormal, appointment_code, notice_dates
from queue_app.demo.history.options import DEMO_PLAN_RATE, GenerationResult, HistoryConfig
from queue_app.demo.history.writer import HistoryGenerator, generate

__all__ = [
    "DEMO_PLAN_RATE",
    "GenerationResult",
    "HistoryConfig",
    "HistoryGenerator",
    "_lognormal",
    "appointment_code",
    "generate",
    "notice_dates",
]
