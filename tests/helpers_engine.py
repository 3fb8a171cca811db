"""Helpers for the queue-engine tests: DB snapshots, and worker processes.

Worker processes are started as ``python -m tests.helpers_engine <command> ...`` from the
repository root (a fresh interpreter, like a real reception terminal). Each builds its own
engine with ``tests.conftest.make_services(url, config, clock)``.

Commands:

* ``issue URL N START_FILE [SERVICE]``: print ``ready``, wait until START_FILE exists, then
  issue N tickets with a fixed clock and print one JSON line ``{"numbers": [...], ...}``.
* ``crashloop URL START_ISO``: forever: issue a ticket, and every third step finish the
  visitor at counter 3 and call the next one there; after each commit print ``issued <id>
  <number>``, ``finished <id>`` or ``called <id>``.
  The clock moves one second per step from START_ISO. Killed by the test with SIGKILL.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
TOKYO = ZoneInfo("Asia/Tokyo")
OPEN_TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO)


def jst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


# -- database snapshots -----------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """Everything an illegal change must leave untouched."""

    ticket: dict[str, Any] | None
    ticket_events: int
    all_events: int
    tickets: int
    counters: tuple[tuple[Any, ...], ...]
    revision: int


def snapshot(services: Any, ticket_id: int | None = None, office_id: str = "sogo") -> Snapshot:
    from db.models import DailyCounter, Revision, Ticket, TicketEvent

    with services.uow.read() as session:
        row = None
        if ticket_id is not None:
            found = session.execute(
                select(Ticket.__table__).where(Ticket.__table__.c.id == ticket_id)  # type: ignore[attr-defined]
            ).first()
            row = dict(found._mapping) if found is not None else None
        count = func.count()
        ticket_events = session.execute(
            select(count).select_from(TicketEvent).where(TicketEvent.ticket_id == ticket_id)  # type: ignore[arg-type]
        ).scalar_one()
        all_events = session.execute(select(func.count()).select_from(TicketEvent)).scalar_one()
        tickets = session.execute(select(func.count()).select_from(Ticket)).scalar_one()
        counters = tuple(
            tuple(r)
            for r in session.execute(
                select(DailyCounter.__table__).order_by(  # type: ignore[attr-defined]
                    *DailyCounter.__table__.c  # type: ignore[attr-defined]
                )
            ).all()
        )
        revision = session.execute(
            select(Revision.value).where(Revision.office_id == office_id)  # type: ignore[arg-type,call-overload]
        ).scalar()
    return Snapshot(row, ticket_events, all_events, tickets, counters, int(revision or 0))


def events_of(services: Any, ticket_id: int) -> list[dict[str, Any]]:
    from db.models import TicketEvent

    table = TicketEvent.__table__  # type: ignore[attr-defined]
    with services.uow.read() as session:
        rows = session.execute(
            select(table).where(table.c.ticket_id == ticket_id).order_by(table.c.id)
        ).all()
    return [dict(r._mapping) for r in rows]


def check_history(services: Any) -> dict[int, str]:
    """Every ticket's events form one chain ending in its state; returns {id: state}.

    - the first event is the issue event (None -> waiting), with the ticket's issue time;
    - each event starts where the previous one ended;
    - the latest event's to_state is the ticket's state.
    """
    from db.models import Ticket, TicketEvent

    te = TicketEvent.__table__  # type: ignore[attr-defined]
    with services.uow.read() as session:
        tickets = {
            r.id: r
            for r in session.execute(select(Ticket.__table__)).all()  # type: ignore[attr-defined]
        }
        events = session.execute(select(te).order_by(te.c.ticket_id, te.c.id)).all()
    chains: dict[int, list[Any]] = {}
    for e in events:
        chains.setdefault(e.ticket_id, []).append(e)
    assert set(chains) == set(tickets), "a ticket without events, or events without a ticket"
    for tid, chain in chains.items():
        row = tickets[tid]
        first = chain[0]
        assert first.from_state is None and first.to_state == "waiting", (tid, first)
        assert first.at_ms == row.issued_ms, (tid, first.at_ms, row.issued_ms)
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.from_state == before.to_state, (tid, before, after)
        assert chain[-1].to_state == row.state, (tid, chain[-1], row.state)
    return {tid: r.state for tid, r in tickets.items()}


# -- worker processes -------------------------------------------------------------------


def worker_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.helpers_engine", *args]


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _services(url: str, clock: Any) -> Any:
    from queue_app.config import load_config
    from tests.conftest import make_services

    return make_services(url, load_config(env={}), clock)


def _issue_main(url: str, count: int, start_file: str, service: str = "ecert") -> None:
    from queue_app.domain.clock import Clock
    from queue_app.services import IssueRequest

    services = _services(url, Clock.fixed(OPEN_TUESDAY))
    tickets = services.tickets
    print("ready", flush=True)
    while not os.path.exists(start_file):
        time.sleep(0.002)
    numbers: list[int] = []
    began = time.perf_counter()
    for _ in range(count):
        result = tickets.issue(IssueRequest("sogo", service), with_estimate=False)
        numbers.append(result.ticket.number)
    elapsed = time.perf_counter() - began
    services.engine.dispose()
    print(json.dumps({"numbers": numbers, "pid": os.getpid(), "seconds": elapsed}), flush=True)


def _crashloop_main(url: str, start_iso: str, steps: int = 0) -> None:
    from queue_app.domain.clock import MutableClock
    from queue_app.services import IssueRequest

    clock = MutableClock(datetime.fromisoformat(start_iso))
    services = _services(url, clock)
    tickets = services.tickets
    print("ready", flush=True)
    step = 0
    while steps == 0 or step < steps:
        step += 1
        clock.advance(seconds=1)
        result = tickets.issue(IssueRequest("sogo", "ecert"), with_estimate=False)
        print(f"issued {result.ticket.id} {result.ticket.number}", flush=True)
        if step % 3 == 0:
            clock.advance(seconds=1)
            # one visitor at a time: the visitor still at counter 3 (also one left by a
            # killed run) is finished first
            for still in tickets.open_at_counter("sogo", 3):
                if still.state == "called":
                    tickets.start(still.id, 3)
                tickets.finish(still.id, "renewed", 3)
                print(f"finished {still.id}", flush=True)
            called = tickets.call_next("sogo", 3)
            if called is not None:
                print(f"called {called.id}", flush=True)
                tickets.start(called.id, 3)
                print(f"started {called.id}", flush=True)
    services.engine.dispose()
    print("done", flush=True)


COMMANDS: dict[str, Callable[..., None]] = {
    "issue": lambda url, n, start, *rest: _issue_main(url, int(n), start, *rest),
    "crashloop": lambda url, start, *rest: _crashloop_main(url, start, *(int(x) for x in rest)),
}


def later(moment: datetime, **delta: float) -> datetime:
    return moment + timedelta(**delta)


if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
