"""The board's pickup lists (交付): what is ready (お渡しできます) and what is being prepared.

Read through `TicketService.pickup_board`; an office none of whose procedures has a pickup
stage (`pickup = true`) skips the query entirely, so its board costs what it did before.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from queue_app.services.plan_views import PickupEntry

if TYPE_CHECKING:
    from queue_app.services import Services

Lists = tuple[tuple[PickupEntry, ...], tuple[PickupEntry, ...]]


def has_pickup(services: Services, office_id: str) -> bool:
    """Whether any procedure served at this office has a pickup stage."""
    office = services.config.office(office_id)
    known = services.config.services
    return any(known[s].pickup for s in office.services if s in known)


def pickup_board(services: Services, office_id: str, day: date) -> Lists:
    """(ready, preparing) at one office on one service day; empty where nothing is picked up."""
    if not has_pickup(services, office_id):
        return (), ()
    board = services.tickets.pickup_board(office_id, day)
    return board.ready, board.preparing
