"""Looking slips and visits up at the inquiry desk (SQLite and PostgreSQL): a slip by its QR
or its printed code, and the visits whose case was left for later (後で)."""

from __future__ import annotations

from datetime import date

import pytest

from queue_app.domain.errors import DomainError, InputError, NotFoundError
from tests.inquiry_support import at, first_visit, mailed_case


def test_find_slip_by_token_or_printed_code(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", date(2026, 12, 4), 600)
    token = inq.token(appt)
    clock.set(at(2026, 12, 10, 9))  # another day: the desk still finds it
    for text in (token, appt.code, appt.code.lower(), appt.code.replace("-", " ")):
        assert inq.find_slip(text).id == appt.id
    with pytest.raises(DomainError):
        inq.find_slip(token[:-3] + "AAA")  # a forged signature
    with pytest.raises(NotFoundError):
        inq.find_slip("R-2222" if appt.code != "R-2222" else "R-3333")
    with pytest.raises(InputError):
        inq.find_slip("R-0000")


def test_left_for_later_lists_only_visits_without_a_case(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    later = first_visit(services)  # 後で: finished with 文書照会, no case
    with_case = first_visit(services)
    inq.open_case(with_case.id, "agent_first", staff="S001")
    assert [t.id for t in inq.left_for_later("sogo")] == [later.id]
    assert inq.left_for_later("yanasegawa") == []
    clock.set(at(2026, 12, 3, 9))
    assert [t.id for t in inq.left_for_later("sogo")] == [later.id]  # still there later on
    assert inq.left_for_later("sogo", days=1) == []  # older than asked for
    inq.open_case(later.id, "agent_first", staff="S001")
    assert inq.left_for_later("sogo") == []
