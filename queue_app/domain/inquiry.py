"""Document inquiry (文書照会) cases and second-visit slots. Pure: no I/O, no clock.

A case is opened when a visit ends in a document inquiry (an agent without the answer form,
a guardian without photo ID, a PIN reset). The city mails the inquiry; the person fills in
the answer and the agent comes back with it, ideally on a booked appointment.

```
opened --mail--> mailed --book--> booked --complete--> completed
  |                |  ^             |  \\
  |                |  +--unbook-----+   +--expire--> expired (deadline passed)
  +---cancel-------+----cancel------+--> cancelled
mailed --complete--> completed (a second visit without appointment)
mailed --expire--> expired
```

Which days count:

* **Validity: calendar days.** The answer is valid until ``mailed_on + answer_valid_days``
  (that day included). The mailed form states this as a date, and a date on paper cannot
  depend on which office the person will choose or on closures announced later, so the
  count runs over every calendar day. A deadline that falls on a closed day is *not*
  extended: the last bookable day is the last open day on or before it.
* **Earliest second visit: calendar days for the post, then open days for booking.** The
  post takes ``postal_lead_days`` calendar days (mail travels on weekends too); the day
  reached is then moved to the chosen office's next day open *for the inquiry service*
  (an office open but with the service closed, e.g. the station's maintenance Sunday, does
  not count).
* **Booking: open days only.** A slot is offered only on a day the office and the service
  are open, from the reception hours in force that day minus the configured breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from queue_app.domain.calendar import DayStatus, OfficeCalendar
from queue_app.domain.config import InquirySettings, TimeRange
from queue_app.domain.errors import DomainError, InputError


class CaseState(StrEnum):
    OPENED = "opened"
    MAILED = "mailed"
    BOOKED = "booked"
    COMPLETED = "completed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class CaseAction(StrEnum):
    MAIL = "mail"
    BOOK = "book"
    UNBOOK = "unbook"  # appointment cancelled or missed: back to "needs an appointment"
    COMPLETE = "complete"
    EXPIRE = "expire"
    CANCEL = "cancel"


class AppointmentState(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class InquiryReason(StrEnum):
    """Why the city mails an inquiry (docs/rules.md#document-inquiry); stored on the case."""

    AGENT_FIRST = "agent_first"
    PIN_RESET = "pin_reset"
    GUARDIAN_NO_PHOTO_ID = "guardian_no_photo_id"
    OTHER = "other"


OP, ML, BK, CP, EX, CX = (
    CaseState.OPENED,
    CaseState.MAILED,
    CaseState.BOOKED,
    CaseState.COMPLETED,
    CaseState.EXPIRED,
    CaseState.CANCELLED,
)

CASE_TRANSITIONS: dict[tuple[CaseState, CaseAction], CaseState] = {
    (OP, CaseAction.MAIL): ML,
    (ML, CaseAction.MAIL): ML,  # a corrected mailing date, while nothing is booked
    (ML, CaseAction.BOOK): BK,
    (BK, CaseAction.UNBOOK): ML,
    (BK, CaseAction.COMPLETE): CP,
    (ML, CaseAction.COMPLETE): CP,
    (ML, CaseAction.EXPIRE): EX,
    (BK, CaseAction.EXPIRE): EX,
    (OP, CaseAction.CANCEL): CX,
    (ML, CaseAction.CANCEL): CX,
    (BK, CaseAction.CANCEL): CX,
}

OPEN_STATES = frozenset({OP, ML, BK})
CLOSED_STATES = frozenset({CP, EX, CX})


def next_case_state(state: str | CaseState, action: str | CaseAction) -> CaseState:
    current = CaseState(state)
    act = CaseAction(action)
    try:
        return CASE_TRANSITIONS[(current, act)]
    except KeyError:
        raise DomainError("inq.err.illegal_case", state=current.value, action=act.value) from None


def is_past_deadline(state: str, deadline: date | None, today: date) -> bool:
    """A mailed or booked case whose answer deadline has passed is expired, whether or not a
    sweep (`madoguchi purge`, a terminal's start-up) has written that down yet: reads and
    actions judge it by this, so expiry never waits for a reception to start."""
    return (
        deadline is not None
        and deadline < today
        and state in (CaseState.MAILED.value, CaseState.BOOKED.value)
    )


def effective_state(state: str, deadline: date | None, today: date) -> str:
    """The state a case is in today: `expired` once past its deadline (see above)."""
    return CaseState.EXPIRED.value if is_past_deadline(state, deadline, today) else state


def from_states(action: CaseAction) -> tuple[str, ...]:
    """The states from which `action` is legal (for conditional updates)."""
    return tuple(s.value for (s, a) in CASE_TRANSITIONS if a is action)


def normalize_reason(value: str) -> InquiryReason:
    """Accept `pin_reset` as well as the assessment's key `assess.inquiry.pin_reset`."""
    text = value.strip().lower().rsplit(".", 1)[-1]
    try:
        return InquiryReason(text)
    except ValueError:
        raise InputError(
            "inq.err.reason", value=value, known=", ".join(r.value for r in InquiryReason)
        ) from None


_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb\u3000 ]+$")
_PHONE = re.compile(r"^[0-9+\-() ]+$")


