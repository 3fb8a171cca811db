"""Reading the audit log (`madoguchi audit`): who did what, and every read of personal data.

The log is append-only (triggers refuse UPDATE and DELETE, migration 0004). Entries written
before 0004 carry no office: their office is found from what they concern (a case, an
appointment or a ticket), so `--office` also finds them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import Appointment, AuditEntry, InquiryCase, Ticket
from queue_app.services.uow import from_ms, to_ms

if TYPE_CHECKING:
    from queue_app.services.context import ServiceContext

# subject prefix -> the table whose row names the office
_SUBJECTS: dict[str, Any] = {"case": InquiryCase, "appointment": Appointment, "ticket": Ticket}


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: str | None
    office_id: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
            "office": self.office_id,
        }


class AuditService:
    def __init__(self, services: ServiceContext) -> None:
        self.uow = services.uow
        self.config = services.config
        self.calendar = services.calendar
        self.clock = services.clock

    def zone(self, office_id: str | None) -> ZoneInfo:
        """Days are counted in the office's time zone, or the configured one."""
        if office_id is not None:
            return self.calendar.zone(self.config.office(office_id).id)
        return ZoneInfo(self.config.settings.timezone)

    def today(self, office_id: str | None = None) -> date:
        return self.clock.now().astimezone(self.zone(office_id)).date()

    def entries(
        self, day: date | None = None, office_id: str | None = None, staff: str | None = None
    ) -> list[AuditView]:
        """The entries of one day (default today), oldest first; optionally of one office
        and one staff code (the actor)."""
        zone = self.zone(office_id)
        day = day or self.today(office_id)
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        table = AuditEntry.__table__  # type: ignore[attr-defined]
        stmt = select(table).where(table.c.at_ms >= to_ms(start), table.c.at_ms < to_ms(end))
        if staff:
            stmt = stmt.where(table.c.actor == staff)
        stmt = stmt.order_by(table.c.at_ms, table.c.id)
        with self.uow.read() as session:
            rows = session.execute(stmt).all()
            offices = self._offices(session, [r.subject for r in rows if r.office_id is None])
        views = []
        for r in rows:
            office = r.office_id or offices.get(r.subject)
            if office_id is not None and office != office_id:
                continue
            at = from_ms(r.at_ms)
            assert at is not None
            views.append(AuditView(r.id, at, r.actor, r.action, r.subject, r.detail, office))
        return views

    @staticmethod
    def _offices(session: Any, subjects: Iterable[str]) -> dict[str, str]:
        """subject ("case:12") -> office id, for entries that do not name their office."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for subject in subjects:
            kind, _, ident = subject.partition(":")
            if kind in _SUBJECTS and ident.isdigit() and int(ident) < 2**31:
                wanted[kind].add(int(ident))
        found: dict[str, str] = {}
        for kind, ids in wanted.items():
            model = _SUBJECTS[kind]
            for ident, office in session.execute(
                select(model.id, model.office_id).where(model.id.in_(sorted(ids)))
            ):
                found[f"{kind}:{ident}"] = office
        return found
