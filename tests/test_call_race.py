"""Counters calling at the same moment (issue 16): on PostgreSQL two counters that picked
the same next ticket made the loser fail with "cannot call a ticket that is called". Each
caller must take the next free ticket instead and never fail because another counter won.

Real concurrent callers: one thread per counter, each with its own connections, released
together by a barrier, calling, serving and finishing until nobody is left. SQLite (BEGIN
IMMEDIATE serialises the calls) and PostgreSQL (row locks, SKIP LOCKED).
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from queue_app.domain.errors import MadoguchiError
from queue_app.services import IssueRequest
from tests.helpers_engine import check_history
from tests.waiting import DEADLINE, join_all

# sogo: certificate at counters 1, 2, 4; other at 1, 2, 5
COUNTERS = (1, 2, 4, 5)
TICKETS = 60


def _serve_all(services: Any, rounds_barrier: threading.Barrier) -> dict[int, Any]:
    calls: dict[int, list[int]] = {c: [] for c in COUNTERS}
    errors: list[str] = []

    def caller(counter: int) -> None:
        tickets = services.tickets
        try:
            rounds_barrier.wait(timeout=DEADLINE)
            while True:
                ticket = tickets.call_next("sogo", counter, "S001")
                if ticket is None:
                    return
                calls[counter].append(ticket.id)
                tickets.start(ticket.id, counter, "S001")
                tickets.finish(ticket.id, "served", counter, "S001")
        except MadoguchiError as exc:
            errors.append(f"{counter}: {exc.key} {exc.params}")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(f"{counter}: {exc!r}")

    threads = [threading.Thread(target=caller, args=(c,)) for c in COUNTERS]
    for t in threads:
        t.start()
    join_all(threads, timeout=300)
    assert errors == []
    return {"calls": calls}


def test_counters_calling_at_once_never_fail(services: Any) -> None:
    issued = []
    for i in range(TICKETS):
        service = "certificate" if i % 2 == 0 else "other"
        issued.append(services.tickets.issue(IssueRequest("sogo", service)).ticket.id)
    result = _serve_all(services, threading.Barrier(len(COUNTERS)))
    called = [tid for ids in result["calls"].values() for tid in ids]
    # N tickets -> N calls of N distinct tickets, every one of them finished
    assert sorted(called) == sorted(issued)
    assert Counter(called).most_common(1)[0][1] == 1
    # the counters really worked side by side
    assert sum(1 for ids in result["calls"].values() if ids) >= 3
    states = check_history(services)
    assert set(states.values()) == {"done"}
