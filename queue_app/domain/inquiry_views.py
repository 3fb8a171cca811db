"""Frozen read models of the inquiry part (handed out by services/inquiries/), and the slip text.

No database import here: screens use these types without pulling in SQLAlchemy. Personal
fields (`name_kana`, `phone`) are filled only by the service calls that audit the read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from queue_app.domain.bring import bring_keys
from queue_app.domain.inquiry import MinuteSpan


@dataclass(frozen=True)
class AppointmentView(MinuteSpan):
    id: int
    code: str
    case_id: int
    office_id: str
    service_id: str
    day: date
    start_minute: int
    end_minute: int
    state: str
    booked_at: datetime
    checked_in_at: datetime | None
    ticket_id: int | None
    staff: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "code": self.code,
            "case_id": self.case_id,
            "office": self.office_id,
            "service": self.service_id,
            "date": self.day.isoformat(),
            "start": self.start,
            "end": self.end,
            "state": self.state,
            "booked_at": self.booked_at.isoformat(),
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "ticket_id": self.ticket_id,
            "staff": self.staff,
        }


@dataclass(frozen=True)
class CaseView:
    id: int
    office_id: str
    service_id: str
    ticket_id: int | None
    visit_kind: str
    reason: str
    state: str
    opened_at: datetime
    mailed_on: date | None
    deadline: date | None
    closed_at: datetime | None
    purged: bool
    staff: str | None
    days_left: int | None  # deadline - today, calendar days; None before mailing
    overdue: bool
    has_personal: bool  # a name or phone is stored (not shown unless read with audit)
    appointment: AppointmentView | None = None  # the active (booked/checked-in) one
    name_kana: str | None = None
    phone: str | None = None
    personal_read: bool = False  # True when name/phone were read (and audited)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id,
            "office": self.office_id,
            "service": self.service_id,
            "ticket_id": self.ticket_id,
            "visit_kind": self.visit_kind,
            "reason": self.reason,
            "state": self.state,
            "opened_at": self.opened_at.isoformat(),
            "mailed_on": self.mailed_on.isoformat() if self.mailed_on else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "purged": self.purged,
            "has_personal": self.has_personal,
            "appointment": self.appointment.to_json() if self.appointment else None,
        }
        if self.personal_read:
            data["name_kana"] = self.name_kana
            data["phone"] = self.phone
        return data


@dataclass(frozen=True)
class SlotView(MinuteSpan):
    day: date
    start_minute: int
    end_minute: int
    seats: int
    booked: int

    @property
    def free(self) -> int:
        return max(0, self.seats - self.booked)

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "start": self.start,
            "end": self.end,
            "seats": self.seats,
            "booked": self.booked,
            "free": self.free,
        }


@dataclass(frozen=True)
class DayInfo:
    """One day of the month calendar for a case at an office."""

    day: date
    open: bool
    bookable: bool  # open, inside the booking window, at least one slot not started
    free_seats: int
    total_seats: int
    reason_ja: str | None = None
    reason_en: str | None = None

    def reason(self, lang: str) -> str | None:
        return self.reason_en if lang == "en" else self.reason_ja

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "open": self.open,
            "bookable": self.bookable,
            "free_seats": self.free_seats,
            "total_seats": self.total_seats,
            "reason": self.reason(lang),
        }


@dataclass(frozen=True)
class MonthView:
    case_id: int
    office_id: str
    year: int
    month: int
    first: date | None  # earliest second visit at this office
    deadline: date
    days: tuple[DayInfo, ...]

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "office": self.office_id,
            "month": f"{self.year:04d}-{self.month:02d}",
            "earliest": self.first.isoformat() if self.first else None,
            "deadline": self.deadline.isoformat(),
            "days": [d.to_json(lang) for d in self.days],
        }


@dataclass(frozen=True)
class SlipView:
    appointment: AppointmentView
    token: str
    office_name_ja: str
    office_name_en: str
    location_ja: str
    location_en: str
    service_name_ja: str
    service_name_en: str
    deadline: date | None
    visit_kind: str = ""  # the case's: what to bring depends on who comes back
    reason: str = ""  # the case's inquiry reason (InquiryReason value)
    # what the QR encodes: `<public_url>/a/<token>` with `[web] public_url`, else the token
    qr_data: str = ""

    @property
    def qr(self) -> str:
        return self.qr_data or self.token

    def to_json(self) -> dict[str, object]:
        data = self.appointment.to_json()
        data["token"] = self.token
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["office_name"] = self.office_name_ja
        return data


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    case_ids: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"purged": self.purged, "case_ids": list(self.case_ids)}


@dataclass(frozen=True)
class MaintenanceResult:
    completed: int = 0
    expired: int = 0
    no_shows: int = 0
    purged: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {
            "completed": self.completed,
            "expired": self.expired,
            "no_shows": self.no_shows,
            "purged": self.purged,
            "errors": list(self.errors),
        }


WEEKDAY_JA = "月火水木金土日"
WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_label(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.isoformat()} ({WEEKDAY_EN[day.weekday()]})"
    return f"{day.year}年{day.month}月{day.day}日({WEEKDAY_JA[day.weekday()]})"


def slip_lines(slip: SlipView, tr: Callable[..., str]) -> list[str]:
    """The slip as plain text lines (the QR is drawn separately)."""
    lang = getattr(tr, "lang", "ja")
    appt = slip.appointment
    office = slip.office_name_en if lang == "en" else slip.office_name_ja
    location = slip.location_en if lang == "en" else slip.location_ja
    service = slip.service_name_en if lang == "en" else slip.service_name_ja
    lines = [
        tr("inq.slip.title"),
        f"{tr('inq.slip.code')}: {appt.code}",
        f"{tr('inq.slip.office')}: {office}" + (f" ({location})" if location else ""),
        f"{tr('inq.slip.service')}: {service}",
        f"{tr('inq.slip.when')}: {day_label(appt.day, lang)} {appt.start}-{appt.end}",
    ]
    if slip.deadline is not None:
        lines.append(f"{tr('inq.slip.deadline')}: {day_label(slip.deadline, lang)}")
    lines.append(f"{tr('inq.slip.bring')}:")
    lines += [f"・{tr(key)}" for key in bring_keys(slip.visit_kind, slip.reason)]
    lines.append(tr("inq.slip.note"))
    return lines
