"""The statements the reception's lists read, in plain SQL, once.

The reception paints its first screen from these on the bare driver (`db/driver.py`),
before SQLAlchemy, SQLModel and pydantic are loaded (about a second of its start-up,
docs/benchmarks.md); the full services (`services/tickets/queue.py`) run the very same
statements on their pooled connection (`UnitOfWork.read_plain`), so there is one copy of
each query. Importable without SQLAlchemy, like `board_reads.py`.

Every list goes through `ix_ticket_queue (office_id, service_day, state)`; the order of the
waiting queue is the order `call next` takes (priority, the office's service order, arrival).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from queue_app.domain.config import Config
from queue_app.domain.tickets import TicketState, counter_first
from queue_app.services.board_reads import Reader
from queue_app.services.epoch import from_ms
from queue_app.services.views import TicketView

WAITING = TicketState.WAITING.value
ACTIVE_HERE = (TicketState.CALLED.value, TicketState.SERVING.value)

# TicketView's fields as stored (the times as epoch ms: `view` turns them into datetimes)
COLUMNS = (
    "id",
    "office_id",
    "service_id",
    "issued_service_id",
    "service_day",
    "number",
    "display_number",
    "visit_kind",
    "decision",
    "state",
    "priority",
    "issued_ms",
    "queued_ms",
    "called_ms",
    "started_ms",
    "finished_ms",
    "counter",
    "target_counter",
    "recall_count",
    "outcome",
    "override",
    "staff",
    "appointment_id",
    "case_id",
    "nonce",
    "plan_id",
)
SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM ticket"
_TIMES = ("issued_at", "queued_at", "called_at", "started_at", "finished_at")

REVISION = "SELECT value FROM revision WHERE office_id = :office"
TICKET = SELECT + " WHERE id = :id"
DAY = SELECT + " WHERE office_id = :office AND service_day = :day"


@lru_cache(maxsize=32)
def in_states_sql(count: int) -> str:
    """A day's tickets in `count` states (`:s0`, `:s1`, ...), in the order they were issued."""
    if count == 0:
        return DAY + " ORDER BY id"
    names = ", ".join(f":s{i}" for i in range(count))
    return DAY + f" AND state IN ({names}) ORDER BY id"


@lru_cache(maxsize=32)
def waiting_sql(ranked: int) -> str:
    """The waiting queue in call order, with `ranked` services in the office's order
    (`:r0`, `:r1`, ...; the others after them)."""
    order = "priority DESC, "
    if ranked:
        whens = " ".join(f"WHEN :r{i} THEN {i}" for i in range(ranked))
        order += f"CASE service_id {whens} ELSE {ranked} END, "
    return DAY + f" AND state = '{WAITING}' ORDER BY {order}queued_ms, id"


def view(row: Sequence[Any]) -> TicketView:
    """A row of `COLUMNS` as the frozen view the faces are given."""
    values = dict(zip(COLUMNS, row, strict=True))
    day = values["service_day"]
    if isinstance(day, str):  # SQLite stores a date as ISO text
        values["service_day"] = date.fromisoformat(day)
    for name in _TIMES:
        values[name] = from_ms(values.pop(name.replace("_at", "_ms")))
    return TicketView(**values)


def revision(reader: Reader, office_id: str) -> int:
    rows = reader.rows(REVISION, {"office": office_id})
    return int(rows[0][0] or 0) if rows else 0


def ticket(reader: Reader, ticket_id: int) -> TicketView | None:
    rows = reader.rows(TICKET, {"id": ticket_id})
    return view(rows[0]) if rows else None


def day_tickets(
    reader: Reader, office_id: str, day: date, states: Iterable[str] | None = None
) -> list[TicketView]:
    """An office's tickets of a service day (in `states`, when given), by id."""
    wanted = list(states or ())
    params: dict[str, object] = {"office": office_id, "day": day}
    params.update({f"s{i}": s for i, s in enumerate(wanted)})
    return [view(r) for r in reader.rows(in_states_sql(len(wanted)), params)]


def waiting(
    reader: Reader, office_id: str, day: date, service_order: Sequence[str]
) -> list[TicketView]:
    """The waiting queue in the order it will be called (per-counter rules aside)."""
    params: dict[str, object] = {"office": office_id, "day": day}
    params.update({f"r{i}": s for i, s in enumerate(service_order)})
    return [view(r) for r in reader.rows(waiting_sql(len(service_order)), params)]


@dataclass(frozen=True)
class CounterLists:
    """What one counter's reception shows: the revision it was read at, the waiting list
    (what this counter may call first, in call order, then the others' queue), the tickets
    called or served here (the latest first) and the ticket opened by a scan."""

    revision: int
    here: list[TicketView]
    others: list[TicketView]
    mine: list[TicketView]
    opened: TicketView | None


def counter_lists(
    reader: Reader,
    config: Config,
    office_id: str,
    counter_no: int,
    day: date,
    opened_id: int | None = None,
) -> CounterLists:
    """The reception's lists, read in one transaction of `reader`."""
    office = config.office(office_id)
    counter = config.counter(office_id, counter_no)
    rev = revision(reader, office_id)
    here, others = counter_first(
        waiting(reader, office_id, day, office.service_order), counter_no, counter.services
    )
    mine = [t for t in day_tickets(reader, office_id, day, ACTIVE_HERE) if t.counter == counter_no]
    mine.sort(key=lambda t: (t.called_at or t.issued_at, t.id), reverse=True)
    opened = ticket(reader, opened_id) if opened_id is not None else None
    return CounterLists(rev, here, others, mine, opened)
