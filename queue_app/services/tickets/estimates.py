"""Wait estimates: minutes per person, open counters, the estimate of one ticket and of each service queue."""

from __future__ import annotations

import builtins
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from db.models import Ticket
from queue_app.domain.estimates import congestion, estimate_wait, minutes_per_person
from queue_app.domain.tickets import TicketState
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.tokens import TicketTokens
from queue_app.services.uow import from_ms, to_ms
from queue_app.services.views import Estimate, ServiceQueue, TicketView


class TicketEstimates(TicketTokens):
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

    def per_person_minutes_for(self, office_id: str, service_id: str) -> float:
        """Minutes per person a new estimate uses right now (shrunk toward the configured)."""
        with self.uow.read() as session:
            return self.per_person_minutes(session, office_id, service_id, to_ms(self.clock.now()))

    def oldest_waits(
        self, session: Session, office_id: str, day: date, now_ms: int
    ) -> dict[str, float]:
        """Minutes the longest-waiting ticket of each service has waited so far (counted
        from reception start when it was taken before opening)."""
        rows = session.execute(
            select(Ticket.service_id, func.min(Ticket.queued_ms))
            .where(
                Ticket.office_id == office_id,  # type: ignore[arg-type]
                Ticket.service_day == day,  # type: ignore[arg-type]
                Ticket.state == WAITING,  # type: ignore[arg-type]
            )
            .group_by(Ticket.service_id)
        ).all()
        start = self.calendar.reception_start(office_id, day)
        opened_ms = to_ms(start) if start is not None else 0
        return {
            str(sid): max(0.0, (now_ms - max(int(first), opened_ms)) / 60_000)
            for sid, first in rows
            if first is not None
        }

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
            floor = self.oldest_waits(session, office_id, day, now_ms).get(service_id, 0.0)
        return self._estimate(office_id, service_id, people_ahead, per_person, now, floor)

    def _estimate(
        self,
        office_id: str,
        service_id: str,
        people_ahead: int,
        per_person: float,
        now: datetime,
        waited_floor: float = 0.0,
    ) -> Estimate:
        counters = self.counters_for(office_id, service_id)
        est = estimate_wait(people_ahead, counters, per_person, waited_floor)
        local = self.calendar.local(office_id, now)
        start = self.calendar.reception_start(office_id, local.date(), service_id)
        base = max(now, start) if start else now
        expected = base + timedelta(minutes=est.minutes)
        end = self.calendar.reception_end(office_id, local.date(), service_id)
        after_close = end is not None and expected > end
        alternative: str | None = None
        alternative_end: datetime | None = None
        next_day: date | None = None
        if after_close or end is None:
            next_day = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            # another office helps only if it is open now and takes this procedure for
            # longer than this one does (never one that closes as soon, or sooner)
            for other in self.config.offices.values():
                if other.id == office_id or service_id not in other.services:
                    continue
                if not self.calendar.is_open_at(other.id, now, service_id):
                    continue
                other_day = self.calendar.service_day(other.id, now)
                other_end = self.calendar.reception_end(other.id, other_day, service_id)
                if other_end is None or (end is not None and other_end <= end):
                    continue
                if alternative_end is None or other_end > alternative_end:
                    alternative, alternative_end = other.id, other_end
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
            alternative_end=alternative_end,
        )

    def estimate_for(self, ticket: TicketView, revision: int | None = None) -> Estimate:
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
            oldest = self.oldest_waits(session, office_id, day, now_ms)
        settings = self.config.settings
        queues = []
        for sid in office.services:
            waiting = int(counts.get(sid, 0))
            waited = oldest.get(sid, 0.0)
            est = estimate_wait(waiting, self.counters_for(office_id, sid), per_person[sid], waited)
            level = congestion(
                est.minutes,
                settings.congestion,
                oldest_wait=waited,
                target_minutes=settings.target_wait_minutes,
            )
            queues.append(ServiceQueue(sid, waiting, est.minutes, level.value))
        return queues
