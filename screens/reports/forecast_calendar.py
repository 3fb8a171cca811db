"""The 混雑予想カレンダー: a month's forecast as a calendar, the hour bands of the day
under the cursor."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from screens.reports.cells import LEVEL_STYLE, MARKS, _crop, _fit
from screens.reports.tables import ReportsTables

if TYPE_CHECKING:
    from queue_app.services.reports import Forecast, ForecastDay


class ReportsForecast(ReportsTables):
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
        lines.append(tr("rpt.ui.fc_marks") + "  " + r.accuracy_text(tr.lang))
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
