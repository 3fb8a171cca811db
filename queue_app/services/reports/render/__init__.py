"""Render reports as a text table, CSV, JSON, or one self-contained HTML page.

- `table.py`  the terminal's text table
- `csv.py`    CSV
- `html.py`   one self-contained HTML page (A4), charts from `svg.py`
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

FORMATS = ("table", "csv", "json", "html")


def render(report: Report, fmt: str, lang: str = "ja") -> str:
    tr = Translator(lang)
    if fmt == "json":
        return json.dumps(report.to_json(tr.lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(report, tr)
    if fmt == "html":
        return _html(report, tr)
    return _table(report, tr)


__all__ = ["FORMATS", "Report", "render"]
