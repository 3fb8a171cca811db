"""SQLModel tables. Times are integer epoch milliseconds in UTC (`*_ms` columns).

Why integers and not DATETIME: SQLite stores datetimes as ISO text and aggregates over them
run about twice as slow (docs/benchmarks.md#baselines); epoch integers mean
the same arithmetic on SQLite and PostgreSQL, and UTC by construction. Service days are
stored as dates computed in the office's time zone.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Column, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class DailyCounter(SQLModel, table=True):
    """Last number issued per office, service and service day: one atomic upsert per ticket."""

    __tablename__ = "daily_counter"

    office_id: str = Field(primary_key=True, max_length=32)
    service_id: str = Field(primary_key=True, max_length=32)
    service_day: date = Field(primary_key=True)
    last_number: int = Field(default=0)


class Ticket(SQLModel, table=True):
    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint(
            "office_id", "issued_service_id", "service_day", "number", name="uq_ticket_number"
        ),
        # partial: request_id is NULL for almost every ticket (0003); a repeated id still
        # fails with an IntegrityError, which `issue()` turns into a replay
        Index(
            "uq_ticket_request",
            "request_id",
            unique=True,
            sqlite_where=text("request_id IS NOT NULL"),
            postgresql_where=text("request_id IS NOT NULL"),
        ),
        # every query on service_day also filters on office_id (0003 dropped ix_ticket_day)
        Index("ix_ticket_queue", "office_id", "service_day", "state"),
        # ids never run again, even after a restore (0005; db/highwater.py)
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    office_id: str = Field(max_length=32)
    service_id: str = Field(max_length=32)
    # the service the number was issued for; `service_id` changes on transfer
    issued_service_id: str = Field(max_length=32)
    service_day: date
    number: int
    display_number: str = Field(max_length=16)
    visit_kind: str = Field(default="", max_length=32)
    decision: str = Field(default="", max_length=32)
    state: str = Field(default="waiting", max_length=16)
    priority: int = Field(default=0)  # 1 for checked-in appointments
    issued_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    # arrival used for queue order: kept on transfer and back-to-queue
    queued_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    called_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    started_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    finished_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    counter: int | None = None
    target_counter: int | None = None  # a transfer to one specific counter
    recall_count: int = Field(default=0)
    outcome: str | None = Field(default=None, max_length=32)
    override: str | None = Field(default=None, max_length=200)
    staff: str | None = Field(default=None, max_length=16)
    request_id: str | None = Field(default=None, max_length=64)
    # plain ids (no FK): the case points at its first ticket, a cycle would block inserts
    appointment_id: int | None = None
    case_id: int | None = None
    # part of the signed token: a token names this issuance only (0005); NULL before 0005
    nonce: str | None = Field(default=None, max_length=16)
    # the visit plan (0006): a named plan's id, "*" for an ad-hoc list of procedures, NULL
    # for a single-procedure ticket (its steps are `visit_step` rows)
    plan_id: str | None = Field(default=None, max_length=32)
    # what the range report needs of the ticket's events (0007; domain/report_marks.py):
    # its first `-> called` event's time (NULL: never called) and 1 once it was
    # transferred; written with the event, in its transaction; the events stay the record
    first_called_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    transferred: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, default=0, server_default="0")
    )


class TicketEvent(SQLModel, table=True):
    """Append-only history (triggers refuse UPDATE and DELETE, 0004): every report is
    computed from these rows."""

    __tablename__ = "ticket_event"
    __table_args__ = (
        # the only read path (reports); no query reads events by ticket alone and tickets
        # are never deleted, so 0003 dropped ix_event_ticket
        Index("ix_event_office_day", "office_id", "service_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    office_id: str = Field(max_length=32)
    service_id: str = Field(max_length=32)
    service_day: date
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str = Field(max_length=16)
    at_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    counter: int | None = None
    staff: str | None = Field(default=None, max_length=16)
    detail: str | None = Field(default=None, max_length=200)


class VisitStep(SQLModel, table=True):
    """One procedure of a plan ticket (0006): pending -> current -> done / skipped /
    cancelled. Written in the same transaction as the ticket's transition and its event."""

    __tablename__ = "visit_step"
    __table_args__ = (Index("ix_visit_step_ticket", "ticket_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    position: int
    service_id: str = Field(max_length=32)
    state: str = Field(max_length=16)
    outcome: str | None = Field(default=None, max_length=32)
    ended_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    staff: str | None = Field(default=None, max_length=16)  # who added or skipped it


class Revision(SQLModel, table=True):
    """Bumped in the same transaction as every change a display shows."""

    __tablename__ = "revision"

    office_id: str = Field(primary_key=True, max_length=32)
    value: int = Field(default=0)


class InquiryCase(SQLModel, table=True):
    """A document inquiry (文書照会): the only place personal data lives, purged on schedule."""

    __tablename__ = "inquiry_case"
    __table_args__ = (Index("ix_case_state", "state", "office_id"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    office_id: str = Field(max_length=32)
    service_id: str = Field(max_length=32)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    visit_kind: str = Field(max_length=32)
    reason: str = Field(max_length=64)
    state: str = Field(default="opened", max_length=16)
    opened_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    mailed_on: date | None = None
    deadline: date | None = None
    closed_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    # personal data, minimal: erased by purge (never a 個人番号, never a PIN)
    name_kana: str | None = Field(default=None, max_length=64)
    phone: str | None = Field(default=None, max_length=20)
    purged: bool = Field(default=False)
    staff: str | None = Field(default=None, max_length=16)


class SlotLoad(SQLModel, table=True):
    """Seats taken per appointment slot; booking is one conditional update on this row."""

    __tablename__ = "slot_load"

    office_id: str = Field(primary_key=True, max_length=32)
    service_id: str = Field(primary_key=True, max_length=32)
    slot_day: date = Field(primary_key=True)
    start_minute: int = Field(primary_key=True)
    booked: int = Field(default=0)


class Appointment(SQLModel, table=True):
    __tablename__ = "appointment"
    __table_args__ = (
        UniqueConstraint("code", name="uq_appointment_code"),
        Index("ix_appointment_day", "office_id", "slot_day"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16)
    case_id: int = Field(foreign_key="inquiry_case.id")
    office_id: str = Field(max_length=32)
    service_id: str = Field(max_length=32)
    slot_day: date
    start_minute: int
    end_minute: int
    state: str = Field(default="booked", max_length=16)
    booked_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    checked_in_ms: int | None = Field(default=None, sa_column=Column(BigInteger))
    ticket_id: int | None = None
    staff: str | None = Field(default=None, max_length=16)


class AuditEntry(SQLModel, table=True):
    """Append-only (triggers refuse UPDATE and DELETE, 0004): who did what, and every read of
    personal data. `office_id` is the office it concerns (NULL: none in particular)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_at", "at_ms"),)

    id: int | None = Field(default=None, primary_key=True)
    at_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    actor: str = Field(max_length=32)
    action: str = Field(max_length=32)
    subject: str = Field(max_length=64)
    detail: str | None = Field(default=None, max_length=200)
    office_id: str | None = Field(default=None, max_length=32)
