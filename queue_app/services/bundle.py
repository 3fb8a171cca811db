"""`Services` bundles the use cases for the CLI and the screens.

Built by the CLI's context and by tests with a real engine. Every method opens its own
Session (one unit of work) and returns frozen read models.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config
from queue_app.services.tickets import TicketService
from queue_app.services.uow import UnitOfWork, session_reader

if TYPE_CHECKING:
    from db.driver import DriverReader
    from queue_app.services.audit import AuditService
    from queue_app.services.inquiries import InquiryService
    from queue_app.services.reports import ReportService


class Services:
    def __init__(self, engine: Engine, config: Config, clock: Clock, secret: bytes) -> None:
        self.engine = engine
        self.config = config
        self.clock = clock
        self.secret = secret
        self.uow = UnitOfWork(engine)
        self.calendar = OfficeCalendar(config)

    @property
    def database_url(self) -> str:
        """The engine's URL, password included (for the change feed's own connection; never
        shown)."""
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def reading(self) -> Iterator[DriverReader]:
        """One read transaction for the plain statements the board shares with the display
        process (`board_reads.py`)."""
        with self.uow.read() as session:
            yield session_reader(session)

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
