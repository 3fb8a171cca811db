"""Ticket use cases: issue, call, recall, start, finish, no-show, cancel, transfer, requeue.

Hot paths (issue, call) use SQLAlchemy Core statements inside the unit of work's session:
the ORM costs ~0.5 ms per ticket and its read-increment-write loses numbers under
concurrency. Numbers come from one atomic upsert on `daily_counter`, with the unique
constraint `uq_ticket_number` as the backstop.
"""

from __future__ import annotations

import builtins
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from db.models import Revision, Ticket, TicketEvent
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config, Office, Service
from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.domain.estimates import congestion, estimate_wait, minutes_per_person
from queue_app.domain.privacy import check_free_text
from queue_app.domain.tickets import (
    Action,
    Outcome,
    TicketState,
    display_number,
    next_state,
    recall_result,
)
from queue_app.domain.tokens import TokenClaims, sign, verify
from queue_app.services.uow import UnitOfWork, from_ms, to_ms
from queue_app.services.views import Estimate, IssueResult, ServiceQueue, TicketView

WAITING = TicketState.WAITING.value


@dataclass(frozen=True)
class IssueRequest:
    office_id: str
    service_id: str
    visit_kind: str = ""
    decision: str = ""
    staff: str | None = None
    override: str | None = None  # a staff override of a closed office/service, recorded
    request_id: str | None = None  # idempotency key: the same request never issues twice
    priority: int = 0
    appointment_id: int | None = None
    case_id: int | None = None


# -- the issue() hot path: plain SQL on the DB-API connection ----------------------------------
# SQLAlchemy's statement machinery costs more than the database itself for these tiny
# statements (see docs/benchmarks.md). SQLite: on the pooled sqlite3 connection inside
# `UnitOfWork.write_sqlite`; PostgreSQL: on the connection of `UnitOfWork.write_core`. Both
# keep the same transaction (BEGIN IMMEDIATE on SQLite), commit, retry and error rules.

_SQLITE_COUNTER = (
    "INSERT INTO daily_counter (office_id, service_id, service_day, last_number) "
    "VALUES (?, ?, ?, 1) ON CONFLICT (office_id, service_id, service_day) "
    "DO UPDATE SET last_number = daily_counter.last_number + 1 RETURNING last_number"
)
_SQLITE_TICKET = (
    "INSERT INTO ticket (office_id, service_id, issued_service_id, service_day, number, "
    "display_number, visit_kind, decision, state, priority, issued_ms, queued_ms, "
    "recall_count, override, staff, request_id, appointment_id, case_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, 0, ?, ?, ?, ?, ?)"
)
_SQLITE_EVENT = (
    "INSERT INTO ticket_event (ticket_id, office_id, service_id, service_day, from_state, "
    "to_state, at_ms, counter, staff, detail) VALUES (?, ?, ?, ?, NULL, 'waiting', ?, NULL, ?, ?)"
)
_SQLITE_REVISION = (
    "INSERT INTO revision (office_id, value) VALUES (?, 1) "
    "ON CONFLICT (office_id) DO UPDATE SET value = revision.value + 1"
)
# a replayed request_id: the ticket issued before, its columns in TicketView's order
_SQLITE_BY_REQUEST = (
    "SELECT id, office_id, service_id, issued_service_id, service_day, number, "
    "display_number, visit_kind, decision, state, priority, issued_ms, queued_ms, called_ms, "
    "started_ms, finished_ms, counter, target_counter, recall_count, outcome, override, staff, "
    "appointment_id, case_id FROM ticket WHERE request_id = ?"
)
# PostgreSQL: one statement, one round trip. The display number is
# f"{prefix}-{number:03d}" (queue_app.domain.tickets.display_number) written in SQL.
_PG_ISSUE = """
WITH c AS (
    INSERT INTO daily_counter (office_id, service_id, service_day, last_number)
    VALUES (%(office_id)s, %(service_id)s, %(service_day)s, 1)
    ON CONFLICT (office_id, service_id, service_day)
    DO UPDATE SET last_number = daily_counter.last_number + 1
    RETURNING last_number
), t AS (
    INSERT INTO ticket (office_id, service_id, issued_service_id, service_day, number,
        display_number, visit_kind, decision, state, priority, issued_ms, queued_ms,
        recall_count, override, staff, request_id, appointment_id, case_id)
    SELECT CAST(%(office_id)s AS VARCHAR), CAST(%(service_id)s AS VARCHAR),
        CAST(%(service_id)s AS VARCHAR), CAST(%(service_day)s AS DATE), c.last_number,
        CAST(%(prefix)s AS VARCHAR) || '-' || lpad(CAST(c.last_number AS TEXT),
            greatest(3, length(CAST(c.last_number AS TEXT))), '0'),
        CAST(%(visit_kind)s AS VARCHAR), CAST(%(decision)s AS VARCHAR), 'waiting',
        CAST(%(priority)s AS INTEGER), CAST(%(now_ms)s AS BIGINT), CAST(%(now_ms)s AS BIGINT),
        0, CAST(%(override)s AS VARCHAR), CAST(%(staff)s AS VARCHAR),
        CAST(%(request_id)s AS VARCHAR), CAST(%(appointment_id)s AS INTEGER),
        CAST(%(case_id)s AS INTEGER)
    FROM c
    RETURNING id, number, display_number
), e AS (
    INSERT INTO ticket_event (ticket_id, office_id, service_id, service_day, from_state,
        to_state, at_ms, counter, staff, detail)
    SELECT t.id, CAST(%(office_id)s AS VARCHAR), CAST(%(service_id)s AS VARCHAR),
        CAST(%(service_day)s AS DATE), NULL, 'waiting', CAST(%(now_ms)s AS BIGINT), NULL,
        CAST(%(staff)s AS VARCHAR), CAST(%(detail)s AS VARCHAR)
    FROM t
), r AS (
    INSERT INTO revision (office_id, value) VALUES (%(office_id)s, 1)
    ON CONFLICT (office_id) DO UPDATE SET value = revision.value + 1
)
SELECT id, number, display_number FROM t
"""


