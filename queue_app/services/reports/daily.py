"""The daily wait-time report of one office."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, bindparam
from sqlmodel import Session

from queue_app.domain.calendar import DayStatus
from queue_app.domain.reporting import (
    Agg,
    median,
    peak_waiting,
    percentile,
    roll_up,
)
from queue_app.services.reports.base import LAST_MINUTES, MS_HOUR, Pattern, ReportBase, _minute
from queue_app.services.reports.models import DailyReport, GroupRow, HourRow, Label
from queue_app.services.reports.tickets import PER_TICKET, SVC, WAIT, group_tickets


class ReportDaily(ReportBase):
    # -- daily -------------------------------------------------------------------------------
    def daily(self, office_id: str, day: date) -> DailyReport:
        office = self._office(office_id)
        status = self.calendar.day(office_id, day)
        target = self.config.settings.target_wait_minutes
        patterns = self._patterns(office_id, [status])
        pattern = patterns[-1]
        with self.uow.read() as session:  # one connection and one snapshot for the two reads
            tickets = self._tickets(office_id, day, patterns, session)
            per_hour_peak = self._peaks(office_id, day, pattern.offset_ms, session)
        # the day's few hundred tickets are grouped here rather than by a second and third
        # pass of the same SQL (the range report groups in SQL: a year is 100k tickets)
        rows = group_tickets(tickets, target * 60_000, LAST_MINUTES * 60_000)
        waits = [float(t[WAIT]) for t in tickets if t[WAIT] is not None]
        services_ms = [float(t[SVC]) for t in tickets if t[SVC] is not None]

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

    def _tickets(
        self, office_id: str, day: date, patterns: Sequence[Pattern], session: Session
    ) -> list[tuple[Any, ...]]:
        """The day's tickets, one row each, in `TICKET_COLUMNS` order (the figures of the
        one SQL aggregation, before grouping)."""
        sql, params, binds = self._base_sql(patterns, "", PER_TICKET)
        stmt = self._statement(sql, binds)
        values = {"office": office_id, "start": day, "end": day, **params}
        return session.execute(stmt, values).all()  # type: ignore[return-value]

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
      AND (to_state = 'waiting' OR from_state = 'waiting')
  ) e
) x GROUP BY h"""
        # (an event that leaves the level as it was changes no hour's figures: not read)
        stmt = self._statement(sql, (bindparam("day", type_=Date),))
        with self._session(session) as sess:
            rows = sess.execute(stmt, {"office": office_id, "day": day}).all()
        return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
