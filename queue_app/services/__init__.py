"""Use cases, one module per area (`Services` in `bundle.py` bundles them).

The package itself imports nothing: the display process imports `board_source` and the
board's plain statements from here without loading SQLAlchemy, which `Services` stands on
(`board_source.py` says why). `from queue_app.services import Services` still works; the
name is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from queue_app.services.bundle import Services
    from queue_app.services.tickets import IssueRequest, TicketService

__all__ = ["Services", "IssueRequest", "TicketService"]


def __getattr__(name: str) -> Any:
    if name == "Services":
        from queue_app.services.bundle import Services

        return Services
    if name in ("IssueRequest", "TicketService"):
        from queue_app.services import tickets

        return getattr(tickets, name)
    raise AttributeError(f"module 'queue_app.services' has no attribute {name!r}")
