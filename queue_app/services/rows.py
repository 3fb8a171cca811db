"""ORM row → frozen view: one mapping for the views whose fields are mostly the row's columns.

`TicketView.of`, the inquiry desk's appointment and case views each copied a row column by
column; they now name only what they compute (epoch ms → aware datetimes, renamed columns,
figures of the day) and `view_of` copies the rest under the same names.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

V = TypeVar("V")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


def view_of(cls: type[V], row: Any, **computed: Any) -> V:
    """`cls(...)` with every field not in `computed` read from `row` under its own name."""
    values = {name: getattr(row, name) for name in _names(cls) if name not in computed}
    return cls(**values, **computed)
