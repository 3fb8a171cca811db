"""Realistic past days for the demo and the benchmarks, written straight into the database.

`generate(engine, config, start, end, seed)` plays every open day of every office through a
small discrete-event simulation of its counters and writes the result with bulk Core
inserts (executemany in large batches, one transaction): `ticket`, `ticket_event`,
`daily_counter`, and the document-inquiry rows `inquiry_case`, `appointment`, `slot_load`.

What makes the days look like the seed page (RULES.md, "Crowding facts"):
- arrivals by hour with a late-morning peak and a rush in the last hour before closing;
- Mondays and the first open day after a holiday (or the year-end closure) are heavier;
- the two weeks after expiry notices are mailed bring many more e-certificate renewals;
- service times per service and visit kind (lognormal around the configured minutes);
- no-shows (called, recalled, then no-show), visitors who give up waiting, transfers;
- agents without the answer form and forgotten PINs end in a document inquiry, a mailed
  letter, a booked slot and a priority second visit some days later.

Invariants the reports rely on, kept by construction: tickets only on days the office and
the service are open (OfficeCalendar) and only within reception hours; numbers unique per
office, service and day; every wait non-negative (call after issue, start after call,
finish after start). Everything is deterministic for a given seed: each office-day draws
from its own random stream, so a longer range contains the same days as a shorter one.
"""

from __future__ import annotations

import heapq
import math
import random
import time as _time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from db.models import (
    Appointment,
    AuditEntry,
    DailyCounter,
    InquiryCase,
    Revision,
    SlotLoad,
    Ticket,
    TicketEvent,
)
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.config import Config, Office
from queue_app.domain.tickets import display_number

MS_MIN = 60_000
BATCH_EVENTS = 40_000

# -- the knobs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeProfile:
    """How busy an office is on an ordinary day and what people come for."""

    daily_visitors: float
    mix: tuple[tuple[str, float], ...]
    weekday_factors: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)


DEFAULT_PROFILES: dict[str, OfficeProfile] = {
    "sogo": OfficeProfile(
        135,
        (
            ("certificate", 0.42),
            ("ecert", 0.22),
            ("moving", 0.14),
            ("card_pickup", 0.12),
            ("other", 0.10),
        ),
    ),
    "yanasegawa": OfficeProfile(
        55, (("certificate", 0.50), ("ecert", 0.30), ("card_pickup", 0.10), ("other", 0.10))
    ),
    "station": OfficeProfile(
        48,
        (("certificate", 0.60), ("ecert", 0.28), ("other", 0.12)),
        weekday_factors=(1.0, 1.0, 1.0, 1.0, 1.05, 1.5, 1.3),
    ),
}

# relative arrival rate per local hour: quiet first half hour, late-morning peak, lunch dip,
# and the rush before reception ends at 17:15
DEFAULT_HOURLY: tuple[tuple[int, float], ...] = (
    (8, 0.75),
    (9, 1.0),
    (10, 1.35),
    (11, 1.5),
    (12, 1.05),
    (13, 1.0),
    (14, 0.95),
    (15, 0.95),
    (16, 1.2),
    (17, 1.8),
)

DEFAULT_KINDS: tuple[tuple[str, float], ...] = (
    ("self", 0.74),
    ("agent_with_answer", 0.09),
    ("agent_first", 0.08),
    ("guardian", 0.04),
    ("agent_second", 0.05),  # walk-in second visits of inquiries mailed before the history
)

DEFAULT_KIND_MINUTES: tuple[tuple[str, float], ...] = (
    ("self", 1.0),
    ("agent_with_answer", 1.25),
    ("agent_first", 0.7),
    ("agent_second", 1.15),
    ("guardian", 1.4),
)

# a visitor at the wrong service is sent on: certificate -> moving, and so on
DEFAULT_TRANSFERS: tuple[tuple[str, str], ...] = (
    ("certificate", "moving"),
    ("other", "ecert"),
    ("card_pickup", "ecert"),
)

KANA_FAMILY = ("ヤマダ", "スズキ", "タナカ", "サトウ", "ワタナベ", "イトウ", "ナカムラ", "コバヤシ")
KANA_GIVEN = ("タロウ", "ハナコ", "イチロウ", "ユミ", "ケンジ", "ミサキ", "ヒロシ", "サクラ")


