"""The live parts shared by every stream of an office are rendered once per snapshot: the
cache must never hand out a part rendered from an older snapshot (a freed snapshot's `id()` is
reused by CPython for the next one), or a board keeps showing old calls."""

from __future__ import annotations

import dataclasses

from queue_app.services.visitor import VisitorService
from tests.web_support import OFFICE, seed_tickets
from web.pages import Pages


def test_a_new_snapshot_never_gets_an_older_snapshots_part(sqlite_services, config):  # type: ignore[no-untyped-def]
    issued = seed_tickets(sqlite_services, 2)
    visitor = VisitorService(sqlite_services)
    pages = Pages(config, config.settings.web)
    for part in (pages.board_live, pages.office_live):
        old = visitor.live(OFFICE)
        old_id = id(old)
        before = part(old, "en")
        sqlite_services.tickets.call(issued[0].ticket.id, 3)
        new = visitor.live(OFFICE)
        del old  # no page holds the old snapshot any more
        # a fresh copy of the new snapshot, typically where the old one was in memory
        copies = [dataclasses.replace(new) for _ in range(50)]
        reused = [c for c in copies if id(c) == old_id]
        for live in reused + copies[:1]:
            assert part(live, "en") != before, "a stale part was served"
        sqlite_services.tickets.requeue(issued[0].ticket.id, 3)
