"""The reports screen's form: office, view, dates; the report is computed in a worker."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Input, Select, Static

from queue_app.domain.dates import DateInputError, parse_date
from queue_app.domain.errors import InputError, MadoguchiError
from screens.reports.bars import Bars
from screens.reports.query import _MONTH, VIEWS, Query, ReportReady
from screens.widgets.footer import KeyFooter
from screens.widgets.keys import KeySpec, translated_bindings

if TYPE_CHECKING:
    from queue_app.services.reports import ForecastDay
    from screens.host import ScreenHost


class ReportsForm(Screen[None]):
    CSS_PATH = "reports.tcss"
    BINDINGS = [Binding("ctrl+r", "show", "show")]
    KEYS: ClassVar[list[KeySpec]] = [
        ("f5,ctrl+r", "show", "rpt.ui.show", True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Any = None
        self.loads = 0
        self.view = "report"
        # forecast view: table coordinate (row, column) -> the day shown there
        self._cells: dict[tuple[int, int], ForecastDay] = {}

    @property
    def mapp(self) -> ScreenHost:
        return cast("ScreenHost", self.app)

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
                    tr("rpt.ui.arrivals_by_hour"), classes="rpt-label", id="rpt-arrivals-label"
                )
                yield Bars(id="rpt-arrivals")
            with Vertical():
                yield Static(tr("rpt.ui.wait_by_hour"), classes="rpt-label", id="rpt-waits-label")
                yield Bars(id="rpt-waits")
        yield DataTable(id="rpt-table", zebra_stripes=True)
        yield Static("", id="rpt-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        tr = self.mapp.tr
        self.title = tr("rpt.ui.title")
        # footer labels from the catalogue, added to the screen's own (Tab, Shift+Tab)
        self._bindings = translated_bindings(tr, self.KEYS, base=self._bindings)
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
        tr = self.mapp.tr
        try:  # 2026-12-01, 2026/12/1, R8.12.1, 令和8年12月1日: the domain's one parser
            start = parse_date(raw_from)
        except DateInputError as exc:
            raise exc.for_field(tr("rpt.ui.from")) from None
        try:
            end = parse_date(raw_to) if raw_to else None
        except DateInputError as exc:
            raise exc.for_field(tr("rpt.ui.to")) from None
        return Query(office, start, end, self.view)

    def _set_view(self, view: str) -> None:
        self.view = view
        forecast = view == "forecast"
        self.query_one("#rpt-charts").display = view == "report"
        self.query_one("#rpt-detail").display = view != "report"
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
            elif query.view == "visits":
                report = reports.visits(query.office_id, query.start, query.end)
            elif query.end is None or query.end == query.start:
                report = reports.daily(query.office_id, query.start)
            else:
                report = reports.range(query.office_id, query.start, query.end)
        except MadoguchiError as exc:
            self.post_message(ReportReady(query, error=exc.message(self.mapp.tr.lang)))
            return
        self.post_message(ReportReady(query, report=report))
