"""The range report (several days, one office)."""

from __future__ import annotations

from datetime import date, datetime

from queue_app.domain.reporting import (
    Agg,
    Figures,
    roll_up,
)
from queue_app.services.reports.daily import ReportDaily
from queue_app.services.reports.models import Label, RangeDay, RangeReport


class ReportRange(ReportDaily):
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
        ahead = self._future_from(office_id, start, end)
        # a day still to come has not happened: not an open day with no tickets (it would
        # lower every per-open-day mean). A clock set back (tests, demo) can leave tickets on
        # a later day: those days are counted as they are, like the daily report's
        future = {s.day for s in statuses if ahead and s.day >= ahead[1] and s.day not in per_day}
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
                    future=s.day in future,
                )
            )
        for agg in per_day.values():  # the days' sums: every row once (integer ms: exact)
            total.merge(agg)
        open_count = [0] * 7
        for s in statuses:
            if s.open and s.day not in future:
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
            if any(d not in future for d in p.days):
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
            today=ahead[0] if future else None,
            future_days=tuple(sorted(future)),
        )
