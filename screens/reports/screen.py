"""The reports screen: pick an office and a day (or a range), or a month's forecast.

Three views (the second select): "report" shows the daily report of the From date, or the
range report From..To when To is given (figures, bar charts, a table); "visits" shows the
time in the building per plan and step of From (..To) (`visits.py`); "forecast" shows
the 混雑予想カレンダー of the From month as a calendar (level per day, closed days with
their reason); moving the cursor over a day shows its hour bands below the calendar.

Every report is computed in a thread worker (`exclusive=True` is safe: reports only read)
and comes back as a `ReportReady` message; errors (a bad date, an unknown office, a
database problem) come back the same way and are shown in the summary line.

Stacked from one module per job: `form.py` (the form, the worker), `tables.py` (daily and
range reports), `forecast_calendar.py` (the forecast calendar), `visits.py` (the visits
report); `query.py` and `cells.py`
hold the messages and the small text helpers.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Static

from screens.reports.query import ReportReady
from screens.reports.visits import ReportsVisits


class ReportsScreen(ReportsVisits):
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
        elif message.query.view == "visits":
            self._visits(message.report)
        elif message.query.end is None or message.query.end == message.query.start:
            self._daily(message.report)
        else:
            self._range(message.report)
