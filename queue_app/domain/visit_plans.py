"""Visit plans: one ticket through several procedures (転入届 → カード → 国保 ...).

A plan is an ordered list of steps, one procedure each. Exactly one step is `current` while
the visit goes on; finishing it makes the next pending step current and the ticket joins
that procedure's queue at once, keeping its arrival time (`queued_ms`) and with the
priority the configuration gives returning visitors. A clerk may add, skip or move the
remaining steps. Every step ends exactly once: done, skipped, or cancelled with the visit.

Steps are addressed by position (1-based, as stored); the CLI and the faces name a step by
its procedure and `find_pending` turns that into a position.

Pure: values in, values out, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from queue_app.domain.config import MAX_PLAN_STEPS as MAX_STEPS
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.tickets import Outcome

# a step that ended with this outcome cannot be done again the same visit (the second
# visit is booked through its inquiry case); the other steps go on
INQUIRY_OUTCOME = Outcome.DOCUMENT_INQUIRY.value


class StepState(StrEnum):
    PENDING = "pending"  # still to come
    CURRENT = "current"  # the step the ticket is in now (queue, counter or pickup)
    DONE = "done"
    SKIPPED = "skipped"  # a clerk took it off the plan
    CANCELLED = "cancelled"  # the visit ended (cancelled) before this step

    @property
    def ended(self) -> bool:
        return self in ENDED


ENDED = frozenset({StepState.DONE, StepState.SKIPPED, StepState.CANCELLED})


@dataclass(frozen=True)
class PlanStep:
    position: int
    service_id: str
    state: StepState = StepState.PENDING
    outcome: str | None = None


@dataclass(frozen=True)
class VisitPlan:
    """The steps of one visit, in position order."""

    steps: tuple[PlanStep, ...]
    plan_id: str | None = None  # a named plan of the configuration, else None (ad hoc)

    @property
    def current(self) -> PlanStep | None:
        for step in self.steps:
            if step.state is StepState.CURRENT:
                return step
        return None

    @property
    def remaining(self) -> tuple[PlanStep, ...]:
        """The pending steps, in the order they will come."""
        return tuple(s for s in self.steps if s.state is StepState.PENDING)

    @property
    def has_next(self) -> bool:
        return bool(self.remaining)

    @property
    def ended(self) -> bool:
        return all(s.state.ended for s in self.steps)

    @property
    def service_ids(self) -> tuple[str, ...]:
        return tuple(s.service_id for s in self.steps)

    def step(self, position: int) -> PlanStep:
        for s in self.steps:
            if s.position == position:
                return s
        raise InputError("err.plan_step_unknown", value=position)


def parse_plan_text(text: str) -> tuple[str, ...]:
    """`"moving, card_pickup,other"` → ("moving", "card_pickup", "other")."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def check_steps(service_ids: Sequence[str], known: Iterable[str]) -> tuple[str, ...]:
    """The procedures of a new plan, checked: at least one, at most MAX_STEPS, each known
    (to this office) and each once."""
    steps = tuple(service_ids)
    allowed = tuple(known)
    if not steps:
        raise InputError("err.plan_empty")
    if len(steps) > MAX_STEPS:
        raise InputError("err.plan_too_long", count=len(steps), limit=MAX_STEPS)
    for sid in steps:
        if sid not in allowed:
            raise InputError("err.plan_unknown_service", value=sid, known=", ".join(allowed))
    seen: set[str] = set()
    for sid in steps:
        if sid in seen:
            raise InputError("err.plan_duplicate", value=sid)
        seen.add(sid)
    return steps


def new_plan(service_ids: Sequence[str], plan_id: str | None = None) -> VisitPlan:
    """A fresh plan: the first step is current, the others pending."""
    if not service_ids:
        raise InputError("err.plan_empty")
    steps = tuple(
        PlanStep(i + 1, sid, StepState.CURRENT if i == 0 else StepState.PENDING)
        for i, sid in enumerate(service_ids)
    )
    return VisitPlan(steps, plan_id)


def _with(plan: VisitPlan, changed: dict[int, PlanStep]) -> VisitPlan:
    return replace(plan, steps=tuple(changed.get(s.position, s) for s in plan.steps))


def _promote_next(plan: VisitPlan) -> VisitPlan:
    """Make the first pending step current (if there is one)."""
    remaining = plan.remaining
    if not remaining:
        return plan
    first = remaining[0]
    return _with(plan, {first.position: replace(first, state=StepState.CURRENT)})


