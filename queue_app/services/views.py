"""Frozen read models handed to screens and commands: never ORM rows across threads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from queue_app.services.epoch import from_ms
from queue_app.services.rows import view_of

if TYPE_CHECKING:
    from db.models import Ticket
    from queue_app.domain.inquiry_views import AppointmentView


@dataclass(frozen=True)
class TicketView:
    id: int
    office_id: str
    service_id: str
    issued_service_id: str
    service_day: date
    number: int
    display_number: str
    visit_kind: str
    decision: str
    state: str
    priority: int
    issued_at: datetime
    queued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    counter: int | None
    target_counter: int | None
    recall_count: int
    outcome: str | None
    override: str | None
    staff: str | None
    appointment_id: int | None
    case_id: int | None
    # the random part of the ticket's token (0005): never shown, not in to_json
    nonce: str | None = field(default=None, repr=False, compare=True)
    # the visit plan (issue 13): a named plan's id, "*" for an ad-hoc list, None for a
    # single-procedure ticket (`services.tickets.plan(id)` gives its steps)
    plan_id: str | None = None

    @property
    def has_plan(self) -> bool:
        return self.plan_id is not None

    @classmethod
    def of(cls, row: Ticket) -> TicketView:
        assert row.id is not None
        issued = from_ms(row.issued_ms)
        queued = from_ms(row.queued_ms)
        assert issued is not None and queued is not None
        return view_of(
            cls,
            row,
            issued_at=issued,
            queued_at=queued,
            called_at=from_ms(row.called_ms),
            started_at=from_ms(row.started_ms),
            finished_at=from_ms(row.finished_ms),
            nonce=getattr(row, "nonce", None),
            plan_id=getattr(row, "plan_id", None),
        )

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("nonce", None)
        data["number_value"] = self.number
        data["number"] = self.display_number
        data["visit"] = self.visit_kind
        data["office"] = self.office_id
        data["service"] = self.service_id
        for key, value in list(data.items()):
            if isinstance(value, datetime | date):
                data[key] = value.isoformat()
        return data


@dataclass(frozen=True)
class Estimate:
    people_ahead: int
    counters: int
    minutes_per_person: float
    minutes: int
    expected_call: datetime
    reception_end: datetime | None
    after_close: bool
    # when the call would fall after reception ends: where/when else to go
    alternative_office: str | None = None
    next_open_day: date | None = None
    alternative_end: datetime | None = None  # when the alternative office stops taking it

    def to_json(self) -> dict[str, object]:
        return {
            "people_ahead": self.people_ahead,
            "counters": self.counters,
            "minutes_per_person": round(self.minutes_per_person, 1),
            "estimated_wait_minutes": self.minutes,
            "expected_call": self.expected_call.isoformat(),
            "reception_end": self.reception_end.isoformat() if self.reception_end else None,
            "after_close": self.after_close,
            "alternative_office": self.alternative_office,
            "next_open_day": self.next_open_day.isoformat() if self.next_open_day else None,
            "alternative_end": self.alternative_end.isoformat() if self.alternative_end else None,
        }


@dataclass(frozen=True)
class IssueResult:
    ticket: TicketView
    token: str
    estimate: Estimate | None
    warnings: tuple[str, ...] = field(default_factory=tuple)  # rendered in the caller's language
    replayed: bool = False  # the same request id was issued before: nothing new written
    # what the QR encodes: `<public_url>/t/<token>` with `[web] public_url`, else the token
    qr_data: str = ""

    @property
    def qr(self) -> str:
        return self.qr_data or self.token

    def to_json(self) -> dict[str, object]:
        data = self.ticket.to_json()
        data["token"] = self.token
        data["estimated_wait_minutes"] = self.estimate.minutes if self.estimate else None
        data["estimate"] = self.estimate.to_json() if self.estimate else None
        data["warnings"] = list(self.warnings)
        data["replayed"] = self.replayed
        data["qr"] = self.qr
        return data


@dataclass(frozen=True)
class ServiceQueue:
    """What the display and the reception list show per service."""

    service_id: str
    waiting: int
    estimate_minutes: int
    level: str


@dataclass(frozen=True)
class CheckInResult:
    appointment: AppointmentView
    ticket_id: int
    display_number: str
    ticket_token: str
    replayed: bool
    ticket: TicketView | None = None  # the priority ticket (what reception opens)

    def to_json(self) -> dict[str, object]:
        return {
            "appointment": self.appointment.to_json(),
            "ticket_id": self.ticket_id,
            "number": self.display_number,
            "token": self.ticket_token,
            "replayed": self.replayed,
        }
