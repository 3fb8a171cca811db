"""A simulated live day: visitors arrive, simulated clerks call, start and finish tickets.

Everything goes through the real use cases (`services.tickets.issue`, `call_next`, `start`,
`finish`, `recall`, `no_show`; `services.inquiries.check_in` for today's appointments when
that service exists), so the display, reception and reports see exactly what a real day
would write. Time comes from a `MutableClock` shared with the app, moved forward `speed`
times faster than real time by a background thread (or by calling `advance` from a test).

Counters listed in `reserved` (by default the one the demo's reception screen uses) are
left to the human at the keyboard.
"""

from __future__ import annotations

import logging
import random
import threading
import time as _time
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from queue_app.demo.history import HistoryConfig, HistoryGenerator, _lognormal, notice_dates
from queue_app.domain.clock import MutableClock
from queue_app.domain.errors import MadoguchiError
from queue_app.services.tickets import IssueRequest

if TYPE_CHECKING:
    from queue_app.services import Services

log = logging.getLogger(__name__)


@dataclass
class _Arrival:
    at_ms: int
    office_id: str
    service_id: str
    kind: str
    decision: str
    appointment_code: str | None = None
    plan_id: str | None = None  # a visit plan (転入: moving → ecert → other)


@dataclass
class _Clerk:
    office_id: str
    counter: int
    staff: str
    state: str = "idle"  # idle | called | serving
    ticket_id: int | None = None
    until_ms: int = 0
    no_show: bool = False
    recalls: int = 0
    minutes: float = 0.0


