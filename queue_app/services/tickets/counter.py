"""One counter's view of the queue, and its rule: a counter calls one visitor at a time.

The rule (`queue_app.domain.tickets.check_counter_free`) is enforced inside the call's own
transaction, after taking the counter: SQLite's `BEGIN IMMEDIATE` already serialises every
write, PostgreSQL takes a transaction-scoped advisory lock per (office, counter), so two
terminals of one counter calling at the same moment cannot both pass the check.

Picking the next ticket on PostgreSQL uses `FOR UPDATE SKIP LOCKED`: a ticket another
counter is calling right now is skipped, never fought over (the loser used to fail with
"cannot call a ticket that is called").
"""

from __future__ import annotations

import builtins
import zlib
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select, text
from sqlmodel import Session

from db.models import Ticket
from queue_app.domain.tickets import (
    OPEN_AT_COUNTER,
    OpenTicket,
    callable_at,
    check_counter_free,
    counter_first,
)
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.issue import TicketIssue
from queue_app.services.views import TicketView

# first key of the advisory locks Madoguchi takes (the second is the counter's hash)
_LOCK_SPACE = 0x6D61646F  # "mado"
_OPEN = [s.value for s in OPEN_AT_COUNTER]


def _counter_key(office_id: str, counter_no: int) -> int:
    """A stable signed 32-bit key for (office, counter)."""
    value = zlib.crc32(f"{office_id}:{counter_no}".encode())
    return value - (1 << 32) if value >= (1 << 31) else value


class TicketCounter(TicketIssue):
    # -- the rule, in the caller's transaction -------------------------------------------
    def _hold_counter(self, session: Session, office_id: str, counter_no: int, day: date) -> None:
        """Take the counter for this transaction and refuse when a ticket is still open
        there (today's: a ticket left open on an earlier day does not block the counter)."""
        if not self._sqlite:
            session.execute(
                text("SELECT pg_advisory_xact_lock(:space, :key)"),
                {"space": _LOCK_SPACE, "key": _counter_key(office_id, counter_no)},
            )
        rows = session.execute(
            _open_at(
                select(Ticket.id, Ticket.display_number, Ticket.state), office_id, counter_no, day
            )
        ).all()
        check_counter_free(office_id, counter_no, [OpenTicket(r[0], r[1], r[2]) for r in rows])

    def _next_candidate(
        self,
        session: Session,
        office_id: str,
        counter_no: int,
        services: tuple[str, ...],
        day: date,
    ) -> int | None:
        """The next ticket this counter may call; on PostgreSQL locked for this transaction,
        skipping the ones other counters are taking right now."""
        stmt = (
            select(Ticket.id)
            .where(
                Ticket.office_id == office_id,  # type: ignore[arg-type]
                Ticket.service_day == day,  # type: ignore[arg-type]
                Ticket.state == WAITING,  # type: ignore[arg-type]
                Ticket.service_id.in_(services),  # type: ignore[attr-defined]
                or_(Ticket.target_counter.is_(None), Ticket.target_counter == counter_no),  # type: ignore[union-attr]
            )
            .order_by(*self._order(office_id))
            .limit(1)
        )
        if not self._sqlite:
            stmt = stmt.with_for_update(skip_locked=True)
        found = session.execute(stmt).scalar()
        return int(found) if found is not None else None

    # -- reading, for one counter --------------------------------------------------------
    def open_at_counter(
        self, office_id: str, counter_no: int, day: date | None = None
    ) -> builtins.list[TicketView]:
        """Today's tickets called or being served at this counter (normally none or one)."""
        self.config.counter(office_id, counter_no)
        day = day or self.today(office_id)
        with self.uow.read() as session:
            stmt = _open_at(select(Ticket), office_id, counter_no, day)
            return [TicketView.of(r) for r in session.scalars(stmt)]

    def waiting_for_counter(
        self, office_id: str, counter_no: int, day: date | None = None
    ) -> tuple[int, int]:
        """(waiting tickets this counter may call, waiting tickets it may not)."""
        counter = self.config.counter(office_id, counter_no)
        day = day or self.today(office_id)
        with self.uow.read() as session:
            rows: Any = session.execute(
                select(Ticket.service_id, Ticket.target_counter, func.count())
                .where(
                    Ticket.office_id == office_id,  # type: ignore[arg-type]
                    Ticket.service_day == day,  # type: ignore[arg-type]
                    Ticket.state == WAITING,  # type: ignore[arg-type]
                )
                .group_by(Ticket.service_id, Ticket.target_counter)
            ).all()
        here = others = 0
        for service_id, target, count in rows:
            if callable_at(counter_no, counter.services, service_id, target):
                here += int(count)
            else:
                others += int(count)
        return here, others

    def waiting_at_counter(
        self, office_id: str, counter_no: int, day: date | None = None
    ) -> tuple[builtins.list[TicketView], builtins.list[TicketView]]:
        """The waiting queue seen from one counter: (what it may call, in call order; the
        rest, in call order)."""
        counter = self.config.counter(office_id, counter_no)
        return counter_first(self.waiting(office_id, day), counter_no, counter.services)


def _open_at(stmt: Select[Any], office_id: str, counter_no: int, day: date) -> Select[Any]:
    """`stmt` narrowed to the tickets called or being served at this counter on `day`, in
    the order they were called."""
    return stmt.where(
        Ticket.office_id == office_id,  # type: ignore[arg-type]
        Ticket.service_day == day,  # type: ignore[arg-type]
        Ticket.counter == counter_no,  # type: ignore[arg-type]
        Ticket.state.in_(_OPEN),  # type: ignore[attr-defined]
    ).order_by(Ticket.called_ms, Ticket.id)  # type: ignore[arg-type]
