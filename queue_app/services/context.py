"""What a use-case service needs from the `Services` bundle: a protocol, so the inquiry
and report services can name it without importing `queue_app.services` (which builds them:
that would be an import cycle). `Services` satisfies it."""

from __future__ import annotations

from typing import Protocol

from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config
from queue_app.services.tickets import TicketService
from queue_app.services.uow import UnitOfWork


class ServiceContext(Protocol):
    @property
    def uow(self) -> UnitOfWork: ...

    @property
    def config(self) -> Config: ...

    @property
    def calendar(self) -> OfficeCalendar: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def secret(self) -> bytes: ...

    @property
    def tickets(self) -> TicketService: ...