def _insert_ticket(conn: Connection, p: dict[str, Any]) -> tuple[int, int, str]:
    """PostgreSQL: counter upsert, ticket, first event and revision bump in one statement:
    (id, number, label). (SQLite: `_sqlite_issue`.)

    DB-API errors are re-raised as SQLAlchemy's (IntegrityError, OperationalError...) so
    `UnitOfWork.write_core` retries and reports them exactly as for any other statement.
    """
    dialect = conn.dialect
    raw = conn.connection.driver_connection
    assert raw is not None
    cur = raw.cursor()
    try:
        cur.execute(_PG_ISSUE, p)
        ticket_id, number, label = cur.fetchone()
        return int(ticket_id), int(number), str(label)
    except dialect.loaded_dbapi.Error as exc:
        lost = dialect.is_disconnect(exc, raw, cur)
        if lost:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            _PG_ISSUE,
            p,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=dialect,
        ) from exc
    finally:
        cur.close()


def _sqlite_issue(
    raw: sqlite3.Connection, day: str, prefix: str, p: tuple[Any, ...]
) -> tuple[int, int, str]:
    """SQLite: counter upsert, ticket, first event and revision bump on the sqlite3
    connection itself, inside `UnitOfWork.write_sqlite`'s BEGIN IMMEDIATE .. COMMIT:
    (id, number, label). `p` = (office, service, visit_kind, decision, priority, now_ms,
    override, staff, request_id, appointment_id, case_id, detail)."""
    office_id, service_id = p[0], p[1]
    number = int(raw.execute(_SQLITE_COUNTER, (office_id, service_id, day)).fetchone()[0])
    label = display_number(prefix, number)
    now_ms, staff = p[5], p[7]
    ticket_id = raw.execute(
        _SQLITE_TICKET,
        (office_id, service_id, service_id, day, number, label, p[2], p[3], p[4], now_ms) + p[5:11],
    ).lastrowid
    assert ticket_id is not None
    raw.execute(_SQLITE_EVENT, (ticket_id, office_id, service_id, day, now_ms, staff, p[11]))
    raw.execute(_SQLITE_REVISION, (office_id,))
    return ticket_id, number, label


