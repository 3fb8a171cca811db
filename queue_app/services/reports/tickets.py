"""The daily report's tickets, one row each, grouped in Python.

A day is a few hundred tickets: reading them once (the one SQL aggregation's `v`, before its
GROUP BY) and grouping them here costs less than running the aggregation's SQL again for each
grouping and for the median. `group_tickets` gives exactly the rows `ReportBase.AGG_SELECT`
would (the same sums, counts and maxima per hour x service x visit kind), so every figure
after it (`roll_up`, `Agg`) is unchanged. The range report still groups in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TICKET_COLUMNS = (
    "hour service_id visit_kind state transferred issued_ms open_ms close_ms first_call "
    "wait_ms svc_ms finished_ms"
).split()
PER_TICKET = "SELECT " + ", ".join(TICKET_COLUMNS) + " FROM v"
HOUR, SERVICE, KIND, STATE, TRANSFERRED, ISSUED, OPEN, CLOSE, CALL, WAIT, SVC, FINISHED = range(
    len(TICKET_COLUMNS)
)


def _empty(hour: Any, service_id: Any, kind: Any) -> dict[str, Any]:
    return {
        "hour": hour,
        "service_id": service_id,
        "visit_kind": kind,
        "issued": 0,
        "served": 0,
        "no_show": 0,
        "cancelled": 0,
        "transferred": 0,
        "early": 0,
        "last30": 0,
        "after_close": 0,
        "waits_n": 0,
        "waits_sum": None,
        "waits_max": None,
        "over_n": 0,
        "svc_n": 0,
        "svc_sum": None,
        "finish_max": None,
    }


def group_tickets(
    tickets: Iterable[tuple[Any, ...]], target_ms: int, last_ms: int
) -> list[dict[str, Any]]:
    """`AGG_SELECT` grouped by hour, service and visit kind, over per-ticket rows (SQL's
    NULL rules: a missing wait or service time is not counted, summed nor compared)."""
    groups: dict[tuple[Any, Any, Any], dict[str, Any]] = {}
    for t in tickets:
        key = (t[HOUR], t[SERVICE], t[KIND])
        g = groups.get(key)
        if g is None:
            g = groups[key] = _empty(*key)
        g["issued"] += 1
        state = t[STATE]
        if state == "done":
            g["served"] += 1
        elif state == "no_show":
            g["no_show"] += 1
        elif state == "cancelled":
            g["cancelled"] += 1
        g["transferred"] += t[TRANSFERRED]
        issued, close = t[ISSUED], t[CLOSE]
        if issued < t[OPEN]:
            g["early"] += 1
        if close - last_ms <= issued < close:
            g["last30"] += 1
        if t[CALL] is not None and t[CALL] > close:
            g["after_close"] += 1
        wait = t[WAIT]
        if wait is not None:
            g["waits_n"] += 1
            g["waits_sum"] = wait if g["waits_sum"] is None else g["waits_sum"] + wait
            if g["waits_max"] is None or wait > g["waits_max"]:
                g["waits_max"] = wait
            if wait > target_ms:
                g["over_n"] += 1
        svc = t[SVC]
        if svc is not None:
            g["svc_n"] += 1
            g["svc_sum"] = svc if g["svc_sum"] is None else g["svc_sum"] + svc
        finished = t[FINISHED]
        if finished is not None and (g["finish_max"] is None or finished > g["finish_max"]):
            g["finish_max"] = finished
    return [groups[k] for k in sorted(groups, key=_order)]


def _order(key: tuple[Any, Any, Any]) -> tuple[Any, ...]:
    """SQL's ORDER BY hour, service_id, visit_kind (a NULL first, as SQLite sorts it)."""
    return tuple((v is not None, v if v is not None else 0) for v in key)
