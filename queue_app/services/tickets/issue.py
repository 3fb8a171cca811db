"""Issuing a ticket: one transaction (counter upsert, ticket, first event, revision).

Numbers come from one atomic upsert on `daily_counter` (`INSERT .. ON CONFLICT DO UPDATE ..
RETURNING`), with the unique constraint `uq_ticket_number` as the backstop. One SQLAlchemy
Core path for SQLite and PostgreSQL alike: a busy city hall issues a few tickets a minute, and
this path issues hundreds a second (docs/benchmarks.md, "One issue path")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection

from db.models import AuditEntry, DailyCounter, Ticket, TicketEvent
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.fields import check_count, check_field, check_id, new_nonce
from queue_app.domain.scan import qr_text
from queue_app.domain.tickets import display_number
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.estimates import TicketEstimates
from queue_app.services.tickets.steps import AD_HOC, insert_steps
from queue_app.services.uow import to_ms
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
    # a visit plan (`TicketPlans.issue_plan` checks it): its procedures in order, the first
    # being `service_id`; `plan_id` a named plan's id or "*" for an ad-hoc list
    plan: tuple[str, ...] = ()
    plan_id: str | None = None


# -- the statements of one issue, built once and executed with parameters ----------------------
# One SQLAlchemy Core path for SQLite and PostgreSQL (inside `UnitOfWork.write_core`): the
# counter upsert (`UnitOfWork.insert_for`, dialect-specific ON CONFLICT, built per service),
# the ticket, its first event, the revision bump (+ NOTIFY on PostgreSQL) and, for an
# override, the audit row. Building a statement per ticket (`insert(...).values(...)`) costs
# more than the database work; executing prepared ones with parameter dicts does not.
TICKET = Ticket.__table__  # type: ignore[attr-defined]
EVENT = TicketEvent.__table__  # type: ignore[attr-defined]
COUNTER = DailyCounter.__table__  # type: ignore[attr-defined]
INSERT_TICKET = insert(TICKET)
INSERT_EVENT = insert(EVENT)
INSERT_AUDIT = insert(AuditEntry.__table__)  # type: ignore[attr-defined]
BY_REQUEST = select(TICKET).where(TICKET.c.request_id == bindparam("request_id"))
# the columns a ticket just issued does not have yet
NOT_YET = dict.fromkeys(
    ("called_ms", "started_ms", "finished_ms", "counter", "target_counter", "outcome")
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


class TicketIssue(TicketEstimates):
    _counter_sql: Any = None  # the counter upsert for this engine's dialect, built once

    def issue(self, request: IssueRequest, with_estimate: bool = True) -> IssueResult:
        """Issue one ticket: one transaction (counter, ticket, first event, revision).

        One SQLAlchemy Core path on both engines (`UnitOfWork.write_core`: BEGIN IMMEDIATE on
        SQLite), the statements built once and executed with parameters. The TicketView is
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
        key = {"office_id": office.id, "service_id": service.id, "service_day": day}
        ticket = {
            **key,
            "issued_service_id": service.id,
            "visit_kind": request.visit_kind,
            "decision": request.decision,
            "state": WAITING,
            "priority": request.priority,
            "issued_ms": now_ms,
            "queued_ms": now_ms,
            "recall_count": 0,
            "override": request.override,
            "staff": request.staff,
            "request_id": request.request_id,
            "appointment_id": request.appointment_id,
            "case_id": request.case_id,
            "nonce": nonce,
            "plan_id": (request.plan_id or AD_HOC) if request.plan else None,
        }
        # (a `-> waiting` event with no `transfer:` detail: the ticket's report marks,
        # domain/report_marks.py, keep their defaults, never called and not transferred)
        event = {
            **key,
            "from_state": None,
            "to_state": WAITING,
            "at_ms": now_ms,
            "counter": None,
            "staff": request.staff,
            "detail": detail,
        }
        attempts = 0

        def work(conn: Connection) -> tuple[TicketView, bool, int | None]:
            nonlocal attempts
            attempts += 1
            if request.request_id and attempts > 1:
                # the first attempt relies on the unique index `uq_ticket_request`: a
                # replay fails it, and this retry returns the ticket issued before
                existing = conn.execute(BY_REQUEST, {"request_id": request.request_id}).first()
                if existing is not None:
                    return TicketView.of(existing), True, None  # type: ignore[arg-type]
            number = int(conn.execute(self._counter(), {**key, "last_number": 1}).scalar_one())
            label = display_number(service.prefix, number)
            result = conn.execute(
                INSERT_TICKET, {**ticket, "number": number, "display_number": label}
            )
            ticket_id = int(result.inserted_primary_key[0])
            conn.execute(INSERT_EVENT, {**event, "ticket_id": ticket_id})
            if request.plan:  # the plan's steps, in the same transaction
                insert_steps(conn, ticket_id, request.plan)
            revision = self.uow.bump_revision(conn, office.id)  # + NOTIFY on PostgreSQL
            if detail is not None:  # an override: who and why, in the audit log too
                conn.execute(
                    INSERT_AUDIT,
                    {
                        "at_ms": now_ms,
                        "actor": request.staff or "-",
                        "action": "override",
                        "subject": f"ticket:{ticket_id}",
                        "detail": detail,
                        "office_id": office.id,
                    },
                )
            # the view of the row just inserted, from its values (no second read)
            row = SimpleNamespace(
                id=ticket_id, number=number, display_number=label, **ticket, **NOT_YET
            )
            view = TicketView.of(row)  # type: ignore[arg-type]
            return view, False, revision

        view, replayed, revision = self.uow.write_core(work, retry_integrity=True)
        return self._result(view, replayed, with_estimate, revision)

    def _counter(self) -> Any:
        """The day's next number for an office and service: one atomic upsert, built once
        for this engine's dialect and executed with parameters."""
        if self._counter_sql is None:
            self._counter_sql = (
                self.uow.insert_for(COUNTER)
                .on_conflict_do_update(
                    index_elements=["office_id", "service_id", "service_day"],
                    set_={"last_number": COUNTER.c.last_number + 1},
                )
                .returning(COUNTER.c.last_number)
            )
        return self._counter_sql

    def _by_request_id(self, request_id: str) -> TicketView | None:
        with self.uow.read() as session:
            row = session.scalars(
                select(Ticket).where(Ticket.request_id == request_id)  # type: ignore[arg-type]
            ).first()
            return TicketView.of(row) if row is not None else None

    def _result(
        self,
        view: TicketView,
        replayed: bool,
        with_estimate: bool,
        revision: int | None = None,
    ) -> IssueResult:
        estimate = self.estimate_for(view, revision) if with_estimate else None
        warnings: list[str] = []
        if view.override:
            warnings.append("warn.override")
        if estimate is not None and estimate.after_close:
            warnings.append("warn.after_close")
        token = self.token(view)
        qr_data = qr_text(token, self.config.settings.web.public_url)
        return IssueResult(view, token, estimate, tuple(warnings), replayed, qr_data)
