"""Daily wait-time reports, range reports and the congestion forecast (混雑予想カレンダー).

Every figure comes from one SQL aggregation over `ticket` and `ticket_event` that runs
unchanged on SQLite and PostgreSQL (integer epoch arithmetic only, positive operands so
integer division truncates the same way on both). Python only rolls up the small grouped
result (one row per hour x service x visit kind for a day; one row per day x hour for a
range). Opening hours come from the calendar *of that day* (effective-dated hours, extra
openings), passed into the SQL as per-day patterns. Definitions: docs/reports.md.
"""

from __future__ import annotations

import calendar as pycal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, bindparam, text
from sqlmodel import Session

from queue_app.domain.calendar import DayStatus, Reason
from queue_app.domain.errors import InputError
from queue_app.domain.reporting import (
    Agg,
    Figures,
    ForecastFactors,
    ForecastModelInput,
    fit_forecast,
    forecast_day,
    infer_notice_days,
    median,
    minutes,
    notice_window,
    peak_waiting,
    percentile,
    roll_up,
)

if TYPE_CHECKING:
    from queue_app.services import Services

MS_DAY = 86_400_000
MS_HOUR = 3_600_000
MAX_RANGE_DAYS = 3660
LAST_MINUTES = 30  # "tickets issued in the last 30 minutes before reception ended"


# -- read models ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Label:
    ja: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True)
class HourRow:
    """One hour of the day. On a day still in progress an hour after the clock's current
    hour has not happened yet: its arrivals and peak are None (shown as "-"), not 0."""

    hour: int
    arrivals: int | None
    wait_mean: float | None
    peak_waiting: int | None

    @property
    def future(self) -> bool:
        return self.arrivals is None

    def to_json(self) -> dict[str, object]:
        return {
            "hour": self.hour,
            "arrivals": self.arrivals,
            "wait_mean_min": None if self.wait_mean is None else round(self.wait_mean, 1),
            "peak_waiting": self.peak_waiting,
            "future": self.future,
        }


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: Label
    figures: Figures

    def to_json(self, lang: str) -> dict[str, object]:
        return {"key": self.key, "label": self.label.text(lang), **self.figures.to_json()}


@dataclass(frozen=True)
class DailyReport:
    office_id: str
    office: Label
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    hours: tuple[tuple[str, str], ...]
    target_minutes: int
    totals: Figures
    wait_median: float | None
    wait_p90: float | None
    service_median: float | None
    by_hour: tuple[HourRow, ...]
    by_service: tuple[GroupRow, ...]
    by_visit_kind: tuple[GroupRow, ...]
    last30_window: tuple[str, str] | None
    last_finish: str | None  # local HH:MM of the last finished visit
    overtime_minutes: float  # last finish after the end of reception, 0 if none
    # Local HH:MM of the clock when the day is still in progress (途中経過), else None.
    as_of: str | None = None

    @property
    def provisional(self) -> bool:
        return self.as_of is not None

    @property
    def opens(self) -> str | None:
        return self.hours[0][0] if self.hours else None

    @property
    def closes(self) -> str | None:
        return self.hours[-1][1] if self.hours else None

    def closed_text(self, lang: str) -> str:
        sep = ", " if lang == "en" else "、"
        return sep.join(r.text(lang) for r in self.closed_reasons)

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "daily",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None if self.open else self.closed_text(lang),
            "hours": [list(h) for h in self.hours],
            "target_wait_min": self.target_minutes,
            "totals": self.totals.to_json(),
            "wait_median_min": _r(self.wait_median),
            "wait_p90_min": _r(self.wait_p90),
            "service_median_min": _r(self.service_median),
            "by_hour": [h.to_json() for h in self.by_hour],
            "by_service": [g.to_json(lang) for g in self.by_service],
            "by_visit_kind": [g.to_json(lang) for g in self.by_visit_kind],
            "last_30_min_window": list(self.last30_window) if self.last30_window else None,
            "last_finish": self.last_finish,
            "overtime_min": round(self.overtime_minutes, 1),
            "provisional": self.provisional,
            "as_of": self.as_of,
        }