@dataclass(frozen=True)
class HistoryConfig:
    profiles: dict[str, OfficeProfile] = field(default_factory=lambda: dict(DEFAULT_PROFILES))
    hourly: tuple[tuple[int, float], ...] = DEFAULT_HOURLY
    monday_factor: float = 1.3
    after_holiday_factor: float = 1.4  # first open day after a holiday / the year end
    after_closure_factor: float = 1.1  # first open day after any other closed weekday
    # expiry notices (有効期限通知書): explicit mailing dates, or monthly on this day
    notice_dates: tuple[date, ...] = ()
    notice_day_of_month: int = 5
    notice_delivery_days: int = 2
    notice_days: int = 10  # how long the extra renewals last after delivery
    notice_factor: float = 1.9  # e-certificate arrivals right after delivery (decays)
    moving_season: tuple[tuple[int, int], tuple[int, int]] = ((3, 20), (4, 10))
    moving_season_factor: float = 2.2
    kinds: tuple[tuple[str, float], ...] = DEFAULT_KINDS
    kind_minutes: tuple[tuple[str, float], ...] = DEFAULT_KIND_MINUTES
    service_cv: float = 0.5  # coefficient of variation of service times (lognormal)
    pin_reset_rate: float = 0.05  # self visitors with a forgotten / locked PIN
    card_expiring_rate: float = 0.03  # the card itself expires: referred to a new application
    guardian_no_photo_rate: float = 0.3
    no_show_rate: float = 0.03
    give_up_rate: float = 0.02  # visitors with limited patience (leave if not called)
    transfer_rate: float = 0.03
    transfers: tuple[tuple[str, str], ...] = DEFAULT_TRANSFERS
    return_rate: float = 0.85  # inquiries whose second visit happens
    default_daily_per_counter: float = 30.0  # offices without a profile


@dataclass(frozen=True)
class GenerationResult:
    start: date
    end: date
    offices: tuple[str, ...]
    days: int
    skipped_days: int
    tickets: int
    events: int
    cases: int
    appointments: int
    seconds: float


# -- small helpers ----------------------------------------------------------------------------


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit = math.exp(-lam)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for name, w in weighted:
        x -= w
        if x <= 0:
            return name
    return weighted[-1][0]


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    sigma2 = math.log(1.0 + cv * cv)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # the slips' alphabet (R-7K2Q)
CODE_SPACE = len(CODE_ALPHABET) ** 4


