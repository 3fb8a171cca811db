"""The daily wait-time report of one office."""

from __future__ import annotations

from datetime import date, datetime

from queue_app.domain.calendar import DayStatus
from queue_app.domain.day_figures import DayHours, day_figures
from queue_app.domain.reporting import (
    Agg,
    median,
    peak_waiting,
    percentile,
)
from queue_app.services.reports.base import LAST_MINUTES, ReportBase, _minute
from queue_app.services.reports.day_rows import read_day_rows
from queue_app.services.reports.models import DailyReport, GroupRow, HourRow, Label


class ReportDaily(ReportBase):
    # -- daily -------------------------------------------------------------------------------
    def daily(self, office_id: str, day: date) -> DailyReport:
        office = self._office(office_id)
        status = self.calendar.day(office_id, day)
        target = self.config.settings.target_wait_minutes
        patterns = self._patterns(office_id, [status])
        pattern = patterns[-1]
        with self.uow.read_plain() as reader:  # one connection and one snapshot for both
            tickets, events = read_day_rows(reader, office_id, day)
        fig = day_figures(
            tickets,
            events,
            DayHours(pattern.offset_ms, pattern.ranges),
            target * 60_000,
            LAST_MINUTES * 60_000,
        )

        hours_open: list[int] = []
        if status.open and status.hours:
            first_h = status.hours[0].start.hour
            last_h = (_minute(status.hours[-1].end) - 1) // 60
            hours_open = list(range(first_h, last_h + 1))
        by_hour_agg = fig.by_hour
        totals_agg = fig.totals
        hour_keys = sorted(set(hours_open) | set(by_hour_agg))
        if hour_keys:
            hour_keys = list(range(hour_keys[0], hour_keys[-1] + 1))
        peaks = peak_waiting(fig.waiting, hour_keys)
        as_of, now_hour = self._progress(office_id, day, status, totals_agg)
        # a day to come has no records: it says so, it is not "provisional" (a clock set back,
        # as in tests, can leave tickets on a later day: those are reported as they are)
        ahead = self._future(office_id, day) if totals_agg.issued == 0 else None

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
                fig.by_service.items(),
                key=lambda kv: self._service_rank(office_id, str(kv[0])),
            )
        )
        by_kind = tuple(
            GroupRow(str(k or ""), self._kind_label(str(k or "")), a.figures())
            for k, a in sorted(fig.by_kind.items(), key=lambda kv: str(kv[0] or ""))
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
        wait_min = [w / 60_000 for w in fig.waits_ms]
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
            service_median=median([s / 60_000 for s in fig.service_ms]),
            by_hour=by_hour,
            by_service=by_service,
            by_visit_kind=by_kind,
            last30_window=last30,
            last_finish=last_finish,
            overtime_minutes=overtime,
            as_of=as_of,
            today=ahead[0] if ahead else None,
            last_record_day=ahead[1] if ahead else None,
        )

    def _progress(
        self, office_id: str, day: date, status: DayStatus, totals: Agg
    ) -> tuple[str | None, int | None]:
        """Is `day` still in progress by the services' clock? (as-of HH:MM, current hour).

        A future day: every hour still to come (current hour -1); not in progress but not
        begun (`DailyReport.today` says so) unless it has tickets. Today: in progress until reception has ended and
        no ticket is left waiting, called or being served; hours after the clock's current
        hour have not happened yet either way.
        """
        now = self.services.clock.now()
        today = self.calendar.service_day(office_id, now)
        if day < today:
            return None, None
        local = self.calendar.local(office_id, now)
        if day > today:  # tickets on a later day only when the clock was set back (tests, demo)
            return (local.strftime("%H:%M") if totals.issued else None), -1
        unfinished = totals.issued - totals.served - totals.no_show - totals.cancelled
        closes_at = (
            self.calendar.at(office_id, day, status.closes)
            if status.open and status.closes
            else None
        )
        in_progress = unfinished > 0 or (closes_at is not None and now < closes_at)
        return (local.strftime("%H:%M") if in_progress else None), local.hour
