"""Daily wait-time reports, range reports and the congestion forecast (混雑予想カレンダー).

- `models.py`    the frozen read models (DailyReport, RangeReport, Forecast ...)
- `base.py`      opening-hour patterns, the range report's SQL aggregation, labels
- `daily.py`     the daily report; `day_rows.py` its two reads (figures: domain/day_figures.py)
- `range.py`     the range report
- `forecast.py`  the congestion forecast
- `visits.py`    time in the building per visit, step and plan (visit plans, pickup)
- `render/`      table, CSV, JSON and HTML renderers

The range report's figures come from one SQL aggregation over `ticket` (each row carries
its first call and transfer, written with their events: migration 0007,
`domain/report_marks.py`) that runs unchanged on SQLite and PostgreSQL (integer epoch
arithmetic only, positive
operands so integer division truncates the same way on both); Python rolls up its small
grouped result (one row per day x hour). The daily report reads its day's ticket rows
(with the same marks) and the events entering or leaving `waiting` once, as plain SQL on
the driver (`day_rows.py`, `uow.read_plain`), and computes the same figures in pure Python
(`domain/day_figures.py`): a day is a few hundred rows, cheaper to count than to aggregate
in SQL; tests keep the two equal, and equal to a computation from the events alone, on both
engines (tests/test_report_day_figures.py). Opening hours come from the calendar
*of that day* (effective-dated hours, extra openings), as per-day patterns. Definitions:
docs/reports.md.
"""

from __future__ import annotations

from queue_app.domain.calendar import Reason
from queue_app.domain.reporting import minutes
from queue_app.services.reports.models import (
    DailyReport,
    Forecast,
    ForecastBand,
    ForecastDay,
    GroupRow,
    HourRow,
    Label,
    RangeDay,
    RangeReport,
)
from queue_app.services.reports.visits import ReportVisits, VisitReport


class ReportService(ReportVisits):
    """All reports behind one name (see the module list above)."""


__all__ = [
    "DailyReport",
    "Forecast",
    "ForecastBand",
    "ForecastDay",
    "GroupRow",
    "HourRow",
    "Label",
    "RangeDay",
    "RangeReport",
    "Reason",
    "ReportService",
    "VisitReport",
    "minutes",
]
