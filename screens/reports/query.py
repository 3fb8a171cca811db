"""What the reports screen asks for (`Query`) and what its worker sends back (`ReportReady`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.message import Message

VIEWS = ("report", "visits", "forecast")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")


@dataclass(frozen=True)
class Query:
    office_id: str
    start: date
    end: date | None  # None: the daily report of `start`
    view: str = "report"  # report | visits (start..end) | forecast (the month of `start`)


class ReportReady(Message):
    def __init__(self, query: Query, report: Any = None, error: str | None = None) -> None:
        super().__init__()
        self.query = query
        self.report = report
        self.error = error
