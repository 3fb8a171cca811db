"""The statements of one issue, in plain SQL, once (SQLite and PostgreSQL alike).

Run on a DB-API connection (`db.driver_write.DriverWriter`, `:name` parameters, a `date`
bound as each engine stores it) by both faces of the one issue path (`issue_core.py`): the
full services on their session's driver connection (`UnitOfWork.write_plain`), the
`ticket issue` command on a bare one (`db.driver_write.DriverDatabase`), which spares a
kiosk's every call SQLAlchemy, SQLModel and pydantic. Numbers come from one atomic upsert
on `daily_counter` (`INSERT .. ON CONFLICT DO UPDATE .. RETURNING`), with the unique
constraint `uq_ticket_number` as the backstop; a repeated `request_id` fails
`uq_ticket_request` and the unit of work's retry finds the ticket issued before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from queue_app.domain.visit_plans import new_plan
from queue_app.services import ticket_reads
from queue_app.services.board_reads import Reader
from queue_app.services.revision_sql import Statements
from queue_app.services.views import TicketView

AD_HOC = "*"  # ticket.plan_id of a plan given as a list of procedures (not a named plan)


NEXT_NUMBER = (
    "INSERT INTO daily_counter (office_id, service_id, service_day, last_number)"
    " VALUES (:office_id, :service_id, :service_day, 1)"
    " ON CONFLICT (office_id, service_id, service_day)"
    " DO UPDATE SET last_number = daily_counter.last_number + 1"
    " RETURNING last_number"
)
TICKET_COLUMNS = (
    "office_id",
    "service_id",
    "issued_service_id",
    "service_day",
    "number",
    "display_number",
    "visit_kind",
    "decision",
    "state",
    "priority",
    "issued_ms",
    "queued_ms",
    "recall_count",
    "override",
    "staff",
    "request_id",
    "appointment_id",
    "case_id",
    "nonce",
    "plan_id",
    "transferred",
)
INSERT_TICKET = (
    f"INSERT INTO ticket ({', '.join(TICKET_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in TICKET_COLUMNS)}) RETURNING id"
)
INSERT_EVENT = (
    "INSERT INTO ticket_event"
    " (ticket_id, office_id, service_id, service_day, from_state, to_state, at_ms, counter,"
    " staff, detail)"
    " VALUES (:ticket_id, :office_id, :service_id, :service_day, :from_state, :to_state,"
    " :at_ms, :counter, :staff, :detail)"
)
INSERT_STEP = (
    "INSERT INTO visit_step (ticket_id, position, service_id, state)"
    " VALUES (:ticket_id, :position, :service_id, :state)"
)
INSERT_AUDIT = (
    "INSERT INTO audit_entry (at_ms, actor, action, subject, detail, office_id)"
    " VALUES (:at_ms, :actor, :action, :subject, :detail, :office_id)"
)
# the ticket issued before for a request id, read back as the reception reads a ticket
BY_REQUEST = ticket_reads.SELECT + " WHERE request_id = :request_id"


def next_number(db: Statements, key: Mapping[str, object]) -> int:
    return int(db.rows(NEXT_NUMBER, key)[0][0])


def insert_ticket(db: Statements, values: Mapping[str, object]) -> int:
    return int(db.rows(INSERT_TICKET, {**values, "transferred": 0})[0][0])


def insert_event(db: Statements, values: Mapping[str, object]) -> None:
    db.execute(INSERT_EVENT, values)


def step_rows(ticket_id: int, service_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of a new plan: the first step current, the rest pending."""
    plan = new_plan(service_ids)
    return [
        {
            "ticket_id": ticket_id,
            "position": s.position,
            "service_id": s.service_id,
            "state": s.state.value,
        }
        for s in plan.steps
    ]


def insert_steps(db: Statements, ticket_id: int, service_ids: Sequence[str]) -> None:
    """At issue, in the issuing transaction."""
    for row in step_rows(ticket_id, service_ids):
        db.execute(INSERT_STEP, row)


def insert_audit(db: Statements, values: Mapping[str, object]) -> None:
    db.execute(INSERT_AUDIT, values)


def by_request_id(db: Reader, request_id: str) -> TicketView | None:
    """The ticket issued before for this request id, if any."""
    found = db.rows(BY_REQUEST, {"request_id": request_id})
    return ticket_reads.view(found[0]) if found else None
