"""Shared ground of the reports: opening-hour patterns, the one SQL aggregation over
`ticket` (its rows carry their first call and transfer: 0007), labels."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, bindparam, column, text
from sqlmodel import Session

from queue_app.domain.calendar import DayStatus
from queue_app.domain.errors import InputError
from queue_app.services.reports.models import Label

if TYPE_CHECKING:
    from queue_app.services.context import ServiceContext


MS_DAY = 86_400_000
MS_HOUR = 3_600_000
MAX_RANGE_DAYS = 3660
LAST_MINUTES = 30  # "tickets issued in the last 30 minutes before reception ended"


# -- opening-hour patterns ---------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    """Days sharing the same UTC offset and opening ranges (minutes after local midnight)."""

    offset_ms: int
    ranges: tuple[tuple[int, int], ...]
    days: tuple[date, ...] = field(default=(), compare=False)

    @property
    def open_min(self) -> int:
        return self.ranges[0][0]

    @property
    def close_min(self) -> int:
        return self.ranges[-1][1]


def _minute(t: time) -> int:
    return t.hour * 60 + t.minute


def _offset_ms(zone: ZoneInfo, day: date, at: time) -> int:
    off = datetime.combine(day, at, tzinfo=zone).utcoffset()
    assert off is not None
    return int(off.total_seconds() * 1000)


def _pos(x: str) -> str:
    return f"(CASE WHEN ({x}) > 0 THEN ({x}) ELSE 0 END)"


def _least(a: str, b: str) -> str:
    return f"(CASE WHEN ({a}) < ({b}) THEN ({a}) ELSE ({b}) END)"


def _greatest(a: str, b: str) -> str:
    return f"(CASE WHEN ({a}) > ({b}) THEN ({a}) ELSE ({b}) END)"


def _wait_expr(p: Pattern) -> str:
    """Issue-to-first-call in ms, minus the closed time it overlaps before the last closing:
    before the opening (an 08:20 ticket waits from 08:30) and any break between ranges."""
    call, issued = "first_call", "issued_ms"
    parts = [f"({call} - {issued})"]
    parts.append(_pos(f"{_least(call, f'mid + {p.open_min * 60_000}')} - {issued}"))
    for (_s1, e1), (s2, _e2) in zip(p.ranges, p.ranges[1:], strict=False):
        parts.append(
            _pos(
                f"{_least(call, f'mid + {s2 * 60_000}')} - {_greatest(issued, f'mid + {e1 * 60_000}')}"
            )
        )
    return " - ".join(parts)


def _case(patterns: Sequence[Pattern], values: Sequence[str]) -> str:
    if len(values) == 1:
        return values[0]
    whens = " ".join(f"WHEN {i} THEN {v}" for i, v in enumerate(values[:-1]))
    return f"(CASE pat {whens} ELSE {values[-1]} END)"


def _bands(status: DayStatus) -> list[tuple[int, str]]:
    """Hour bands of an open day, clipped to its opening ranges: (8, "08:30-09:00"), ..."""
    out: list[tuple[int, str]] = []
    for r in status.hours:
        s, e = _minute(r.start), _minute(r.end)
        h = s // 60
        while h * 60 < e:
            a, b = max(s, h * 60), min(e, h * 60 + 60)
            out.append((h, f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"))
            h += 1
    return out


class ReportBase:
    def __init__(self, services: ServiceContext) -> None:
        self.services = services
        self.config = services.config
        self.calendar = services.calendar
        self.uow = services.uow

    # -- helpers -----------------------------------------------------------------------------
    def _office(self, office_id: str) -> Label:
        office = self.config.office(office_id)
        return Label(office.name_ja, office.name_en)

    def _patterns(self, office_id: str, statuses: Sequence[DayStatus]) -> list[Pattern]:
        zone = self.calendar.zone(office_id)
        groups: dict[tuple[int, tuple[tuple[int, int], ...]], list[date]] = {}
        for s in statuses:
            if not s.open or not s.hours:
                continue
            key = (
                _offset_ms(zone, s.day, s.hours[0].start),
                tuple((_minute(r.start), _minute(r.end)) for r in s.hours),
            )
            groups.setdefault(key, []).append(s.day)
        if not groups:  # nothing open: still need one pattern for override tickets
            first = statuses[0].day if statuses else date(2000, 1, 1)
            groups[(_offset_ms(zone, first, time(12)), ((0, 0),))] = []
        ordered = sorted(groups.items(), key=lambda kv: len(kv[1]))  # biggest last = ELSE
        return [Pattern(k[0], k[1], tuple(v)) for k, v in ordered]

    def _base_sql(
        self, patterns: Sequence[Pattern], keys: str, select: str
    ) -> tuple[str, dict[str, Any], list[Any]]:
        params: dict[str, Any] = {}
        binds: list[Any] = [
            bindparam("start", type_=Date),
            bindparam("end", type_=Date),
        ]
        if len(patterns) > 1:
            whens = []
            for i, p in enumerate(patterns[:-1]):
                name = f"p{i}"
                params[name] = list(p.days)
                binds.append(bindparam(name, expanding=True, type_=Date))
                whens.append(f"WHEN tk.service_day IN :{name} THEN {i}")
            pat = f"CASE {' '.join(whens)} ELSE {len(patterns) - 1} END"
        else:
            pat = "0"
        off = _case(patterns, [str(p.offset_ms) for p in patterns])
        open_ms = _case(patterns, [f"mid + {p.open_min * 60_000}" for p in patterns])
        close_ms = _case(patterns, [f"mid + {p.close_min * 60_000}" for p in patterns])
        wait = _case(patterns, [_wait_expr(p) for p in patterns])
        # t: the ticket rows alone: their first call and transfer are on the row
        # (`first_called_ms`, `transferred`: 0007, domain/report_marks.py), written with the
        # events they come from; joining a year of tickets to their first call event cost
        # more than half of the report
        sql = f"""
