"""Render reports as a text table, CSV, JSON, or one self-contained HTML page.

- `table.py`  the terminal's text table
- `csv.py`    CSV
- `html.py`   one self-contained HTML page (A4), charts from `svg.py`
- `visits.py` the visits report (time in the building) in all three
- `common.py` small formatting shared by all of them
JSON is the report's own `to_json`.
"""

from __future__ import annotations

import json

from queue_app.i18n import Translator
from queue_app.services.reports.render.common import Report
from queue_app.services.reports.render.csv import _csv
from queue_app.services.reports.render.html import _html
from queue_app.services.reports.render.table import _table
from queue_app.services.reports.render.visits import visits_csv, visits_html, visits_table
from queue_app.services.reports.visits import VisitReport

FORMATS = ("table", "csv", "json", "html")


def render(report: Report | VisitReport, fmt: str, lang: str = "ja") -> str:
    tr = Translator(lang)
    if fmt == "json":
        return json.dumps(report.to_json(tr.lang), ensure_ascii=False, indent=2) + "\n"
    if isinstance(report, VisitReport):  # time in the building (issue 13)
        if fmt == "csv":
            return visits_csv(report, tr)
        return visits_html(report, tr) if fmt == "html" else visits_table(report, tr)
    if fmt == "csv":
        return _csv(report, tr)
    if fmt == "html":
        return _html(report, tr)
    return _table(report, tr)


__all__ = ["FORMATS", "Report", "render"]
