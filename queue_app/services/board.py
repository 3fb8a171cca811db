"""The waiting-room board: one read-only, frozen `BoardSnapshot` per poll.

The display process holds a read-only engine and no HMAC secret; it only ever calls
`revision_key()` (one tiny SELECT over the `revision` table, every ~250 ms) and, when that
moved or a minute passed, `snapshot(office_id)`. Everything is language-neutral: the screen
translates. Nothing here writes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from queue_app.domain.calendar import DayStatus, OfficeCalendar, Reason
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config, RuleKind, TimeRange
from queue_app.domain.estimates import congestion
from queue_app.services.board_pickup import pickup_board
from queue_app.services.board_reads import Reader, call_rows, revisions
from queue_app.services.epoch import from_ms
from queue_app.services.plan_views import PickupEntry
from queue_app.services.queue_lines import service_queues
from queue_app.services.views import ServiceQueue

RECENT_CALLS = 8
CALL_EVENTS = 400  # the newest call events read per snapshot (a busy day has ~300)
LOOKAHEAD_DAYS = 7
MAX_NOTICES = 4
NEAR_CLOSE_MINUTES = 30
_LEVEL_RANK = ["quiet", "moderate", "crowded"]
# closures so regular that announcing every one a week ahead is noise: only tomorrow's
_ROUTINE = {RuleKind.WEEKLY}


@dataclass(frozen=True)
class CallView:
    ticket_id: int
    display_number: str
    prefix: str
    number: int
    counter: int | None
    service_id: str
    called_at: datetime | None
    recall_count: int
    state: str

    @property
    def key(self) -> tuple[int, int, int | None, int]:
        """Changes when the ticket is called again (recall, another counter)."""
        stamp = int(self.called_at.timestamp() * 1000) if self.called_at else 0
        return (self.ticket_id, stamp, self.counter, self.recall_count)


@dataclass(frozen=True)
class QueueLine:
    service_id: str
    name_ja: str
    name_en: str
    prefix: str
    waiting: int
    estimate_minutes: int
    level: str  # quiet | moderate | crowded
    open: bool

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


@dataclass(frozen=True)
class OtherOffice:
    office_id: str
    name_ja: str
    name_en: str
    open_now: bool
    waiting: int
    estimate_minutes: int
    level: str
    closed_reason: Reason | None = (
        None  # closed all day (水曜休所, 祝日...) rather than out of hours
    )

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


@dataclass(frozen=True)
class Closure:
    """A coming day (or run of days) when the office, or one service there, is closed."""

    start: date
    end: date
    service_id: str | None  # None: the whole office
    service_ja: str
    service_en: str
    reason: Reason | None

    def service_name(self, lang: str) -> str:
        return self.service_en if lang == "en" else self.service_ja


@dataclass(frozen=True)
class BoardSnapshot:
    office_id: str
    office_ja: str
    office_en: str
    now: datetime  # office-local
    service_day: date
    revision: tuple[tuple[str, int], ...]
    calls: tuple[CallView, ...]  # newest first; calls[0] is "now calling"
    queues: tuple[QueueLine, ...]
    others: tuple[OtherOffice, ...]
    today_open: bool
    hours: tuple[TimeRange, ...]
    closed_reason: Reason | None
    open_now: bool
    minutes_until_close: int | None  # set only near the end (<= NEAR_CLOSE_MINUTES)
    closures: tuple[Closure, ...]
    # the latest call of every counter that called today, newest first (the big panel)
    now_calling: tuple[CallView, ...] = ()
    next_open_day: date | None = None  # when closed today: the next day reception opens
    next_open_hours: tuple[TimeRange, ...] = ()
    # the pickup stage (交付): お渡しできます (oldest first) and the count being prepared
    ready: tuple[PickupEntry, ...] = ()
    preparing: tuple[PickupEntry, ...] = ()

    def office_name(self, lang: str) -> str:
        return self.office_en if lang == "en" else self.office_ja

    @property
    def newest(self) -> CallView | None:
        return self.calls[0] if self.calls else None

    @property
    def minute(self) -> tuple[date, int, int]:
        return (self.now.date(), self.now.hour, self.now.minute)


class BoardSource(Protocol):
    """What the board reads from: the full `Services`, or the display process's bare
    read-only driver connection (`board_source.DisplaySource`), which spares it the ORM."""

    config: Config
    calendar: OfficeCalendar
    clock: Clock

    @property
    def database_url(self) -> str: ...  # for the change feed's own connection

    def reading(self) -> AbstractContextManager[Reader]: ...


class BoardService:
    """Read-only use case for `madoguchi display`, the web's pages and their feeds."""

    def __init__(self, source: BoardSource) -> None:
        self.source = source
        self.config = source.config
        self.calendar = source.calendar
        self.clock = source.clock

    # -- the cheap probe ---------------------------------------------------------------
    def revision_key(self) -> tuple[tuple[str, int], ...]:
        """Every office's revision in one small SELECT: other offices' queues show too."""
        with self.source.reading() as reader:
            return revisions(reader)

    def revision(self, office_id: str) -> int:
        return dict(self.revision_key()).get(office_id, 0)

    # -- the full picture --------------------------------------------------------------
    def snapshot(self, office_id: str) -> BoardSnapshot:
        """Everything the board shows, read in one transaction (one snapshot of the data)."""
        office = self.config.office(office_id)
        moment = self.clock.now()
        now = self.calendar.local(office_id, moment)
        today = now.date()
        with self.source.reading() as reader:
            revision = revisions(reader)  # read first: a change meanwhile triggers a refetch
            all_calls = self._calls(reader, office_id, today)
            queues = tuple(self._queues(reader, office_id, today, moment))
            others = tuple(
                self._other(reader, o, moment) for o in self.config.offices if o != office_id
            )
            pickup = pickup_board(self.config, reader, office_id, today)
        calls = all_calls[:RECENT_CALLS]
        status = self.calendar.day(office_id, today)
        next_day = (
            None
            if status.open
            else self.calendar.next_open_day(office_id, today, include_start=False)
        )
        left = self.calendar.minutes_until_close(office_id, now)
        return BoardSnapshot(
            office_id=office.id,
            office_ja=office.name_ja,
            office_en=office.name_en,
            now=now,
            service_day=today,
            revision=revision,
            calls=calls,
            queues=queues,
            others=others,
            today_open=status.open,
            hours=status.hours if status.open else (),
            closed_reason=None if status.open else status.reason,
            open_now=left is not None,
            minutes_until_close=left if left is not None and left <= NEAR_CLOSE_MINUTES else None,
            closures=self.coming_closures(office_id, today),
            now_calling=latest_per_counter(all_calls),
            next_open_day=next_day,
            next_open_hours=self.calendar.day(office_id, next_day).hours if next_day else (),
            ready=pickup[0],
            preparing=pickup[1],
        )

    def calls_today(self, office_id: str, day: date) -> tuple[CallView, ...]:
        """Today's calls from the event history, newest first: a number stays on the board
        after its visitor was marked absent or transferred (the ticket's state moved on, the
        call happened). Recalls are calls too."""
        with self.source.reading() as reader:
            return self._calls(reader, office_id, day)

    def _calls(self, reader: Reader, office_id: str, day: date) -> tuple[CallView, ...]:
        rows = call_rows(reader, office_id, day, CALL_EVENTS)
        calls: list[CallView] = []
        seen: set[int] = set()
        for tid, counter, at_ms, detail, service_id, label, number, state in rows:
            if tid in seen:  # a recall: the ticket shows once, with its newest call
                continue
            seen.add(tid)
            recall = 0
            if detail and detail.startswith("recall:"):
                recall = int(detail.split(":", 1)[1] or 0)
            calls.append(
                CallView(
                    ticket_id=int(tid),
                    display_number=str(label),
                    prefix=str(label).rsplit("-", 1)[0] if "-" in str(label) else "",
                    number=int(number),
                    counter=counter,
                    service_id=str(service_id),
                    called_at=from_ms(int(at_ms)),
                    recall_count=recall,
                    state=str(state),
                )
            )
        return tuple(calls)

    def _queues(
        self, reader: Reader, office_id: str, today: date, moment: datetime
    ) -> list[QueueLine]:
        lines = []
        for q in service_queues(reader, self.config, self.calendar, office_id, moment):
            service = self.config.services[q.service_id]
            lines.append(
                QueueLine(
                    service_id=q.service_id,
                    name_ja=service.name_ja,
                    name_en=service.name_en,
                    prefix=service.prefix,
                    waiting=q.waiting,
                    estimate_minutes=q.estimate_minutes,
                    level=q.level,
                    open=self.calendar.day(office_id, today, q.service_id).open,
                )
            )
        return lines

    def office_summary(self, office_id: str) -> OtherOffice:
        """One office at a glance (the web index lists every office this way)."""
        with self.source.reading() as reader:
            return self._other(reader, office_id, self.clock.now())

    def _other(self, reader: Reader, office_id: str, moment: datetime) -> OtherOffice:
        office = self.config.office(office_id)
        queues: list[ServiceQueue] = service_queues(
            reader, self.config, self.calendar, office_id, moment
        )
        waiting = sum(q.waiting for q in queues)
        # the longest service wait: "up to about N minutes" is the honest office-level figure,
        # and the worst level of its procedures (never quiet while someone waits too long)
        minutes = max((q.estimate_minutes for q in queues), default=0)
        levels = [q.level for q in queues] or [congestion(0, self.config.settings.congestion)]
        level = max(levels, key=_LEVEL_RANK.index)
        return OtherOffice(
            office_id=office.id,
            name_ja=office.name_ja,
            name_en=office.name_en,
            open_now=self.calendar.is_open_at(office_id, moment),
            waiting=waiting,
            estimate_minutes=minutes,
            level=str(level),
            closed_reason=self.calendar.day(
                office_id, self.calendar.service_day(office_id, moment)
            ).reason,
        )

    def coming_closures(self, office_id: str, today: date) -> tuple[Closure, ...]:
        """Closed days in the next week: tomorrow always; weekly days off only if tomorrow;
        holidays, ranges, one-off dates and service-level closures (the station's
        maintenance Sunday for e-certificates) whenever they fall in the window."""
        office = self.config.office(office_id)
        found: list[Closure] = []
        for offset in range(1, LOOKAHEAD_DAYS + 1):
            day = today + timedelta(days=offset)
            status = self.calendar.day(office_id, day)
            if not status.open:
                continues = (
                    bool(found)
                    and found[-1].service_id is None
                    and (found[-1].end == day - timedelta(days=1))
                )  # a weekend starting tomorrow is shown whole
                if offset == 1 or continues or not self._routine(office_id, status):
                    found.append(Closure(day, day, None, "", "", status.reason))
                continue
            for sid in office.services:
                s_status = self.calendar.day(office_id, day, sid)
                if not s_status.open:
                    service = self.config.services[sid]
                    found.append(
                        Closure(day, day, sid, service.name_ja, service.name_en, s_status.reason)
                    )
        return tuple(_merge_runs(found))[:MAX_NOTICES]

    def _routine(self, office_id: str, status: DayStatus) -> bool:
        codes = {r.code for r in status.reasons}
        if codes <= {"no_hours"}:
            return True
        routine = {
            r.code
            for r in self.config.closures
            if r.kind in _ROUTINE and r.applies_to_office(office_id)
        }
        return bool(codes) and codes <= routine | {"no_hours"}


def latest_per_counter(calls: tuple[CallView, ...]) -> tuple[CallView, ...]:
    """The newest call of each counter, newest first (one big tile per active counter)."""
    found: dict[int | None, CallView] = {}
    for call in calls:
        found.setdefault(call.counter, call)
    return tuple(found.values())


def _merge_runs(items: list[Closure]) -> list[Closure]:
    """Consecutive days with the same scope and reason become one line (年末年始)."""
    merged: list[Closure] = []
    for item in items:
        for i, prev in enumerate(merged):
            same = (
                prev.service_id == item.service_id
                and (prev.reason.code if prev.reason else None)
                == (item.reason.code if item.reason else None)
                and prev.end + timedelta(days=1) == item.start
            )
            if same:
                merged[i] = Closure(
                    prev.start,
                    item.end,
                    prev.service_id,
                    prev.service_ja,
                    prev.service_en,
                    prev.reason,
                )
                break
        else:
            merged.append(item)
    return merged


__all__ = [
    "BoardService",
    "BoardSource",
    "BoardSnapshot",
    "CallView",
    "Closure",
    "OtherOffice",
    "QueueLine",
    "NEAR_CLOSE_MINUTES",
]
