"""What a visitor's own phone may see: read-only use cases for the web pages.

`madoguchi web` builds `Services` on the display's read-only engine (plus the HMAC secret, to
verify the tokens in ticket and slip addresses) and reads through this module only:

- `live(office)`: ONE snapshot per office and change, shared by every open page of that office:
  the waiting-room board (`BoardService.snapshot`, the same one the display shows) and, for
  each of today's tickets, its state, the people ahead of it in its own service and the wait
  estimate (the display's estimator: people ahead / counters x recent median service time).
  Computing it per change instead of per client is what lets one process serve every phone.
- `ticket_ref(token)`: which ticket a `/t/<token>` address names; any failure (forged, altered,
  other day, unknown) is the same `PageNotFound`, with no hint of which check failed.
- `slip(token)`: an appointment slip (`/a/<token>`), same rule.
- `offices()`, `forecast(office)`: the public pages' summaries.

Nothing here writes, and nothing personal ever leaves: a ticket's status names its own number
only; other tickets appear as counts (and the numbers already called, as on the board).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from db.models import Ticket
from queue_app.domain.bring import bring_keys
from queue_app.domain.errors import MadoguchiError
from queue_app.domain.estimates import estimate_wait
from queue_app.domain.scan import extract_token
from queue_app.domain.tokens import verify
from queue_app.services.board import BoardService, BoardSnapshot, OtherOffice
from queue_app.services.plan_views import PlanView
from queue_app.services.uow import from_ms, to_ms
from queue_app.services.visitor_plans import office_plans

if TYPE_CHECKING:
    from queue_app.services import Services

MAX_TOKEN_LENGTH = 200
FORECAST_DAYS = 28


class PageNotFound(Exception):
    """One failure for every bad address: the caller answers 404 and learns nothing more."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # for the server's log line only, never shown


@dataclass(frozen=True)
class TicketStatus:
    ticket_id: int
    office_id: str
    service_id: str
    display_number: str
    state: str  # waiting | called | serving | preparing | ready | done | no_show | cancelled
    counter: int | None
    transferred: bool  # now in another service's queue than the one it was issued for
    people_ahead: int | None  # waiting only
    estimate_minutes: int | None  # waiting only
    called_at: datetime | None
    recall_count: int
    outcome: str | None


@dataclass(frozen=True)
class OfficeLive:
    """Everything the office's pages show at one revision."""

    board: BoardSnapshot
    tickets: dict[int, TicketStatus] = field(default_factory=dict)
    reception_end: datetime | None = None  # today's, office-local
    plans: dict[int, PlanView] = field(default_factory=dict)  # plan tickets' steps (issue 13)

    @property
    def revision(self) -> tuple[tuple[str, int], ...]:
        return self.board.revision


@dataclass(frozen=True)
class TicketRef:
    ticket_id: int
    office_id: str


@dataclass(frozen=True)
class SlipPage:
    code: str
    office_id: str
    service_id: str
    office_ja: str
    office_en: str
    location_ja: str
    location_en: str
    service_ja: str
    service_en: str
    day: date
    start: datetime  # office-local, aware
    end: datetime
    deadline: date | None
    visit_kind: str
    bring: tuple[str, ...]  # what to bring: "card", "answer_form_sealed"... (domain.bring)


@dataclass(frozen=True)
class ForecastCell:
    day: date
    open: bool
    level: str | None  # quiet | moderate | crowded, None when closed
    wait_minutes: int | None
    reason_code: str | None  # why closed


