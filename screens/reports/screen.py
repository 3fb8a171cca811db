"""The reports screen: pick an office and a day (or a range); figures, sparklines, a table.

Every report is computed in a thread worker (`exclusive=True` is safe: reports only read)
and comes back as a `ReportReady` message; errors (a bad date, an unknown office, a
database problem) come back the same way and are shown in the summary line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Select, Sparkline, Static

from queue_app.domain.errors import InputError, MadoguchiError

if TYPE_CHECKING:
    from queue_app.services.reports import DailyReport, RangeReport
    from screens.app import MadoguchiApp


@dataclass(frozen=True)
class Query:
    office_id: str
    start: date
    end: date | None  # None: the daily report of `start`


class ReportReady(Message):
    def __init__(self, query: Query, report: Any = None, error: str | None = None) -> None:
        super().__init__()
        self.query = query
        self.report = report
        self.error = error


def _n(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


class ReportsScreen(Screen[None]):
    CSS_PATH = "reports.tcss"
    BINDINGS = [("ctrl+r", "show", "show")]

    def __init__(self) -> None:
        super().__init__()
        self.report: Any = None
        self.loads = 0

    @property
    def mapp(self) -> MadoguchiApp:
        return cast("MadoguchiApp", self.app)

    def compose(self) -> ComposeResult:
        tr = self.mapp.tr
        services = self.mapp.services
        offices = [(o.name(tr.lang), o.id) for o in services.config.offices.values()]
        today = services.calendar.service_day(self.mapp.options.office_id, services.clock.now())
        yield Header()
        with Horizontal(id="rpt-controls"):
            yield Select(
                offices,
                value=self.mapp.options.office_id,
                allow_blank=False,
                id="rpt-office",
                prompt=tr("rpt.ui.office"),
            )
            yield Input(today.isoformat(), placeholder=tr("rpt.ui.from"), id="rpt-from")
            yield Input("", placeholder=tr("rpt.ui.to"), id="rpt-to")
            yield Button(tr("rpt.ui.show"), id="rpt-show", variant="primary")
        yield Static(tr("rpt.ui.loading"), id="rpt-summary")
        yield Static(tr("rpt.ui.arrivals_spark"), classes="rpt-label", id="rpt-arrivals-label")
        yield Sparkline([], id="rpt-arrivals")
        yield Static(tr("rpt.ui.wait_spark"), classes="rpt-label", id="rpt-waits-label")
        yield Sparkline([], id="rpt-waits")
        yield DataTable(id="rpt-table", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.mapp.tr("rpt.ui.title")
        self.action_show()

    # -- input -----------------------------------------------------------------------------
    def _query(self) -> Query:
        office = str(self.query_one("#rpt-office", Select).value)
        raw_from = self.query_one("#rpt-from", Input).value.strip()
        raw_to = self.query_one("#rpt-to", Input).value.strip()
        try:
            start = date.fromisoformat(raw_from)
            end = date.fromisoformat(raw_to) if raw_to else None
        except ValueError:
            raise InputError("rpt.ui.bad_date") from None
        return Query(office, start, end)

    @on(Button.Pressed, "#rpt-show")
    @on(Input.Submitted)
    def _show(self) -> None:
        self.action_show()

    def action_show(self) -> None:
        try:
            query = self._query()
        except MadoguchiError as exc:
            self.query_one("#rpt-summary", Static).update(exc.message(self.mapp.tr.lang))
            return
        self.query_one("#rpt-summary", Static).update(self.mapp.tr("rpt.ui.loading"))
        self.load(query)

    @work(thread=True, exit_on_error=False, group="reports", exclusive=True)
    def load(self, query: Query) -> None:
        reports = self.mapp.services.reports
        try:
            if query.end is None or query.end == query.start:
                report: Any = reports.daily(query.office_id, query.start)
            else:
                report = reports.range(query.office_id, query.start, query.end)
        except MadoguchiError as exc:
            self.post_message(ReportReady(query, error=exc.message(self.mapp.tr.lang)))
            return
        self.post_message(ReportReady(query, report=report))

    # -- output ----------------------------------------------------------------------------
    @on(ReportReady)
    def _ready(self, message: ReportReady) -> None:
        self.loads += 1
        summary = self.query_one("#rpt-summary", Static)
        if message.error is not None:
            summary.update(message.error)
            return
        self.report = message.report
        if message.query.end is None or message.query.end == message.query.start:
            self._daily(message.report)
        else:
            self._range(message.report)

    def _daily(self, r: DailyReport) -> None:
        tr = self.mapp.tr
        summary = self.query_one("#rpt-summary", Static)
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        title = f"{r.office.text(tr.lang)} {r.day.isoformat()}({tr(f'weekday.{r.day.weekday()}')})"
        if not r.open:
            reason = r.closed_text(tr.lang)
            summary.update(f"{title}  {tr('rpt.closed', reason=reason)}")
            self._sparks([], [])
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
        self._sparks(
            [float(h.arrivals) for h in r.by_hour], [h.wait_mean or 0.0 for h in r.by_hour]
        )
        table.add_columns(tr("rpt.hour"), tr("rpt.arrivals"), tr("rpt.wait_mean"), tr("rpt.peak"))
        for h in r.by_hour:
            table.add_row(f"{h.hour:02d}", str(h.arrivals), _n(h.wait_mean), str(h.peak_waiting))
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
                ]
            )
        )
        open_days = [d for d in r.days if d.open]
        self._sparks(
            [float(d.figures.issued) for d in open_days],
            [d.figures.wait_mean or 0.0 for d in open_days],
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
            else:
                table.add_row(
                    *first,
                    str(d.figures.issued),
                    str(d.figures.served),
                    _n(d.figures.wait_mean),
                    _n(d.figures.wait_max),
                )

    def _sparks(self, arrivals: list[float], waits: list[float]) -> None:
        self.query_one("#rpt-arrivals", Sparkline).data = arrivals
        self.query_one("#rpt-waits", Sparkline).data = waits