@dataclass(frozen=True)
class RangeDay:
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    figures: Figures
    overtime_minutes: float

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None
            if self.open
            else ", ".join(r.text(lang) for r in self.closed_reasons),
            **self.figures.to_json(),
            "overtime_min": round(self.overtime_minutes, 1),
        }


@dataclass(frozen=True)
class RangeReport:
    office_id: str
    office: Label
    start: date
    end: date
    target_minutes: int
    days: tuple[RangeDay, ...]
    totals: Figures
    open_days: int
    # [weekday 0=Mon][hour 0..23]: mean arrivals per open day of that weekday / mean wait
    heat_arrivals: tuple[tuple[float | None, ...], ...]
    heat_wait: tuple[tuple[float | None, ...], ...]
    hours: tuple[int, ...]  # the hours that have any arrivals or opening (for display)

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "range",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "target_wait_min": self.target_minutes,
            "open_days": self.open_days,
            "totals": self.totals.to_json(),
            "days": [d.to_json(lang) for d in self.days],
            "hours": list(self.hours),
            "heat_arrivals": [[_r(v, 2) for v in row] for row in self.heat_arrivals],
            "heat_wait_min": [[_r(v) for v in row] for row in self.heat_wait],
        }


@dataclass(frozen=True)
class ForecastBand:
    hour: int
    label: str  # "08:30-09:00"
    wait: float
    level: str  # quiet | moderate | crowded

    def to_json(self) -> dict[str, object]:
        return {
            "hour": self.hour,
            "label": self.label,
            "wait_min": round(self.wait, 1),
            "level": self.level,
        }


@dataclass(frozen=True)
class ForecastDay:
    day: date
    open: bool
    closed_reasons: tuple[Label, ...]
    level: str | None
    wait: float | None
    factor: float | None
    reasons: tuple[str, ...]  # monday | after_closed | notice
    bands: tuple[ForecastBand, ...] = ()

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": self.day.weekday(),
            "open": self.open,
            "closed_reason": None
            if self.open
            else ", ".join(r.text(lang) for r in self.closed_reasons),
            "level": self.level,
            "wait_min": _r(self.wait),
            "factor": _r(self.factor, 2),
            "reasons": list(self.reasons),
            "bands": [b.to_json() for b in self.bands],
        }


@dataclass(frozen=True)
class Forecast:
    office_id: str
    office: Label
    year: int
    month: int
    history_start: date
    history_end: date
    notice_dates: tuple[date, ...]
    notice_inferred: bool
    thresholds: tuple[int, int]  # moderate, crowded minutes
    factors: ForecastFactors
    days: tuple[ForecastDay, ...]
    # where the notice dates came from: "given" (--notice), "config" ([reports]
    # notice_dates), "inferred" (past spikes) or "none"
    notice_source: str = "none"

    def to_json(self, lang: str = "ja") -> dict[str, object]:
        return {
            "kind": "forecast",
            "office": self.office_id,
            "office_name": self.office.text(lang),
            "month": f"{self.year:04d}-{self.month:02d}",
            "history": [self.history_start.isoformat(), self.history_end.isoformat()],
            "notice_dates": [d.isoformat() for d in self.notice_dates],
            "notice_inferred": self.notice_inferred,
            "notice_source": self.notice_source,
            "thresholds_min": {"moderate": self.thresholds[0], "crowded": self.thresholds[1]},
            "factors": self.factors.to_json(),
            "days": [d.to_json(lang) for d in self.days],
        }


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


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


