"""Document inquiry cases, appointment slots, slips and check-in (文書照会・2回目来庁).

One module per use case, stacked into one `InquiryService` so callers keep writing
`services.inquiries.<method>`:

- `base.py`     constants, row lookups, the case view, the conditional case-state update
- `slots.py`    the booking window, free seats, the month view
- `booking.py`  book, cancel, reschedule an appointment; sweep no-shows
- `cases.py`    open, mail, complete, cancel, expire and list cases
- `slips.py`    the slip: signed token, text, printed files
- `checkin.py`  check-in on the day → priority ticket
- `purge.py`    purge personal fields, start-up maintenance

Every state change is one transaction with a conditional UPDATE (`... WHERE state = old`),
so two terminals acting on the same case or appointment cannot both win. Booking a seat is
an `INSERT ... ON CONFLICT DO NOTHING` of the slot row followed by
`UPDATE slot_load SET booked = booked + 1 WHERE ... AND booked < seats`: the database, not
Python, decides who gets the last seat, on SQLite and on PostgreSQL alike.

Personal fields (name in kana, phone) are returned only by calls that say so
(`personal=True`), and each such read writes an audit entry in the same transaction.
"""

from __future__ import annotations

from queue_app.services.checks import checked_arguments
from queue_app.services.inquiries.base import (
    ACTIVE_APPOINTMENT,
    COMPLETING_OUTCOMES,
    DAY_MS,
    INQUIRY_DECISION,
    SYSTEM,
)
from queue_app.services.inquiries.purge import InquiryMaintenance, run_startup_maintenance


@checked_arguments  # ids in range and staff codes through the one validator
class InquiryService(InquiryMaintenance):
    """All inquiry use cases behind one name (see the module list above)."""


__all__ = [
    "ACTIVE_APPOINTMENT",
    "COMPLETING_OUTCOMES",
    "DAY_MS",
    "INQUIRY_DECISION",
    "SYSTEM",
    "InquiryService",
    "run_startup_maintenance",
]
