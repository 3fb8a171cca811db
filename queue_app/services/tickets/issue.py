"""Issuing a ticket: one transaction (counter upsert, ticket, first event, revision).

Numbers come from one atomic upsert on `daily_counter`, with the unique constraint
`uq_ticket_number` as the backstop."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from db.models import AuditEntry, Ticket
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.fields import check_count, check_field, check_id, new_nonce
from queue_app.domain.scan import qr_text
from queue_app.domain.tickets import display_number
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.estimates import TicketEstimates
from queue_app.services.uow import NOTIFY_CHANNEL, from_ms, to_ms
from queue_app.services.views import IssueResult, TicketView


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
    "recall_count, override, staff, request_id, appointment_id, case_id, nonce) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)"
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
    "appointment_id, case_id, nonce FROM ticket WHERE request_id = ?"
)
# PostgreSQL: one statement, one round trip. The display number is
# f"{prefix}-{number:03d}" (queue_app.domain.tickets.display_number) written in SQL.
_PG_ISSUE = (
    """
WITH c AS (
    INSERT INTO daily_counter (office_id, service_id, service_day, last_number)
    VALUES (%(office_id)s, %(service_id)s, %(service_day)s, 1)
    ON CONFLICT (office_id, service_id, service_day)
    DO UPDATE SET last_number = daily_counter.last_number + 1
    RETURNING last_number
), t AS (
    INSERT INTO ticket (office_id, service_id, issued_service_id, service_day, number,
        display_number, visit_kind, decision, state, priority, issued_ms, queued_ms,
        recall_count, override, staff, request_id, appointment_id, case_id, nonce)
    SELECT CAST(%(office_id)s AS VARCHAR), CAST(%(service_id)s AS VARCHAR),
        CAST(%(service_id)s AS VARCHAR), CAST(%(service_day)s AS DATE), c.last_number,
        CAST(%(prefix)s AS VARCHAR) || '-' || lpad(CAST(c.last_number AS TEXT),
            greatest(3, length(CAST(c.last_number AS TEXT))), '0'),
        CAST(%(visit_kind)s AS VARCHAR), CAST(%(decision)s AS VARCHAR), 'waiting',
        CAST(%(priority)s AS INTEGER), CAST(%(now_ms)s AS BIGINT), CAST(%(now_ms)s AS BIGINT),
        0, CAST(%(override)s AS VARCHAR), CAST(%(staff)s AS VARCHAR),
        CAST(%(request_id)s AS VARCHAR), CAST(%(appointment_id)s AS INTEGER),
        CAST(%(case_id)s AS INTEGER), CAST(%(nonce)s AS VARCHAR)
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
SELECT id, number, display_number, pg_notify('"""
    + NOTIFY_CHANNEL
    + """', %(office_id)s) FROM t
"""
)
# (pg_notify inside the same statement: listeners hear of the ticket when it is committed)


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
        ticket_id, number, label, _notified = cur.fetchone()
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
    override, staff, request_id, appointment_id, case_id, detail, nonce)."""
    office_id, service_id = p[0], p[1]
    number = int(raw.execute(_SQLITE_COUNTER, (office_id, service_id, day)).fetchone()[0])
    label = display_number(prefix, number)
    now_ms, staff = p[5], p[7]
    ticket_id = raw.execute(
        _SQLITE_TICKET,
        (office_id, service_id, service_id, day, number, label, p[2], p[3], p[4], now_ms)
        + p[5:11]
        + (p[12],),
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
        nonce=row[24],
    )


def checked_request(request: IssueRequest) -> IssueRequest:
    """The request with every value that will be stored checked by the one validator
    (type, length, charset, no 12-digit run; messages never echo the value) and stripped."""
    for name in ("appointment_id", "case_id"):
        value = getattr(request, name)
        if value is not None:
            check_id(value, name)
    check_count(request.priority, "priority", 0, 1)
    return replace(
        request,
        office_id=check_field("office", request.office_id) or "",
        service_id=check_field("service", request.service_id) or "",
        visit_kind=check_field("visit_kind", request.visit_kind) or "",
        decision=check_field("decision", request.decision) or "",
        staff=check_field("staff", request.staff) or None,
        override=check_field("override", request.override),
        request_id=check_field("request_id", request.request_id) or None,
    )


_SQLITE_AUDIT = (
    "INSERT INTO audit_entry (at_ms, actor, action, subject, detail, office_id) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def _override_audit(view: TicketView, now_ms: int, detail: str) -> tuple[Any, ...]:
    """The audit row of a ticket issued although closed: (at, actor, action, subject,
    detail, office)."""
    return (now_ms, view.staff or "-", "override", f"ticket:{view.id}", detail, view.office_id)


class TicketIssue(TicketEstimates):
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
        request = checked_request(request)  # every stored value, before the database
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
        elif not request.override:
            raise InputError("err.override_reason")
        day = local.date()
        nonce = new_nonce()  # this issuance's own part of the token
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
                nonce,
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
                nonce,
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
                view = made(*_sqlite_issue(raw, day_text, prefix, values))
                if detail is not None:  # an override: who and why, in the audit log too
                    raw.execute(_SQLITE_AUDIT, _override_audit(view, now_ms, detail))
                return view, False

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
            "nonce": nonce,
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
            view = made(*_insert_ticket(conn, params))
            if detail is not None:  # an override: who and why, in the audit log too
                at, actor, action, subject, note, office_id = _override_audit(view, now_ms, detail)
                conn.execute(
                    insert(AuditEntry).values(
                        at_ms=at,
                        actor=actor,
                        action=action,
                        subject=subject,
                        detail=note,
                        office_id=office_id,
                    )
                )
            return view, False

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
        token = self.token(view)
        qr_data = qr_text(token, self.config.settings.web.public_url)
        return IssueResult(view, token, estimate, tuple(warnings), replayed, qr_data)
