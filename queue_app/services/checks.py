"""The service boundary: arguments that name rows or reach storage go through the one
validator (`queue_app.domain.fields`) before any use case touches the database.

`checked_arguments(cls)` wraps every public method of a service class: an argument named
`ticket_id`, `case_id` or `appointment_id` must be an id in range (2^63 in a CLI argument
is an input error, not a driver overflow), and `staff` a valid staff code (length, charset,
no 12-digit run). Other arguments are checked by the use cases themselves (`IssueRequest`
in `services.tickets.issue.checked_request`, kana and phone in `domain.inquiry`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from queue_app.domain.fields import check_field, check_id

C = TypeVar("C", bound=type)

ID_ARGUMENTS = frozenset({"ticket_id", "case_id", "appointment_id"})
FIELD_ARGUMENTS = {"staff": "staff"}


def _wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(fn)
    names = [n for n in signature.parameters if n in ID_ARGUMENTS or n in FIELD_ARGUMENTS]
    if not names:
        return fn

    @functools.wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        for name in names:
            if name not in bound.arguments or bound.arguments[name] is None:
                continue
            value = bound.arguments[name]
            if name in ID_ARGUMENTS:
                bound.arguments[name] = check_id(value, name)
            else:
                bound.arguments[name] = check_field(FIELD_ARGUMENTS[name], value) or None
        return fn(*bound.args, **bound.kwargs)

    return checked


def checked_arguments(cls: C) -> C:
    """Wrap the public methods `cls` defines or inherits (see the module docstring)."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attribute = inspect.getattr_static(cls, name)
        if inspect.isfunction(attribute):
            setattr(cls, name, _wrap(attribute))
    return cls