WITH t AS (
  SELECT tk.service_day AS service_day, tk.issued_service_id AS service_id,
         tk.visit_kind AS visit_kind, tk.state AS state, tk.issued_ms AS issued_ms,
         tk.finished_ms AS finished_ms,
         CASE WHEN tk.state = 'done' THEN tk.finished_ms - tk.started_ms END AS svc_ms,
         tk.first_called_ms AS first_call, tk.transferred AS transferred,
         {pat} AS pat
  FROM ticket tk
  WHERE tk.office_id = :office AND tk.service_day >= :start AND tk.service_day <= :end
),
u AS (
  SELECT t.*, {off} AS off,
         t.issued_ms - ((t.issued_ms + {off}) % {MS_DAY}) AS mid
  FROM t
),
v AS (
  SELECT u.*, ((issued_ms + off) / {MS_HOUR}) % 24 AS hour,
         {open_ms} AS open_ms, {close_ms} AS close_ms, {wait} AS wait_ms
  FROM u
)
{select}
"""
        if keys:
            sql += f" GROUP BY {keys} ORDER BY {keys}"
        return sql, params, binds

    # The per-ticket counts are packed three to a SUM (20 bits each, `_PACKED`): SQLite's
    # cost is per aggregate call and row, and ten SUMs of 0/1 became three (a one-year range
    # at 1M tickets: docs/benchmarks.md). `_unpack` gives the rows their named counts back.
    # Each count is at most its group's `issued`, which `_unpack` checks is below 2**20 (a
    # group is one office's hour of one day, or finer).
    AGG_SELECT = """
  COUNT(*) AS issued,
  SUM(CASE state WHEN 'done' THEN 1 WHEN 'no_show' THEN {p1} WHEN 'cancelled' THEN {p2}
      ELSE 0 END) AS pack_states,
  SUM(transferred + CASE WHEN issued_ms < open_ms THEN {p1} ELSE 0 END
      + CASE WHEN issued_ms >= close_ms - {last_ms} AND issued_ms < close_ms THEN {p2} ELSE 0 END)
    AS pack_flags,
  SUM(CASE WHEN first_call > close_ms THEN 1 ELSE 0 END
      + CASE WHEN first_call IS NOT NULL THEN {p1} ELSE 0 END
      + CASE WHEN wait_ms > {target_ms} THEN {p2} ELSE 0 END) AS pack_waits,
  SUM(wait_ms) AS waits_sum, MAX(wait_ms) AS waits_max,
  COUNT(svc_ms) AS svc_n, SUM(svc_ms) AS svc_sum, MAX(finished_ms) AS finish_max