def check_name_kana(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    if len(text) > 64 or not _KANA.match(text):
        raise InputError("inq.err.name_kana", value=value)
    return text


def check_phone(value: str | None) -> str | None:
    """A phone number; a 12-digit number is refused: it looks like a 個人番号."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    if len(text) > 20 or not _PHONE.match(text) or not 6 <= len(digits) <= 11:
        if len(digits) == 12:
            raise InputError("inq.err.phone_my_number")
        raise InputError("inq.err.phone", value=value)
    return text


# -- dates -------------------------------------------------------------------------------


def answer_deadline(mailed_on: date, settings: InquirySettings) -> date:
    """The last day the answer form is valid: calendar days, as printed on the form."""
    return mailed_on + timedelta(days=settings.answer_valid_days)


def earliest_visit(
    calendar: OfficeCalendar,
    office_id: str,
    service_id: str,
    mailed_on: date,
    settings: InquirySettings,
) -> date | None:
    """Mailed date + postal lead (calendar days), moved to the next day the service is open."""
    reached = mailed_on + timedelta(days=settings.postal_lead_days)
    return calendar.next_open_day(office_id, reached, service_id, include_start=True)


def days_left(deadline: date | None, today: date) -> int | None:
    return None if deadline is None else (deadline - today).days


@dataclass(frozen=True)
class BookingWindow:
    """The days on which a second visit may be booked for one case at one office."""

    office_id: str
    service_id: str
    first: date | None  # earliest possible visit (None: nothing open before the deadline)
    deadline: date
    days: tuple[date, ...]  # the open days from max(first, today) to the deadline

    def contains(self, day: date) -> bool:
        return day in self.days


def booking_window(
    calendar: OfficeCalendar,
    office_id: str,
    service_id: str,
    mailed_on: date,
    settings: InquirySettings,
    today: date,
) -> BookingWindow:
    deadline = answer_deadline(mailed_on, settings)
    first = earliest_visit(calendar, office_id, service_id, mailed_on, settings)
    if first is not None and first > deadline:
        first = None
    days: list[date] = []
    if first is not None:
        start = max(first, today)
        days = calendar.open_days_between(office_id, start, deadline, service_id)
    return BookingWindow(office_id, service_id, first, deadline, tuple(days))


# -- slots -------------------------------------------------------------------------------


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_hhmm(value: str, flag: str = "--time") -> int:
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*$", value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InputError("inq.err.time", flag=flag, value=value)
    return int(match.group(1)) * 60 + int(match.group(2))


class MinuteSpan:
    """`start` and `end` as HH:MM of a value with `start_minute` and `end_minute` (minutes
    after local midnight): slots, their views and appointments."""

    start_minute: int
    end_minute: int

    @property
    def start(self) -> str:
        return hhmm(self.start_minute)

    @property
    def end(self) -> str:
        return hhmm(self.end_minute)


@dataclass(frozen=True)
class Slot(MinuteSpan):
    day: date
    start_minute: int
    end_minute: int
    seats: int


def _subtract(
    intervals: Iterable[tuple[int, int]], cuts: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    result = list(intervals)
    for cut_start, cut_end in cuts:
        pieces: list[tuple[int, int]] = []
        for start, end in result:
            if cut_end <= start or cut_start >= end:
                pieces.append((start, end))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if cut_end < end:
                pieces.append((cut_end, end))
        result = pieces
    return result


def slots_in_hours(
    day: date,
    hours: Iterable[TimeRange],
    breaks: Iterable[TimeRange],
    slot_minutes: int,
    seats: int,
) -> list[Slot]:
    """Reception hours minus breaks, tiled from the start of each free stretch.

    A slot never ends after its stretch ends, so never after reception ends and never
    inside a break.
    """
    if slot_minutes <= 0 or seats <= 0:
        return []
    free = _subtract(
        [(minute_of(r.start), minute_of(r.end)) for r in hours],
        [(minute_of(b.start), minute_of(b.end)) for b in breaks],
    )
    slots: list[Slot] = []
    for start, end in sorted(free):
        at = start
        while at + slot_minutes <= end:
            slots.append(Slot(day, at, at + slot_minutes, seats))
            at += slot_minutes
    return slots


def day_slots(status: DayStatus, settings: InquirySettings) -> list[Slot]:
    """The slots of one day; none when the day (office or service) is closed."""
    if not status.open:
        return []
    return slots_in_hours(
        status.day, status.hours, settings.breaks, settings.slot_minutes, settings.seats_per_slot
    )


def offered_slots(
    calendar: OfficeCalendar,
    office_id: str,
    service_id: str,
    day: date,
    window: BookingWindow,
    settings: InquirySettings,
    now_minute: int | None = None,
) -> list[Slot]:
    """Slots that may be offered on `day` (seat counts aside): inside the window, open day,
    and when `now_minute` is given (the day is today) only slots that have not started."""
    if not window.contains(day):
        return []
    slots = day_slots(calendar.day(office_id, day, service_id), settings)
    if now_minute is not None:
        slots = [s for s in slots if s.start_minute > now_minute]
    return slots


def find_slot(slots: Iterable[Slot], start_minute: int) -> Slot | None:
    for slot in slots:
        if slot.start_minute == start_minute:
            return slot
    return None


def month_days(year: int, month: int) -> Iterator[date]:
    day = date(year, month, 1)
    while day.month == month:
        yield day
        day += timedelta(days=1)


# -- appointment codes -------------------------------------------------------------------

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed
CODE_PREFIX = "R-"
CODE_LENGTH = 4


def make_code(random_index: Iterable[int]) -> str:
    """`R-7K2Q` from four random indexes (the caller supplies the randomness)."""
    chars = [CODE_ALPHABET[i % len(CODE_ALPHABET)] for i in random_index]
    return CODE_PREFIX + "".join(chars[:CODE_LENGTH])


def normalize_code(value: str) -> str | None:
    """`r7k2q`, `R-7K2Q`, ` R 7K2Q ` all mean `R-7K2Q`; None when it cannot be a code."""
    text = re.sub(r"[\s\-]", "", value.strip().upper())
    if len(text) == CODE_LENGTH + 1 and text.startswith("R"):
        text = text[1:]
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return None
    return CODE_PREFIX + text
