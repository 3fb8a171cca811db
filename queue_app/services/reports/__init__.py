"""Daily wait-time reports, range reports and the congestion forecast (混雑予想カレンダー).

- `models.py`    the frozen read models (DailyReport, RangeReport, Forecast ...)
- `base.py`      opening-hour patterns, the one SQL aggregation, labels
- `daily.py`     the daily report
- `range.py`     the range report
- `forecast.py`  the congestion forecast
- `visits.py`    time in the building per visit, step and plan (visit plans, pickup)
- `render/`      table, CSV, JSON and HTML renderers

Every figure comes from one SQL aggregation over `ticket` and `ticket_event` that runs
unchanged on SQLite and PostgreSQL (integer epoch arithmetic only, positive operands so
integer division truncates the same way on both). Python only rolls up the small grouped
result (one row per hour x service x visit kind for a day; one row per day x hour for a
range). Opening hours come from the calendar *of that day* (effective-dated hours, extra
openings), passed into the SQL as per-day patterns. Definitions: docs/reports.md.
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
