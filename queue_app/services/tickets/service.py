"""`TicketService`: every ticket use case behind one name (`services.tickets.<method>`),
loaded on first use by the package (`__init__.py` says why)."""

from __future__ import annotations

from queue_app.services.tickets.pickup import TicketPickup


class TicketService(TicketPickup):
    """All ticket use cases behind one name (see the package's module list)."""


__all__ = ["TicketService"]
