"""One office-day's report figures from its raw rows: per-ticket wait and service time,
the groups by hour, service and visit kind, and the people waiting at once.

Why here and not in SQL: a day is a few hundred tickets and a few events each. The daily
report reads them once (two plain indexed statements, `services/reports/day_rows.py`) and
computes every figure here. In SQL the same figures took a per-ticket
first-call join, a chain of CASE expressions and a window function over the events, which
cost more than reading the rows and counting them in Python.

The definitions are those of the range report's one SQL aggregation (`services/reports/
base.py`: `_base_sql`, `_wait_expr`, `AGG_SELECT`) and of docs/reports.md, rule for rule,
so a day has the same figures in both reports (tests/test_report_day_figures.py checks this
on both engines, and against a computation from the events alone). Like the range report,
each ticket's first call and transfer come from its row (migration 0007, written with the
events they come from by `report_marks.py`); the events are read only for the people
waiting at once. Integer epoch milliseconds throughout: sums of integer waits are exact,
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
TicketRow = tuple[str, str, str, int, int | None, int | None, int | None, int]
"""issued_service_id, visit_kind, state (final), issued_ms, started_ms, finished_ms,
first_called_ms (None: never called), transferred (0/1; the row's marks, report_marks.py)"""
EventRow = tuple[int, int, str | None, str]
"""at_ms, id, from_state, to_state"""
E_AT, E_ID, E_FROM, E_TO = 0, 1, 2, 3
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


def waiting_by_hour(events: Iterable[EventRow], hours: DayHours) -> dict[int, tuple[int, int]]:
    """Per local hour: the most people waiting after any event in it, and the net change.

    In time order: +1 when a ticket enters `waiting` (issue, transfer, re-queue, a plan's
    next step), -1 when it leaves it (call, cancel). The input of `reporting.peak_waiting`,
    which carries the level into quiet hours. Other events are passed over.
    """
    moves = [e for e in events if e[E_TO] == "waiting" or e[E_FROM] == "waiting"]
    moves.sort(key=_TIME_ORDER)  # the daily read gives them in this order: one cheap pass
    out: dict[int, tuple[int, int]] = {}
    level = 0
    h, top, net, hour_end = -1, 0, 0, 0  # the hour being counted, until `hour_end`
    for at, _id, frm, to in moves:
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
    totals: Agg = field(default_factory=Agg)  # the whole day
    waits_ms: list[int] = field(default_factory=list)
    service_ms: list[int] = field(default_factory=list)
    waiting: dict[int, tuple[int, int]] = field(default_factory=dict)


# A ticket's eight 0/1 counts packed into one integer, `_BITS` bits each (as the range
# report's SQL packs its counts): a group's counts are then one `sum` of its tickets'
# integers. Each count is at most the group's tickets, checked below 2**_BITS.
_BITS = 20
_MASK = (1 << _BITS) - 1
_COUNTS = (
    "served",
    "no_show",
    "cancelled",
    "transferred",
    "early",
    "last30",
    "after_close",
    "over_n",
)
(_SERVED, _NO_SHOW, _CANCELLED, _TRANSFERRED, _EARLY, _LAST30, _AFTER_CLOSE, _OVER) = (
    1 << (_BITS * i) for i in range(len(_COUNTS))
)
_STATE_BITS = {"done": _SERVED, "no_show": _NO_SHOW, "cancelled": _CANCELLED}

# One ticket's figures, `_agg`'s columns: its packed counts, wait (None: never called),
# service time (None: not done), finished_ms (None: not finished)
_Ticket = tuple[int, int | None, int | None, int | None]


def day_figures(
    tickets: Sequence[TicketRow],
    events: Iterable[EventRow],
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
    if len(tickets) > _MASK:
        raise ValueError(f"a report day of {len(tickets)} tickets is too large to count")
    open_ms = hours.ranges[0][0] * MS_MINUTE
    close_ms = hours.ranges[-1][1] * MS_MINUTE
    breaks = hours.breaks_ms
    offset = hours.offset_ms
    state_bits = _STATE_BITS
    every: list[_Ticket] = []
    by_hour: dict[int, list[_Ticket]] = {}
    by_service: dict[str, list[_Ticket]] = {}
    by_kind: dict[str, list[_Ticket]] = {}
    waits: list[int] = []
    services: list[int] = []
    for service, kind, state, issued, started, finished, call, transferred in tickets:
        mid = issued - (issued + offset) % MS_DAY  # hours.midnight, inline: once per ticket
        opens = mid + open_ms
        close = mid + close_ms
        bits = state_bits.get(state, 0)
        if transferred:
            bits += _TRANSFERRED
        if issued < opens:
            bits += _EARLY
        if close - last_ms <= issued < close:
            bits += _LAST30
        wait = None
        if call is not None:
            # issue to first call, minus the closed time it overlaps before the last
            # closing: before the opening does not count (an 08:20 ticket waits from
            # 08:30), nor a break between two ranges; after the last closing does
            wait = call - issued
            early = (call if call < opens else opens) - issued
            if early > 0:
                wait -= early
            for gap_start, gap_end in breaks:
                gap = min(call, mid + gap_end) - max(issued, mid + gap_start)
                if gap > 0:
                    wait -= gap
            waits.append(wait)
            if call > close:
                bits += _AFTER_CLOSE
            if wait > target_ms:
                bits += _OVER
        svc = None
        if state == "done" and started is not None and finished is not None:
            svc = finished - started
            services.append(svc)
        row: _Ticket = (bits, wait, svc, finished)
        every.append(row)
        hour = (issued + offset) // MS_HOUR % 24
        group = by_hour.get(hour)
        if group is None:
            by_hour[hour] = [row]
        else:
            group.append(row)
        group = by_service.get(service)
        if group is None:
            by_service[service] = [row]
        else:
            group.append(row)
        group = by_kind.get(kind)
        if group is None:
            by_kind[kind] = [row]
        else:
            group.append(row)
    return DayFigures(
        by_hour={k: _agg(v) for k, v in by_hour.items()},
        by_service={k: _agg(v) for k, v in by_service.items()},
        by_kind={k: _agg(v) for k, v in by_kind.items()},
        totals=_agg(every),
        waits_ms=waits,
        service_ms=services,
        waiting=waiting_by_hour(events, hours),
    )


def _agg(rows: list[_Ticket]) -> Agg:
    """A group's tickets summed column by column, as `Agg.add` adds SQL group rows: a
    missing wait, service time or finish is neither counted, summed nor compared."""
    if not rows:
        return Agg()
    bits, waits, svcs, finished = zip(*rows, strict=True)
    packed = sum(bits)
    w = [x for x in waits if x is not None]
    s = [x for x in svcs if x is not None]
    f = [x for x in finished if x is not None]
    return Agg(
        issued=len(rows),
        served=packed & _MASK,
        no_show=(packed >> _BITS) & _MASK,
        cancelled=(packed >> (2 * _BITS)) & _MASK,
        transferred=(packed >> (3 * _BITS)) & _MASK,
        early=(packed >> (4 * _BITS)) & _MASK,
        last30=(packed >> (5 * _BITS)) & _MASK,
        after_close=(packed >> (6 * _BITS)) & _MASK,
        waits_n=len(w),
        waits_sum=float(sum(w)),
        waits_max=float(max(w)) if w else None,
        over_n=(packed >> (7 * _BITS)) & _MASK,
        svc_n=len(s),
        svc_sum=float(sum(s)),
        finish_max=int(max(f)) if f else None,
    )