@dataclass
class LiveStats:
    issued: int = 0
    called: int = 0
    finished: int = 0
    no_shows: int = 0
    checked_in: int = 0
    errors: int = 0
    last_error: str = ""
    days: list[date] = field(default_factory=list)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class LiveDay:
    def __init__(
        self,
        services: Services,
        clock: MutableClock,
        speed: float = 20.0,
        seed: int = 1,
        reserved: set[tuple[str, int]] | None = None,
        options: HistoryConfig | None = None,
        offices: list[str] | None = None,
    ) -> None:
        self.services = services
        self.clock = clock
        self.speed = speed
        self.seed = seed
        self.reserved = reserved or set()
        self.options = options or HistoryConfig()
        self.generator = HistoryGenerator(services.config, seed, self.options, offices)
        self.office_ids = list(self.generator.office_ids)
        # the back office looks only where a procedure has a pickup stage (one office of
        # three in the demo): its board read was half the cost of every step
        config = services.config
        self._pickup_offices = [
            oid
            for oid in self.office_ids
            if any(
                config.services[sid].pickup
                for sid in config.offices[oid].services
                if sid in config.services
            )
        ]
        self.rng = random.Random(f"live:{seed}")
        self.stats = LiveStats()
        self.paused = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._arrivals: list[_Arrival] = []
        self._clerks: list[_Clerk] = []
        self._day: date | None = None
        self._empty: set[str] = set()  # offices where call_next found nobody since last issue
        self._plan_day(self._today())

    # -- planning -------------------------------------------------------------------------
    def _today(self) -> date:
        first = self.office_ids[0]
        return self.services.calendar.service_day(first, self.clock.now())

    def _plan_day(self, day: date) -> None:
        """Arrivals of every open office for `day` (those before now are dropped)."""
        self._day = day
        self.stats.days.append(day)
        now_ms = _ms(self.clock.now())
        notices = notice_dates(self.options, day, day)
        arrivals: list[_Arrival] = []
        config = self.services.config
        for oid in self.office_ids:
            office = config.offices[oid]
            rng = random.Random(f"live:{self.seed}:{oid}:{day.isoformat()}")
            for v in self.generator.arrivals(rng, office, day, notices):
                if v.issue_ms >= now_ms:
                    arrivals.append(
                        _Arrival(v.issue_ms, oid, v.service, v.kind, v.decision, None, v.plan_id)
                    )
            arrivals += self._appointments(oid, day, now_ms)
        arrivals.sort(key=lambda a: a.at_ms)
        self._arrivals = arrivals
        codes = [s.code for s in config.staff.values()] or ["S000"]
        self._clerks = []
        for oid in self.office_ids:
            if not self.services.calendar.day(oid, day).open:
                continue
            for i, c in enumerate(config.offices[oid].counters):
                if (oid, c.number) in self.reserved:
                    continue
                self._clerks.append(_Clerk(oid, c.number, codes[(i + 1) % len(codes)]))

    def _appointments(self, office_id: str, day: date, now_ms: int) -> list[_Arrival]:
        """Today's booked second visits check in a few minutes before their slot."""
        if not hasattr(self.services, "inquiries"):
            return []
        try:
            booked = self.services.inquiries.appointments(office_id, day)
        except Exception:  # the inquiry service may not be there yet: no check-ins then
            return []
        found = []
        for appt in booked:
            if getattr(appt, "state", "") != "booked":
                continue
            start = self.services.calendar.at(
                office_id, day, time(appt.start_minute // 60, appt.start_minute % 60)
            )
            at = _ms(start) - self.rng.randint(0, 8) * 60_000
            if at >= now_ms:
                found.append(
                    _Arrival(at, office_id, appt.service_id, "agent_second", "", appt.code)
                )
        return found

    # -- one step ---------------------------------------------------------------------------
    def advance(self, seconds: float) -> None:
        """Move the clock forward and let everything due happen (in steps of <= 30 s)."""
        with self._lock:
            remaining = seconds
            while remaining > 0:
                chunk = min(30.0, remaining)
                self.clock.advance(seconds=chunk)
                remaining -= chunk
                self._step()

    def fast_forward(self, until: datetime) -> None:
        seconds = (until - self.clock.now()).total_seconds()
        if seconds > 0:
            self.advance(seconds)

    def _step(self) -> None:
        now = self.clock.now()
        day = self._today()
        if day != self._day:
            self._plan_day(day)
        now_ms = _ms(now)
        while self._arrivals and self._arrivals[0].at_ms <= now_ms:
            self._arrive(self._arrivals.pop(0))
        for clerk in self._clerks:
            if clerk.until_ms <= now_ms:
                self._act(clerk, now_ms)
        self._back_office(now_ms)
        self._maybe_next_day(now)

    def _back_office(self, now_ms: int) -> None:
        """The pickup stage (交付): a document is ready `preparing_minutes` after its counter
        step, and collected `pickup_wait_minutes` after that (at the first counter)."""
        tickets = self.services.tickets
        prepare = int(self.options.preparing_minutes * 60_000)
        collect = int(self.options.pickup_wait_minutes * 60_000)
        for oid in self._pickup_offices:
            board = self._guard(tickets.pickup_board, oid)
            if board is None:
                continue
            for entry in board.preparing:
                if _ms(entry.since) + prepare <= now_ms:
                    self._guard(tickets.mark_ready, entry.ticket_id)
            for entry in board.ready:
                if _ms(entry.since) + collect <= now_ms:
                    counter = self.services.config.offices[oid].counters[0].number
                    self._guard(tickets.hand_over, entry.ticket_id, counter)

    def _guard(self, fn: Any, *args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except MadoguchiError as exc:  # e.g. the human clerk handled the same ticket
            self.stats.errors += 1
            self.stats.last_error = exc.key
            return None

    def _arrive(self, a: _Arrival) -> None:
        if a.appointment_code is not None:
            result = self._guard(self.services.inquiries.check_in, a.appointment_code, a.office_id)
            if result is not None:
                self.stats.checked_in += 1
            return
        request = IssueRequest(
            a.office_id,
            a.service_id,
            visit_kind=a.kind,
            decision=a.decision,
            # base 36: a millisecond time is 13 digits, and no stored value holds a run of 12
            request_id=f"demo-{_b36(self.seed)}-{a.office_id}-{_b36(a.at_ms)}-{a.service_id}",
        )
        tickets = self.services.tickets
        issued = (
            self._guard(tickets.issue_plan, request, a.plan_id, with_estimate=False)
            if a.plan_id
            else self._guard(tickets.issue, request, with_estimate=False)
        )
        if issued is not None:
            self.stats.issued += 1
            self._empty.discard(a.office_id)

    def _act(self, clerk: _Clerk, now_ms: int) -> None:
        tickets = self.services.tickets
        if clerk.state == "idle":
            if not self.services.calendar.day(clerk.office_id, self._day or self._today()).open:
                clerk.until_ms = now_ms + 600_000
                return
            if clerk.office_id in self._empty:  # nobody new: look again a little later
                clerk.until_ms = now_ms + 60_000
                self._empty.discard(clerk.office_id)
                return
            ticket = self._guard(tickets.call_next, clerk.office_id, clerk.counter, clerk.staff)
            if ticket is None and self.stats.last_error == "err.counter_busy":
                # one visitor at a time: a ticket this clerk lost track of (someone else
                # started it, a change failed) is still open here: carry on with it first
                if self._resume(clerk, now_ms):
                    return
            if ticket is None:
                self._empty.add(clerk.office_id)
                clerk.until_ms = now_ms + 20_000
                return
            self.stats.called += 1
            clerk.state, clerk.ticket_id, clerk.recalls = "called", ticket.id, 0
            clerk.no_show = self.rng.random() < self.options.no_show_rate
            mean = self.services.config.services[ticket.service_id].minutes
            mean *= dict(self.options.kind_minutes).get(ticket.visit_kind, 1.0)
            clerk.minutes = max(0.5, _lognormal(self.rng, mean, self.options.service_cv))
            clerk.until_ms = now_ms + self.rng.randint(20, 90) * 1000
            return
        assert clerk.ticket_id is not None
        if clerk.state == "called":
            if clerk.no_show:
                if clerk.recalls < 1:
                    clerk.recalls += 1
                    self._guard(tickets.recall, clerk.ticket_id, clerk.counter, clerk.staff)
                    clerk.until_ms = now_ms + 60_000
                    return
                self._guard(tickets.no_show, clerk.ticket_id, clerk.counter, clerk.staff)
                self.stats.no_shows += 1
                self._idle(clerk, now_ms + 15_000)
                return
            if self._guard(tickets.start, clerk.ticket_id, clerk.counter, clerk.staff) is None:
                self._idle(clerk, now_ms)
                return
            clerk.state = "serving"
            clerk.until_ms = now_ms + int(clerk.minutes * 60_000)
            return
        ticket = self._guard(tickets.get, clerk.ticket_id)
        outcome = self._outcome(ticket)
        done = self._guard(tickets.finish, clerk.ticket_id, outcome, clerk.counter, clerk.staff)
        if done is not None:
            self.stats.finished += 1
            if outcome == "document_inquiry" and hasattr(self.services, "inquiries"):
                self._guard(self._open_case, done)
        self._idle(clerk, now_ms + self.rng.randint(10, 40) * 1000)

    def _open_case(self, ticket: Any) -> None:
        reason = "agent_first" if ticket.visit_kind == "agent_first" else "pin_reset"
        self.services.inquiries.open_case(ticket.id, reason, staff=ticket.staff)

    def _outcome(self, ticket: Any) -> str:
        if ticket is None or ticket.service_id != "ecert":
            return "served"
        if ticket.decision == "document_inquiry":
            return "document_inquiry"
        if ticket.decision == "new_card_application":
            return "referred"
        if ticket.visit_kind == "self" and self.rng.random() < self.options.pin_reset_rate:
            return "document_inquiry"
        return "renewed"

    def _resume(self, clerk: _Clerk, now_ms: int) -> bool:
        """Take up the ticket still open at the clerk's counter; False if there is none."""
        self.stats.last_error = ""
        found = self._guard(self.services.tickets.open_at_counter, clerk.office_id, clerk.counter)
        if not found:
            return False
        ticket = found[0]
        clerk.state, clerk.ticket_id, clerk.recalls = ticket.state, ticket.id, 0
        clerk.no_show = False
        clerk.minutes = self.services.config.services[ticket.service_id].minutes
        clerk.until_ms = now_ms + 30_000
        return True

    @staticmethod
    def _idle(clerk: _Clerk, until_ms: int) -> None:
        clerk.state, clerk.ticket_id, clerk.until_ms = "idle", None, until_ms

    def _maybe_next_day(self, now: datetime) -> None:
        """After the last office closed and every clerk is idle: jump to the next morning."""
        if self._arrivals or any(c.state != "idle" for c in self._clerks):
            return
        calendar = self.services.calendar
        for oid in self.office_ids:
            end = calendar.reception_end(oid, self._day or self._today())
            if end is not None and now < end:
                return
            if self.services.tickets.waiting(oid):
                return
            board = self.services.tickets.pickup_board(oid)
            if board.preparing or board.ready:  # documents still to hand over today
                return
        first = self.office_ids[0]
        nxt = calendar.next_open_day(first, self._today(), include_start=False)
        if nxt is None:
            return
        start = calendar.reception_start(first, nxt)
        assert start is not None
        self.clock.set(start - timedelta(minutes=5))
        self._plan_day(nxt)

    # -- the background thread ----------------------------------------------------------------
    def start(self, interval: float = 0.25) -> None:
        if self._thread is not None:
            return
        self._stop.clear()

        def loop() -> None:
            last = _time.monotonic()
            while not self._stop.wait(interval):
                now = _time.monotonic()
                elapsed, last = now - last, now
                if self.paused:
                    continue
                try:
                    self.advance(elapsed * self.speed)
                except Exception as exc:  # a demo must keep running; say what happened
                    self.stats.errors += 1
                    self.stats.last_error = f"{type(exc).__name__}: {exc}"
                    log.exception("live demo step failed")

        self._thread = threading.Thread(target=loop, name="madoguchi-demo-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


def _b36(number: int) -> str:
    """`number` in base 36 (0-9a-z): short, and never a long run of digits."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    sign, number = ("n", -number) if number < 0 else ("", number)
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return sign + text
