"""The estimate at issue comes from the office's queue snapshot of the current revision
(issue 17): the same numbers as scanning the day, on SQLite and PostgreSQL.

A day is built step by step with two terminals (two TicketServices on one database, so each
sees changes it did not make), every kind of change a counter makes (call, start, finish,
no-show, cancel, transfer, requeue), priority tickets and a clock that moves on; after every
step the estimate each terminal gives (for a ticket it just issued, and for tickets already
waiting) is compared with `estimate_scanning`, the reference computation that scans the day.
"""

from __future__ import annotations

import random

from queue_app.services import IssueRequest
from queue_app.services.tickets.estimate_cache import QueueSnapshot
from tests.conftest import make_services

SERVICES = ("ecert", "certificate", "moving", "other")
COUNTERS = {1: ("certificate", "other"), 3: ("ecert",), 5: ("moving", "other")}


def _same(got, want) -> None:  # type: ignore[no-untyped-def]
    assert got.people_ahead == want.people_ahead
    assert got.counters == want.counters
    assert abs(got.minutes_per_person - want.minutes_per_person) < 1e-9
    assert got.minutes == want.minutes
    assert got.expected_call == want.expected_call
    assert got.after_close == want.after_close


def test_estimate_matches_the_scan_over_a_built_day(db_url, config, clock) -> None:  # type: ignore[no-untyped-def]
    one = make_services(db_url, config, clock)
    two = make_services(db_url, config, clock)  # another terminal, its own snapshot
    rng = random.Random(17)
    at_counter: dict[int, int] = {}  # counter -> ticket open there
    served: list[int] = []
    compared = 0
    try:
        for step in range(220):
            clock.advance(seconds=rng.randint(5, 150))
            terminal = one if rng.random() < 0.7 else two
            roll = rng.random()
            if roll < 0.45 or step < 20:
                result = terminal.tickets.issue(
                    IssueRequest(
                        "sogo",
                        rng.choice(SERVICES),
                        visit_kind="self",
                        priority=1 if rng.random() < 0.1 else 0,
                    )
                )
                assert result.estimate is not None
                _same(result.estimate, terminal.tickets.estimate_scanning(result.ticket))
                compared += 1
            else:
                counter = rng.choice(sorted(COUNTERS))
                held = at_counter.get(counter)
                tickets = terminal.tickets
                if held is None:
                    called = tickets.call_next("sogo", counter)
                    if called is not None:
                        at_counter[counter] = called.id
                else:
                    move = rng.random()
                    if move < 0.5:
                        view = tickets.get(held)
                        if view.state == "called":
                            tickets.start(held, counter)
                        else:
                            tickets.finish(held, "served" if view.service_id == "ecert" else None)
                            served.append(held)
                            del at_counter[counter]
                    elif move < 0.6 and tickets.get(held).state == "called":
                        tickets.no_show(held, counter)
                        del at_counter[counter]
                    elif move < 0.7 and tickets.get(held).state == "called":
                        tickets.cancel(held, counter)
                        del at_counter[counter]
                    elif move < 0.8:
                        other = "other" if tickets.get(held).service_id != "other" else "moving"
                        tickets.transfer(held, to_service=other, counter_no=counter)
                        del at_counter[counter]
                    elif move < 0.9 and tickets.get(held).state == "called":
                        tickets.requeue(held, counter)
                        del at_counter[counter]
            # tickets already waiting, asked of either terminal (outside the issue path)
            waiting = one.tickets.waiting("sogo")
            for view in rng.sample(waiting, min(3, len(waiting))):
                for svc in (one, two):
                    _same(svc.tickets.estimate_for(view), svc.tickets.estimate_scanning(view))
                    compared += 1
        assert len(served) >= 8  # durations, not only the configured minutes
        assert compared > 300
    finally:
        one.engine.dispose()
        two.engine.dispose()


def test_an_issue_reads_the_day_once_then_adds_its_own_tickets(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """After the first estimate, this terminal's own issues add their ticket to the snapshot
    instead of reading the day again; another terminal's change makes it read again."""
    import queue_app.services.tickets.estimate_core as estimates

    reads: list[QueueSnapshot] = []
    real = estimates.read_snapshot

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(real(*args, **kwargs))
        return reads[-1]

    monkeypatch.setattr(estimates, "read_snapshot", counting)
    tickets = services.tickets
    for n in range(1, 21):
        result = tickets.issue(IssueRequest("sogo", "certificate", visit_kind="self"))
        assert result.estimate is not None and result.estimate.people_ahead == n - 1
    assert len(reads) == 1
    tickets.call_next("sogo", 1)  # a change the snapshot did not see being made
    result = tickets.issue(IssueRequest("sogo", "certificate", visit_kind="self"))
    assert result.estimate is not None and result.estimate.people_ahead == 19
    assert len(reads) == 2
    _same(result.estimate, tickets.estimate_scanning(result.ticket))
