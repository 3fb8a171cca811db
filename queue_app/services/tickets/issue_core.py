"""Issuing a ticket: the one issue path, with no SQLAlchemy on it (docs/decisions.md).

One transaction: the counter upsert, the ticket, its first event, the plan's steps, the
revision bump (+ NOTIFY on PostgreSQL) and, for an override, the audit row; then the
estimate from the office's queue snapshot. Its statements are plain SQL written once
(`issue_sql.py`), run on a DB-API connection by whichever unit of work the services were
given: the full services' `UnitOfWork` (their pooled connection's driver connection, inside
SQLAlchemy's transaction) or the `ticket issue` command's bare `db.driver_write.
DriverDatabase`. Both offer `write_plain(fn, retry_integrity)` (the retries and errors of
`UnitOfWork.write_core`), `read_plain()` and `dialect`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import SimpleNamespace

from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.fields import check_count, check_field, check_id, new_nonce
from queue_app.domain.scan import qr_text
from queue_app.domain.tickets import display_number
from queue_app.domain.tokens import TokenClaims, sign
from queue_app.domain.visit_plans import check_steps, parse_plan_text
from queue_app.services.epoch import to_ms
from queue_app.services.revision_sql import bump_revision
from queue_app.services.tickets import issue_sql as sql
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.estimate_core import EstimateCore
from queue_app.services.tickets.issue_sql import AD_HOC
from queue_app.services.views import IssueResult, TicketView

# the columns a ticket just issued does not have yet
NOT_YET = dict.fromkeys(
    ("called_ms", "started_ms", "finished_ms", "counter", "target_counter", "outcome")
)


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


class IssueCore(EstimateCore):
    def token(self, ticket: TicketView) -> str:
        """The ticket's signed QR token (`verify_token` checks it)."""
        return sign(
            self.secret,
            TokenClaims(
                "T",
                ticket.office_id,
                ticket.service_day,
                ticket.id,
                ticket.display_number,
                ticket.nonce,  # names this issuance only (None: issued before 0005)
            ),
        )

    def issue(self, request: IssueRequest, with_estimate: bool = True) -> IssueResult:
        """Issue one ticket: one transaction (counter, ticket, first event, revision).

        The plain statements of `issue_sql.py` in the unit of work's `write_plain`
        (BEGIN IMMEDIATE on SQLite). The TicketView is built from the inserted values
        instead of being selected again. A repeated `request_id` fails the unique
        constraint on the first attempt; the retry then finds and returns the ticket
        issued before (`replayed=True`).
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
        dialect = self.uow.dialect

        def work(db: sql.Statements) -> tuple[TicketView, bool, int | None]:
            nonlocal attempts
            attempts += 1
            if request.request_id and attempts > 1:
                # the first attempt relies on the unique index `uq_ticket_request`: a
                # replay fails it, and this retry returns the ticket issued before
                existing = sql.by_request_id(db, request.request_id)
                if existing is not None:
                    return existing, True, None
            number = sql.next_number(db, key)
            label = display_number(service.prefix, number)
            ticket_id = sql.insert_ticket(db, {**ticket, "number": number, "display_number": label})
            sql.insert_event(db, {**event, "ticket_id": ticket_id})
            if request.plan:  # the plan's steps, in the same transaction
                sql.insert_steps(db, ticket_id, request.plan)
            revision = bump_revision(db, dialect, office.id)  # + NOTIFY on PostgreSQL
            if detail is not None:  # an override: who and why, in the audit log too
                sql.insert_audit(
                    db,
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

        view, replayed, revision = self.uow.write_plain(work, retry_integrity=True)
        return self._result(view, replayed, with_estimate, revision)

    def _by_request_id(self, request_id: str) -> TicketView | None:
        with self.uow.read_plain() as reader:
            return sql.by_request_id(reader, request_id)

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

    # -- issuing with a plan ---------------------------------------------------------------
    def plan_steps(
        self, office_id: str, plan: str | Sequence[str]
    ) -> tuple[str | None, tuple[str, ...]]:
        """(named plan id or None, procedures in order) of a plan given as a named plan's
        id (`tennyu`), a comma list (`moving,card_pickup,other`) or a sequence; checked
        against what this office's counters serve."""
        office = self.config.office(office_id)
        served = tuple(s for s in office.services if any(s in c.services for c in office.counters))
        items = parse_plan_text(plan) if isinstance(plan, str) else tuple(plan)
        if len(items) == 1 and items[0] in self.config.plans:
            named = self.config.plan(items[0])
            if office_id not in named.offices:
                raise InputError(
                    "err.plan_not_at_office",
                    value=named.id,
                    office=office_id,
                    known=", ".join(p.id for p in self.config.office_plans(office_id)) or "-",
                )
            return named.id, named.steps
        if len(items) == 1 and items[0] not in self.config.services and self.config.plans:
            raise InputError("err.unknown_plan", value=items[0], known=", ".join(self.config.plans))
        return None, check_steps(items, served)

    def issue_plan(
        self, request: IssueRequest, plan: str | Sequence[str], with_estimate: bool = True
    ) -> IssueResult:
        """Issue one ticket for a whole visit: its number is the first procedure's, its steps
        are written in the same transaction. A plan of one procedure is a plain ticket."""
        plan_id, steps = self.plan_steps(request.office_id, plan)
        first = replace(request, service_id=steps[0])
        if len(steps) == 1:
            return self.issue(first, with_estimate)
        return self.issue(replace(first, plan=steps, plan_id=plan_id or AD_HOC), with_estimate)