class ReportService:
    def __init__(self, services: Services) -> None:
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
        sql = f"""
WITH ev AS (
  SELECT ticket_id,
         MIN(CASE WHEN to_state = 'called' THEN at_ms END) AS first_call,
         MAX(CASE WHEN detail LIKE 'transfer:%' THEN 1 ELSE 0 END) AS transferred
  FROM ticket_event
  WHERE office_id = :office AND service_day >= :start AND service_day <= :end
  GROUP BY ticket_id
),
t AS (
  SELECT tk.service_day AS service_day, tk.issued_service_id AS service_id,
         tk.visit_kind AS visit_kind, tk.state AS state, tk.issued_ms AS issued_ms,
         tk.finished_ms AS finished_ms,
         CASE WHEN tk.state = 'done' THEN tk.finished_ms - tk.started_ms END AS svc_ms,
         ev.first_call AS first_call, COALESCE(ev.transferred, 0) AS transferred,
         {pat} AS pat
  FROM ticket tk LEFT JOIN ev ON ev.ticket_id = tk.id
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

    AGG_SELECT = """
  COUNT(*) AS issued,
  SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS served,
  SUM(CASE WHEN state = 'no_show' THEN 1 ELSE 0 END) AS no_show,
  SUM(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END) AS cancelled,
  SUM(transferred) AS transferred,
  SUM(CASE WHEN issued_ms < open_ms THEN 1 ELSE 0 END) AS early,
  SUM(CASE WHEN issued_ms >= close_ms - {last_ms} AND issued_ms < close_ms THEN 1 ELSE 0 END)
    AS last30,
  COUNT(wait_ms) AS waits_n, SUM(wait_ms) AS waits_sum, MAX(wait_ms) AS waits_max,
  SUM(CASE WHEN wait_ms > {target_ms} THEN 1 ELSE 0 END) AS over_n,
  COUNT(svc_ms) AS svc_n, SUM(svc_ms) AS svc_sum, MAX(finished_ms) AS finish_max
