"""The ticket row's report marks (`first_called_ms`, `transferred`; migration 0007,
domain/report_marks.py), on SQLite and PostgreSQL (`db_url`):

- the transitions write them in the transaction of the event they come from (a failure
  before the commit leaves neither the event nor the mark);
- migration 0007's backfill gives old history exactly what the transitions write for new
  tickets: the rich day of test_report_day_figures (recall, no-show re-queued, transfers
  while waiting and at the counter, cancellations, a plan, the pickup stage, a re-queue),
  plus a plan edited while called and a recall on a clock set back, is built at head, the
  schema stepped down to 0006 (the columns dropped) and up again: the same marks, the same
  events, the same range report;
- the range report, which reads the marks, gives the figures the events give.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from db.migrate import _alembic_config, check, head_revision
from queue_app.domain.report_marks import fold_marks
from queue_app.services import IssueRequest
from tests.conftest import make_services
from tests.report_fixtures import JST, report_config
from tests.test_report_day_figures import build_day, build_morning

DAY = date(2026, 12, 3)


def _marks(engine: Any) -> dict[int, tuple[int | None, int]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, first_called_ms, transferred FROM ticket"))
        return {int(r[0]): (r[1], int(r[2])) for r in rows}


def _from_events(engine: Any) -> dict[int, tuple[int | None, int]]:
    """The rule in Python, from the event log alone (every ticket has its issue event)."""
    events: dict[int, list[tuple[str | None, int, str | None]]] = defaultdict(list)
    with engine.connect() as conn:
        for tid, to_state, at_ms, detail in conn.execute(
            text("SELECT ticket_id, to_state, at_ms, detail FROM ticket_event")
        ):
            events[int(tid)].append((to_state, int(at_ms), detail))
    return {tid: fold_marks(evs) for tid, evs in events.items()}


def _events(engine: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM ticket_event ORDER BY id"))]


def _step(engine: Any, step: Any, target: str) -> None:
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, target)


def _at(svc: Any, day: int, hh: int, mm: int) -> None:
    svc.clock.set(datetime(2026, 12, day, hh, mm, tzinfo=JST))


def _edge_cases(svc: Any) -> dict[str, int]:
    """2026-12-07: a plan edited while called (its event is a `-> called` one, later than
    the call), and a recall on a clock set back before the call (the first call is the
    earliest event, not the first written)."""
    t = svc.tickets
    _at(svc, 7, 9, 0)
    plan = t.issue_plan(IssueRequest("sogo", "", visit_kind="self"), "tennyu").ticket.id
    back = t.issue(IssueRequest("sogo", "certificate"), with_estimate=False).ticket.id
    _at(svc, 7, 9, 10)
    t.call(plan, 5)
    _at(svc, 7, 9, 12)
    t.edit_plan(plan, add="certificate")
    _at(svc, 7, 9, 20)
    t.call(back, 2)
    _at(svc, 7, 9, 15)  # the clock set back 5 minutes
    t.recall(back, 2)
    return {"plan": plan, "back": back}


@pytest.fixture
def history(db_url):  # type: ignore[no-untyped-def]
    from queue_app.domain.clock import MutableClock

    svc = make_services(db_url, report_config(), MutableClock(datetime(2026, 12, 3, 8, tzinfo=JST)))
    build_day(svc)
    build_morning(svc)
    ids = _edge_cases(svc)
    yield svc, ids
    svc.engine.dispose()


def test_backfill_equals_what_the_transitions_write(history) -> None:  # type: ignore[no-untyped-def]
    history, ids = history
    engine = history.engine
    written = _marks(engine)
    assert written == _from_events(engine)  # the transitions follow the rule
    assert sum(tr for _first, tr in written.values()) == 2  # the two transfers of the day
    assert sum(first is None for first, _tr in written.values()) > 0  # never called ones
    back = ids["back"]
    recall_ms = int(datetime(2026, 12, 7, 9, 15, tzinfo=JST).timestamp() * 1000)
    assert written[back] == (recall_ms, 0)  # the earliest event, not the first written
    events = _events(engine)
    report = history.reports.range("sogo", DAY, date(2026, 12, 7))

    _step(engine, command.downgrade, "0006")  # old history: no marks on the rows
    with engine.connect() as conn:
        columns = {
            c[1] for c in conn.execute(text("SELECT * FROM ticket LIMIT 0")).cursor.description
        }
    assert "first_called_ms" not in columns and "transferred" not in columns
    _step(engine, command.upgrade, "head")  # 0007 fills them from the events

    assert check(engine) == head_revision()
    assert _marks(engine) == written
    assert _events(engine) == events  # no event rewritten
    assert history.reports.range("sogo", DAY, date(2026, 12, 7)) == report


def test_the_range_report_reads_the_figures_the_events_give(history) -> None:  # type: ignore[no-untyped-def]
    """The day's range report from the marks equals the daily report (which reads the same
    marks; tests/test_report_day_figures.py checks it against the day's events alone)."""
    history, _ids = history
    daily = history.reports.daily("sogo", DAY)
    day = history.reports.range("sogo", DAY, DAY).days[0]
    assert day.figures == daily.totals
    assert day.figures.transferred == 2


def test_a_transition_writes_its_marks_in_its_own_transaction(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = services.tickets
    engine = services.engine
    tid = t.issue(IssueRequest("sogo", "certificate"), with_estimate=False).ticket.id
    assert _marks(engine)[tid] == (None, 0)

    def boom(*_args: Any, **_kwargs: Any) -> None:  # after the UPDATE and the event
        raise RuntimeError("the transaction fails before its commit")

    monkeypatch.setattr(services.uow, "bump_revision", boom)
    with pytest.raises(RuntimeError):
        t.call(tid, 2)
    with pytest.raises(RuntimeError):
        t.transfer(tid, to_service="other")
    monkeypatch.undo()
    assert _marks(engine)[tid] == (None, 0)  # neither mark without its event
    with engine.connect() as conn:
        states = conn.execute(
            text("SELECT to_state FROM ticket_event WHERE ticket_id = :t"), {"t": tid}
        ).scalars()
        assert list(states) == ["waiting"]

    call_ms = int(services.clock.now().timestamp() * 1000)
    t.call(tid, 2)
    assert _marks(engine)[tid] == (call_ms, 0)
    services.clock.set(datetime(2026, 12, 1, 9, 5, tzinfo=JST))
    t.recall(tid, 2)  # a later call: the first one stays
    t.start(tid, 2)
    t.transfer(tid, to_service="other")
    assert _marks(engine)[tid] == (call_ms, 1)
    t.call(tid, 5)  # called again at the new service: still the first call
    assert _marks(engine) == _from_events(engine)
    assert _marks(engine)[tid] == (call_ms, 1)
