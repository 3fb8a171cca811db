"""Shared ground of the inquiry services: constants, row lookups, the case view and the
conditional case-state update every use case goes through."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlmodel import Session

from db.models import Appointment, InquiryCase
from queue_app.domain.errors import DomainError, MadoguchiError, NotFoundError
from queue_app.domain.inquiry import (
    CLOSED_STATES,
    AppointmentState,
    CaseAction,
    CaseState,
    effective_state,
    from_states,
    is_past_deadline,
)
from queue_app.domain.inquiry_views import (
    AppointmentView,
    CaseView,
)
from queue_app.domain.tickets import Outcome
from queue_app.services.rows import view_of
from queue_app.services.uow import from_ms, to_ms

if TYPE_CHECKING:
    from queue_app.services.context import ServiceContext


INQUIRY_DECISION = "document_inquiry"
COMPLETING_OUTCOMES = frozenset({Outcome.RENEWED.value, Outcome.SERVED.value})
ACTIVE_APPOINTMENT = (AppointmentState.BOOKED.value, AppointmentState.CHECKED_IN.value)
DAY_MS = 86_400_000
SYSTEM = "system"

_TOKEN_ERRORS = {
    "err.token_malformed": "inq.err.slip_malformed",
    "err.token_forged": "inq.err.slip_forged",
    "err.token_wrong_kind": "inq.err.slip_wrong_kind",
}


def _appointment_view(row: Appointment) -> AppointmentView:
    assert row.id is not None
    booked = from_ms(row.booked_ms)
    assert booked is not None
    return view_of(
        AppointmentView,
        row,
        day=row.slot_day,
        booked_at=booked,
        checked_in_at=from_ms(row.checked_in_ms),
    )


class InquiryBase:
    def __init__(self, services: ServiceContext) -> None:
        self.services = services
        self.uow = services.uow
        self.config = services.config
        self.calendar = services.calendar
        self.clock = services.clock
        self.secret = services.secret
        self.settings = services.config.settings.inquiry

    # -- helpers ---------------------------------------------------------------------------
    def today(self, office_id: str) -> date:
        return self.calendar.service_day(office_id, self.clock.now())

    def _now_ms(self) -> int:
        return to_ms(self.clock.now())

    def _audit(
        self, session: Session, actor: str | None, action: str, subject: str, detail: str = ""
    ) -> None:
        self.uow.audit(
            session, self._now_ms(), actor or SYSTEM, action, subject, detail[:200] or None
        )

    def _case_row(self, session: Session, case_id: int) -> InquiryCase:
        row = session.get(InquiryCase, case_id)
        if row is None:
            raise NotFoundError("inq.err.case_not_found", id=case_id)
        session.refresh(row)
        return row

    def _appt_row(self, session: Session, appointment_id: int) -> Appointment:
        row = session.get(Appointment, appointment_id)
        if row is None:
            raise NotFoundError("inq.err.appointment_not_found", value=appointment_id)
        session.refresh(row)
        return row

    def _active_appointment(self, session: Session, case_id: int) -> Appointment | None:
        return session.scalars(
            select(Appointment)
            .where(
                Appointment.case_id == case_id,  # type: ignore[arg-type]
                Appointment.state.in_(ACTIVE_APPOINTMENT),  # type: ignore[attr-defined]
            )
            .order_by(Appointment.id.desc())  # type: ignore[union-attr]
        ).first()

    def _case_view(
        self,
        row: InquiryCase,
        appointment: Appointment | None = None,
        personal: bool = False,
    ) -> CaseView:
        assert row.id is not None
        opened = from_ms(row.opened_ms)
        assert opened is not None
        today = self.today(row.office_id)
        days_left = (row.deadline - today).days if row.deadline else None
        overdue = is_past_deadline(row.state, row.deadline, today)  # not yet written down
        return view_of(
            CaseView,
            row,
            state=effective_state(row.state, row.deadline, today),
            opened_at=opened,
            closed_at=from_ms(row.closed_ms),
            days_left=days_left,
            overdue=overdue,
            has_personal=bool(row.name_kana or row.phone),
            appointment=_appointment_view(appointment) if appointment is not None else None,
            name_kana=row.name_kana if personal else None,
            phone=row.phone if personal else None,
            personal_read=personal,
        )

    def _set_case_state(
        self,
        session: Session,
        case_id: int,
        action: CaseAction,
        extra: dict[str, Any] | None = None,
    ) -> CaseState | None:
        """Conditional update; None when the case was not in a state allowing `action`."""
        row = self._case_row(session, case_id)
        allowed = from_states(action)
        if row.state not in allowed:
            return None
        if action not in (CaseAction.EXPIRE, CaseAction.MAIL) and self._past_deadline(row):
            return None  # expired today, even if no sweep has written it down yet (a
            # corrected mailing date may still move the deadline: MAIL is allowed)
        from queue_app.domain.inquiry import next_case_state

        new = next_case_state(row.state, action)
        values: dict[str, Any] = {"state": new.value, **(extra or {})}
        if new in CLOSED_STATES:
            values["closed_ms"] = self._now_ms()
        result = session.execute(
            update(InquiryCase)
            .where(InquiryCase.id == case_id, InquiryCase.state == row.state)  # type: ignore[arg-type]
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return new

    def _past_deadline(self, row: InquiryCase) -> bool:
        return is_past_deadline(row.state, row.deadline, self.today(row.office_id))

    def _refuse_case_state(self, row: InquiryCase, action: CaseAction) -> MadoguchiError:
        state = CaseState.EXPIRED.value if self._past_deadline(row) else row.state
        if action is CaseAction.BOOK and state == CaseState.OPENED.value:
            return DomainError("inq.err.not_mailed", id=row.id)
        if action is CaseAction.BOOK and state == CaseState.BOOKED.value:
            return DomainError("inq.err.already_booked", id=row.id)
        if state in {s.value for s in CLOSED_STATES}:
            return DomainError("inq.err.case_closed", id=row.id, state=state)
        return DomainError("inq.err.illegal_case", state=state, action=action.value)
