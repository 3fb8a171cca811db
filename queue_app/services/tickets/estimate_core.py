"""The wait of a ticket at issue, from the office's queue snapshot (`estimate_cache`):
the part of the estimates the one issue path needs (`issue_core.py`), with no SQLAlchemy on
its path. Its reads are plain statements on a driver connection (`uow.read_plain()`): the
full services' pooled connection or the bare `ticket issue` command's own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

from queue_app.domain.estimates import estimate_wait
from queue_app.services.epoch import to_ms
from queue_app.services.queue_lines import counters_for, estimate_window, minutes_from
from queue_app.services.tickets.base import TicketBase
from queue_app.services.tickets.estimate_cache import (
    SnapshotCache,
    current_revision,
    read_snapshot,
)
from queue_app.services.views import Estimate, TicketView


class EstimateCore(TicketBase):
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

    def _minutes_from(self, durations_ms: Sequence[int | None], service_id: str) -> float:
        return minutes_from(self.config, durations_ms, service_id)

    def _window(self, office_id: str, now_ms: int) -> tuple[int, date]:
        return estimate_window(self.config, self.calendar, office_id, now_ms)

    def counters_for(self, office_id: str, service_id: str) -> int:
        return counters_for(self.config, office_id, service_id)

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
            with self.uow.read_plain() as reader:
                current = current_revision(reader, office_id)
                snap = cache.get(office_id, current)
                if snap is None or not snap.covers(ticket.service_day, first_day, since_ms, now_ms):
                    snap = read_snapshot(
                        reader,
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
