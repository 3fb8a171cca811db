"""Time in the building (issue 13): one visit's steps read from its event history, and the
figures of the visits report.

A visit is one ticket. Its steps are read from `ticket_event` alone, so old history (before
visit plans) reads the same way: a single-procedure ticket is one step. A step starts when
the ticket joins a procedure's queue (issue, `advance`, a transfer after a counter served
it) and ends when the counter finishes it (`done`, `advance`), or, for a pickup procedure,
when the document is handed over. Within a step:

- wait        joined the queue → first call
- service     start → end of the counter part (finish, or `preparing` for a pickup)
- preparing   `preparing` → `ready` (the back office)
- pickup wait `ready` → handed over

Time in the building is arrival (issue) → the end of the last step, for visits that ended
`done`; cancelled and absent visits are counted but have no time in the building.

Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from queue_app.domain.reporting import percentile


@dataclass(frozen=True)
class Event:
    from_state: str | None
    to_state: str
    service_id: str
    at_ms: int
    detail: str | None = None


@dataclass(frozen=True)
class StepTimes:
    service_id: str
    joined_ms: int
    called_ms: int | None = None
    started_ms: int | None = None
    counter_end_ms: int | None = None  # finish, or the start of preparing
    ready_ms: int | None = None
    ended_ms: int | None = None

    @property
    def wait_ms(self) -> int | None:
        return None if self.called_ms is None else self.called_ms - self.joined_ms

    @property
    def service_ms(self) -> int | None:
        if self.started_ms is None or self.counter_end_ms is None:
            return None
        return self.counter_end_ms - self.started_ms

    @property
    def preparing_ms(self) -> int | None:
        if self.counter_end_ms is None or self.ready_ms is None:
            return None
        return self.ready_ms - self.counter_end_ms

    @property
    def pickup_wait_ms(self) -> int | None:
        if self.ready_ms is None or self.ended_ms is None:
            return None
        return self.ended_ms - self.ready_ms


@dataclass(frozen=True)
class VisitTimes:
    ticket_id: int
    plan_id: str | None  # a named plan, "*" ad hoc, None single procedure
    arrival_ms: int
    state: str
    steps: tuple[StepTimes, ...]

    @property
    def completed(self) -> bool:
        return self.state == "done" and bool(self.steps) and self.steps[-1].ended_ms is not None

    @property
    def building_ms(self) -> int | None:
        """Arrival → end of the last step (None unless the visit ended done)."""
        if not self.completed:
            return None
        end = self.steps[-1].ended_ms
        assert end is not None
        return end - self.arrival_ms

    @property
    def counters(self) -> int:
        """How many counter steps the visit had (steps that were called)."""
        return sum(1 for s in self.steps if s.called_ms is not None)

    @property
    def route(self) -> tuple[str, ...]:
        return tuple(s.service_id for s in self.steps)


def read_visit(
    ticket_id: int, plan_id: str | None, state: str, events: Sequence[Event]
) -> VisitTimes | None:
    """The steps of one ticket from its events in order (None without an issue event)."""
    if not events or events[0].from_state is not None:
        return None
    arrival = events[0].at_ms
    steps: list[StepTimes] = [StepTimes(events[0].service_id, arrival)]

    def set_last(**values: int | str | None) -> None:
        steps[-1] = replace(steps[-1], **values)  # type: ignore[arg-type]

    for e in events[1:]:
        last = steps[-1]
        to, detail = e.to_state, e.detail or ""
        if to == "called":
            if last.called_ms is None:
                set_last(called_ms=e.at_ms)
        elif to == "serving":
            if last.started_ms is None:
                set_last(started_ms=e.at_ms)
        elif to == "preparing":
            set_last(counter_end_ms=e.at_ms)
        elif to == "ready":
            set_last(ready_ms=e.at_ms)
        elif to == "done":
            if e.from_state == "ready":
                set_last(ended_ms=e.at_ms)
            else:
                set_last(counter_end_ms=e.at_ms, ended_ms=e.at_ms)
        elif to == "waiting" and ";next:" in detail:  # advance: the next step begins
            if e.from_state == "serving":
                set_last(counter_end_ms=e.at_ms)
            set_last(ended_ms=e.at_ms)
            steps.append(StepTimes(e.service_id, e.at_ms))
        elif to == "waiting" and e.service_id != last.service_id:
            # a transfer (or a skipped step): a new step if a counter had served this one
            if last.called_ms is not None and detail.startswith("transfer:"):
                set_last(ended_ms=e.at_ms)
                steps.append(StepTimes(e.service_id, e.at_ms))
            else:
                set_last(service_id=e.service_id)
    return VisitTimes(ticket_id, plan_id, arrival, state, tuple(steps))


# -- the figures -----------------------------------------------------------------------
@dataclass(frozen=True)
class Spread:
    """n, p50 and p90 of some durations, in minutes (nearest-rank percentiles)."""

    n: int
    p50: float | None
    p90: float | None
    mean: float | None = None

    @classmethod
    def of(cls, ms_values: Iterable[int | None]) -> Spread:
        values = [v / 60_000 for v in ms_values if v is not None]
        mean = sum(values) / len(values) if values else None
        return cls(len(values), percentile(values, 50), percentile(values, 90), mean)

    def to_json(self) -> dict[str, object]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 1)

        return {"n": self.n, "p50": r(self.p50), "p90": r(self.p90), "mean": r(self.mean)}


@dataclass(frozen=True)
class StepFigures:
    position: int  # 1-based place in the route
    service_id: str
    wait: Spread
    service: Spread
    preparing: Spread
    pickup_wait: Spread


@dataclass(frozen=True)
class PlanFigures:
    key: str  # a named plan's id, "*:a+b+c" for an ad-hoc route, "" for single procedures
    visits: int
    completed: int
    building: Spread
    steps: tuple[StepFigures, ...] = ()
    longest_wait: StepFigures | None = None  # the step where visitors wait longest (p50)


@dataclass(frozen=True)
class VisitFigures:
    visits: int
    completed: int
    multi_counter: int  # visits that needed more than one counter
    building: Spread
    plans: tuple[PlanFigures, ...] = field(default_factory=tuple)
    per_service: tuple[StepFigures, ...] = field(default_factory=tuple)

    @property
    def multi_counter_share(self) -> float | None:
        return self.multi_counter / self.visits if self.visits else None


def plan_key(visit: VisitTimes) -> str:
    if visit.plan_id is None:
        return ""
    if visit.plan_id == "*":
        return "*:" + "+".join(visit.route)
    return visit.plan_id


def _step_figures(position: int, service_id: str, steps: Sequence[StepTimes]) -> StepFigures:
    return StepFigures(
        position,
        service_id,
        wait=Spread.of(s.wait_ms for s in steps),
        service=Spread.of(s.service_ms for s in steps),
        preparing=Spread.of(s.preparing_ms for s in steps),
        pickup_wait=Spread.of(s.pickup_wait_ms for s in steps),
    )


def _longest(steps: Sequence[StepFigures]) -> StepFigures | None:
    waited = [s for s in steps if s.wait.p50 is not None]
    if not waited:
        return None
    return max(waited, key=lambda s: (s.wait.p50, -s.position))


def figures(visits: Sequence[VisitTimes], service_order: Sequence[str] = ()) -> VisitFigures:
    """The visits report: time in building overall and per plan, each plan's steps (by
    place in its route) and the step with the longest median wait, every procedure's steps."""
    by_plan: dict[str, list[VisitTimes]] = {}
    for v in visits:
        by_plan.setdefault(plan_key(v), []).append(v)
    plans: list[PlanFigures] = []
    for key in sorted(by_plan, key=lambda k: (k != "", k)):
        group = by_plan[key]
        places: dict[tuple[int, str], list[StepTimes]] = {}
        if key:  # a plan: its steps by place in the route
            for v in group:
                for i, s in enumerate(v.steps):
                    places.setdefault((i + 1, s.service_id), []).append(s)
        steps = tuple(_step_figures(p, sid, places[(p, sid)]) for p, sid in sorted(places))
        plans.append(
            PlanFigures(
                key,
                len(group),
                sum(1 for v in group if v.completed),
                Spread.of(v.building_ms for v in group),
                steps,
                _longest(steps),
            )
        )
    per_service: dict[str, list[StepTimes]] = {}
    for v in visits:
        for s in v.steps:
            per_service.setdefault(s.service_id, []).append(s)
    rank = {sid: i for i, sid in enumerate(service_order)}
    services = sorted(per_service, key=lambda sid: (rank.get(sid, len(rank)), sid))
    return VisitFigures(
        visits=len(visits),
        completed=sum(1 for v in visits if v.completed),
        multi_counter=sum(1 for v in visits if v.counters > 1),
        building=Spread.of(v.building_ms for v in visits),
        plans=tuple(plans),
        per_service=tuple(_step_figures(0, sid, per_service[sid]) for sid in services),
    )