def _sqlite_replayed(raw: sqlite3.Connection, request_id: str) -> TicketView | None:
    row = raw.execute(_SQLITE_BY_REQUEST, (request_id,)).fetchone()
    if row is None:
        return None
    issued, queued = from_ms(row[11]), from_ms(row[12])
    assert issued is not None and queued is not None
    return TicketView(
        id=row[0],
        office_id=row[1],
        service_id=row[2],
        issued_service_id=row[3],
        service_day=date.fromisoformat(row[4]),
        number=row[5],
        display_number=row[6],
        visit_kind=row[7],
        decision=row[8],
        state=row[9],
        priority=row[10],
        issued_at=issued,
        queued_at=queued,
        called_at=from_ms(row[13]),
        started_at=from_ms(row[14]),
        finished_at=from_ms(row[15]),
        counter=row[16],
        target_counter=row[17],
        recall_count=row[18],
        outcome=row[19],
        override=row[20],
        staff=row[21],
        appointment_id=row[22],
        case_id=row[23],
    )


class TicketService:
    def __init__(
        self, uow: UnitOfWork, config: Config, calendar: OfficeCalendar, clock: Clock, secret: bytes
    ) -> None:
        self.uow = uow
        self.config = config
        self.calendar = calendar
        self.clock = clock
        self.secret = secret
        # a day's opening status depends only on the (immutable) configuration: cached, as
        # it is asked on every issue (the hot path)
        self._day_status = lru_cache(maxsize=512)(calendar.day)
        self._sqlite = uow.dialect == "sqlite"
        # (office, service) -> (Office, Service, time zone), filled by `_target`
        self._targets: dict[tuple[str, str], tuple[Office, Service, ZoneInfo]] = {}

    # -- tokens ------------------------------------------------------------------------
    def token(self, ticket: TicketView) -> str:
        return sign(
            self.secret,
            TokenClaims(
                "T", ticket.office_id, ticket.service_day, ticket.id, ticket.display_number
            ),
        )

    def verify_token(
        self, token: str, office_id: str | None = None, today: bool = True
    ) -> TicketView:
        """A scanned QR: forged, other-office and other-day tokens are refused by name."""
        if office_id is not None:
            self.config.office(office_id)
        claims = verify(self.secret, token, office_id=office_id, kind="T")
        if today:
            # the day is checked even when the scanner names no office: the token's own
            # (signed) office says which time zone "today" is in
            day = self.calendar.service_day(claims.office_id, self.clock.now())
            if claims.day != day:
                raise DomainError(
                    "err.token_other_day", day=claims.day.isoformat(), today=day.isoformat()
                )
        ticket = self.get(claims.object_id)
        if ticket.display_number != claims.label or ticket.office_id != claims.office_id:
            raise DomainError("err.token_forged")
        return ticket

    # -- issue -------------------------------------------------------------------------
    def _target(self, office_id: str, service_id: str) -> tuple[Office, Service, ZoneInfo]:
        """`config.office_service` and the office's zone, cached (the configuration does not
        change under a running TicketService); unknown ids raise as before, uncached."""
        found = self._targets.get((office_id, service_id))
        if found is None:
            office, service = self.config.office_service(office_id, service_id)
            found = (office, service, self.calendar.zone(office_id))
            self._targets[(office_id, service_id)] = found
        return found

    def check_open(self, office_id: str, service_id: str, now: datetime) -> None:
        """Refuse with the reason when the office or service is closed or reception ended."""
        self._check_open_local(office_id, service_id, self.calendar.local(office_id, now))

    def _check_open_local(self, office_id: str, service_id: str, local: datetime) -> None:
        """`check_open` with the moment already in the office's time zone."""
        status = self._day_status(office_id, local.date(), service_id)
        if status.open and status.closes is not None and local.time() < status.closes:
            return  # the usual case, first and short: this runs on every issue
        office = self.config.office(office_id)
        if not status.open:
            nxt = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            raise DomainError(
                "err.closed",
                office=office.name_ja,
                reason=status.reason_text("ja") or "",
                reason_en=status.reason_text("en") or "",
                next_day=nxt.isoformat() if nxt else "-",
            )
        assert status.closes is not None
        if local.time() >= status.closes:
            nxt = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            raise DomainError(
                "err.reception_ended",
                office=office.name_ja,
                end=status.closes.strftime("%H:%M"),
                next_day=nxt.isoformat() if nxt else "-",
            )

    def issue(self, request: IssueRequest, with_estimate: bool = True) -> IssueResult:
        """Issue one ticket: one transaction (counter, ticket, first event, revision).

        Hot path: plain SQL. SQLite: `_sqlite_issue`'s four prepared statements on the pooled
        sqlite3 connection itself (`UnitOfWork.write_sqlite`: BEGIN IMMEDIATE .. COMMIT);
        PostgreSQL: `_insert_ticket`, the counter upsert and the three inserts in one
        statement (one round trip) on the unit of work's connection. The TicketView is
        built from the inserted values instead of being selected again.
        A repeated `request_id` fails the unique constraint on the first attempt; the
        retry then finds and returns the ticket issued before (`replayed=True`).
        """
        office, service, zone = self._target(request.office_id, request.service_id)
        now = self.clock.now()  # aware (Clock checks)
        local = now.astimezone(zone)  # `calendar.local`; its date is the service day
        if request.override is None:
            try:
                self._check_open_local(office.id, service.id, local)
            except DomainError:
                # a kiosk retrying a request that went through before closing time
                if request.request_id:
                    existing = self._by_request_id(request.request_id)
                    if existing is not None:
                        return self._result(existing, True, with_estimate)
                raise
        elif not request.override.strip():
            raise InputError("err.override_reason")
        else:
            check_free_text(request.override, "override")  # never a 個人番号 in a note
        day = local.date()
        now_ms = to_ms(now)
        detail = ("override:" + request.override)[:200] if request.override else None
        attempts = 0

        def made(ticket_id: int, number: int, label: str) -> TicketView:
            issued = from_ms(now_ms)
            assert issued is not None
            return TicketView(  # positional, in field order (hot path)
                ticket_id,  # id
                office.id,
                service.id,
                service.id,  # issued_service_id
                day,  # service_day
                number,
                label,  # display_number
                request.visit_kind,
                request.decision,
                WAITING,  # state
                request.priority,
                issued,  # issued_at
                issued,  # queued_at
                None,  # called_at
                None,  # started_at
                None,  # finished_at
                None,  # counter
                None,  # target_counter
                0,  # recall_count
                None,  # outcome
                request.override,
                request.staff,
                request.appointment_id,
                request.case_id,
            )

        if self._sqlite:
            # the hottest path: the sqlite3 connection itself, no SQLAlchemy Connection
            values = (
                office.id,
                service.id,
                request.visit_kind,
                request.decision,
                request.priority,
                now_ms,
                request.override,
                request.staff,
                request.request_id,
                request.appointment_id,
                request.case_id,
                detail,
            )
            day_text, prefix = day.isoformat(), service.prefix

            def work_sqlite(raw: sqlite3.Connection) -> tuple[TicketView, bool]:
                nonlocal attempts
                attempts += 1
                if request.request_id and attempts > 1:
                    # the first attempt relies on the unique index `uq_ticket_request`:
                    # a replay fails it, and this retry returns the ticket issued before
                    existing = _sqlite_replayed(raw, request.request_id)
                    if existing is not None:
                        return existing, True
                return made(*_sqlite_issue(raw, day_text, prefix, values)), False

            view, replayed = self.uow.write_sqlite(work_sqlite, retry_integrity=True)
            return self._result(view, replayed, with_estimate)

        params: dict[str, Any] = {
            "office_id": office.id,
            "service_id": service.id,
            "service_day": day,
            "prefix": service.prefix,
            "visit_kind": request.visit_kind,
            "decision": request.decision,
            "priority": request.priority,
            "now_ms": now_ms,
            "override": request.override,
            "staff": request.staff,
            "request_id": request.request_id,
            "appointment_id": request.appointment_id,
            "case_id": request.case_id,
            "detail": detail,
        }

        def work(conn: Connection) -> tuple[TicketView, bool]:
            nonlocal attempts
            attempts += 1
            if request.request_id and attempts > 1:
                # the first attempt relies on the unique index `uq_ticket_request`: a
                # replay fails it, and this retry returns the ticket issued before
                table = Ticket.__table__  # type: ignore[attr-defined]
                existing = conn.execute(
                    select(table).where(table.c.request_id == request.request_id)
                ).first()
                if existing is not None:
                    return TicketView.of(existing), True  # type: ignore[arg-type]
            return made(*_insert_ticket(conn, params)), False

        view, replayed = self.uow.write_core(work, retry_integrity=True)
        return self._result(view, replayed, with_estimate)

    def _by_request_id(self, request_id: str) -> TicketView | None:
        with self.uow.read() as session:
            row = session.scalars(
                select(Ticket).where(Ticket.request_id == request_id)  # type: ignore[arg-type]
            ).first()
            return TicketView.of(row) if row is not None else None

    def _result(self, view: TicketView, replayed: bool, with_estimate: bool) -> IssueResult:
        estimate = self.estimate_for(view) if with_estimate else None
        warnings: list[str] = []
        if view.override:
            warnings.append("warn.override")
        if estimate is not None and estimate.after_close:
            warnings.append("warn.after_close")
        return IssueResult(view, self.token(view), estimate, tuple(warnings), replayed)

    # -- reading -----------------------------------------------------------------------
    def get(self, ticket_id: int) -> TicketView:
        with self.uow.read() as session:
            row = session.get(Ticket, ticket_id)
            if row is None:
                raise NotFoundError("err.ticket_not_found", id=ticket_id)
            return TicketView.of(row)

    def find(self, office_id: str, label: str, day: date | None = None) -> TicketView:
        """A ticket by its display number (A-012, a012, A12) on a service day."""
        self.config.office(office_id)
        day = day or self.today(office_id)
        text = label.strip().upper().replace(" ", "")
        prefix = "".join(ch for ch in text if ch.isalpha())
        digits = "".join(ch for ch in text if ch.isdigit())
        if not prefix or not digits:
            raise InputError("err.ticket_label", value=label)
        services = [s.id for s in self.config.services.values() if s.prefix == prefix]
        if not services:
            raise NotFoundError("err.ticket_label_not_found", value=label, day=day.isoformat())
        with self.uow.read() as session:
            ticket = session.scalars(
                select(Ticket).where(  # type: ignore[arg-type]
                    Ticket.office_id == office_id,
                    Ticket.service_day == day,
                    Ticket.issued_service_id.in_(services),  # type: ignore[attr-defined]
                    Ticket.number == int(digits),
                )
            ).first()
            if ticket is None:
                raise NotFoundError("err.ticket_label_not_found", value=label, day=day.isoformat())
            return TicketView.of(ticket)

    def today(self, office_id: str) -> date:
        return self.calendar.service_day(office_id, self.clock.now())

    def list(
        self, office_id: str, day: date | None = None, states: list[str] | None = None
    ) -> builtins.list[TicketView]:
        self.config.office(office_id)
        day = day or self.today(office_id)
        with self.uow.read() as session:
            stmt = select(Ticket).where(Ticket.office_id == office_id, Ticket.service_day == day)  # type: ignore[arg-type]
            if states:
                stmt = stmt.where(Ticket.state.in_(states))  # type: ignore[attr-defined]
            stmt = stmt.order_by(Ticket.id)  # type: ignore[arg-type]
            return [TicketView.of(r) for r in session.scalars(stmt)]

    def _order(self, office_id: str) -> builtins.list[Any]:
        office = self.config.office(office_id)
        order: builtins.list[Any] = [Ticket.priority.desc()]  # type: ignore[attr-defined]
        if office.service_order:
            ranks = {sid: i for i, sid in enumerate(office.service_order)}
            order.append(case(ranks, value=Ticket.service_id, else_=len(ranks)))
        order += [Ticket.queued_ms, Ticket.id]
        return order

    def waiting(self, office_id: str, day: date | None = None) -> builtins.list[TicketView]:
        """The waiting queue in the order it will be called (per counter rules aside)."""
        day = day or self.today(office_id)
        with self.uow.read() as session:
            stmt = (
                select(Ticket)
                .where(
                    Ticket.office_id == office_id,
                    Ticket.service_day == day,
                    Ticket.state == WAITING,
                )  # type: ignore[arg-type]
                .order_by(*self._order(office_id))
            )
            return [TicketView.of(r) for r in session.scalars(stmt)]

    def recent_calls(
        self, office_id: str, limit: int = 8, day: date | None = None
    ) -> builtins.list[TicketView]:
        day = day or self.today(office_id)
        with self.uow.read() as session:
            stmt = (
                select(Ticket)
                .where(
                    Ticket.office_id == office_id,  # type: ignore[arg-type]
                    Ticket.service_day == day,  # type: ignore[arg-type]
                    Ticket.called_ms.is_not(None),  # type: ignore[union-attr]
                    # finished visits stay in the list: a visitor who looked away can check
                    Ticket.state.in_(["called", "serving", "done"]),  # type: ignore[attr-defined]
                )
                .order_by(Ticket.called_ms.desc(), Ticket.id.desc())  # type: ignore[union-attr]
                .limit(limit)
            )
            return [TicketView.of(r) for r in session.scalars(stmt)]

    def revision(self, office_id: str) -> int:
        with self.uow.read() as session:
            value = session.execute(
                select(Revision.value).where(Revision.office_id == office_id)
            ).scalar()  # type: ignore[arg-type]
            return int(value or 0)

    # -- estimates ---------------------------------------------------------------------
    def per_person_minutes(
        self, session: Session, office_id: str, service_id: str, now_ms: int
    ) -> float:
        window_ms = self.config.settings.estimate_window_minutes * 60_000
        # A bound on the service day lets the (office, day, state) index find the recent
        # visits instead of scanning the office's whole history (this runs on every issue).
        # A visit finished in the window was issued that day or, if left overnight, the day
        # before.
        since = from_ms(now_ms - window_ms)
        assert since is not None
        first_day = self.calendar.service_day(office_id, since) - timedelta(days=1)
        rows = session.execute(
            select(Ticket.finished_ms - Ticket.started_ms)  # type: ignore[operator]
            .where(
                Ticket.office_id == office_id,  # type: ignore[arg-type]
                Ticket.service_day >= first_day,  # type: ignore[arg-type,operator]
                Ticket.service_id == service_id,  # type: ignore[arg-type]
                Ticket.state == TicketState.DONE.value,  # type: ignore[arg-type]
                Ticket.finished_ms >= now_ms - window_ms,  # type: ignore[operator]
                Ticket.finished_ms <= now_ms,  # type: ignore[operator]
            )
            .order_by(Ticket.finished_ms.desc())  # type: ignore[union-attr]
            .limit(50)
        ).all()
        durations: builtins.list[float] = [
            r[0] / 60_000 for r in rows if r[0] is not None and r[0] >= 0
        ]
        return minutes_per_person(durations, self.config.services[service_id].minutes)

    def counters_for(self, office_id: str, service_id: str) -> int:
        office = self.config.office(office_id)
        return sum(1 for c in office.counters if service_id in c.services)

    def queue_estimate(
        self, office_id: str, service_id: str, people_ahead: int | None = None
    ) -> Estimate:
        """The wait a new visitor to this service would have right now."""
        now = self.clock.now()
        day = self.calendar.service_day(office_id, now)
        now_ms = to_ms(now)
        with self.uow.read() as session:
            if people_ahead is None:
                people_ahead = int(
                    session.execute(
                        select(func.count())
                        .select_from(Ticket)
                        .where(
                            Ticket.office_id == office_id,  # type: ignore[arg-type]
                            Ticket.service_day == day,  # type: ignore[arg-type]
                            Ticket.service_id == service_id,  # type: ignore[arg-type]
                            Ticket.state == WAITING,  # type: ignore[arg-type]
                        )
                    ).scalar_one()
                )
            per_person = self.per_person_minutes(session, office_id, service_id, now_ms)
        return self._estimate(office_id, service_id, people_ahead, per_person, now)

    def _estimate(
        self, office_id: str, service_id: str, people_ahead: int, per_person: float, now: datetime
    ) -> Estimate:
        est = estimate_wait(people_ahead, self.counters_for(office_id, service_id), per_person)
        local = self.calendar.local(office_id, now)
        start = self.calendar.reception_start(office_id, local.date(), service_id)
        base = max(now, start) if start else now
        expected = base + timedelta(minutes=est.minutes)
        end = self.calendar.reception_end(office_id, local.date(), service_id)
        after_close = end is not None and expected > end
        alternative: str | None = None
        next_day: date | None = None
        if after_close or end is None:
            next_day = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            for other in self.config.offices.values():
                if (
                    other.id != office_id
                    and service_id in other.services
                    and self.calendar.is_open_at(other.id, now, service_id)
                ):
                    alternative = other.id
                    break
        return Estimate(
            people_ahead=est.people_ahead,
            counters=est.counters,
            minutes_per_person=est.minutes_per_person,
            minutes=est.minutes,
            expected_call=expected,
            reception_end=end,
            after_close=after_close,
            alternative_office=alternative,
            next_open_day=next_day,
        )

    def estimate_for(self, ticket: TicketView) -> Estimate:
        """The wait of one ticket: the waiting tickets of its service ahead of it."""
        now = self.clock.now()
        with self.uow.read() as session:
            ahead = int(
                session.execute(
                    select(func.count())
                    .select_from(Ticket)
                    .where(
                        Ticket.office_id == ticket.office_id,  # type: ignore[arg-type]
                        Ticket.service_day == ticket.service_day,  # type: ignore[arg-type]
                        Ticket.service_id == ticket.service_id,  # type: ignore[arg-type]
                        Ticket.state == WAITING,  # type: ignore[arg-type]
                        Ticket.id != ticket.id,  # type: ignore[arg-type]
                        or_(
                            Ticket.priority > ticket.priority,  # type: ignore[arg-type]
                            and_(
                                Ticket.priority == ticket.priority,  # type: ignore[arg-type]
                                or_(
                                    Ticket.queued_ms < int(ticket.queued_at.timestamp() * 1000),  # type: ignore[operator]
                                    and_(
                                        Ticket.queued_ms
                                        == int(ticket.queued_at.timestamp() * 1000),
                                        Ticket.id < ticket.id,
                                    ),  # type: ignore[arg-type]
                                ),
                            ),
                        ),
                    )
                ).scalar_one()
            )
            per_person = self.per_person_minutes(
                session, ticket.office_id, ticket.service_id, to_ms(now)
            )
        return self._estimate(ticket.office_id, ticket.service_id, ahead, per_person, now)

    def service_queues(self, office_id: str) -> builtins.list[ServiceQueue]:
        """Waiting count, estimate and congestion level per service of an office."""
        office = self.config.office(office_id)
        now = self.clock.now()
        day = self.calendar.service_day(office_id, now)
        now_ms = to_ms(now)
        with self.uow.read() as session:
            counts: dict[str, int] = dict(
                session.execute(
                    select(Ticket.service_id, func.count())
                    .where(
                        Ticket.office_id == office_id,
                        Ticket.service_day == day,
                        Ticket.state == WAITING,
                    )  # type: ignore[arg-type]
                    .group_by(Ticket.service_id)
                ).all()
            )
            per_person = {
                s: self.per_person_minutes(session, office_id, s, now_ms) for s in office.services
            }
        queues = []
        for sid in office.services:
            waiting = int(counts.get(sid, 0))
            est = estimate_wait(waiting, self.counters_for(office_id, sid), per_person[sid])
            level = congestion(est.minutes, self.config.settings.congestion)
            queues.append(ServiceQueue(sid, waiting, est.minutes, level.value))
        return queues

    # -- at the counter ----------------------------------------------------------------
    def call_next(
        self, office_id: str, counter_no: int, staff: str | None = None
    ) -> TicketView | None:
        """Checked-in appointments first, then by arrival; only this counter's services."""
        counter = self.config.counter(office_id, counter_no)
        now = self.clock.now()
        day = self.calendar.service_day(office_id, now)
        now_ms = to_ms(now)

        def work(session: Session) -> TicketView | None:
            for _ in range(20):  # another counter may take the same ticket first: try the next
                candidate = session.execute(
                    select(Ticket.id)
                    .where(
                        Ticket.office_id == office_id,  # type: ignore[arg-type]
                        Ticket.service_day == day,  # type: ignore[arg-type]
                        Ticket.state == WAITING,  # type: ignore[arg-type]
                        Ticket.service_id.in_(counter.services),  # type: ignore[attr-defined]
                        or_(Ticket.target_counter.is_(None), Ticket.target_counter == counter_no),  # type: ignore[union-attr]
                    )
                    .order_by(*self._order(office_id))
                    .limit(1)
                ).scalar()
                if candidate is None:
                    return None
                view = self._apply(session, int(candidate), Action.CALL, counter_no, staff, now_ms)
                if view is not None:
                    return view
            return None

        return self.uow.write(work)

    def call(self, ticket_id: int, counter_no: int, staff: str | None = None) -> TicketView:
        """Call one specific ticket (a visitor who came back, a priority case)."""
        return self._transition(ticket_id, Action.CALL, counter_no, staff)

    def recall(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.RECALL, counter_no, staff)

    def start(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.START, counter_no, staff)

    def finish(
        self,
        ticket_id: int,
        outcome: str = Outcome.SERVED.value,
        counter_no: int | None = None,
        staff: str | None = None,
    ) -> TicketView:
        try:
            value = Outcome(outcome).value
        except ValueError:
            raise InputError(
                "err.outcome", value=outcome, known=", ".join(o.value for o in Outcome)
            ) from None
        return self._transition(ticket_id, Action.FINISH, counter_no, staff, outcome=value)

    def no_show(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.NO_SHOW, counter_no, staff)

    def cancel(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.CANCEL, counter_no, staff)

    def requeue(
        self, ticket_id: int, counter_no: int | None = None, staff: str | None = None
    ) -> TicketView:
        return self._transition(ticket_id, Action.REQUEUE, counter_no, staff)

    def transfer(
        self,
        ticket_id: int,
        to_service: str | None = None,
        to_counter: int | None = None,
        counter_no: int | None = None,
        staff: str | None = None,
    ) -> TicketView:
        """Send a visitor to another service or counter, keeping the arrival time."""
        ticket = self.get(ticket_id)
        service = to_service or ticket.service_id
        self.config.office_service(ticket.office_id, service)
        if to_counter is not None:
            target = self.config.counter(ticket.office_id, to_counter)
            if service not in target.services:
                raise InputError("err.counter_service", counter=to_counter, service=service)
        if to_service is None and to_counter is None:
            raise InputError("err.transfer_target")
        return self._transition(
            ticket_id, Action.TRANSFER, counter_no, staff, to_service=service, to_counter=to_counter
        )

    def _transition(
        self,
        ticket_id: int,
        action: Action,
        counter_no: int | None,
        staff: str | None,
        **extra: Any,
    ) -> TicketView:
        now_ms = to_ms(self.clock.now())
        if counter_no is not None:
            current = self.get(ticket_id)
            self.config.counter(current.office_id, counter_no)

        def work(session: Session) -> TicketView:
            view = self._apply(session, ticket_id, action, counter_no, staff, now_ms, **extra)
            if view is None:  # changed under us by another terminal: report the fresh state
                row = session.get(Ticket, ticket_id)
                state = row.state if row else "?"
                raise DomainError("err.illegal_transition", state=state, action=action.value)
            return view

        return self.uow.write(work)

    def _apply(
        self,
        session: Session,
        ticket_id: int,
        action: Action,
        counter_no: int | None,
        staff: str | None,
        now_ms: int,
        outcome: str | None = None,
        to_service: str | None = None,
        to_counter: int | None = None,
    ) -> TicketView | None:
        """Apply one action in the caller's transaction; None if the row changed meanwhile."""
        row = session.get(Ticket, ticket_id)
        if row is None:
            raise NotFoundError("err.ticket_not_found", id=ticket_id)
        session.refresh(row)
        old = TicketState(row.state)
        new = next_state(old, action)
        values: dict[str, Any] = {"state": new.value}
        detail: str | None = None
        if staff:
            values["staff"] = staff
        if action is Action.CALL:
            if counter_no is None:
                raise InputError("err.counter_required")
            counter = self.config.counter(row.office_id, counter_no)
            if row.service_id not in counter.services:
                raise DomainError("err.counter_service", counter=counter_no, service=row.service_id)
            values.update(counter=counter_no, called_ms=now_ms, recall_count=0)
        elif action is Action.RECALL:
            new, count = recall_result(row.recall_count, self.config.settings.recall_limit)
            values.update(state=new.value, recall_count=count)
            detail = f"recall:{count}" if new is TicketState.CALLED else "recall_limit"
        elif action is Action.START:
            values["started_ms"] = now_ms
        elif action is Action.FINISH:
            values.update(finished_ms=now_ms, outcome=outcome)
            detail = f"outcome:{outcome}"
        elif action is Action.TRANSFER:
            assert to_service is not None
            values.update(
                service_id=to_service,
                target_counter=to_counter,
                counter=None,
                started_ms=None,
                recall_count=0,
            )
            detail = f"transfer:{row.service_id}->{to_service}" + (
                f"@{to_counter}" if to_counter else ""
            )
        elif action is Action.REQUEUE:
            values.update(counter=None, recall_count=0, started_ms=None)
            detail = "requeue"
        result = session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.state == old.value)  # type: ignore[arg-type]
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        session.execute(
            insert(TicketEvent).values(
                ticket_id=ticket_id,
                office_id=row.office_id,
                service_id=values.get("service_id", row.service_id),
                service_day=row.service_day,
                from_state=old.value,
                to_state=values["state"],
                at_ms=now_ms,
                counter=counter_no if counter_no is not None else row.counter,
                staff=staff,
                detail=detail,
            )
        )
        self.uow.bump_revision(session, row.office_id)
        session.flush()
        session.refresh(row)
        return TicketView.of(row)
