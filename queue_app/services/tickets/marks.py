"""The ticket row's report marks (`first_called_ms`, `transferred`: domain/report_marks.py),
written by the UPDATE of the transition that writes the event, in its transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case

from db.models import Ticket
from queue_app.domain.report_marks import is_call, is_transfer

_FIRST = Ticket.__table__.c.first_called_ms  # type: ignore[attr-defined]


def mark_values(to_state: str, detail: str | None, at_ms: int) -> dict[str, Any]:
    """The ticket columns an event `(to_state, detail, at_ms)` changes, for its UPDATE.

    The first call is the earliest, decided in the statement itself (a recall or a clock
    set back never moves it later, whatever another terminal committed meanwhile).
    """
    values: dict[str, Any] = {}
    if is_call(to_state):
        values["first_called_ms"] = case(
            (_FIRST.is_(None) | (_FIRST > at_ms), at_ms),
            else_=_FIRST,
        )
    if is_transfer(detail):
        values["transferred"] = 1
    return values
