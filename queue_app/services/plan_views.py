"""Frozen read models of visit plans and the pickup board, for the faces (reception, display,
the visitor's web page) and the CLI. Procedure, state and outcome only: never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from queue_app.domain.visit_plans import StepState


@dataclass(frozen=True)
class StepView:
    """One procedure of a visit: `state` is pending / current / done / skipped / cancelled."""

    position: int
    service_id: str
    state: str
    outcome: str | None = None
    ended_at: datetime | None = None

    @property
    def is_current(self) -> bool:
        return self.state == StepState.CURRENT.value

    @property
    def ended(self) -> bool:
        return StepState(self.state).ended

    def to_json(self) -> dict[str, object]:
        return {
            "position": self.position,
            "service": self.service_id,
            "state": self.state,
            "outcome": self.outcome,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
        }


@dataclass(frozen=True)
class PlanView:
    """A ticket's whole visit. A single-procedure ticket has one step (`plan_id` None), so a
    face can always show "the plan with the current step".

    `ticket_state` is the ticket's state (waiting, called, serving, preparing, ready, done,
    ...); `pickup` is "preparing" / "ready" / "handed_over" when the current (or last) step
    is in the pickup stage (交付), else None."""

    ticket_id: int
    office_id: str
    display_number: str
    plan_id: str | None  # a named plan's id, "*" ad hoc, None for a single procedure
    ticket_state: str
    steps: tuple[StepView, ...]
    pickup: str | None = None

    @property
    def is_plan(self) -> bool:
        return self.plan_id is not None

    @property
    def current(self) -> StepView | None:
        for step in self.steps:
            if step.is_current:
                return step
        return None

    @property
    def previous(self) -> tuple[StepView, ...]:
        """What came before: the steps that ended (done or skipped), in order: what the
        clerk at the next counter sees."""
        return tuple(s for s in self.steps if s.state in ("done", "skipped"))

    @property
    def remaining(self) -> tuple[StepView, ...]:
        return tuple(s for s in self.steps if s.state == StepState.PENDING.value)

    def to_json(self) -> dict[str, object]:
        current = self.current
        return {
            "ticket_id": self.ticket_id,
            "office": self.office_id,
            "number": self.display_number,
            "plan": self.plan_id,
            "state": self.ticket_state,
            "pickup": self.pickup,
            "current": current.position if current else None,
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True)
class PickupEntry:
    """A ticket in the pickup stage: `state` "preparing" or "ready"; `since` when it got
    there (UTC)."""

    ticket_id: int
    display_number: str
    service_id: str
    state: str
    since: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "ticket_id": self.ticket_id,
            "number": self.display_number,
            "service": self.service_id,
            "state": self.state,
            "since": self.since.isoformat(),
        }


@dataclass(frozen=True)
class PickupBoard:
    """One office's pickup stage today: `ready` (お渡しできます, the board's list, oldest
    first) and `preparing` (準備中, for the back office)."""

    office_id: str
    ready: tuple[PickupEntry, ...]
    preparing: tuple[PickupEntry, ...]

    @property
    def ready_numbers(self) -> tuple[str, ...]:
        return tuple(e.display_number for e in self.ready)

    def to_json(self) -> dict[str, object]:
        return {
            "office": self.office_id,
            "ready": [e.to_json() for e in self.ready],
            "preparing": [e.to_json() for e in self.preparing],
        }