def finish_current(plan: VisitPlan, outcome: str | None) -> VisitPlan:
    """The current step is done (with its outcome); the next pending step becomes current."""
    current = plan.current
    if current is None:
        raise DomainError("err.plan_no_current")
    done = _with(plan, {current.position: replace(current, state=StepState.DONE, outcome=outcome)})
    return _promote_next(done)


def cancel_rest(plan: VisitPlan) -> VisitPlan:
    """The visit was cancelled: the current and the pending steps end as cancelled."""
    return replace(
        plan,
        steps=tuple(
            s if s.state.ended else replace(s, state=StepState.CANCELLED) for s in plan.steps
        ),
    )


def find_pending(plan: VisitPlan, service_id: str, include_current: bool = False) -> PlanStep:
    """The first step still to come for this procedure (or the current one, if allowed)."""
    for s in plan.steps:
        if s.service_id == service_id and (
            s.state is StepState.PENDING or (include_current and s.state is StepState.CURRENT)
        ):
            return s
    raise InputError(
        "err.plan_step_not_pending",
        value=service_id,
        known=", ".join(s.service_id for s in plan.remaining) or "-",
    )


def add_step(plan: VisitPlan, service_id: str, at: int | None = None) -> VisitPlan:
    """Add a procedure to the remaining steps: at `at` (1 = next) or at the end. A procedure
    already current or still to come is refused (each once), and so is one whose step ended
    in a document inquiry this visit."""
    if plan.ended:
        raise DomainError("err.plan_ended")
    if any(s.service_id == service_id and not s.state.ended for s in plan.steps):
        raise InputError("err.plan_duplicate", value=service_id)
    if any(s.service_id == service_id and s.outcome == INQUIRY_OUTCOME for s in plan.steps):
        raise DomainError("err.plan_after_inquiry", value=service_id)
    if len([s for s in plan.steps if not s.state.ended]) >= MAX_STEPS:
        raise InputError("err.plan_too_long", count=MAX_STEPS + 1, limit=MAX_STEPS)
    position = max(s.position for s in plan.steps) + 1
    added = replace(plan, steps=(*plan.steps, PlanStep(position, service_id)))
    if at is None:
        return added
    return move_step(added, position, at)


def skip_step(plan: VisitPlan, position: int, ticket_waiting: bool) -> VisitPlan:
    """Take a step off the plan. A pending step always; the current step only while the
    ticket waits in its queue (not at a counter or in the pickup stage) and only when
    another step follows (to end the whole visit, cancel the ticket)."""
    step = plan.step(position)
    if step.state is StepState.PENDING:
        return _with(plan, {position: replace(step, state=StepState.SKIPPED)})
    if step.state is StepState.CURRENT:
        if not ticket_waiting:
            raise DomainError("err.plan_skip_busy", service=step.service_id)
        if not plan.has_next:
            raise DomainError("err.plan_skip_last", service=step.service_id)
        skipped = _with(plan, {position: replace(step, state=StepState.SKIPPED)})
        return _promote_next(skipped)
    raise DomainError("err.plan_step_ended", service=step.service_id, state=step.state.value)


def move_step(plan: VisitPlan, position: int, to: int) -> VisitPlan:
    """Move a pending step to place `to` among the remaining steps (1 = next). Done and
    current steps keep their places; positions of the remaining steps are renumbered."""
    step = plan.step(position)
    if step.state is not StepState.PENDING:
        raise DomainError("err.plan_move_not_pending", service=step.service_id)
    remaining = [s for s in plan.remaining if s.position != position]
    if not 1 <= to <= len(remaining) + 1:
        raise InputError("err.plan_move_place", value=to, high=len(remaining) + 1)
    remaining.insert(to - 1, step)
    slots = sorted(s.position for s in plan.remaining)
    renumbered = {s.position: s for s in plan.steps if s.state is not StepState.PENDING}
    ordered = [replace(s, position=p) for s, p in zip(remaining, slots, strict=True)]
    steps = sorted([*renumbered.values(), *ordered], key=lambda s: s.position)
    return replace(plan, steps=tuple(steps))


def return_priority(current: int, configured: int) -> int:
    """The priority of a ticket joining its next step's queue: never lower than it had."""
    return max(current, configured)


@dataclass(frozen=True)
class StepSummary:
    """What the clerk at the next counter sees of a step: procedure, state and outcome,
    never personal data."""

    position: int
    service_id: str
    state: str
    outcome: str | None

    @classmethod
    def of(cls, step: PlanStep) -> StepSummary:
        return cls(step.position, step.service_id, step.state.value, step.outcome)


def summary(plan: VisitPlan) -> tuple[StepSummary, ...]:
    return tuple(StepSummary.of(s) for s in plan.steps)
