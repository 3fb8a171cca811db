"""The estimate at issue without scanning the day: one office's queue, cached per revision.

Every change a display shows bumps the office's revision in its own transaction (one row,
locked until commit: `UnitOfWork.bump_revision`), so the revision counts the committed
changes. A snapshot read at revision r is the truth as long as the revision is still r; and
an issue whose own bump returned r + 1 knows that its ticket is the only change since r, so
it adds that ticket to the snapshot instead of reading the day again. Anything else (another
terminal's issue, a call, a finish, a new day, a clock that went back) reads it again: one
scan, then cheap estimates until the next foreign change.

What a snapshot holds is exactly what `TicketEstimates.estimate_scanning` asks the database:
- per service, the waiting tickets' order keys (-priority, queued_ms, id), sorted: the
  tickets ahead of one are those with a smaller key, the oldest wait is the smallest
  queued_ms;
- per service, the tickets finished since `since_ms` (the estimate window before the moment
  it was read) with their service day and duration: the minutes per person at any later
  moment are a filter of these (a later window starts later).
"""

from __future__ import annotations

import threading
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from datetime import date

from queue_app.domain.tickets import TicketState
from queue_app.services.board_reads import Reader
from queue_app.services.queue_lines import RECENT_LIMIT

WAITING = TicketState.WAITING.value
DONE = TicketState.DONE.value

Key = tuple[int, int, int]  # (-priority, queued_ms, id): the calling order of waiting tickets


@dataclass
class QueueSnapshot:
    """One office's waiting tickets of one service day and its recent finished visits, as
    of `revision` (read at `read_ms` on the services' clock)."""

    office_id: str
    day: date
    revision: int
    read_ms: int
    since_ms: int  # finished visits from here on are all in `finished`
    first_day: date  # ... on service days from here on
    waiting: dict[str, list[Key]] = field(default_factory=dict)
    # service -> [(finished_ms, service_day, duration_ms or None)], newest first
    finished: dict[str, list[tuple[int, date, int | None]]] = field(default_factory=dict)
    oldest: dict[str, int | None] = field(default_factory=dict)  # see oldest_queued

    def ahead(self, service_id: str, key: Key) -> int:
        """Waiting tickets of the service called before the one with this key (itself not
        counted, waiting or not)."""
        return bisect_left(self.waiting.get(service_id, ()), key)  # type: ignore[arg-type]

    def oldest_queued(self, service_id: str) -> int | None:
        """The earliest queued_ms among the service's waiting tickets (kept, not searched)."""
        if service_id not in self.oldest:
            keys = self.waiting.get(service_id)
            self.oldest[service_id] = min(k[1] for k in keys) if keys else None
        return self.oldest[service_id]

    def durations(
        self, service_id: str, first_day: date, since_ms: int, now_ms: int
    ) -> list[int | None]:
        """The last `RECENT_LIMIT` visits finished in [since_ms, now_ms] on days from
        `first_day`, newest first: their durations (the scanning query's rows, the same
        limit; a row without a usable duration takes its place in it as there)."""
        out: list[int | None] = []
        for finished_ms, day, duration in self.finished.get(service_id, ()):
            if finished_ms > now_ms or finished_ms < since_ms or day < first_day:
                continue
            out.append(duration)
            if len(out) == RECENT_LIMIT:
                break
        return out

    def covers(self, day: date, first_day: date, since_ms: int, now_ms: int) -> bool:
        """Whether this snapshot answers an estimate of `day` at `now_ms` (a later moment's
        window lies inside what was read)."""
        return (
            day == self.day
            and now_ms >= self.read_ms
            and since_ms >= self.since_ms
            and first_day >= self.first_day
        )

    def with_issued(self, revision: int, service_id: str, key: Key) -> QueueSnapshot:
        """The snapshot after the one change `revision` made: a ticket issued with `key`."""
        waiting = dict(self.waiting)
        keys = list(waiting.get(service_id, ()))
        insort(keys, key)
        waiting[service_id] = keys
        oldest = dict(self.oldest)
        if service_id in oldest:
            held = oldest[service_id]
            oldest[service_id] = key[1] if held is None else min(held, key[1])
        return QueueSnapshot(
            self.office_id,
            self.day,
            revision,
            self.read_ms,
            self.since_ms,
            self.first_day,
            waiting,
            self.finished,
            oldest,
        )


# plain SQL, run on a driver connection (`board_reads.Reader`): the full services and the
# bare `ticket issue` read the same statements (`issue_core.py`)
REVISION = "SELECT value FROM revision WHERE office_id = :office"
WAITING_KEYS = (
    "SELECT service_id, priority, queued_ms, id FROM ticket"
    f" WHERE office_id = :office AND service_day = :day AND state = '{WAITING}'"
)
FINISHED = (
    "SELECT service_id, finished_ms, service_day, finished_ms - started_ms FROM ticket"
    f" WHERE office_id = :office AND service_day >= :first_day AND state = '{DONE}'"
    " AND finished_ms >= :since"
)


def current_revision(reader: Reader, office_id: str) -> int:
    found = reader.rows(REVISION, {"office": office_id})
    return int(found[0][0] or 0) if found else 0


def read_snapshot(
    reader: Reader,
    office_id: str,
    day: date,
    revision: int,
    now_ms: int,
    since_ms: int,
    first_day: date,
) -> QueueSnapshot:
    """Read the office's queue of `day` and its visits finished since `since_ms` (the caller
    read `revision` first, in the same transaction: the snapshot is at least that fresh)."""
    snap = QueueSnapshot(office_id, day, revision, now_ms, since_ms, first_day)
    for service_id, priority, queued_ms, ticket_id in reader.rows(
        WAITING_KEYS, {"office": office_id, "day": day}
    ):
        snap.waiting.setdefault(service_id, []).append((-priority, queued_ms, ticket_id))
    for keys in snap.waiting.values():
        keys.sort()
    params = {"office": office_id, "first_day": first_day, "since": since_ms}
    for service_id, finished_ms, service_day, duration in reader.rows(FINISHED, params):
        if isinstance(service_day, str):  # SQLite stores a Date as ISO text
            service_day = date.fromisoformat(service_day)
        snap.finished.setdefault(service_id, []).append((finished_ms, service_day, duration))
    for rows in snap.finished.values():
        rows.sort(key=lambda r: r[0], reverse=True)
    return snap


class SnapshotCache:
    """The latest snapshot per office (thread-safe: reception issues from worker threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_office: dict[str, QueueSnapshot] = {}

    def get(self, office_id: str, revision: int) -> QueueSnapshot | None:
        with self._lock:
            snap = self._by_office.get(office_id)
        return snap if snap is not None and snap.revision == revision else None

    def advanced(self, office_id: str, revision: int, day: date, service_id: str, key: Key) -> None:
        """This process's issue made `revision` (its ticket, of `day`, the only change since
        the one before): fold it into the snapshot at revision - 1, if that is the one held
        and of that day."""
        with self._lock:
            snap = self._by_office.get(office_id)
            if snap is not None and snap.revision == revision - 1 and snap.day == day:
                self._by_office[office_id] = snap.with_issued(revision, service_id, key)

    def put(self, snap: QueueSnapshot) -> None:
        with self._lock:
            held = self._by_office.get(snap.office_id)
            if held is None or held.revision <= snap.revision:
                self._by_office[snap.office_id] = snap
