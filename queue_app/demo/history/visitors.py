"""One simulated visitor and one simulated inquiry case (mutable, slotted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class _Visitor:
    __slots__ = (
        "id",
        "seq",
        "service",
        "issued_service",
        "number",
        "kind",
        "decision",
        "priority",
        "issue_ms",
        "queued_ms",
        "leave_ms",
        "minutes",
        "outcome",
        "no_show",
        "transfer_to",
        "called_ms",
        "started_ms",
        "finished_ms",
        "counter",
        "staff",
        "state",
        "recall_count",
        "appointment_id",
        "case_id",
        "reason",
        "plan_id",
        "route",
        "step_ends",
        "rng",
    )

    def __init__(self, service: str, issue_ms: int) -> None:
        self.id = 0
        self.seq = 0
        self.service = service
        self.issued_service = service
        self.number = 0
        self.kind = ""
        self.decision = ""
        self.priority = 0
        self.issue_ms = issue_ms
        self.queued_ms = issue_ms
        self.leave_ms: int | None = None
        self.minutes = 0.0
        self.outcome = "served"
        self.no_show = False
        self.transfer_to: str | None = None
        self.called_ms: int | None = None
        self.started_ms: int | None = None
        self.finished_ms: int | None = None
        self.counter: int | None = None
        self.staff: str | None = None
        self.state = "waiting"
        self.recall_count = 0
        self.appointment_id: int | None = None
        self.case_id: int | None = None
        self.reason = ""
        # a visit plan: its id, its procedures, and (outcome, end) of each step ended
        self.plan_id: str | None = None
        self.route: tuple[str, ...] = ()
        self.step_ends: list[tuple[str, int]] = []
        self.rng: Any = None  # the plan's own draws (the day's sequence stays as it was)


@dataclass
class _Case:
    row: dict[str, Any]
    appointment: dict[str, Any] | None = None


# -- the generator -----------------------------------------------------------------------------
