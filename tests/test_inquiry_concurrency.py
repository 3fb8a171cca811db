"""The last seat, booked by two terminals at the same moment, on SQLite and PostgreSQL:
exactly one wins, the other gets the clear "slot just filled" message, and the slot's
`booked` never exceeds its seats."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from db.models import Appointment, SlotLoad
from queue_app.domain.errors import DomainError
from queue_app.domain.inquiry_views import AppointmentView
from tests.conftest import make_services
from tests.inquiry_support import mailed_case, with_inquiry
from tests.waiting import DEADLINE, join_all

ROUNDS = 6


def race(terminals: list, cases: list[int], day: date, minute: int) -> list[object]:  # type: ignore[type-arg]
    """Each terminal books its own case into the same slot, released by one barrier."""
    barrier = threading.Barrier(len(terminals), timeout=DEADLINE)
    outcomes: list[object] = [None] * len(terminals)

    def book(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = terminals[i].inquiries.book(cases[i], "sogo", day, minute)
        except Exception as exc:  # the loser's error is asserted by the caller
            outcomes[i] = exc

    threads = [
        threading.Thread(target=book, args=(i,), name=f"terminal-{i}")
        for i in range(len(terminals))
    ]
    for t in threads:
        t.start()
    join_all(threads)  # a terminal still booking after the deadline fails the test
    assert all(o is not None for o in outcomes), outcomes  # every terminal got an answer
    return outcomes


def test_last_seat_race(db_url, config, clock) -> None:  # type: ignore[no-untyped-def]
    config = with_inquiry(config, seats_per_slot=1)
    terminals = [make_services(db_url, config, clock) for _ in range(2)]
    try:
        first = terminals[0]
        day = date(2026, 12, 4)
        slots = [
            s.start_minute
            for s in first.inquiries.slots(mailed_case(first, date(2026, 12, 1)).id, "sogo", day)
        ][:ROUNDS]
        for minute in slots:
            cases = [mailed_case(first, date(2026, 12, 1)).id for _ in terminals]
            outcomes = race(terminals, cases, day, minute)
            errors = [o for o in outcomes if isinstance(o, Exception)]
            wins = [o for o in outcomes if o is not None and not isinstance(o, Exception)]
            assert len(wins) == 1, outcomes
            booked = wins[0]  # a real booking of the winner's case into this slot
            assert isinstance(booked, AppointmentView), outcomes
            assert booked.case_id == cases[outcomes.index(booked)], booked
            assert (booked.day, booked.start_minute) == (day, minute), booked
            assert len(errors) == 1 and isinstance(errors[0], DomainError), outcomes
            assert errors[0].key == "inq.err.slot_full"
            assert "満席" in errors[0].message("ja")
            assert "just been filled" in errors[0].message("en")
            loser = cases[outcomes.index(errors[0])]
            assert first.inquiries.get_case(loser).state == "mailed"  # nothing half-written

        with Session(first.engine) as session:
            loads = list(session.scalars(select(SlotLoad)))
            assert loads and all(row.booked <= 1 for row in loads)
            assert {row.start_minute for row in loads if row.booked == 1} == set(slots)
            booked = list(session.scalars(select(Appointment)))
            assert len(booked) == len(slots)
    finally:
        for t in terminals:
            t.engine.dispose()
