"""One office-day's report figures from its raw rows: per-ticket first call, wait and
service time, the groups by hour, service and visit kind, and the people waiting at once.

Why here and not in SQL: a day is a few hundred tickets and a few events each. The daily
report reads them once (two plain indexed statements, `services/reports/day_rows.py`) and
computes every figure here. In SQL the same figures took a per-ticket
first-call join, a chain of CASE expressions and a window function over the events, which
cost more than reading the rows and counting them in Python.

The definitions are those of the range report's one SQL aggregation (`services/reports/
base.py`: `_base_sql`, `_wait_expr`, `AGG_SELECT`) and of docs/reports.md, rule for rule,
so a day has the same figures in both reports (tests/test_report_day_figures.py checks this
on both engines). The range report reads each ticket's first call and transfer from its row
(migration 0007), derived from the same events by the same rule (`report_marks.py`); here
they come from the day's events themselves (`first_calls`). Integer epoch milliseconds throughout: sums of integer waits are exact,
so the order in which tickets are added changes no figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from queue_app.domain.reporting import Agg

MS_MINUTE = 60_000
MS_HOUR = 3_600_000
MS_DAY = 86_400_000

# The rows, as `services/reports/day_rows.py` selects them (plain tuples, in this order):
TicketRow = tuple[int, str, str, str, int, int | None, int | None]
"""id, issued_service_id, visit_kind, state (final), issued_ms, started_ms, finished_ms"""
EventRow = tuple[int, int, int, str | None, str, int]
"""at_ms, id, ticket_id, from_state, to_state, transfer (1 when its detail starts with
"transfer:", decided by the same SQL `LIKE` as the range report's)"""
E_AT, E_ID, E_FROM, E_TO = 0, 1, 3, 4
_TIME_ORDER = itemgetter(E_AT, E_ID)  # ties of the same millisecond by event id, as SQL


@dataclass(frozen=True)
class DayHours:
    """The opening of the report's day, as the SQL aggregation sees it.

    `offset_ms`: the office zone's UTC offset that day. `ranges`: opening ranges in minutes
    after local midnight ((510, 1035) is 08:30-17:15; two ranges have a break between).
    A closed day is ((0, 0),): nothing is early and every call is after the closing.
    """

    offset_ms: int
    ranges: tuple[tuple[int, int], ...]

    def hour(self, at_ms: int) -> int:
        """The local hour of an instant (positive epoch ms: `//` truncates as SQL's `/`)."""
        return ((at_ms + self.offset_ms) // MS_HOUR) % 24

    def midnight(self, at_ms: int) -> int:
        """Local midnight before `at_ms` (of the instant's own date, as the SQL's `mid`)."""
        return at_ms - ((at_ms + self.offset_ms) % MS_DAY)

    @cached_property
    def breaks_ms(self) -> tuple[tuple[int, int], ...]:
        """The breaks between opening ranges, in ms after local midnight."""
        return tuple(
            (e1 * MS_MINUTE, s2 * MS_MINUTE)
            for (_s1, e1), (s2, _e2) in zip(self.ranges, self.ranges[1:], strict=False)
        )


def wait_ms(issued_ms: int, call_ms: int, midnight_ms: int, hours: DayHours) -> int:
    """Issue to first call, minus the closed time it overlaps before the last closing.

    Before the opening does not count (an 08:20 ticket waits from 08:30), nor a break
    between two ranges; after the last closing does (the visitor is still waiting).
    """
    opens = midnight_ms + hours.ranges[0][0] * MS_MINUTE
    wait = call_ms - issued_ms - max(min(call_ms, opens) - issued_ms, 0)
    for gap_start, gap_end in hours.breaks_ms:
        wait -= max(
            min(call_ms, midnight_ms + gap_end) - max(issued_ms, midnight_ms + gap_start), 0
        )
    return wait


def first_calls(events: Iterable[EventRow]) -> tuple[dict[int, int], set[int]]:
    """Per ticket, its earliest `-> called` event; and the tickets with a transfer event.

    Recalls, re-queues, transfers and the later steps of a plan do not restart the wait.
    """
    first: dict[int, int] = {}
    transferred: set[int] = set()
    for at, _id, tid, _frm, to, transfer in events:
        if to == "called":
            known = first.get(tid)
            if known is None or at < known:
                first[tid] = at
        if transfer:
            transferred.add(tid)
    return first, transferred


def waiting_by_hour(events: Iterable[EventRow], hours: DayHours) -> dict[int, tuple[int, int]]:
    """Per local hour: the most people waiting after any event in it, and the net change.

    In time order: +1 when a ticket enters `waiting` (issue, transfer, re-queue, a plan's
    next step), -1 when it leaves it (call, cancel). The input of `reporting.peak_waiting`,
    which carries the level into quiet hours.
    """
    moves = [e for e in events if e[E_TO] == "waiting" or e[E_FROM] == "waiting"]
    moves.sort(key=_TIME_ORDER)
    out: dict[int, tuple[int, int]] = {}
    level = 0
    h, top, net, hour_end = -1, 0, 0, 0  # the hour being counted, until `hour_end`
    for at, _id, _tid, frm, to, _transfer in moves:
        if to != "waiting":
            delta = -1
        else:
            delta = 0 if frm == "waiting" else 1
        level += delta
        if h < 0 or at >= hour_end:  # in time order: a new hour begins
            if h >= 0:
                out[h] = _merge(out.get(h), top, net)
            h = hours.hour(at)
            hour_end = at - (at + hours.offset_ms) % MS_HOUR + MS_HOUR
            top, net = level, 0
        elif level > top:
            top = level
        net += delta
    if h >= 0:
        out[h] = _merge(out.get(h), top, net)
    return out


def _merge(known: tuple[int, int] | None, top: int, net: int) -> tuple[int, int]:
    """The same local hour met again after midnight: one group, as SQL's GROUP BY."""
    return (top, net) if known is None else (max(known[0], top), known[1] + net)


@dataclass
class DayFigures:
    """The day's groups (the same sums, counts and maxima as the SQL aggregation's rows
    rolled up), the per-ticket waits and service times for the median and p90, and the
    people waiting at once per hour."""

    by_hour: dict[int, Agg]
    by_service: dict[str, Agg]
    by_kind: dict[str, Agg]
    waits_ms: list[int] = field(default_factory=list)
    service_ms: list[int] = field(default_factory=list)
    waiting: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def totals(self) -> Agg:
        """The whole day: its hours added up."""
        total = Agg()
        for part in self.by_hour.values():
            total.merge(part)
        return total


# One ticket's figures, `_agg`'s columns: final state, transferred, early, issued in the
# last minutes, first called after the closing, wait (None: never called), over the target,
# service time (None: not done), finished_ms (None: not finished)
_Ticket = tuple[str, bool, bool, bool, bool, int | None, bool, int | None, int | None]


def day_figures(
    tickets: Iterable[TicketRow],
    events: Sequence[EventRow],
    hours: DayHours,
    target_ms: int,
    last_ms: int,
) -> DayFigures:
    """Every counted figure of one office-day from its ticket and event rows.

    Per ticket (docs/reports.md): its final state, transferred or not, issued before the
    opening (early), in the last `last_ms` before the last closing, first called after it,
    its wait (None when never called), over `target_ms` or not, and its service time
    (`done` tickets: finished - started). Grouped by local hour of issue, issued service and
    visit kind.
    """
    first, transferred = first_calls(events)
    open_ms = hours.ranges[0][0] * MS_MINUTE
    close_ms = hours.ranges[-1][1] * MS_MINUTE
    offset = hours.offset_ms
    by_hour: dict[int, list[_Ticket]] = {}
    by_service: dict[str, list[_Ticket]] = {}
    by_kind: dict[str, list[_Ticket]] = {}
    waits: list[int] = []
    services: list[int] = []
    for tid, service, kind, state, issued, started, finished in tickets:
        mid = issued - (issued + offset) % MS_DAY  # hours.midnight, inline: once per ticket
        close = mid + close_ms
        call = first.get(tid)
        wait = None
        if call is not None:
            wait = wait_ms(issued, call, mid, hours)
            waits.append(wait)
        svc = None
        if state == "done" and started is not None and finished is not None:
            svc = finished - started
            services.append(svc)
        row: _Ticket = (
            state,
            tid in transferred,
            issued < mid + open_ms,
            close - last_ms <= issued < close,
            call is not None and call > close,
            wait,
            wait is not None and wait > target_ms,
            svc,
            finished,
        )
        by_hour.setdefault((issued + offset) // MS_HOUR % 24, []).append(row)
        by_service.setdefault(service, []).append(row)
        by_kind.setdefault(kind, []).append(row)
    return DayFigures(
        by_hour={k: _agg(v) for k, v in by_hour.items()},
        by_service={k: _agg(v) for k, v in by_service.items()},
        by_kind={k: _agg(v) for k, v in by_kind.items()},
        waits_ms=waits,
        service_ms=services,
        waiting=waiting_by_hour(events, hours),
    )


def _agg(rows: list[_Ticket]) -> Agg:
    """A group's tickets summed column by column, as `Agg.add` adds SQL group rows: a
    missing wait, service time or finish is neither counted, summed nor compared."""
    if not rows:
        return Agg()
    states, transferred, early, last30, after, waits, over, svcs, finished = zip(*rows, strict=True)
    w = [x for x in waits if x is not None]
    s = [x for x in svcs if x is not None]
    f = [x for x in finished if x is not None]
    return Agg(
        issued=len(rows),
        served=states.count("done"),
        no_show=states.count("no_show"),
        cancelled=states.count("cancelled"),
        transferred=sum(transferred),
        early=sum(early),
        last30=sum(last30),
        after_close=sum(after),
        waits_n=len(w),
        waits_sum=float(sum(w)),
        waits_max=float(max(w)) if w else None,
        over_n=sum(over),
        svc_n=len(s),
        svc_sum=float(sum(s)),
        finish_max=int(max(f)) if f else None,
    )
