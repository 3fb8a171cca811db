"""Privacy and start-up maintenance: purge personal fields on schedule, and the daily
sweep (complete, expire, no-show, purge)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import and_, select, update
from sqlmodel import Session

from db.models import InquiryCase
from queue_app.domain.errors import MadoguchiError
from queue_app.domain.inquiry import CLOSED_STATES
from queue_app.domain.inquiry_views import (
    MaintenanceResult,
    PurgeResult,
)
from queue_app.services.inquiries.base import DAY_MS, SYSTEM
from queue_app.services.inquiries.checkin import InquiryCheckIn
from queue_app.services.uow import to_ms


class InquiryMaintenance(InquiryCheckIn):
    # -- privacy ---------------------------------------------------------------------------
    def purge(self, now: datetime | None = None) -> PurgeResult:
        """Erase name and phone of cases closed more than `purge_after_days` ago.

        The rows stay (anonymous statistics: reason, office, dates, outcome); `purged` is set
        and each erasure is written to the audit log.
        """
        moment = now or self.clock.now()
        cutoff = to_ms(moment) - self.settings.purge_after_days * DAY_MS

        def work(session: Session) -> PurgeResult:
            ids = [
                int(i)
                for i in session.scalars(
                    select(InquiryCase.id).where(
                        InquiryCase.state.in_([s.value for s in CLOSED_STATES]),  # type: ignore[attr-defined]
                        InquiryCase.purged.is_(False),  # type: ignore[attr-defined]
                        InquiryCase.closed_ms.is_not(None),  # type: ignore[union-attr]
                        InquiryCase.closed_ms < cutoff,  # type: ignore[operator]
                    )
                ).all()
            ]
            if ids:
                session.execute(
                    update(InquiryCase)
                    .where(and_(InquiryCase.id.in_(ids), InquiryCase.purged.is_(False)))  # type: ignore[union-attr]
                    .values(name_kana=None, phone=None, purged=True)
                )
            for case_id in ids:
                self._audit(session, SYSTEM, "purge", f"case:{case_id}", "name_kana,phone")
            return PurgeResult(len(ids), tuple(ids))

        return self.uow.write(work)

    # -- maintenance -----------------------------------------------------------------------
    def maintenance(self) -> MaintenanceResult:
        """The daily sweep, in this order: no-shows before expiry, so a missed appointment of
        a case that also expires today is counted as the no-show it is (expiring first would
        close the appointment silently)."""
        completed = self.sync_completed()
        no_shows = self.sweep_no_shows()
        expired = self.expire_overdue()
        return MaintenanceResult(
            completed=completed, expired=expired, no_shows=no_shows, purged=self.purge().purged
        )


class WithInquiries(Protocol):
    """Anything that hands out the inquiry services (`Services` does)."""

    @property
    def inquiries(self) -> InquiryMaintenance: ...


def run_startup_maintenance(services: WithInquiries) -> MaintenanceResult:
    """Called by reception and display at start-up (and by `madoguchi purge`): complete
    finished cases, expire overdue ones, mark no-shows, purge personal data. Never raises:
    a start-up must not fail because of housekeeping; problems come back in `errors`."""
    try:
        return services.inquiries.maintenance()
    except MadoguchiError as exc:
        return MaintenanceResult(errors=(exc.key,))