def appointment_code(appointment_id: int) -> str:
    """`R-7K2Q` like a booked slip; distinct for the first 32**4 ids (a bijection mod 32**4)."""
    n = (appointment_id * 724_639 + 91_573) % CODE_SPACE  # odd multiplier: invertible
    chars = []
    for _ in range(4):
        n, digit = divmod(n, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return "R-" + "".join(reversed(chars))


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def notice_dates(options: HistoryConfig, start: date, end: date) -> list[date]:
    """The expiry-notice mailing dates that can affect days in [start, end]."""
    if options.notice_dates:
        return sorted(options.notice_dates)
    found = []
    year, month = (start - timedelta(days=40)).year, (start - timedelta(days=40)).month
    while date(year, month, 1) <= end:
        found.append(date(year, month, min(options.notice_day_of_month, 28)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


class _Visitor:
    __slots__ = (
        "id",
        "seq",
        "service",
        "issued_service",
        "number",
        "kind",
        "decision",
        "priority",
        "issue_ms",
        "queued_ms",
        "leave_ms",
        "minutes",
        "outcome",
        "no_show",
        "transfer_to",
        "called_ms",
        "started_ms",
        "finished_ms",
        "counter",
        "staff",
        "state",
        "recall_count",
        "appointment_id",
        "case_id",
        "reason",
    )

    def __init__(self, service: str, issue_ms: int) -> None:
        self.id = 0
        self.seq = 0
        self.service = service
        self.issued_service = service
        self.number = 0
        self.kind = ""
        self.decision = ""
        self.priority = 0
        self.issue_ms = issue_ms
        self.queued_ms = issue_ms
        self.leave_ms: int | None = None
        self.minutes = 0.0
        self.outcome = "served"
        self.no_show = False
        self.transfer_to: str | None = None
        self.called_ms: int | None = None
        self.started_ms: int | None = None
        self.finished_ms: int | None = None
        self.counter: int | None = None
        self.staff: str | None = None
        self.state = "waiting"
        self.recall_count = 0
        self.appointment_id: int | None = None
        self.case_id: int | None = None
        self.reason = ""


@dataclass
class _Case:
    row: dict[str, Any]
    appointment: dict[str, Any] | None = None


# -- the generator -----------------------------------------------------------------------------


class HistoryGenerator:
    def __init__(
        self,
        config: Config,
        seed: int = 1,
        options: HistoryConfig | None = None,
        offices: Iterable[str] | None = None,
    ) -> None:
        self.config = config
        self.calendar = OfficeCalendar(config)
        self.seed = seed
        self.options = options or HistoryConfig()
        self.office_ids = tuple(offices) if offices is not None else tuple(config.offices)
        for oid in self.office_ids:
            config.office(oid)
        self.hourly = dict(self.options.hourly)
        self.kind_minutes = dict(self.options.kind_minutes)
        self.transfers = dict(self.options.transfers)
        staff = [s.code for s in config.staff.values()] or ["S000"]
        self.staff_codes = staff
        self._status_cache: dict[tuple[str, date, str | None], Any] = {}

    # -- calendar, cached ---------------------------------------------------------------
    def status(self, office_id: str, day: date, service_id: str | None = None) -> Any:
        key = (office_id, day, service_id)
        found = self._status_cache.get(key)
        if found is None:
            found = self.calendar.day(office_id, day, service_id)
            self._status_cache[key] = found
        return found

    def profile(self, office: Office) -> OfficeProfile:
        known = self.options.profiles.get(office.id)
        if known is not None:
            return known
        share = 1.0 / max(1, len(office.services))
        return OfficeProfile(
            self.options.default_daily_per_counter * len(office.counters),
            tuple((s, share) for s in office.services),
        )

    def day_factor(self, office_id: str, day: date) -> float:
        """Monday, or the first open day after a holiday stretch, brings more people."""
        opt = self.options
        factors = [1.0]
        if day.weekday() == 0:
            factors.append(opt.monday_factor)
        back = day - timedelta(days=1)
        closed_codes: list[str] = []
        for _ in range(10):
            status = self.status(office_id, back)
            if status.open:
                break
            closed_codes += [r.code for r in status.reasons]
            back -= timedelta(days=1)
        if closed_codes:
            if any(c in ("holiday", "year_end") for c in closed_codes):
                factors.append(opt.after_holiday_factor)
            else:
                factors.append(opt.after_closure_factor)
        return max(factors)

    def notice_factor(self, day: date, notices: list[date]) -> float:
        opt = self.options
        best = 1.0
        for mailed in notices:
            first = mailed + timedelta(days=opt.notice_delivery_days)
            offset = (day - first).days
            if 0 <= offset < opt.notice_days:
                decay = 1.0 - 0.7 * offset / max(1, opt.notice_days - 1)
                best = max(best, 1.0 + (opt.notice_factor - 1.0) * decay)
        return best

    def season_factor(self, service_id: str, day: date) -> float:
        if service_id != "moving":
            return 1.0
        lo, hi = self.options.moving_season
        if lo <= (day.month, day.day) <= hi:
            return self.options.moving_season_factor
        return 1.0

    def weight(self, minute_of_day: int) -> float:
        return self.hourly.get(minute_of_day // 60, 0.8)

    # -- arrivals -------------------------------------------------------------------------
    def arrivals(
        self, rng: random.Random, office: Office, day: date, notices: list[date]
    ) -> list[_Visitor]:
        status = self.status(office.id, day)
        if not status.open:
            return []
        profile = self.profile(office)
        base = (
            profile.daily_visitors
            * self.day_factor(office.id, day)
            * profile.weekday_factors[day.weekday()]
        )
        notice = self.notice_factor(day, notices)
        visitors: list[_Visitor] = []
        for service_id, share in profile.mix:
            if service_id not in office.services:
                continue
            sstatus = self.status(office.id, day, service_id)
            if not sstatus.open:
                continue
            expected = base * share * self.season_factor(service_id, day)
            if service_id == "ecert":
                expected *= notice
            bins: list[tuple[int, int, float]] = []  # (start minute, length, weight mass)
            for rng_range in sstatus.hours:
                s = rng_range.start.hour * 60 + rng_range.start.minute
                e = rng_range.end.hour * 60 + rng_range.end.minute
                m = s
                while m < e:
                    length = min(15, e - m)
                    bins.append((m, length, self.weight(m) * length / 60))
                    m += length
            total = sum(b[2] for b in bins) or 1.0
            midnight = _ms(self.calendar.at(office.id, day, time(0, 0)))
            for m, length, mass in bins:
                for _ in range(_poisson(rng, expected * mass / total)):
                    at = midnight + int((m + rng.random() * length) * MS_MIN)
                    visitors.append(self._visitor(rng, office, day, service_id, at))
        return visitors

    def _visitor(
        self, rng: random.Random, office: Office, day: date, service_id: str, at: int
    ) -> _Visitor:
        opt = self.options
        v = _Visitor(service_id, at)
        mean = self.config.services[service_id].minutes
        if service_id == "ecert":
            v.kind = _pick(rng, opt.kinds)
            mean *= self.kind_minutes.get(v.kind, 1.0)
            v.decision, v.outcome = "serve_today", "renewed"
            if v.kind == "agent_first":
                v.decision, v.outcome, v.reason = (
                    "document_inquiry",
                    "document_inquiry",
                    "agent_first",
                )
            elif v.kind == "guardian" and rng.random() < opt.guardian_no_photo_rate:
                v.decision, v.outcome, v.reason = (
                    "document_inquiry",
                    "document_inquiry",
                    "guardian_no_photo_id",
                )
            elif v.kind == "self":
                x = rng.random()
                if x < opt.pin_reset_rate:
                    v.outcome, v.reason = "document_inquiry", "pin_reset"
                elif x < opt.pin_reset_rate + opt.card_expiring_rate:
                    v.decision, v.outcome = "new_card_application", "referred"
                    mean *= 0.5
        elif service_id == "other" and rng.random() < 0.2:
            v.outcome = "other"
        v.minutes = max(0.5, _lognormal(rng, mean, opt.service_cv))
        if rng.random() < opt.no_show_rate:
            v.no_show = True
        elif rng.random() < opt.give_up_rate:
            v.leave_ms = at + int(rng.uniform(20, 90) * MS_MIN)
        target = self.transfers.get(service_id)
        if (
            target
            and not v.no_show
            and target in office.services
            and self.status(office.id, day, target).open
            and rng.random() < opt.transfer_rate
        ):
            v.transfer_to = target
        return v

    # -- one office-day ----------------------------------------------------------------------
    def simulate_day(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        visitors: list[_Visitor],
        events: list[dict[str, Any]],
    ) -> None:
        """Counters call the best waiting ticket they may serve, like `call_next`."""
        status = self.status(office.id, day)
        open_ms = _ms(self.calendar.at(office.id, day, status.opens))
        ranks = {s: i for i, s in enumerate(office.service_order)} if office.service_order else {}
        pools: dict[str, list[tuple[int, int, int, int, _Visitor]]] = defaultdict(list)
        staff_of = {
            c.number: self.staff_codes[(i + day.toordinal()) % len(self.staff_codes)]
            for i, c in enumerate(office.counters)
        }
        heap: list[tuple[int, int, int, Any]] = []  # (time, order, kind, payload)
        seq = 0
        for v in visitors:
            seq += 1
            heapq.heappush(heap, (v.issue_ms, seq, 0, v))
        for c in office.counters:
            seq += 1
            heapq.heappush(heap, (open_ms, seq, 1, c))
        idle: dict[int, Any] = {}
        oid, sday = office.id, day

        def event(v: _Visitor, frm: str | None, to: str, at: int, **kw: Any) -> None:
            events.append(
                {
                    "ticket_id": v.id,
                    "office_id": oid,
                    "service_id": kw.get("service", v.service),
                    "service_day": sday,
                    "from_state": frm,
                    "to_state": to,
                    "at_ms": at,
                    "counter": kw.get("counter"),
                    "staff": kw.get("staff"),
                    "detail": kw.get("detail"),
                }
            )

        def enqueue(v: _Visitor) -> None:
            heapq.heappush(
                pools[v.service], (-v.priority, ranks.get(v.service, 0), v.queued_ms, v.seq, v)
            )

        def best(counter: Any, now: int) -> _Visitor | None:
            chosen: tuple[Any, ...] | None = None
            chosen_pool: list[Any] | None = None
            for sid in counter.services:
                pool = pools.get(sid)
                while pool:
                    head = pool[0]
                    v = head[4]
                    if v.leave_ms is not None and v.leave_ms < now:
                        heapq.heappop(pool)
                        v.state = "cancelled"
                        event(v, "waiting", "cancelled", v.leave_ms)
                        continue
                    if chosen is None or head[:4] < chosen[:4]:
                        chosen, chosen_pool = head, pool
                    break
            if chosen is None or chosen_pool is None:
                return None
            heapq.heappop(chosen_pool)
            return chosen[4]

        def serve(counter: Any, v: _Visitor, now: int) -> int:
            """Call `v` at `now`; return when the counter is free again."""
            num, staff = counter.number, staff_of[counter.number]
            v.called_ms, v.counter, v.staff, v.state = now, num, staff, "called"
            v.recall_count = 0
            event(v, "waiting", "called", now, counter=num, staff=staff)
            if v.no_show:
                v.recall_count = 1
                event(
                    v, "called", "called", now + MS_MIN, counter=num, staff=staff, detail="recall:1"
                )
                v.state = "no_show"
                event(v, "called", "no_show", now + 2 * MS_MIN, counter=num, staff=staff)
                return now + 2 * MS_MIN + 15_000
            start = now + int(rng.uniform(20, 90) * 1000)
            v.started_ms, v.state = start, "serving"
            event(v, "called", "serving", start, counter=num, staff=staff)
            if v.transfer_to is not None:
                at = start + int(v.minutes * MS_MIN * rng.uniform(0.2, 0.5))
                old, v.service = v.service, v.transfer_to
                v.transfer_to = None
                v.state, v.counter, v.started_ms, v.leave_ms = "waiting", None, None, None
                mean = self.config.services[v.service].minutes
                v.minutes = max(0.5, _lognormal(rng, mean, self.options.service_cv))
                if v.service == "ecert":
                    v.kind, v.decision, v.outcome = "self", "serve_today", "renewed"
                else:
                    v.outcome = "served"
                event(
                    v,
                    "serving",
                    "waiting",
                    at,
                    counter=num,
                    staff=staff,
                    detail=f"transfer:{old}->{v.service}",
                )
                nonlocal seq
                seq += 1
                heapq.heappush(heap, (at, seq, 2, v))
                return at + 10_000
            end = start + max(30_000, int(v.minutes * MS_MIN))
            v.finished_ms, v.state = end, "done"
            event(
                v, "serving", "done", end, counter=num, staff=staff, detail=f"outcome:{v.outcome}"
            )
            return end + int(rng.uniform(10, 40) * 1000)

        while heap:
            now, _, kind, payload = heapq.heappop(heap)
            if kind == 1:  # a counter is free
                picked = best(payload, now)
                if picked is None:
                    idle[payload.number] = payload
                    continue
                seq += 1
                heapq.heappush(heap, (serve(payload, picked, now), seq, 1, payload))
                continue
            v = payload  # an arrival (0) or a transferred visitor back in the queue (2)
            if kind == 0:
                event(v, None, "waiting", v.issue_ms)
            enqueue(v)
            for num in sorted(idle):
                counter = idle[num]
                if v.service in counter.services:
                    del idle[num]
                    nxt = best(counter, now)
                    if nxt is None:  # the visitor gave up already: stay idle
                        idle[num] = counter
                        break
                    seq += 1
                    heapq.heappush(heap, (serve(counter, nxt, now), seq, 1, counter))
                    break
        for pool in pools.values():  # only visitors who gave up can remain
            for entry in pool:
                v = entry[4]
                v.state = "cancelled"
                event(v, "waiting", "cancelled", v.leave_ms or v.issue_ms)

    # -- the whole range -----------------------------------------------------------------------
    def generate(self, engine: Engine, start: date, end: date) -> GenerationResult:
        t0 = _time.perf_counter()
        dialect = engine.dialect.name
        notices = notice_dates(self.options, start, end)
        inquiry = self.config.settings.inquiry
        with engine.begin() as conn:
            existing = {
                (r[0], r[1])
                for r in conn.execute(
                    select(DailyCounter.office_id, DailyCounter.service_day)
                    .where(DailyCounter.service_day >= start, DailyCounter.service_day <= end)  # type: ignore[arg-type]
                    .distinct()
                )
            }
            ids = {
                name: int(conn.execute(select(func.coalesce(func.max(col), 0))).scalar_one())
                for name, col in (
                    ("ticket", Ticket.id),
                    ("case", InquiryCase.id),
                    ("appointment", Appointment.id),
                )
            }
            tickets: list[dict[str, Any]] = []
            events: list[dict[str, Any]] = []
            counters: list[dict[str, Any]] = []
            cases: dict[int, _Case] = {}
            slot_load: dict[tuple[str, str, date, int], int] = defaultdict(int)
            # (office, day) -> booked second visits: (case id, visit kind)
            second: dict[tuple[str, date], list[tuple[int, str]]] = defaultdict(list)
            totals = {"tickets": 0, "events": 0, "days": 0, "skipped": 0}

            def flush() -> None:
                if tickets:
                    conn.execute(insert(Ticket), tickets)
                    totals["tickets"] += len(tickets)
                    tickets.clear()
                if events:
                    conn.execute(insert(TicketEvent), events)
                    totals["events"] += len(events)
                    events.clear()

            day = start
            while day <= end:
                for oid in self.office_ids:
                    office = self.config.offices[oid]
                    booked = second.pop((oid, day), [])
                    if not self.status(oid, day).open:
                        continue
                    if (oid, day) in existing:
                        totals["skipped"] += 1
                        for case_id, _kind in booked:
                            self._give_up(cases[case_id], "no_show")
                        continue
                    totals["days"] += 1
                    rng = random.Random(f"{self.seed}:{oid}:{day.isoformat()}")
                    visitors = self.arrivals(rng, office, day, notices)
                    visitors += self._second_visits(rng, office, day, booked, cases)
                    visitors.sort(key=lambda v: v.issue_ms)
                    numbers: dict[str, int] = defaultdict(int)
                    for v in visitors:
                        ids["ticket"] += 1
                        v.id = v.seq = ids["ticket"]
                        numbers[v.service] += 1
                        v.number = numbers[v.service]
                    self.simulate_day(rng, office, day, visitors, events)
                    for sid, last in numbers.items():
                        counters.append(
                            {
                                "office_id": oid,
                                "service_id": sid,
                                "service_day": day,
                                "last_number": last,
                            }
                        )
                    for v in visitors:
                        if v.outcome == "document_inquiry" and v.state == "done":
                            ids["case"] += 1
                            self._open_case(
                                rng, office, day, v, ids, cases, second, slot_load, inquiry
                            )
                        elif v.appointment_id is not None and v.case_id in cases:
                            self._complete_case(cases[v.case_id], v)
                        tickets.append(self._ticket_row(office, day, v))
                    if len(events) >= BATCH_EVENTS:
                        flush()
                day += timedelta(days=1)
            flush()
            for entries in second.values():  # second visits after `end`: still booked
                for case_id, _kind in entries:
                    case = cases[case_id]
                    case.row["state"] = "booked"
            end_ms = _ms(
                datetime.combine(end, time(23, 59), tzinfo=ZoneInfo(self.config.settings.timezone))
            )
            self._expire_and_purge(cases, end, end_ms, inquiry)
            if counters:
                conn.execute(insert(DailyCounter), counters)
            if cases:
                conn.execute(insert(InquiryCase), [c.row for c in cases.values()])
                appointments = [c.appointment for c in cases.values() if c.appointment]
                if appointments:
                    conn.execute(insert(Appointment), appointments)
            if slot_load:
                self._upsert_slots(conn, dialect, slot_load)
            self._finish(conn, dialect, start, end, totals)
            n_appointments = sum(1 for c in cases.values() if c.appointment)
        return GenerationResult(
            start=start,
            end=end,
            offices=self.office_ids,
            days=totals["days"],
            skipped_days=totals["skipped"],
            tickets=totals["tickets"],
            events=totals["events"],
            cases=len(cases),
            appointments=n_appointments,
            seconds=_time.perf_counter() - t0,
        )

    def _ticket_row(self, office: Office, day: date, v: _Visitor) -> dict[str, Any]:
        prefix = self.config.services[v.issued_service].prefix
        return {
            "id": v.id,
            "office_id": office.id,
            "service_id": v.service,
            "issued_service_id": v.issued_service,
            "service_day": day,
            "number": v.number,
            "display_number": display_number(prefix, v.number),
            "visit_kind": v.kind,
            "decision": v.decision,
            "state": v.state,
            "priority": v.priority,
            "issued_ms": v.issue_ms,
            "queued_ms": v.queued_ms,
            "called_ms": v.called_ms,
            "started_ms": v.started_ms,
            "finished_ms": v.finished_ms,
            "counter": v.counter,
            "target_counter": None,
            "recall_count": v.recall_count,
            "outcome": v.outcome if v.state == "done" else None,
            "override": None,
            "staff": v.staff,
            "request_id": None,
            "appointment_id": v.appointment_id,
            "case_id": v.case_id,
        }

    # -- document inquiries ---------------------------------------------------------------------
    def _open_case(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        v: _Visitor,
        ids: dict[str, int],
        cases: dict[int, _Case],
        second: dict[tuple[str, date], list[tuple[int, str]]],
        slot_load: dict[tuple[str, str, date, int], int],
        inquiry: Any,
    ) -> None:
        case_id = ids["case"]
        v.case_id = case_id
        mailed = self.calendar.next_open_day(office.id, day, include_start=False) or (
            day + timedelta(days=1)
        )
        deadline = mailed + timedelta(days=inquiry.answer_valid_days)
        row = {
            "id": case_id,
            "office_id": office.id,
            "service_id": v.service,
            "ticket_id": v.id,
            "visit_kind": v.kind,
            "reason": v.reason or "pin_reset",
            "state": "mailed",
            "opened_ms": v.finished_ms,
            "mailed_on": mailed,
            "deadline": deadline,
            "closed_ms": None,
            "name_kana": f"{rng.choice(KANA_FAMILY)} {rng.choice(KANA_GIVEN)}",
            "phone": f"090-0000-{rng.randrange(10000):04d}" if rng.random() < 0.7 else None,
            "purged": False,
            "staff": v.staff,
        }
        case = _Case(row)
        cases[case_id] = case
        if rng.random() >= self.options.return_rate:
            return
        service_id = inquiry.service if inquiry.service in office.services else v.service
        earliest = mailed + timedelta(days=inquiry.postal_lead_days + int(rng.expovariate(1 / 6)))
        visit = self.calendar.next_open_day(office.id, earliest, service_id)
        if visit is None or visit > deadline:
            return
        status = self.status(office.id, visit, service_id)
        slots = self._slots(status, inquiry)
        rng.shuffle(slots)
        for start_minute in slots:
            key = (office.id, service_id, visit, start_minute)
            if slot_load[key] < inquiry.seats_per_slot:
                slot_load[key] += 1
                ids["appointment"] += 1
                booked_day = min(
                    visit - timedelta(days=1), mailed + timedelta(days=inquiry.postal_lead_days)
                )
                case.appointment = {
                    "id": ids["appointment"],
                    "code": appointment_code(ids["appointment"]),
                    "case_id": case_id,
                    "office_id": office.id,
                    "service_id": service_id,
                    "slot_day": visit,
                    "start_minute": start_minute,
                    "end_minute": start_minute + inquiry.slot_minutes,
                    "state": "booked",
                    "booked_ms": _ms(self.calendar.at(office.id, booked_day, time(10, 0))),
                    "checked_in_ms": None,
                    "ticket_id": None,
                    "staff": v.staff,
                }
                case.row["state"] = "booked"
                kind = {"agent_first": "agent_second"}.get(v.kind, v.kind)
                second[(office.id, visit)].append((case_id, kind))
                return

    @staticmethod
    def _slots(status: Any, inquiry: Any) -> list[int]:
        found = []
        for r in status.hours:
            m = r.start.hour * 60 + r.start.minute
            end = r.end.hour * 60 + r.end.minute
            while m + inquiry.slot_minutes <= end:
                in_break = any(
                    b.start.hour * 60 + b.start.minute < m + inquiry.slot_minutes
                    and m < b.end.hour * 60 + b.end.minute
                    for b in inquiry.breaks
                )
                if not in_break:
                    found.append(m)
                m += inquiry.slot_minutes
        return found

    def _second_visits(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        booked: list[tuple[int, str]],
        cases: dict[int, _Case],
    ) -> list[_Visitor]:
        visitors = []
        status = self.status(office.id, day)
        open_ms = _ms(self.calendar.at(office.id, day, status.opens))
        close_ms = _ms(self.calendar.at(office.id, day, status.closes)) - MS_MIN
        midnight = _ms(self.calendar.at(office.id, day, time(0, 0)))
        for case_id, kind in booked:
            appt = cases[case_id].appointment
            assert appt is not None
            at = midnight + appt["start_minute"] * MS_MIN - int(rng.uniform(0, 10) * MS_MIN)
            at = min(max(at, open_ms), close_ms)
            v = _Visitor(appt["service_id"], at)
            v.kind, v.decision, v.outcome, v.priority = kind, "serve_today", "renewed", 1
            mean = self.config.services[v.service].minutes * self.kind_minutes.get(kind, 1.0)
            v.minutes = max(0.5, _lognormal(rng, mean, self.options.service_cv))
            v.appointment_id, v.case_id = appt["id"], case_id
            appt["state"], appt["checked_in_ms"] = "checked_in", at
            visitors.append(v)
        return visitors

    def _complete_case(self, case: _Case, v: _Visitor) -> None:
        if case.appointment is not None:
            case.appointment["ticket_id"] = v.id
        if v.state == "done":
            case.row["state"], case.row["closed_ms"] = "completed", v.finished_ms
        else:
            self._give_up(case, "no_show")

    @staticmethod
    def _give_up(case: _Case, appointment_state: str) -> None:
        if case.appointment is not None:
            case.appointment["state"] = appointment_state
        case.row["state"] = "mailed"

    def _expire_and_purge(
        self, cases: dict[int, _Case], end: date, end_ms: int, inquiry: Any
    ) -> None:
        for case in cases.values():
            row = case.row
            if row["state"] == "mailed" and row["deadline"] < end:
                row["state"] = "expired"
                row["closed_ms"] = _ms(
                    datetime.combine(
                        row["deadline"], time(23, 59), tzinfo=self.calendar.zone(row["office_id"])
                    )
                )
            closed = row["closed_ms"]
            if (
                row["state"] in ("completed", "expired")
                and closed is not None
                and end_ms - closed > inquiry.purge_after_days * 86_400_000
            ):
                row["name_kana"], row["phone"], row["purged"] = None, None, True

    @staticmethod
    def _upsert_slots(
        conn: Connection, dialect: str, slot_load: dict[tuple[str, str, date, int], int]
    ) -> None:
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = make(SlotLoad)
        stmt = stmt.on_conflict_do_update(
            index_elements=["office_id", "service_id", "slot_day", "start_minute"],
            set_={"booked": SlotLoad.booked + stmt.excluded.booked},  # type: ignore[arg-type]
        )
        conn.execute(
            stmt,
            [
                {"office_id": o, "service_id": s, "slot_day": d, "start_minute": m, "booked": n}
                for (o, s, d, m), n in slot_load.items()
            ],
        )

    def _finish(
        self, conn: Connection, dialect: str, start: date, end: date, totals: dict[str, int]
    ) -> None:
        if dialect == "postgresql":
            for table in ("ticket", "inquiry_case", "appointment"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    )
                )
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        for oid in self.office_ids:
            stmt = make(Revision).values(office_id=oid, value=1)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["office_id"],
                    set_={"value": Revision.value + 1},  # type: ignore[arg-type]
                )
            )
        conn.execute(
            insert(AuditEntry).values(
                at_ms=int(_time.time() * 1000),
                actor="demo",
                action="demo_history",
                subject=f"{start.isoformat()}..{end.isoformat()}",
                detail=f"seed={self.seed} tickets={totals['tickets']}",
            )
        )


def generate(
    engine: Engine,
    config: Config,
    start: date,
    end: date,
    seed: int = 1,
    options: HistoryConfig | None = None,
    offices: Iterable[str] | None = None,
) -> GenerationResult:
    """Write simulated history for every open day in [start, end] (inclusive).

    Office-days that already have tickets (a `daily_counter` row) are skipped, so the
    generator never collides with real or earlier data.
    """
    if end < start:
        raise ValueError("end before start")
    return HistoryGenerator(config, seed, options, offices).generate(engine, start, end)
