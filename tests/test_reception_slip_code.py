"""The slip's printed code (R-RYRE) typed into the reception's scanner field checks the
visitor in, like the slip's QR: one priority ticket, first in line."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.inquiry_support import at, mailed_case
from tests.keyboard_support import burst, calm, typed
from tests.test_reception_support import reception, reception_app
from tests.waiting import until


@pytest.mark.parametrize("form", ["printed", "lower", "spaced", "full_width"])
async def test_printed_code_checks_in(sqlite_services: Any, form: str) -> None:
    svc = sqlite_services
    inq = svc.inquiries
    case = mailed_case(svc, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", date(2026, 12, 4), 10 * 60, staff="S001")
    svc.clock.set(at(2026, 12, 4, 9, 50))
    code = appt.code  # as printed on the slip, e.g. R-RYRE
    text = {
        "printed": code,
        "lower": code.lower(),
        "spaced": code.replace("-", " "),
        "full_width": code.translate(
            str.maketrans({c: chr(ord(c) + 0xFEE0) for c in code if c.isalnum() or c == "-"})
        ),
    }[form]
    app = reception_app(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await calm(pilot)
        screen = reception(pilot)
        burst(app, typed(text) + ["enter"])
        await calm(pilot)
        await until(pilot, lambda: inq.get_appointment(appt.id).state == "checked_in", "check-in")
        checked = inq.get_appointment(appt.id)
        ticket = svc.tickets.get(checked.ticket_id)
        assert ticket.case_id == case.id and ticket.priority >= 1
        await until(pilot, lambda: screen.opened is not None, "the ticket opened")
        assert screen.opened.id == ticket.id


async def test_a_ticket_number_is_still_a_ticket_number(sqlite_services: Any) -> None:
    from queue_app.services import IssueRequest

    svc = sqlite_services
    issued = svc.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self")).ticket
    app = reception_app(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await calm(pilot)
        screen = reception(pilot)
        burst(app, typed(issued.display_number.lower()) + ["enter"])
        await calm(pilot)
        await until(pilot, lambda: screen.opened is not None, "the ticket opened")
        assert screen.opened.id == issued.id
