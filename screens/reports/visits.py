"""The visits report (issue 13) in the reports screen: time in the building per visit, per
plan and per step (p50/p90), the share of visits that needed more than one counter, and the
step of each plan where visitors wait longest (marked ◀).

The figures come from `services.reports.visits` and the title and headline from its
renderer (the same as `madoguchi report visits`); here only the layout of one table that
fits 80 columns: a plan's row, then its steps indented under it, then every procedure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Static

from queue_app.services.reports.render.visits import visits_summary, visits_title
from screens.reports.cells import _crop, _i, _n
from screens.reports.forecast_calendar import ReportsForecast

if TYPE_CHECKING:
    from queue_app.domain.visit_times import Spread, StepFigures
    from queue_app.services.reports.visits import VisitReport

NAME_WIDTH = 20  # cells of the first column (a plan's or a procedure's name)
LONGEST = "◀"


def _p(spread: Spread, p90: bool = False) -> str:
    return _n(spread.p90 if p90 else spread.p50) if spread.n else "-"


class ReportsVisits(ReportsForecast):
    def _visits(self, r: VisitReport) -> None:
        tr = self.mapp.tr
        f = r.figures
        head = "  ".join(f"{k} {v}" for k, v in visits_summary(r, tr))
        future = r.future_text(tr.lang)
        summary = f"{visits_title(r, tr)}\n{head}" + (f"\n{future}" if future else "")
        self.query_one("#rpt-summary", Static).update(summary)
        detail = self.query_one("#rpt-detail", Static)
        table = self.query_one("#rpt-table", DataTable)
        table.clear(columns=True)
        if not f.visits:
            detail.update(tr("rpt.visits.none"))
            return
        detail.update(tr("rpt.ui.visits.legend", mark=LONGEST))
        table.add_columns(
            tr("rpt.ui.visits.name"),
            tr("rpt.ui.visits.count"),
            tr("rpt.ui.visits.done"),
            tr("rpt.ui.visits.stay50"),
            tr("rpt.ui.visits.stay90"),
            tr("rpt.ui.visits.wait50"),
            tr("rpt.ui.visits.wait90"),
            tr("rpt.ui.visits.prep50"),
        )
        for plan in f.plans:
            name = _crop(r.plan_label(plan.key, tr.lang), NAME_WIDTH)
            table.add_row(
                Text(name, style="bold"),
                _i(plan.visits),
                _i(plan.completed),
                _p(plan.building),
                _p(plan.building, True),
                "",
                "",
                "",
            )
            longest = plan.longest_wait
            for s in plan.steps:
                mark = (
                    f" {LONGEST}" if longest is not None and s.position == longest.position else ""
                )
                table.add_row(*self._step_cells(r, s, f" {s.position}.", mark))
        table.add_row(*[""] * 8)
        table.add_row(
            Text(_crop(tr("rpt.visits.per_service"), NAME_WIDTH), style="bold"), *[""] * 7
        )
        for s in f.per_service:
            table.add_row(*self._step_cells(r, s, " ", ""))

    def _step_cells(self, r: VisitReport, s: StepFigures, lead: str, mark: str) -> list[str]:
        name = r.service_label(s.service_id, self.mapp.tr.lang)
        width = NAME_WIDTH - len(lead) - len(mark)
        return [
            f"{lead}{_crop(name, width)}{mark}",
            _i(s.wait.n),
            "",
            "",
            "",
            _p(s.wait),
            _p(s.wait, True),
            _p(s.preparing),
        ]
