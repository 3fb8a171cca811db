"""Wait estimates: minutes per person, open counters, the estimate of one ticket and of each service queue."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from db.models import Ticket
from queue_app.domain.estimates import estimate_wait
from queue_app.services.board_reads import waiting_now
from queue_app.services.queue_lines import (
    counters_for,
    estimate_window,
    minutes_from,
    oldest_waits,
    per_person_minutes,
    service_queues,
)
from queue_app.services.tickets.base import WAITING
from queue_app.services.tickets.estimate_cache import (
    SnapshotCache,
    current_revision,
    read_snapshot,
)
from queue_app.services.tickets.tokens import TicketTokens
from queue_app.services.uow import session_reader, to_ms
from queue_app.services.views import Estimate, ServiceQueue, TicketView


class TicketEstimates(TicketTokens):
    @cached_property
    def _snapshots(self) -> SnapshotCache:
        """The latest queue snapshot per office (see `estimate_for`)."""
        return SnapshotCache()

    @cached_property
    def _day_facts(
        self,
    ) -> Callable[[str, date, str | None], tuple[datetime | None, datetime | None, date | None]]:
        """(reception start, reception end, next open day after) of an office's day for a
        service: they depend only on the (immutable) configuration, and every estimate
        asks for them."""
        cal = self.calendar

        @lru_cache(maxsize=1024)
        def facts(
            office_id: str, day: date, service_id: str | None
        ) -> tuple[datetime | None, datetime | None, date | None]:
            return (
                cal.reception_start(office_id, day, service_id),
                cal.reception_end(office_id, day, service_id),
                cal.next_open_day(office_id, day, service_id, include_start=False),
            )

        return facts

    # -- estimates (the statements and rules shared with the board: queue_lines.py) -----
    def per_person_minutes(
        self, session: Session, office_id: str, service_id: str, now_ms: int
    ) -> float:
        return per_person_minutes(
            session_reader(session), self.config, self.calendar, office_id, service_id, now_ms
        )

    def _minutes_from(self, durations_ms: Sequence[int | None], service_id: str) -> float:
        return minutes_from(self.config, durations_ms, service_id)

    def _window(self, office_id: str, now_ms: int) -> tuple[int, date]:
        return estimate_window(self.config, self.calendar, office_id, now_ms)

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

    def counters_for(self, office_id: str, service_id: str) -> int:
        return counters_for(self.config, office_id, service_id)

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
        start, end, following = self._day_facts(office_id, local.date(), service_id)
        base = max(now, start) if start else now
        expected = base + timedelta(minutes=est.minutes)
        after_close = end is not None and expected > end
        alternative: str | None = None
        alternative_end: datetime | None = None
        next_day: date | None = None
        if after_close or end is None:
            next_day = following
            # another office helps only if it is open now and takes this procedure for
            # longer than this one does (never one that closes as soon, or sooner)
            for other in self.config.offices.values():
                if other.id == office_id or service_id not in other.services:
                    continue
                other_local = self.calendar.local(other.id, now)
                status = self._day_status(other.id, other_local.date(), service_id)
                if not (status.open and any(r.contains(other_local.time()) for r in status.hours)):
                    continue  # (`calendar.is_open_at`, from the cached day)
                other_end = self._day_facts(other.id, other_local.date(), service_id)[1]
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
        """The wait of one ticket: the waiting tickets of its service ahead of it.

        From the office's queue snapshot of the current revision (`estimate_cache`), not by
        scanning the day: `revision` is the one `issue` made with this ticket, which then
        only needs adding to the snapshot of the revision before. The same figures as
        `estimate_scanning` (tests/test_estimate_cache.py)."""
        now = self.clock.now()
        now_ms = to_ms(now)
        office_id, service_id = ticket.office_id, ticket.service_id
        since_ms, first_day = self._window(office_id, now_ms)
        key = (-ticket.priority, to_ms(ticket.queued_at), ticket.id)
        cache = self._snapshots
        snap = None
        if revision is not None:  # this process's issue: its ticket is the one change
            cache.advanced(office_id, revision, ticket.service_day, service_id, key)
            snap = cache.get(office_id, revision)
        if snap is None or not snap.covers(ticket.service_day, first_day, since_ms, now_ms):
            with self.uow.read() as session:
                current = current_revision(session, office_id)
                snap = cache.get(office_id, current)
                if snap is None or not snap.covers(ticket.service_day, first_day, since_ms, now_ms):
                    snap = read_snapshot(
                        session,
                        office_id,
                        ticket.service_day,
                        current,
                        now_ms,
                        since_ms,
                        first_day,
                    )
                    cache.put(snap)
        ahead = snap.ahead(service_id, key)
        per_person = self._minutes_from(
            snap.durations(service_id, first_day, since_ms, now_ms), service_id
        )
        first = snap.oldest_queued(service_id)
        oldest = 0.0
        if first is not None:
            start = self._day_facts(office_id, ticket.service_day, None)[0]
            opened_ms = to_ms(start) if start is not None else 0
            oldest = max(0.0, (now_ms - max(first, opened_ms)) / 60_000)
        own = max(0.0, (now_ms - to_ms(ticket.queued_at)) / 60_000)
        floor = max(0.0, oldest - own)
        return self._estimate(office_id, service_id, ahead, per_person, now, floor)

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
