"""Seeding for the faces of visit plans and the pickup stage (display, web, reception)."""

from __future__ import annotations

from typing import Any

from queue_app.services import IssueRequest
from tests.display_support import OFFICE, seed


def pickup_through_counter(services: Any, counter: int = 3) -> int:
    """A card pickup ticket served at `counter` and now being prepared (its id); the
    visitor still at that counter is served first (one visitor at a time)."""
    t = services.tickets
    free(services, counter)
    tid = t.issue(IssueRequest(OFFICE, "card_pickup"), with_estimate=False).ticket.id
    t.call(tid, counter, "S001")
    t.start(tid, counter)
    services.clock.advance(minutes=2)
    t.finish(tid, None, counter, "S001")
    return int(tid)


def seed_pickup(services: Any) -> tuple[list[int], list[int]]:
    """The display's usual morning (`seed`) plus the pickup stage: two tickets ready for
    pickup and one being prepared. Returns (ready ids, preparing ids)."""
    seed(services)
    t = services.tickets
    ids = [pickup_through_counter(services) for _ in range(3)]
    ready = ids[:2]
    for tid in ready:
        services.clock.advance(minutes=1)
        t.mark_ready(tid, "S002")
    return ready, ids[2:]


def free(services: Any, counter: int) -> None:
    """The visitor still at `counter` is served and finished (an e-certificate renewed)."""
    t = services.tickets
    for still in t.open_at_counter(OFFICE, counter):
        if still.state == "called":
            t.start(still.id, counter)
        t.finish(still.id, "renewed", counter, "S001")