FROM v"""
    # packed column -> its three counts, lowest bits first (`wait_ms` is NULL exactly when
    # `first_call` is: every other term of it is a ticket's issue time or a constant)
    _PACKED = (
        ("pack_states", ("served", "no_show", "cancelled")),
        ("pack_flags", ("transferred", "early", "last30")),
        ("pack_waits", ("after_close", "waits_n", "over_n")),
    )
    _PACK_BITS = 20

    def _aggregate(
        self,
        office_id: str,
        start: date,
        end: date,
        patterns: Sequence[Pattern],
        keys: Sequence[str],
        session: Session | None = None,
    ) -> list[dict[str, Any]]:
        target_ms = self.config.settings.target_wait_minutes * 60_000
        agg = self.AGG_SELECT.format(
            last_ms=LAST_MINUTES * 60_000,
            target_ms=target_ms,
            p1=1 << self._PACK_BITS,
            p2=1 << (2 * self._PACK_BITS),
        )
        key_sql = ", ".join(keys)
        select = f"SELECT {key_sql + ', ' if keys else ''}{agg}"
        sql, params, binds = self._base_sql(patterns, key_sql, select)
        stmt = self._statement(sql, binds, dated="service_day" in keys)
        values = {"office": office_id, "start": start, "end": end, **params}
        with self._session(session) as sess:
            result = sess.execute(stmt, values)
            names = tuple(result.keys())  # once, not per row (a year is ~2,400 rows)
            return [self._unpack(dict(zip(names, r, strict=True))) for r in result]

    @classmethod
    def _unpack(cls, row: dict[str, Any]) -> dict[str, Any]:
        """A group row with its packed counts as named columns (PostgreSQL's SUM of bigint
        is a numeric: int() first)."""
        if row["issued"] >> cls._PACK_BITS:
            raise ValueError(f"a report group of {row['issued']} tickets is too large to pack")
        mask = (1 << cls._PACK_BITS) - 1
        for packed, names in cls._PACKED:
            value = int(row.pop(packed) or 0)
            for name in names:
                row[name] = value & mask
                value >>= cls._PACK_BITS
        return row

    _statements: dict[tuple[str, bool], Any] = {}  # noqa: RUF012 (a cache, shared on purpose)

    @classmethod
    def _statement(cls, sql: str, binds: Sequence[Any], dated: bool = False) -> Any:
        """`text(sql)` with its bind types, built once per SQL text: the text's parsing and
        the statement's cache key cost more than a day's queries (the SQL depends only on
        the opening-hour patterns, the day lists are parameters)."""
        key = (sql, dated)
        stmt = cls._statements.get(key)
        if stmt is None:
            stmt = text(sql).bindparams(*binds)
            if dated:
                stmt = stmt.columns(column("service_day", Date))
            if len(cls._statements) > 256:
                cls._statements.clear()
            cls._statements[key] = stmt
        return stmt

    @contextmanager
    def _session(self, session: Session | None) -> Iterator[Session]:
        """The caller's session (one snapshot for several reads), or a new read session."""
        if session is not None:
            yield session
            return
        with self.uow.read() as fresh:
            yield fresh

    def _service_label(self, service_id: str) -> Label:
        svc = self.config.services.get(service_id)
        return Label(svc.name_ja, svc.name_en) if svc else Label(service_id, service_id)

    def _service_rank(self, office_id: str, service_id: str) -> tuple[int, str]:
        services = self.config.office(office_id).services
        return (services.index(service_id) if service_id in services else len(services), service_id)

    @staticmethod
    def _kind_label(kind: str) -> Label:
        from queue_app.i18n import t

        if not kind:
            return Label(t("rpt.kind_none", "ja"), t("rpt.kind_none", "en"))
        key = f"visit.{kind}"
        return Label(t(key, "ja"), t(key, "en"))

    # -- range -------------------------------------------------------------------------------
    def _check_range(self, start: date, end: date) -> None:
        if end < start:
            raise InputError("err.range_order", start=start, end=end)
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            raise InputError(
                "err.range_too_long", days=(end - start).days + 1, limit=MAX_RANGE_DAYS
            )

    def _today(self, office_id: str) -> date:
        """The office's service day by the services' clock: a later day has not come yet
        (not an open day with no tickets: no report counts it as one)."""
        return self.calendar.service_day(office_id, self.services.clock.now())

    def _future_from(self, office_id: str, start: date, end: date) -> tuple[date, date] | None:
        """(today, the range's first day still to come) when `start..end` reaches past today
        by the services' clock, else None."""
        today = self._today(office_id)
        if end <= today:
            return None
        return today, max(start, today + timedelta(days=1))

    def _last_ticket_day(self, office_id: str, start: date, end: date) -> date | None:
        """The last service day from `start` to `end` with a ticket at the office."""
        from sqlalchemy import func, select

        from db.models import Ticket

        with self.uow.read() as session:
            return session.execute(
                select(func.max(Ticket.service_day)).where(
                    Ticket.office_id == office_id,  # type: ignore[arg-type]
                    Ticket.service_day >= start,  # type: ignore[arg-type]
                    Ticket.service_day <= end,  # type: ignore[arg-type]
                )
            ).scalar_one_or_none()

    def _future(self, office_id: str, day: date) -> tuple[date, date | None] | None:
        """For a day that has not come yet (by the services' clock): today and the last day
        with tickets at the office (None: none yet); None for today or a past day."""
        today = self._today(office_id)
        if day <= today:
            return None
        from sqlalchemy import func, select

        from db.models import Ticket

        with self.uow.read() as session:
            last = session.execute(
                select(func.max(Ticket.service_day)).where(
                    Ticket.office_id == office_id, Ticket.service_day <= today
                )
            ).scalar_one_or_none()
        return today, last
