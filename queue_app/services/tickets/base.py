"""Shared ground of the ticket services: configuration lookups and the opening check."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config, Office, Service
from queue_app.domain.errors import DomainError
from queue_app.domain.tickets import TicketState

if TYPE_CHECKING:  # the full services' (SQLAlchemy); `ticket issue` gives a DriverDatabase
    from queue_app.services.uow import UnitOfWork

WAITING = TicketState.WAITING.value


class TicketBase:
    uow: UnitOfWork

    def __init__(
        self,
        uow: UnitOfWork | Any,
        config: Config,
        calendar: OfficeCalendar,
        clock: Clock,
        secret: bytes,
    ) -> None:
        self.uow = uow
        self.config = config
        self.calendar = calendar
        self.clock = clock
        self.secret = secret
        # a day's opening status depends only on the (immutable) configuration: cached, as
        # it is asked on every issue (the hot path)
        self._day_status = lru_cache(maxsize=512)(calendar.day)
        self._sqlite = uow.dialect == "sqlite"
        # (office, service) -> (Office, Service, time zone), filled by `_target`
        self._targets: dict[tuple[str, str], tuple[Office, Service, ZoneInfo]] = {}

    # -- configuration and opening hours -----------------------------------------------
    def _target(self, office_id: str, service_id: str) -> tuple[Office, Service, ZoneInfo]:
        """`config.office_service` and the office's zone, cached (the configuration does not
        change under a running TicketService); unknown ids raise as before, uncached."""
        found = self._targets.get((office_id, service_id))
        if found is None:
            office, service = self.config.office_service(office_id, service_id)
            found = (office, service, self.calendar.zone(office_id))
            self._targets[(office_id, service_id)] = found
        return found

    def check_open(self, office_id: str, service_id: str, now: datetime) -> None:
        """Refuse with the reason when the office or service is closed or reception ended."""
        self._check_open_local(office_id, service_id, self.calendar.local(office_id, now))

    def _check_open_local(self, office_id: str, service_id: str, local: datetime) -> None:
        """`check_open` with the moment already in the office's time zone."""
        status = self._day_status(office_id, local.date(), service_id)
        if status.open and status.closes is not None and local.time() < status.closes:
            return  # the usual case, first and short: this runs on every issue
        office = self.config.office(office_id)
        if not status.open:
            nxt = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            names = {"office": office.name_ja, "office_en": office.name_en}
            reasons = {
                "reason": status.reason_text("ja") or "",
                "reason_en": status.reason_text("en") or "",
                "next_day": nxt.isoformat() if nxt else "-",
            }
            if self._day_status(office_id, local.date(), None).open:
                # the office is open, this procedure is not (the station's maintenance Sunday)
                service = self.config.service(service_id)
                raise DomainError(
                    "err.service_closed",
                    service=service.name_ja,
                    service_en=service.name_en,
                    **names,
                    **reasons,
                )
            raise DomainError("err.closed", **names, **reasons)
        assert status.closes is not None
        if local.time() >= status.closes:
            nxt = self.calendar.next_open_day(
                office_id, local.date(), service_id, include_start=False
            )
            raise DomainError(
                "err.reception_ended",
                office=office.name_ja,
                office_en=office.name_en,
                end=status.closes.strftime("%H:%M"),
                next_day=nxt.isoformat() if nxt else "-",
            )
