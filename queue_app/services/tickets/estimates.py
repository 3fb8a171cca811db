"""Wait estimates: minutes per person, the estimate of each service queue, the scanning
reference of a ticket's estimate (`estimate_core.py` holds the one at issue)."""

from __future__ import annotations

import builtins
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from db.models import Ticket
from queue_app.services.board_reads import waiting_now
from queue_app.services.queue_lines import oldest_waits, per_person_minutes, service_queues
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.estimate_core import EstimateCore
from queue_app.services.tickets.tokens import TicketTokens
from queue_app.services.uow import session_reader, to_ms
from queue_app.services.views import Estimate, ServiceQueue, TicketView


class TicketEstimates(TicketTokens, EstimateCore):
    # -- estimates (the statements and rules shared with the board: queue_lines.py) -----
    def per_person_minutes(
        self, session: Session, office_id: str, service_id: str, now_ms: int
    ) -> float:
        return per_person_minutes(
            session_reader(session), self.config, self.calendar, office_id, service_id, now_ms
        )

    def per_person_minutes_for(self, office_id: str, service_id: str) -> float:
        """Minutes per person a new estimate uses right now (shrunk toward the configured)."""
        with self.uow.read() as session:
            return self.per_person_minutes(session, office_id, service_id, to_ms(self.clock.now()))

    def oldest_waits(
        self, session: Session, office_id: str, day: date, now_ms: int
    ) -> dict[str, float]:
        """Minutes the longest-waiting ticket of each service has waited so far."""
        waiting = waiting_now(session_reader(session), office_id, day)
        return oldest_waits(self.calendar, office_id, day, now_ms, waiting)

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
            floor = self.oldest_waits(session, office_id, day, now_ms).get(service_id, 0.0)
        return self._estimate(office_id, service_id, people_ahead, per_person, now, floor)

    def estimate_scanning(self, ticket: TicketView) -> Estimate:
        """`estimate_for` by scanning the day (what it did before the snapshot; kept as the
        reference the tests compare it with)."""
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
            now_ms = to_ms(now)
            per_person = self.per_person_minutes(
                session, ticket.office_id, ticket.service_id, now_ms
            )
            oldest = self.oldest_waits(session, ticket.office_id, ticket.service_day, now_ms)
        # the one at the head has waited `oldest`; this ticket has waited its own share
        own = max(0.0, (now_ms - to_ms(ticket.queued_at)) / 60_000)
        floor = max(0.0, oldest.get(ticket.service_id, 0.0) - own)
        return self._estimate(ticket.office_id, ticket.service_id, ahead, per_person, now, floor)

    def service_queues(self, office_id: str) -> builtins.list[ServiceQueue]:
        """Waiting count, estimate and congestion level per service of an office."""
        self.config.office(office_id)
        with self.uow.read() as session:
            return service_queues(
                session_reader(session), self.config, self.calendar, office_id, self.clock.now()
            )
