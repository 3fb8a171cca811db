"""Staff codes: who may change a ticket, and which procedures need a recorded outcome.

When the configuration lists staff (`[[staff]]`), every action that changes a ticket names
a registered code, so the ticket events and the audit log say who did it. With no staff
configured (a small office, a training set-up) codes stay optional and free.

A rejected code is never echoed back: a clerk who types a PIN or a 個人番号 into the wrong
field must not see it printed (or logged) again.
"""

from __future__ import annotations

from collections.abc import Mapping

from queue_app.domain.config import Config, Staff
from queue_app.domain.errors import InputError


def check_staff(
    staff: Mapping[str, Staff],
    code: str | None,
    *,
    office_id: str | None = None,
    required: bool = False,
) -> str | None:
    """The code to record (None when there is none), or an InputError naming the problem.

    Nothing is checked when no staff is configured. Otherwise a code must be registered,
    allowed at `office_id` (when the staff entry names offices and the office is known),
    and present when `required`.
    """
    if not staff:
        return code or None
    if not code:
        if required:
            raise InputError("err.staff_required")
        return None
    entry = staff.get(code)
    if entry is None:
        raise InputError("err.staff_unknown")
    if office_id is not None and entry.offices and office_id not in entry.offices:
        raise InputError("err.staff_office", office=office_id)
    return code


def outcome_required(config: Config, service_id: str) -> bool:
    """True for procedures whose outcome the city counts (the e-certificate renewal):
    finishing one needs an explicit outcome, never the default 'served'."""
    service = config.services.get(service_id)
    return bool(service is not None and service.outcome_required)
