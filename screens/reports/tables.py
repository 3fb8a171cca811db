"""The daily and range reports shown as figures, bar charts (`bars.py`) and a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable, Static

from screens.reports.bars import Bars
from screens.reports.cells import _i, _n
from screens.reports.form import ReportsForm

if TYPE_CHECKING:
    from queue_app.services.reports import DailyReport, RangeReport


class ReportsTables(ReportsForm):
    def _daily(self, r: DailyReport) -> None:
        tr = self.mapp.tr
        summary = self.query_one("#rpt-summary", Static)
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        title = f"{r.office.text(tr.lang)} {r.day.isoformat()}({tr(f'weekday.{r.day.weekday()}')})"
        if r.as_of is not None:
            title += "  " + tr("rpt.provisional", time=r.as_of)
        if r.future:
            title += "  " + r.future_text(tr.lang)
        if not r.open:
            reason = r.closed_text(tr.lang)
            summary.update(f"{title}  {tr('rpt.closed', reason=reason)}")
            self._charts("hour", [], [], None)
            if r.totals.issued == 0:
                return
        f = r.totals
        lines = [
            title,
            tr(
                "rpt.ui.summary",
                issued=f.issued,
                served=f.served,
                no_show=f.no_show,
                cancelled=f.cancelled,
                transferred=f.transferred,
            ),
            tr(
                "rpt.ui.waits",
                mean=_n(f.wait_mean),
                median=_n(r.wait_median),
                p90=_n(r.wait_p90),
                max=_n(f.wait_max),
                target=r.target_minutes,
                over=f.over_target,
            ),
        ]
        if f.early and r.opens:
            lines.append(tr("rpt.early_note", n=f.early, opens=r.opens))
        summary.update("\n".join(lines))
        # every hour of the day keeps its place on the chart (those still to come are empty)
        self._charts(
            "hour",
            [0.0 if h.future else float(h.arrivals or 0) for h in r.by_hour],
            [0.0 if h.future else h.wait_mean or 0.0 for h in r.by_hour],
            r.target_minutes,
        )
        table.add_columns(tr("rpt.hour"), tr("rpt.arrivals"), tr("rpt.wait_mean"), tr("rpt.peak"))
        for h in r.by_hour:
            table.add_row(f"{h.hour:02d}", _i(h.arrivals), _n(h.wait_mean), _i(h.peak_waiting))
        table.add_row("", "", "", "")
        table.add_row(tr("rpt.by_service"), tr("rpt.issued"), tr("rpt.wait_mean"), tr("rpt.served"))
        for g in r.by_service:
            table.add_row(
                g.label.text(tr.lang),
                str(g.figures.issued),
                _n(g.figures.wait_mean),
                str(g.figures.served),
            )

    def _range(self, r: RangeReport) -> None:
        tr = self.mapp.tr
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        f = r.totals
        self.query_one("#rpt-summary", Static).update(
            "\n".join(
                [
                    f"{r.office.text(tr.lang)} {r.start.isoformat()} 〜 {r.end.isoformat()}",
                    tr(
                        "rpt.ui.summary",
                        issued=f.issued,
                        served=f.served,
                        no_show=f.no_show,
                        cancelled=f.cancelled,
                        transferred=f.transferred,
                    ),
                    tr(
                        "rpt.ui.range_waits",
                        days=r.open_days,
                        mean=_n(f.wait_mean),
                        max=_n(f.wait_max),
                    ),
                    *([r.future_text(tr.lang)] if r.future else []),
                ]
            )
        )
        open_days = [d for d in r.days if d.counted_open]
        self._charts(
            "day",
            [float(d.figures.issued) for d in open_days],
            [d.figures.wait_mean or 0.0 for d in open_days],
            r.target_minutes,
        )
        table.add_columns(
            tr("rpt.date"),
            tr("rpt.weekday"),
            tr("rpt.issued"),
            tr("rpt.served"),
            tr("rpt.wait_mean"),
            tr("rpt.wait_max"),
        )
        for d in r.days:
            first = (d.day.isoformat(), tr(f"weekday.{d.day.weekday()}"))
            if not d.open and d.figures.issued == 0:
                reason = ", ".join(x.text(tr.lang) for x in d.closed_reasons)
                table.add_row(*first, tr("rpt.closed", reason=reason), "", "", "")
            elif d.future:
                table.add_row(*first, tr("rpt.future_day"), "", "", "")
            else:
                table.add_row(
                    *first,
                    str(d.figures.issued),
                    str(d.figures.served),
                    _n(d.figures.wait_mean),
                    _n(d.figures.wait_max),
                )

    def _charts(
        self, by: str, arrivals: list[float], waits: list[float], target: int | None
    ) -> None:
        """Arrivals and mean waits by hour (a day) or by open day (a range), from zero; the
        waits chart with the target wait as its dotted line, named in its label."""
        tr = self.mapp.tr
        self.query_one("#rpt-arrivals", Bars).data = tuple(arrivals)
        waits_chart = self.query_one("#rpt-waits", Bars)
        waits_chart.data = tuple(waits)
        waits_chart.target = float(target) if target else None
        self.query_one("#rpt-arrivals-label", Static).update(tr(f"rpt.ui.arrivals_by_{by}"))
        label = tr(f"rpt.ui.wait_by_{by}")
        if target:
            label += f"  ╌ {tr('rpt.target_line', m=target)}"
        self.query_one("#rpt-waits-label", Static).update(label)
