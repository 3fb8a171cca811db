"""The reports screen: pick an office and a day (or a range), or a month's forecast.

Two views (the second select): "report" shows the daily report of the From date, or the
range report From..To when To is given (figures, sparklines, a table); "forecast" shows
the 混雑予想カレンダー of the From month as a calendar (level per day, closed days with
their reason); moving the cursor over a day shows its hour bands below the calendar.

Every report is computed in a thread worker (`exclusive=True` is safe: reports only read)
and comes back as a `ReportReady` message; errors (a bad date, an unknown office, a
database problem) come back the same way and are shown in the summary line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Select, Sparkline, Static

from queue_app.domain.errors import InputError, MadoguchiError

if TYPE_CHECKING:
    from queue_app.services.reports import DailyReport, Forecast, ForecastDay, RangeReport
    from screens.app import MadoguchiApp

VIEWS = ("report", "forecast")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")
MARKS = {"quiet": "○", "moderate": "△", "crowded": "×"}
LEVEL_STYLE = {"quiet": "bold green", "moderate": "bold yellow", "crowded": "bold red"}


@dataclass(frozen=True)
class Query:
    office_id: str
    start: date
    end: date | None  # None: the daily report of `start`
    view: str = "report"  # report | forecast (the month of `start`)


class ReportReady(Message):
    def __init__(self, query: Query, report: Any = None, error: str | None = None) -> None:
        super().__init__()
        self.query = query
        self.report = report
        self.error = error


def _n(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _i(value: int | None) -> str:
    return "-" if value is None else str(value)


class ReportsScreen(Screen[None]):
    CSS_PATH = "reports.tcss"
    BINDINGS = [Binding("ctrl+r", "show", "show")]

    def __init__(self) -> None:
        super().__init__()
        self.report: Any = None
        self.loads = 0
        self.view = "report"
        # forecast view: table coordinate (row, column) -> the day shown there
        self._cells: dict[tuple[int, int], ForecastDay] = {}

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
            yield Select(
                [(tr(f"rpt.ui.view.{v}"), v) for v in VIEWS],
                value="report",
                allow_blank=False,
                id="rpt-view",
            )
            yield Input(today.isoformat(), placeholder=tr("rpt.ui.from"), id="rpt-from")
            yield Input("", placeholder=tr("rpt.ui.to"), id="rpt-to")
            yield Button(tr("rpt.ui.show"), id="rpt-show", variant="primary")
        yield Static(tr("rpt.ui.loading"), id="rpt-summary")
        with Horizontal(id="rpt-charts"):
            with Vertical():
                yield Static(
                    tr("rpt.ui.arrivals_spark"), classes="rpt-label", id="rpt-arrivals-label"
                )
                yield Sparkline([], id="rpt-arrivals")
            with Vertical():
                yield Static(tr("rpt.ui.wait_spark"), classes="rpt-label", id="rpt-waits-label")
                yield Sparkline([], id="rpt-waits")
        yield DataTable(id="rpt-table", zebra_stripes=True)
        yield Static("", id="rpt-detail")
        yield Footer()

    def on_mount(self) -> None:
        tr = self.mapp.tr
        self.title = tr("rpt.ui.title")
        # footer labels from the catalogue (the language is chosen per app)
        self._bindings = BindingsMap([Binding("ctrl+r", "show", tr("rpt.ui.show"))])
        self.refresh_bindings()
        self._set_view("report")
        self.action_show()

    # -- input -----------------------------------------------------------------------------
    def _query(self) -> Query:
        office = str(self.query_one("#rpt-office", Select).value)
        raw_from = self.query_one("#rpt-from", Input).value.strip()
        raw_to = self.query_one("#rpt-to", Input).value.strip()
        if self.view == "forecast":
            m = _MONTH.match(raw_from)
            if not m or not 1 <= int(m.group(2)) <= 12:
                raise InputError("rpt.ui.bad_month")
            return Query(office, date(int(m.group(1)), int(m.group(2)), 1), None, "forecast")
        try:
            start = date.fromisoformat(raw_from)
            end = date.fromisoformat(raw_to) if raw_to else None
        except ValueError:
            raise InputError("rpt.ui.bad_date") from None
        return Query(office, start, end)

    def _set_view(self, view: str) -> None:
        self.view = view
        forecast = view == "forecast"
        self.query_one("#rpt-charts").display = not forecast
        self.query_one("#rpt-detail").display = forecast
        self.query_one("#rpt-to", Input).disabled = forecast
        table = self.query_one("#rpt-table", DataTable)
        table.cursor_type = "cell" if forecast else "row"
        table.zebra_stripes = not forecast
        raw = self.query_one("#rpt-from", Input)
        if forecast and len(raw.value.strip()) == 10:  # a date: its month
            raw.value = raw.value.strip()[:7]
        elif not forecast and len(raw.value.strip()) == 7:  # a month: its first day
            raw.value = raw.value.strip() + "-01"

    @on(Select.Changed, "#rpt-view")
    def _view_changed(self, event: Select.Changed) -> None:
        view = str(event.value)
        if view != self.view:
            self._set_view(view)
            self.action_show()

    @on(Select.Changed, "#rpt-office")
    def _office_changed(self) -> None:
        self.action_show()

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
            if query.view == "forecast":
                report: Any = reports.forecast(query.office_id, query.start.year, query.start.month)
            elif query.end is None or query.end == query.start:
                report = reports.daily(query.office_id, query.start)
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
        if message.query.view != self.view:  # the view changed while this one was computed
            return
        self.report = message.report
        self._cells = {}
        if message.query.view == "forecast":
            self._forecast(message.report)
        elif message.query.end is None or message.query.end == message.query.start:
            self._daily(message.report)
        else:
            self._range(message.report)

    def _daily(self, r: DailyReport) -> None:
        tr = self.mapp.tr
        summary = self.query_one("#rpt-summary", Static)
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        title = f"{r.office.text(tr.lang)} {r.day.isoformat()}({tr(f'weekday.{r.day.weekday()}')})"
        if r.as_of is not None:
            title += "  " + tr("rpt.provisional", time=r.as_of)
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
        happened = [h for h in r.by_hour if not h.future]  # no bars for hours still to come
        self._sparks(
            [float(h.arrivals or 0) for h in happened], [h.wait_mean or 0.0 for h in happened]
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

    # -- the forecast calendar ------------------------------------------------------------------
    def _forecast(self, r: Forecast) -> None:
        tr = self.mapp.tr
        month = f"{r.year:04d}-{r.month:02d}"
        lines = [
            tr("rpt.title_forecast", office=r.office.text(tr.lang), month=month),
            "  ".join(
                f"{MARKS[lv]} {tr(f'rpt.level.{lv}')}"
                + (f" <{r.thresholds[0]}" if lv == "quiet" else "")
                + (f" {r.thresholds[0]}-{r.thresholds[1]}" if lv == "moderate" else "")
                + (f" {r.thresholds[1]}+" if lv == "crowded" else "")
                for lv in MARKS
            )
            + " "
            + tr("rpt.ui.minutes"),
            tr(
                "rpt.fc_history",
                start=r.history_start.isoformat(),
                end=r.history_end.isoformat(),
                n=r.factors.history_days,
            ),
        ]
        if r.notice_dates:
            notice = tr(
                "rpt.fc_notices", dates=", ".join(d.strftime("%m-%d") for d in r.notice_dates)
            )
            if r.notice_inferred:
                notice += " " + tr("rpt.fc_notices_inferred")
            lines[0] += "  " + notice
        lines.append(tr("rpt.ui.fc_marks"))
        self.query_one("#rpt-summary", Static).update("\n".join(lines))
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        # seven equal columns filling the table's width (cell padding 1 on each side)
        inner = max(self.size.width - 2, 7 * 8)
        width = max(6, (inner - 2) // 7 - 2)
        for wd in range(7):
            table.add_column(tr(f"weekday.{wd}"), width=width)
        first = r.days[0].day if r.days else date(r.year, r.month, 1)
        offset = first.weekday()
        weeks = (offset + len(r.days) + 6) // 7
        # two lines a day on a small terminal, up to four (with the reasons) on a big one
        # (from the screen's size: the table may not be laid out again yet after the view
        # changed) header 1, controls 3, summary, table header 1, detail 2, footer 1
        free = self.size.height - 8 - len(lines)
        row_lines = max(2, min(4, free // max(weeks, 1)))
        cells: list[list[Text]] = [[Text("") for _ in range(7)] for _ in range(weeks)]
        today = self.mapp.services.calendar.service_day(r.office_id, self.mapp.services.clock.now())
        for i, d in enumerate(r.days):
            row, col = divmod(offset + i, 7)
            cells[row][col] = self._day_cell(d, width, row_lines)
            self._cells[(row, col)] = d
        for row_cells in cells:
            table.add_row(*row_cells, height=row_lines)
        # the cursor starts on today, else the first open day from today, else the 1st
        ordered = sorted(self._cells.items(), key=lambda kv: kv[1].day)
        focus = next((k for k, d in ordered if d.day == today), None) or next(
            (k for k, d in ordered if d.open and d.day >= today), None
        )
        if focus is None and ordered:
            focus = ordered[0][0]
        if focus is not None:
            table.cursor_coordinate = Coordinate(*focus)
            self._detail(self._cells[focus])

    def _day_cell(self, d: ForecastDay, width: int, lines: int = 2) -> Text:
        """A calendar cell: the day and its level; the expected wait (or the closed
        reason); with room, the reasons in words. Fitted to `width` cells."""
        tr = self.mapp.tr
        sep = ", " if tr.lang == "en" else "、"
        text = Text(no_wrap=True, overflow="ellipsis")
        day = f"{d.day.day:>2} "
        text.append(day, style="bold")
        if not d.open:
            text.append(tr("rpt.ui.fc_closed"), style="dim")
            reason = sep.join(x.text(tr.lang) for x in d.closed_reasons)
            text.append("\n" + _crop(reason, width), style="dim")
            return text
        level = d.level or "quiet"
        room = width - cell_len(day)
        label = _fit(
            [
                f"{MARKS[level]} {tr(f'rpt.level.{level}')}",
                f"{MARKS[level]}{tr(f'rpt.ui.lvl.{level}')}",
                MARKS[level],
            ],
            room,
        )
        text.append(label, style=LEVEL_STYLE[level])
        wait = tr("rpt.ui.fc_wait", m=round(d.wait or 0))
        whys = [w for w in d.reasons if w != "monday"]
        marks = "".join(tr(f"rpt.ui.fc_why.{w}") for w in whys)
        if lines >= 3:
            text.append("\n" + _crop(wait, width))
            if whys:
                words = sep.join(tr(f"rpt.reason.{w}") for w in whys)
                text.append("\n" + _fit([words, marks], width), style="italic")
        else:
            second = _fit([f"{wait} {marks}", f"{wait}{marks}"] if marks else [wait], width)
            text.append("\n" + second)
        return text

    def _detail(self, d: ForecastDay) -> None:
        tr = self.mapp.tr
        head = f"{d.day.isoformat()}({tr(f'weekday.{d.day.weekday()}')})"
        if not d.open:
            reason = ", ".join(x.text(tr.lang) for x in d.closed_reasons)
            line = f"{head} {tr('rpt.closed', reason=reason)}"
        else:
            level = d.level or "quiet"
            sep = ", " if tr.lang == "en" else "、"
            why = sep.join(tr(f"rpt.reason.{w}") for w in d.reasons)
            bands = " ".join(f"{b.hour:02d}{MARKS.get(b.level, '-')}" for b in d.bands)
            line = (
                f"{head} {MARKS[level]} {tr(f'rpt.level.{level}')} "
                f"{tr('rpt.ui.fc_wait', m=round(d.wait or 0))}"
                + (f" ({why})" if why else "")
                + f"  {bands}"
            )
        self.query_one("#rpt-detail", Static).update(line)

    @on(DataTable.CellHighlighted, "#rpt-table")
    def _cell(self, event: DataTable.CellHighlighted) -> None:
        day = self._cells.get((event.coordinate.row, event.coordinate.column))
        if self.view == "forecast" and day is not None:
            self._detail(day)

    def _sparks(self, arrivals: list[float], waits: list[float]) -> None:
        self.query_one("#rpt-arrivals", Sparkline).data = arrivals
        self.query_one("#rpt-waits", Sparkline).data = waits


def _fit(candidates: list[str], width: int) -> str:
    """The first candidate that fits in `width` cells, else the last one cropped."""
    for c in candidates:
        if cell_len(c) <= width:
            return c
    return _crop(candidates[-1], width)


def _crop(text: str, width: int) -> str:
    """Cut `text` to `width` terminal cells (East Asian wide characters count two)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch + "…") > width:
            break
        out += ch
    return out + "…"