class VisitorService:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.config = services.config
        self.calendar = services.calendar
        self.clock = services.clock
        self.board = BoardService(services)

    # -- the change probe --------------------------------------------------------------
    def revision_key(self) -> tuple[tuple[str, int], ...]:
        return self.board.revision_key()

    # -- tokens in addresses -----------------------------------------------------------
    def ticket_ref(self, token: str) -> TicketRef:
        """The ticket a `/t/<token>` address names, valid today only."""
        token = extract_token(token)
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise PageNotFound("malformed")
        try:
            ticket = self.services.tickets.verify_token(token, today=True)
        except MadoguchiError as exc:
            raise PageNotFound(exc.key) from None
        return TicketRef(ticket.id, ticket.office_id)

    def slip(self, token: str) -> SlipPage:
        """The appointment slip a `/a/<token>` address names, until the appointment's day."""
        token = extract_token(token)
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise PageNotFound("malformed")
        try:
            claims = verify(self.services.secret, token, kind="P")
            view = self.services.inquiries.slip(claims.object_id)
        except MadoguchiError as exc:
            raise PageNotFound(exc.key) from None
        appt = view.appointment
        if appt.code != claims.label or appt.office_id != claims.office_id:
            raise PageNotFound("forged")
        today = self.calendar.service_day(appt.office_id, self.clock.now())
        if appt.state != "booked" or appt.day < today:
            raise PageNotFound("expired")
        start = self.calendar.at(appt.office_id, appt.day, _minute_time(appt.start_minute))
        return SlipPage(
            code=appt.code,
            office_id=appt.office_id,
            service_id=appt.service_id,
            office_ja=view.office_name_ja,
            office_en=view.office_name_en,
            location_ja=view.location_ja,
            location_en=view.location_en,
            service_ja=view.service_name_ja,
            service_en=view.service_name_en,
            day=appt.day,
            start=start,
            end=start + timedelta(minutes=appt.end_minute - appt.start_minute),
            deadline=view.deadline,
            visit_kind=view.visit_kind,
            bring=tuple(key.rsplit(".", 1)[1] for key in bring_keys(view.visit_kind, view.reason)),
        )

    # -- the shared live snapshot ------------------------------------------------------
    def live(self, office_id: str) -> OfficeLive:
        board = self.board.snapshot(office_id)
        now = self.clock.now()
        day = board.service_day
        tickets = self._ticket_statuses(office_id, day, now)
        return OfficeLive(
            board=board,
            tickets=tickets,
            reception_end=self.calendar.reception_end(office_id, day),
            plans=office_plans(self.services, office_id, day),
        )

    def _ticket_statuses(self, office_id: str, day: date, now: datetime) -> dict[int, TicketStatus]:
        tickets = self.services.tickets
        columns = (
            Ticket.id,
            Ticket.service_id,
            Ticket.issued_service_id,
            Ticket.display_number,
            Ticket.state,
            Ticket.counter,
            Ticket.priority,
            Ticket.queued_ms,
            Ticket.called_ms,
            Ticket.recall_count,
            Ticket.outcome,
        )
        with self.services.uow.read() as session:
            rows = session.execute(
                select(*columns).where(Ticket.office_id == office_id, Ticket.service_day == day)
            ).all()
            services = {r.service_id for r in rows if r.state == "waiting"}
            per_person = {
                sid: tickets.per_person_minutes(session, office_id, sid, to_ms(now))
                for sid in services
            }
        # the order a service's queue is called in: priority first, then arrival
        queues: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for r in rows:
            if r.state == "waiting":
                queues[r.service_id].append((-int(r.priority), int(r.queued_ms), int(r.id)))
        position: dict[int, tuple[int, float]] = {}
        for entries in queues.values():
            entries.sort()
            head_ms = min(q for _p, q, _t in entries)
            for i, (_p, queued_ms, tid) in enumerate(entries):
                # the estimator's floor: the longest waiter has waited this much longer
                position[tid] = (i, (queued_ms - head_ms) / 60_000)
        out: dict[int, TicketStatus] = {}
        for r in rows:
            place = position.get(int(r.id))
            ahead = minutes = None
            if place is not None:
                ahead, floor = place
                counters = tickets.counters_for(office_id, r.service_id)
                minutes = estimate_wait(ahead, counters, per_person[r.service_id], floor).minutes
            out[int(r.id)] = TicketStatus(
                ticket_id=int(r.id),
                office_id=office_id,
                service_id=r.service_id,
                display_number=r.display_number,
                state=r.state,
                counter=r.counter,
                transferred=r.service_id != r.issued_service_id,
                people_ahead=ahead,
                estimate_minutes=minutes,
                called_at=from_ms(r.called_ms),
                recall_count=int(r.recall_count),
                outcome=r.outcome,
            )
        return out

    # -- the public pages --------------------------------------------------------------
    def offices(self) -> list[OtherOffice]:
        """Every office's current summary (open now, people waiting, longest estimate)."""
        return [self.board.office_summary(o) for o in self.config.offices]

    def forecast(self, office_id: str, days: int = FORECAST_DAYS) -> list[ForecastCell]:
        """The expected congestion of the coming days, from the reports' forecast."""
        today = self.calendar.service_day(office_id, self.clock.now())
        last = today + timedelta(days=days - 1)
        cells: list[ForecastCell] = []
        month = date(today.year, today.month, 1)
        while month <= last:
            this_month, month = month, (month + timedelta(days=32)).replace(day=1)
            try:
                forecast = self.services.reports.forecast(
                    office_id, this_month.year, this_month.month
                )
            except MadoguchiError:
                # a month learns only from before its first day: in an office's first month
                # there is nothing yet, but the next month's days can still be shown
                continue
            for d in forecast.days:
                if today <= d.day <= last:
                    reason = None
                    if not d.open:
                        status = self.calendar.day(office_id, d.day)
                        reason = status.reason.code if status.reason else None
                    cells.append(
                        ForecastCell(
                            day=d.day,
                            open=d.open,
                            level=d.level,
                            wait_minutes=round(d.wait) if d.wait is not None else None,
                            reason_code=reason,
                        )
                    )
        return cells


def _minute_time(minute: int) -> time:
    return time(minute // 60, minute % 60)


__all__ = [
    "ForecastCell",
    "OfficeLive",
    "PageNotFound",
    "SlipPage",
    "TicketRef",
    "TicketStatus",
    "VisitorService",
]
