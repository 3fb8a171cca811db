"""Use cases, one module per area; `Services` bundles them for the CLI and the screens.

Built by the app factory (`queue_app.app_factory`) and by tests with a real engine. Every
method opens its own Session (one unit of work) and returns frozen read models.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config
from queue_app.services.tickets import IssueRequest, TicketService
from queue_app.services.uow import UnitOfWork

if TYPE_CHECKING:
    from queue_app.services.audit import AuditService
    from queue_app.services.inquiries import InquiryService
    from queue_app.services.reports import ReportService

__all__ = ["Services", "IssueRequest", "TicketService"]


class Services:
    def __init__(self, engine: Engine, config: Config, clock: Clock, secret: bytes) -> None:
        self.engine = engine
        self.config = config
        self.clock = clock
        self.secret = secret
        self.uow = UnitOfWork(engine)
        self.calendar = OfficeCalendar(config)

    @cached_property
    def tickets(self) -> TicketService:
        return TicketService(self.uow, self.config, self.calendar, self.clock, self.secret)

    @cached_property
    def inquiries(self) -> InquiryService:
        from queue_app.services.inquiries import InquiryService

        return InquiryService(self)

    @cached_property
    def audit(self) -> AuditService:
        from queue_app.services.audit import AuditService

        return AuditService(self)

    @cached_property
    def reports(self) -> ReportService:
        from queue_app.services.reports import ReportService

        return ReportService(self)
