"""The board's pickup lists (交付): what is ready (お渡しできます) and what is being prepared.

One statement (`board_reads.PICKUP`) read by the board and by `TicketService.pickup_board`;
an office none of whose procedures has a pickup stage (`pickup = true`) skips it entirely,
so its board costs what it did before.
"""

from __future__ import annotations

from datetime import date

from queue_app.domain.config import Config
from queue_app.domain.tickets import TicketState
from queue_app.services.board_reads import Reader, pickup_rows
from queue_app.services.epoch import from_ms
from queue_app.services.plan_views import PickupEntry

Lists = tuple[tuple[PickupEntry, ...], tuple[PickupEntry, ...]]


def has_pickup(config: Config, office_id: str) -> bool:
    """Whether any procedure served at this office has a pickup stage."""
    office = config.office(office_id)
    known = config.services
    return any(known[s].pickup for s in office.services if s in known)


def pickup_lists(reader: Reader, office_id: str, day: date) -> Lists:
    """(ready, preparing) at one office on one service day, oldest first."""
    entries = []
    for tid, label, service, state, at_ms in pickup_rows(reader, office_id, day):
        moment = from_ms(int(at_ms))
        assert moment is not None
        entries.append(PickupEntry(int(tid), str(label), str(service), str(state), moment))
    return (
        tuple(e for e in entries if e.state == TicketState.READY.value),
        tuple(e for e in entries if e.state == TicketState.PREPARING.value),
    )


def pickup_board(config: Config, reader: Reader, office_id: str, day: date) -> Lists:
    """The board's lists; empty (and no query) where nothing is picked up."""
    if not has_pickup(config, office_id):
        return (), ()
    return pickup_lists(reader, office_id, day)
