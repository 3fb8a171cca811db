"""Inquiry cases: open, mail, complete, cancel, expire and list them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import insert, or_, select, update
from sqlmodel import Session

from db.models import Appointment, InquiryCase, Ticket, VisitStep
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.inquiry import (
    OPEN_STATES,
    AppointmentState,
    CaseAction,
    CaseState,
    check_name_kana,
    check_phone,
    from_states,
    normalize_reason,
)
from queue_app.domain.inquiry_views import CaseView
from queue_app.domain.tickets import Outcome
from queue_app.services.inquiries.base import COMPLETING_OUTCOMES, INQUIRY_DECISION, SYSTEM
from queue_app.services.inquiries.booking import InquiryBooking
from queue_app.services.uow import from_ms
from queue_app.services.views import TicketView


class InquiryCases(InquiryBooking):
    # -- cases -----------------------------------------------------------------------------
    def open_case(
        self,
        ticket_id: int,
        reason: str,
        name_kana: str | None = None,
        phone: str | None = None,
        staff: str | None = None,
    ) -> CaseView:
        """Open the case of a visit that ended (or will end) in a document inquiry.

        Idempotent per ticket: a second call returns the case already opened for it.
        """
        why = normalize_reason(reason)
        kana = check_name_kana(name_kana)
        tel = check_phone(phone)
        ticket = self.services.tickets.get(ticket_id)
        if not self._ended_in_inquiry(ticket):
            raise DomainError(
                "inq.err.ticket_not_inquiry",
                number=ticket.display_number,
                decision=ticket.decision or "-",
                outcome=ticket.outcome or "-",
            )
        service_id = self.settings.service
        now_ms = self._now_ms()

        def work(session: Session) -> CaseView:
            existing = session.scalars(
                select(InquiryCase).where(
                    InquiryCase.ticket_id == ticket_id,  # type: ignore[arg-type]
                    InquiryCase.state != CaseState.CANCELLED.value,  # type: ignore[arg-type]
                )
            ).first()
            if existing is not None:
                return self._case_view(existing, self._active_appointment(session, existing.id))  # type: ignore[arg-type]
            case_id = session.execute(
                insert(InquiryCase)
                .values(
                    office_id=ticket.office_id,
                    service_id=service_id,
                    ticket_id=ticket_id,
                    visit_kind=ticket.visit_kind or "",
                    reason=why.value,
                    state=CaseState.OPENED.value,
                    opened_ms=now_ms,
                    name_kana=kana,
                    phone=tel,
                    purged=False,
                    staff=staff,
                )
                .returning(InquiryCase.id)  # type: ignore[arg-type]
            ).scalar_one()
            self._audit(session, staff, "case_open", f"case:{case_id}", f"ticket:{ticket_id}")
            return self._case_view(self._case_row(session, int(case_id)))

        return self.uow.write(work)

    def _ended_in_inquiry(self, ticket: TicketView) -> bool:
        """The visit was decided or ended in a document inquiry: the ticket itself, or one
        step of its plan (the ticket then went on to its next step, its outcome cleared)."""
        if INQUIRY_DECISION in (ticket.decision, ticket.outcome):
            return True
        if not ticket.has_plan:
            return False
        steps = self.services.tickets.plan(ticket.id).steps
        return any(s.state == "done" and s.outcome == INQUIRY_DECISION for s in steps)

    def case_for_ticket(self, ticket_id: int) -> CaseView | None:
        with self.uow.read() as session:
            row = session.scalars(
                select(InquiryCase)
                .where(InquiryCase.ticket_id == ticket_id)  # type: ignore[arg-type]
                .order_by(InquiryCase.id.desc())  # type: ignore[union-attr]
            ).first()
            if row is None:
                return None
            return self._case_view(row, self._active_appointment(session, row.id))  # type: ignore[arg-type]

    def get_case(
        self, case_id: int, personal: bool = False, actor: str | None = None, purpose: str = ""
    ) -> CaseView:
        """A case; with `personal=True` the name and phone too, and the read is audited."""
        if not personal:
            with self.uow.read() as session:
                row = self._case_row(session, case_id)
                return self._case_view(row, self._active_appointment(session, case_id))

        def work(session: Session) -> CaseView:
            row = self._case_row(session, case_id)
            self._audit(session, actor, "read_personal", f"case:{case_id}", purpose)
            return self._case_view(row, self._active_appointment(session, case_id), True)

        return self.uow.write(work)

    def mark_mailed(
        self, case_id: int, mailed_on: date | None = None, staff: str | None = None
    ) -> CaseView:
        """Record the day the inquiry was mailed; the answer's deadline follows from it."""
        with self.uow.read() as session:
            current = self._case_row(session, case_id)
        today = self.today(current.office_id)
        mailed = mailed_on or today
        if mailed > today:
            raise InputError("inq.err.mailed_future", value=mailed.isoformat())
        opened_day = self.calendar.service_day(current.office_id, from_ms(current.opened_ms))  # type: ignore[arg-type]
        if mailed < opened_day:
            raise InputError(
                "inq.err.mailed_before_open", value=mailed.isoformat(), opened=opened_day
            )
        from queue_app.domain.inquiry import answer_deadline

        deadline = answer_deadline(mailed, self.settings)

        def work(session: Session) -> CaseView:
            row = self._case_row(session, case_id)
            new = self._set_case_state(
                session, case_id, CaseAction.MAIL, {"mailed_on": mailed, "deadline": deadline}
            )
            if new is None:
                raise self._refuse_case_state(row, CaseAction.MAIL)
            self._audit(session, staff, "case_mail", f"case:{case_id}", mailed.isoformat())
            return self._case_view(self._case_row(session, case_id))

        return self.uow.write(work)

    def complete(self, case_id: int, staff: str | None = None) -> CaseView:
        def work(session: Session) -> CaseView:
            row = self._case_row(session, case_id)
            if self._set_case_state(session, case_id, CaseAction.COMPLETE) is None:
                raise self._refuse_case_state(row, CaseAction.COMPLETE)
            self._audit(session, staff, "case_complete", f"case:{case_id}")
            return self._case_view(self._case_row(session, case_id))

        return self.uow.write(work)

    def cancel_case(self, case_id: int, staff: str | None = None) -> CaseView:
        """Cancel a case; a booked appointment is cancelled and its seat freed."""

        def work(session: Session) -> CaseView:
            row = self._case_row(session, case_id)
            appt = self._active_appointment(session, case_id)
            if self._set_case_state(session, case_id, CaseAction.CANCEL) is None:
                raise self._refuse_case_state(row, CaseAction.CANCEL)
            if appt is not None and appt.state == AppointmentState.BOOKED.value:
                self._cancel_appointment_row(session, appt)
            self._audit(session, staff, "case_cancel", f"case:{case_id}")
            return self._case_view(self._case_row(session, case_id))

        return self.uow.write(work)

    def complete_from_ticket(self, ticket_id: int, staff: str | None = None) -> CaseView | None:
        """Call after a second-visit ticket is finished: renewed/served completes its case."""
        ticket = self.services.tickets.get(ticket_id)
        if ticket.case_id is None or ticket.state != "done":
            return None
        if ticket.outcome not in COMPLETING_OUTCOMES:
            return self.get_case(ticket.case_id)

        def work(session: Session) -> CaseView:
            row = self._case_row(session, ticket.case_id)  # type: ignore[arg-type]
            if row.ticket_id == ticket_id:  # the first visit never completes its own case
                return self._case_view(row)
            if self._set_case_state(session, row.id, CaseAction.COMPLETE) is not None:  # type: ignore[arg-type]
                self._audit(
                    session,
                    staff or ticket.staff,
                    "case_complete",
                    f"case:{row.id}",
                    f"ticket:{ticket_id}:{ticket.outcome}",
                )
            return self._case_view(self._case_row(session, row.id))  # type: ignore[arg-type]

        return self.uow.write(work)

    def sync_completed(self) -> int:
        """Complete every open case whose second-visit ticket finished renewed/served."""
        with self.uow.read() as session:
            rows = session.execute(
                select(Ticket.id)
                .join(InquiryCase, InquiryCase.id == Ticket.case_id)  # type: ignore[arg-type]
                .where(
                    InquiryCase.state.in_(from_states(CaseAction.COMPLETE)),  # type: ignore[attr-defined]
                    Ticket.state == "done",  # type: ignore[arg-type]
                    Ticket.outcome.in_(COMPLETING_OUTCOMES),  # type: ignore[union-attr]
                    Ticket.id != InquiryCase.ticket_id,  # type: ignore[arg-type]
                )
            ).all()
        count = 0
        for (ticket_id,) in rows:
            view = self.complete_from_ticket(int(ticket_id))
            if view is not None and view.state == CaseState.COMPLETED.value:
                count += 1
        return count

    def expire_overdue(self, today: date | None = None) -> int:
        """Mailed or booked cases whose answer deadline has passed become expired."""
        count = 0
        for office_id in self.config.offices:
            day = today or self.today(office_id)
            with self.uow.read() as session:
                ids = session.scalars(
                    select(InquiryCase.id).where(
                        InquiryCase.office_id == office_id,  # type: ignore[arg-type]
                        InquiryCase.state.in_(from_states(CaseAction.EXPIRE)),  # type: ignore[attr-defined]
                        InquiryCase.deadline < day,  # type: ignore[operator]
                    )
                ).all()
            for case_id in ids:

                def work(session: Session, case_id: int = int(case_id)) -> bool:  # type: ignore[assignment]
                    appt = self._active_appointment(session, case_id)
                    if self._set_case_state(session, case_id, CaseAction.EXPIRE) is None:
                        return False
                    if appt is not None and appt.state == AppointmentState.BOOKED.value:
                        session.execute(
                            update(Appointment)
                            .where(Appointment.id == appt.id)  # type: ignore[arg-type]
                            .values(state=AppointmentState.NO_SHOW.value)
                        )
                    self._audit(session, SYSTEM, "case_expire", f"case:{case_id}")
                    return True

                if self.uow.write(work):
                    count += 1
        return count

    def list_cases(
        self,
        office_id: str | None = None,
        states: Iterable[str] | None = None,
        overdue: bool = False,
        personal: bool = False,
        actor: str | None = None,
    ) -> list[CaseView]:
        """Cases (default: the open ones), soonest deadline first; unmailed ones last."""
        if office_id is not None:
            self.config.office(office_id)
        wanted = list(states) if states else [s.value for s in OPEN_STATES]
        for s in wanted:
            if s not in {c.value for c in CaseState}:
                raise InputError(
                    "inq.err.state", value=s, known=", ".join(c.value for c in CaseState)
                )

        # a stored mailed/booked case past its deadline reads as expired (see _case_view):
        # fetch those too when expired ones are asked for, then filter on the state shown
        stored = set(wanted)
        if overdue or CaseState.EXPIRED.value in stored:
            stored |= set(from_states(CaseAction.EXPIRE))

        def query(session: Session) -> list[CaseView]:
            stmt = select(InquiryCase).where(InquiryCase.state.in_(sorted(stored)))  # type: ignore[attr-defined]
            if office_id is not None:
                stmt = stmt.where(InquiryCase.office_id == office_id)  # type: ignore[arg-type]
            rows = list(session.scalars(stmt.order_by(InquiryCase.id)))  # type: ignore[arg-type]
            views = [
                self._case_view(r, self._active_appointment(session, r.id), personal)  # type: ignore[arg-type]
                for r in rows
            ]
            if overdue:  # past the deadline, whatever the state asked for
                views = [v for v in views if v.overdue]
            else:
                views = [v for v in views if v.state in wanted]
            if personal:
                for v in views:
                    self._audit(session, actor, "read_personal", f"case:{v.id}", "list")
            views.sort(key=lambda v: (v.deadline is None, v.deadline or date.max, v.id))
            return views

        if personal:
            return self.uow.write(query)
        with self.uow.read() as session:
            return query(session)

    def left_for_later(self, office_id: str, days: int | None = None) -> list[TicketView]:
        """Visits finished with a document inquiry whose case was never opened (the clerk
        chose 後で at the counter; a plan's step ended in one counts), newest first: those of the last `days` service days
        (default: how long an answer form stays valid, `[inquiry] answer_valid_days`)."""
        self.config.office(office_id)
        span = self.config.settings.inquiry.answer_valid_days if days is None else days
        since = self.today(office_id) - timedelta(days=span)
        has_case = (
            select(InquiryCase.id)
            .where(InquiryCase.ticket_id == Ticket.id)  # type: ignore[arg-type]
            .exists()
        )
        step_inquiry = (  # a plan's step that ended in an inquiry (the visit went on)
            select(VisitStep.id)
            .where(
                VisitStep.ticket_id == Ticket.id,  # type: ignore[arg-type]
                VisitStep.outcome == Outcome.DOCUMENT_INQUIRY.value,  # type: ignore[arg-type]
            )
            .exists()
        )
        stmt = (
            select(Ticket)
            .where(
                Ticket.office_id == office_id,  # type: ignore[arg-type]
                Ticket.service_day >= since,  # type: ignore[arg-type]
                or_(
                    Ticket.outcome == Outcome.DOCUMENT_INQUIRY.value,  # type: ignore[arg-type]
                    step_inquiry,
                ),
                ~has_case,
            )
            # a plan visitor still in the building (no end yet) comes first, on both engines
            .order_by(Ticket.finished_ms.desc().nulls_first(), Ticket.id.desc())  # type: ignore[union-attr, attr-defined]
        )
        with self.uow.read() as session:
            return [TicketView.of(row) for row in session.scalars(stmt)]

    def open_cases(self, office_id: str | None = None) -> list[CaseView]:
        return self.list_cases(office_id)

    def overdue_cases(self, office_id: str | None = None) -> list[CaseView]:
        return self.list_cases(office_id, overdue=True)
