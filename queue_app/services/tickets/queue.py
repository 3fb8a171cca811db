"""Reading the queue: one ticket, a day's list, who waits, recent calls, the revision."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from sqlalchemy import case, select

from db.models import Ticket
from queue_app.domain.errors import InputError, NotFoundError
from queue_app.domain.fields import check_id
from queue_app.services import ticket_reads as reads
from queue_app.services.tickets.base import TicketBase
from queue_app.services.views import TicketView


class TicketQueue(TicketBase):
    # -- reading -----------------------------------------------------------------------
    def get(self, ticket_id: int) -> TicketView:
        ticket_id = check_id(ticket_id, "ticket id")  # 2^63 would overflow the driver
        with self.uow.read_plain() as reader:
            found = reads.ticket(reader, ticket_id)
        if found is None:
            raise NotFoundError("err.ticket_not_found", id=ticket_id)
        return found

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
        with self.uow.read_plain() as reader:  # the reception's statement (ticket_reads.py)
            return reads.day_tickets(reader, office_id, day, states)

    def _order(self, office_id: str) -> builtins.list[Any]:
        """`ticket_reads.waiting_sql`'s order as SQLAlchemy terms (call next picks by it,
        with FOR UPDATE on PostgreSQL)."""
        office = self.config.office(office_id)
        order: builtins.list[Any] = [Ticket.priority.desc()]  # type: ignore[attr-defined]
        if office.service_order:
            ranks = {sid: i for i, sid in enumerate(office.service_order)}
            order.append(case(ranks, value=Ticket.service_id, else_=len(ranks)))
        order += [Ticket.queued_ms, Ticket.id]
        return order

    def waiting(self, office_id: str, day: date | None = None) -> builtins.list[TicketView]:
        """The waiting queue in the order it will be called (per counter rules aside)."""
        order = self.config.office(office_id).service_order
        day = day or self.today(office_id)
        with self.uow.read_plain() as reader:  # the reception's statement (ticket_reads.py)
            return reads.waiting(reader, office_id, day, order)

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
        with self.uow.read_plain() as reader:
            return reads.revision(reader, office_id)