FROM v"""

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
        agg = self.AGG_SELECT.format(last_ms=LAST_MINUTES * 60_000, target_ms=target_ms)
        key_sql = ", ".join(keys)
        select = f"SELECT {key_sql + ', ' if keys else ''}{agg}"
        sql, params, binds = self._base_sql(patterns, key_sql, select)
        stmt = text(sql).bindparams(*binds)
        if "service_day" in keys:
            from sqlalchemy import column

            stmt = stmt.columns(column("service_day", Date))  # type: ignore[assignment]
        values = {"office": office_id, "start": start, "end": end, **params}
        with self._session(session) as sess:
            return [dict(r._mapping) for r in sess.execute(stmt, values)]

    @contextmanager
    def _session(self, session: Session | None) -> Iterator[Session]:
        """The caller's session (one snapshot for several reads), or a new read session."""
        if session is not None:
            yield session
            return
        with self.uow.read() as fresh:
            yield fresh

    # -- daily -------------------------------------------------------------------------------
    def daily(self, office_id: str, day: date) -> DailyReport:
        office = self._office(office_id)
        status = self.calendar.day(office_id, day)
        target = self.config.settings.target_wait_minutes
        patterns = self._patterns(office_id, [status])
        pattern = patterns[-1]
        with self.uow.read() as session:  # one connection and one snapshot for the three reads
            rows = self._aggregate(
                office_id, day, day, patterns, ["hour", "service_id", "visit_kind"], session
            )
            waits, services_ms = self._values(office_id, day, patterns, session)
            per_hour_peak = self._peaks(office_id, day, pattern.offset_ms, session)

        hours_open: list[int] = []
        if status.open and status.hours:
            first_h = status.hours[0].start.hour
            last_h = (_minute(status.hours[-1].end) - 1) // 60
            hours_open = list(range(first_h, last_h + 1))
        by_hour_agg = roll_up(rows, "hour")
        totals_agg = Agg()
        for part in by_hour_agg.values():
            totals_agg.merge(part)
        hour_keys = sorted(set(hours_open) | {int(h) for h in by_hour_agg if h is not None})  # type: ignore[call-overload]
        if hour_keys:
            hour_keys = list(range(hour_keys[0], hour_keys[-1] + 1))
        peaks = peak_waiting(per_hour_peak, hour_keys)
        as_of, now_hour = self._progress(office_id, day, status, totals_agg)

        def hour_row(h: int) -> HourRow:
            if now_hour is not None and h > now_hour and h not in by_hour_agg:
                return HourRow(h, None, None, None)  # not yet happened
            return HourRow(
                h,
                by_hour_agg[h].issued if h in by_hour_agg else 0,
                by_hour_agg[h].figures().wait_mean if h in by_hour_agg else None,
                peaks.get(h, 0),
            )

        by_hour = tuple(hour_row(h) for h in hour_keys)
        by_service = tuple(
            GroupRow(str(k), self._service_label(str(k)), a.figures())
            for k, a in sorted(
                roll_up(rows, "service_id").items(),
                key=lambda kv: self._service_rank(office_id, str(kv[0])),
            )
        )
        by_kind = tuple(
            GroupRow(str(k or ""), self._kind_label(str(k or "")), a.figures())
            for k, a in sorted(roll_up(rows, "visit_kind").items(), key=lambda kv: str(kv[0] or ""))
        )
        closes_at = (
            self.calendar.at(office_id, day, status.closes)
            if status.open and status.closes
            else None
        )
        last_finish = None
        overtime = 0.0
        if totals_agg.finish_max is not None:
            fin = datetime.fromtimestamp(
                totals_agg.finish_max / 1000, tz=self.calendar.zone(office_id)
            )
            last_finish = fin.strftime("%H:%M")
            if closes_at is not None and fin > closes_at:
                overtime = (fin - closes_at).total_seconds() / 60
        last30 = None
        if status.open and status.closes:
            end_min = _minute(status.closes)
            s = end_min - LAST_MINUTES
            last30 = (f"{s // 60:02d}:{s % 60:02d}", status.closes.strftime("%H:%M"))
        wait_min = [w / 60_000 for w in waits]
        return DailyReport(
            office_id=office_id,
            office=office,
            day=day,
            open=status.open,
            closed_reasons=tuple(Label(r.ja, r.en) for r in status.reasons)
            if not status.open
            else (),
            hours=tuple((r.start.strftime("%H:%M"), r.end.strftime("%H:%M")) for r in status.hours),
            target_minutes=target,
            totals=totals_agg.figures(),
            wait_median=median(wait_min),
            wait_p90=percentile(wait_min, 90),
            service_median=median([s / 60_000 for s in services_ms]),
            by_hour=by_hour,
            by_service=by_service,
            by_visit_kind=by_kind,
            last30_window=last30,
            last_finish=last_finish,
            overtime_minutes=overtime,
            as_of=as_of,
        )

    def _progress(
        self, office_id: str, day: date, status: DayStatus, totals: Agg
    ) -> tuple[str | None, int | None]:
        """Is `day` still in progress by the services' clock? (as-of HH:MM, current hour).

        A future day: every hour is still to come (current hour -1). Today: in progress
        until reception has ended and no ticket is left waiting, called or being served;
        hours after the clock's current hour have not happened yet either way.
        """
        now = self.services.clock.now()
        today = self.calendar.service_day(office_id, now)
        if day < today:
            return None, None
        local = self.calendar.local(office_id, now)
        if day > today:
            return local.strftime("%H:%M"), -1
        unfinished = totals.issued - totals.served - totals.no_show - totals.cancelled
        closes_at = (
            self.calendar.at(office_id, day, status.closes)
            if status.open and status.closes
            else None
        )
        in_progress = unfinished > 0 or (closes_at is not None and now < closes_at)
        return (local.strftime("%H:%M") if in_progress else None), local.hour

    def _values(
        self,
        office_id: str,
        day: date,
        patterns: Sequence[Pattern],
        session: Session | None = None,
    ) -> tuple[list[float], list[float]]:
        """The day's waiting and service times, one column each (for median and p90)."""
        sql, params, binds = self._base_sql(patterns, "", "SELECT wait_ms, svc_ms FROM v")
        with self._session(session) as sess:
            rows = sess.execute(
                text(sql).bindparams(*binds),
                {"office": office_id, "start": day, "end": day, **params},
            ).all()
        return (
            [float(r[0]) for r in rows if r[0] is not None],
            [float(r[1]) for r in rows if r[1] is not None],
        )

    def _peaks(
        self, office_id: str, day: date, offset_ms: int, session: Session | None = None
    ) -> dict[int, tuple[int, int]]:
        """Per local hour: the most people waiting after any event, and the net change."""
        sql = f"""
SELECT h, MAX(lvl) AS top, SUM(delta) AS net FROM (
  SELECT ((at_ms + {int(offset_ms)}) / {MS_HOUR}) % 24 AS h, delta,
         SUM(delta) OVER (ORDER BY at_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
           AS lvl
  FROM (
    SELECT id, at_ms,
           CASE WHEN to_state = 'waiting' AND (from_state IS NULL OR from_state <> 'waiting')
                  THEN 1
                WHEN from_state = 'waiting' AND to_state <> 'waiting' THEN -1
                ELSE 0 END AS delta
    FROM ticket_event WHERE office_id = :office AND service_day = :day
  ) e
) x GROUP BY h"""
        with self._session(session) as sess:
            rows = sess.execute(
                text(sql).bindparams(bindparam("day", type_=Date)),
                {"office": office_id, "day": day},
            ).all()
        return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}

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

    def range(self, office_id: str, start: date, end: date) -> RangeReport:
        office = self._office(office_id)
        self._check_range(start, end)
        statuses = list(self.calendar.days(office_id, start, end))
        patterns = self._patterns(office_id, statuses)
        rows = self._aggregate(office_id, start, end, patterns, ["service_day", "hour"])
        per_day = roll_up(rows, "service_day")
        days: list[RangeDay] = []
        total = Agg()
        zone = self.calendar.zone(office_id)
        for s in statuses:
            agg = per_day.get(s.day)
            overtime = 0.0
            if agg is not None and agg.finish_max is not None and s.open and s.closes:
                close_ms = int(datetime.combine(s.day, s.closes, tzinfo=zone).timestamp() * 1000)
                overtime = max(0.0, (agg.finish_max - close_ms) / 60_000)
            days.append(
                RangeDay(
                    s.day,
                    s.open,
                    tuple(Label(r.ja, r.en) for r in s.reasons) if not s.open else (),
                    agg.figures() if agg else Figures(),
                    overtime,
                )
            )
        for row in rows:
            total.add(row)
        open_count = [0] * 7
        for s in statuses:
            if s.open:
                open_count[s.day.weekday()] += 1
        arrivals = [[0] * 24 for _ in range(7)]
        wsum = [[0.0] * 24 for _ in range(7)]
        wn = [[0] * 24 for _ in range(7)]
        hours: set[int] = set()
        for row in rows:
            wd, h = row["service_day"].weekday(), int(row["hour"])
            arrivals[wd][h] += int(row["issued"])
            wsum[wd][h] += float(row["waits_sum"] or 0)
            wn[wd][h] += int(row["waits_n"] or 0)
            hours.add(h)
        for p in patterns:
            if p.days:
                hours.update(range(p.open_min // 60, (p.close_min - 1) // 60 + 1))
        heat_a = tuple(
            tuple((arrivals[wd][h] / open_count[wd]) if open_count[wd] else None for h in range(24))
            for wd in range(7)
        )
        heat_w = tuple(
            tuple((wsum[wd][h] / wn[wd][h] / 60_000) if wn[wd][h] else None for h in range(24))
            for wd in range(7)
        )
        shown = tuple(range(min(hours), max(hours) + 1)) if hours else ()
        return RangeReport(
            office_id=office_id,
            office=office,
            start=start,
            end=end,
            target_minutes=self.config.settings.target_wait_minutes,
            days=tuple(days),
            totals=total.figures(),
            open_days=sum(open_count),
            heat_arrivals=heat_a,
            heat_wait=heat_w,
            hours=shown,
        )

    # -- forecast ----------------------------------------------------------------------------
    def forecast(
        self,
        office_id: str,
        year: int,
        month: int,
        notice_dates: Sequence[date] | None = None,
        weeks: int = 10,
        notice_days: int = 7,
    ) -> Forecast:
        """Expected congestion per day and hour band of a month, from the last `weeks` weeks.

        Notice delivery dates: `notice_dates` if given, else `[reports] notice_dates` of the
        configuration, else inferred from past arrival spikes."""
        office = self._office(office_id)
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise InputError("err.month_invalid", value=f"{year}-{month}")
        first = date(year, month, 1)
        last = date(year, month, pycal.monthrange(year, month)[1])
        today = self.calendar.service_day(office_id, self.services.clock.now())
        hist_end = min(first, today) - timedelta(days=1)
        hist_start = hist_end - timedelta(days=weeks * 7 - 1)
        statuses = list(self.calendar.days(office_id, hist_start, hist_end))
        patterns = self._patterns(office_id, statuses)
        rows = self._aggregate(office_id, hist_start, hist_end, patterns, ["service_day", "hour"])
        cells: dict[tuple[date, int], tuple[int, float, int]] = {}
        arrivals: dict[date, int] = {s.day: 0 for s in statuses if s.open}
        for r in rows:
            d, h = r["service_day"], int(r["hour"])
            cells[(d, h)] = (int(r["issued"]), float(r["waits_sum"] or 0), int(r["waits_n"] or 0))
            arrivals[d] = arrivals.get(d, 0) + int(r["issued"])
        inferred = False
        configured = self.config.settings.reports.notice_dates
        source = "none"
        if notice_dates:
            notices = sorted(set(notice_dates))
            source = "given"
        elif configured:
            notices = sorted(set(configured))
            source = "config"
        else:
            doms = infer_notice_days(arrivals)
            notices = []
            if doms:
                inferred = True
                source = "inferred"
                m = date(hist_start.year, hist_start.month, 1)
                while m <= last:
                    mdays = pycal.monthrange(m.year, m.month)[1]
                    notices.extend(date(m.year, m.month, min(dom, mdays)) for dom in doms)
                    m = (m + timedelta(days=32)).replace(day=1)
        windows = notice_window(notices, notice_days)

        def after_closed(d: date) -> bool:
            return not self.calendar.day(office_id, d - timedelta(days=1)).open

        open_hist = [s.day for s in statuses if s.open]
        factors = fit_forecast(
            ForecastModelInput(
                cells=cells,
                open_days=open_hist,
                after_closed=frozenset(d for d in open_hist if after_closed(d)),
                notice_windows=windows,
            )
        )
        thresholds = self.config.settings.congestion
        days: list[ForecastDay] = []
        for s in self.calendar.days(office_id, first, last):
            if not s.open:
                days.append(
                    ForecastDay(
                        s.day,
                        False,
                        tuple(Label(r.ja, r.en) for r in s.reasons),
                        None,
                        None,
                        None,
                        (),
                    )
                )
                continue
            hours = _bands(s)
            fc = forecast_day(
                factors,
                s.day,
                [h for h, _ in hours],
                after_closed(s.day),
                s.day in windows,
                thresholds,
            )
            bands = tuple(
                ForecastBand(h, label, fc.hours[h][0], fc.hours[h][1].value) for h, label in hours
            )
            days.append(
                ForecastDay(s.day, True, (), fc.level.value, fc.wait, fc.factor, fc.reasons, bands)
            )
        return Forecast(
            office_id=office_id,
            office=office,
            year=year,
            month=month,
            history_start=hist_start,
            history_end=hist_end,
            notice_dates=tuple(n for n in notices if hist_start <= n <= last),
            notice_inferred=inferred,
            thresholds=(thresholds.moderate_minutes, thresholds.crowded_minutes),
            factors=factors,
            days=tuple(days),
            notice_source=source,
        )


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


__all__ = [
    "DailyReport",
    "Forecast",
    "ForecastBand",
    "ForecastDay",
    "GroupRow",
    "HourRow",
    "Label",
    "RangeDay",
    "RangeReport",
    "Reason",
    "ReportService",
    "minutes",
]
