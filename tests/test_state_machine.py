"""Random sequences of counter operations against a model (hypothesis, SQLite file).

After every step: no ticket is in a state the model does not expect (no illegal state is
reached, an illegal action changes nothing), tickets per state match the model, each
ticket's latest event's to_state is its state, and the number of events adds up.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from db.models import Ticket, TicketEvent
from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from queue_app.domain.errors import DomainError
from queue_app.domain.tickets import TRANSITIONS, Action, TicketState, recall_result
from queue_app.services import IssueRequest
from tests.conftest import make_services

SERVICES = ("ecert", "certificate", "moving")
COUNTERS = {1: ("certificate", "other"), 2: ("certificate", "moving", "other"), 3: ("ecert",)}
RECALL_LIMIT = 2


class TicketMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.mkdtemp(prefix="madoguchi-sm-")
        config = load_config(env={})
        config = replace(config, settings=replace(config.settings, recall_limit=RECALL_LIMIT))
        self.clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
        self.services = make_services(f"sqlite:///{self.dir}/sm.db", config, self.clock)
        self.t = self.services.tickets
        # the model: per ticket its state, service, arrival (ms), recall count, target counter
        self.state: dict[int, TicketState] = {}
        self.service: dict[int, str] = {}
        self.arrival: dict[int, int] = {}
        self.recalls: dict[int, int] = {}
        self.target: dict[int, int | None] = {}
        self.counter: dict[int, int | None] = {}  # where a ticket was last called
        self.events = 0
        self.numbers: dict[str, int] = Counter()

    def teardown(self) -> None:
        self.services.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------
    def _apply(self, tid: int, action: Action, fn: object) -> None:
        """Run an action; legal -> the model moves, illegal -> DomainError, nothing moves."""
        old = self.state[tid]
        expected = TRANSITIONS.get((old, action))
        if expected is None:
            try:
                fn()  # type: ignore[operator]
            except DomainError as err:
                assert err.key == "err.illegal_transition", err.key
            else:
                raise AssertionError(f"{action} from {old} was accepted")
            return
        view = fn()  # type: ignore[operator]
        if action is Action.RECALL:
            expected, count = recall_result(self.recalls[tid], RECALL_LIMIT)
            self.recalls[tid] = count
        if action in (Action.CALL, Action.TRANSFER, Action.REQUEUE):
            self.recalls[tid] = 0
        if action in (Action.TRANSFER, Action.REQUEUE):
            self.counter[tid] = None
        assert view.state == expected.value, (tid, action, view.state, expected)
        self.state[tid] = expected
        self.events += 1

    def _waiting_order(self, counter: int) -> list[int]:
        handles = COUNTERS[counter]
        ids = [
            tid
            for tid, s in self.state.items()
            if s is TicketState.WAITING
            and self.service[tid] in handles
            and self.target[tid] in (None, counter)
        ]
        return sorted(ids, key=lambda tid: (self.arrival[tid], tid))

    # -- rules ---------------------------------------------------------------------------
    @rule(service=st.sampled_from(SERVICES))
    def issue(self, service: str) -> None:
        result = self.t.issue(IssueRequest("sogo", service), with_estimate=False)
        tid = result.ticket.id
        self.numbers[service] += 1
        assert result.ticket.number == self.numbers[service]
        self.state[tid] = TicketState.WAITING
        self.service[tid] = service
        self.arrival[tid] = int(result.ticket.queued_at.timestamp() * 1000)
        self.recalls[tid] = 0
        self.target[tid] = None
        self.counter[tid] = None
        self.events += 1

    def _open_at(self, counter: int) -> list[int]:
        return [
            tid
            for tid, st_ in self.state.items()
            if st_ in (TicketState.CALLED, TicketState.SERVING) and self.counter[tid] == counter
        ]

    @rule(counter=st.sampled_from(sorted(COUNTERS)))
    def call_next(self, counter: int) -> None:
        if self._open_at(counter):  # one visitor at a time: refused, nothing moves
            try:
                self.t.call_next("sogo", counter)
            except DomainError as err:
                assert err.key == "err.counter_busy", err.key
            else:
                raise AssertionError(f"counter {counter} called a second visitor")
            return
        expected = self._waiting_order(counter)
        got = self.t.call_next("sogo", counter)
        if not expected:
            assert got is None
            return
        assert got is not None and got.id == expected[0], (got, expected)
        assert got.counter == counter
        self.counter[got.id] = counter
        self.state[got.id] = TicketState.CALLED
        self.recalls[got.id] = 0
        self.events += 1

    @precondition(lambda self: bool(self.state))
    @rule(
        data=st.data(),
        action=st.sampled_from(
            [Action.RECALL, Action.START, Action.NO_SHOW, Action.CANCEL, Action.REQUEUE]
        ),
    )
    def act(self, data: st.DataObject, action: Action) -> None:
        tid = data.draw(st.sampled_from(sorted(self.state)))
        fn = {
            Action.RECALL: self.t.recall,
            Action.START: self.t.start,
            Action.NO_SHOW: self.t.no_show,
            Action.CANCEL: self.t.cancel,
            Action.REQUEUE: self.t.requeue,
        }[action]
        self._apply(tid, action, lambda: fn(tid))

    @precondition(lambda self: bool(self.state))
    @rule(data=st.data(), outcome=st.sampled_from(["renewed", "referred", "other"]))
    def finish(self, data: st.DataObject, outcome: str) -> None:
        tid = data.draw(st.sampled_from(sorted(self.state)))
        self._apply(tid, Action.FINISH, lambda: self.t.finish(tid, outcome))

    @precondition(lambda self: bool(self.state))
    @rule(
        data=st.data(), to_service=st.sampled_from(SERVICES), to_counter=st.sampled_from([None, 2])
    )
    def transfer(self, data: st.DataObject, to_service: str, to_counter: int | None) -> None:
        tid = data.draw(st.sampled_from(sorted(self.state)))
        if to_counter is not None and to_service not in COUNTERS[to_counter]:
            to_counter = None
        before = self.state[tid]
        self._apply(
            tid,
            Action.TRANSFER,
            lambda: self.t.transfer(tid, to_service=to_service, to_counter=to_counter),
        )
        if (before, Action.TRANSFER) in TRANSITIONS:
            self.service[tid] = to_service
            self.target[tid] = to_counter

    @rule(minutes=st.integers(min_value=1, max_value=20))
    def advance_clock(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    # -- invariants ----------------------------------------------------------------------
    @invariant()
    def database_matches_model(self) -> None:
        with self.services.uow.read() as session:
            rows = {r.id: r for r in session.execute(select(Ticket.__table__)).all()}  # type: ignore[attr-defined]
            latest = dict(
                session.execute(
                    select(TicketEvent.ticket_id, TicketEvent.to_state).where(  # type: ignore[call-overload]
                        TicketEvent.id.in_(  # type: ignore[union-attr]
                            select(func.max(TicketEvent.id)).group_by(TicketEvent.ticket_id)  # type: ignore[arg-type]
                        )
                    )
                ).all()
            )
            events = session.execute(select(func.count()).select_from(TicketEvent)).scalar_one()
        assert {tid: r.state for tid, r in rows.items()} == {
            tid: s.value for tid, s in self.state.items()
        }
        assert Counter(r.state for r in rows.values()) == Counter(
            s.value for s in self.state.values()
        )
        assert latest == {tid: r.state for tid, r in rows.items()}
        assert events == self.events
        for tid, r in rows.items():
            assert r.service_id == self.service[tid] and r.queued_ms == self.arrival[tid]
            assert r.recall_count <= RECALL_LIMIT
            if r.state == "done":
                assert r.outcome is not None and r.finished_ms is not None
        open_counters = [r.counter for r in rows.values() if r.state in ("called", "serving")]
        assert len(open_counters) == len(set(open_counters)), open_counters  # one per counter


TicketMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,  # correctness, not speed: a loaded machine must not fail it
    suppress_health_check=[HealthCheck.too_slow],
)
test_ticket_state_machine = TicketMachine.TestCase
