"""Check-in on the day of the appointment: resolve the slip, check the place and time,
issue the priority ticket."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlmodel import Session

from db.models import Appointment
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.inquiry import (
    AppointmentState,
    CaseAction,
    CaseState,
    normalize_code,
)
from queue_app.domain.inquiry_views import (
    AppointmentView,
)
from queue_app.domain.scan import extract_token
from queue_app.domain.tokens import TokenClaims, verify
from queue_app.services.inquiries.base import _TOKEN_ERRORS, _appointment_view
from queue_app.services.inquiries.slips import InquirySlips
from queue_app.services.tickets import IssueRequest
from queue_app.services.views import CheckInResult


class InquiryCheckIn(InquirySlips):
    # -- check-in --------------------------------------------------------------------------
    def find_slip(self, token_or_code: str) -> AppointmentView:
        """The appointment a slip names, by its QR token (verified) or its printed code,
        wherever and whenever it is booked (the inquiry desk looks slips up)."""
        text = token_or_code.strip()
        if not text.upper().startswith("MDG1."):
            return self.find_appointment(text)
        return _appointment_view(self._slip_row(text)[0])

    def _slip_row(self, token: str) -> tuple[Appointment, TokenClaims]:
        """The appointment a slip's QR token names (verified, and its code must match) and the
        token's claims; a bad token is refused with the slip's own message."""
        try:
            claims = verify(self.secret, token, kind="P")
        except DomainError as exc:
            raise DomainError(_TOKEN_ERRORS.get(exc.key, "inq.err.slip_malformed")) from None
        with self.uow.read() as session:
            row = session.get(Appointment, claims.object_id)
        if row is None or row.code != claims.label:
            raise DomainError("inq.err.slip_forged")
        return row, claims

    def _resolve_slip(self, token_or_code: str, office_id: str, today: date) -> Appointment:
        text = extract_token(token_or_code.strip())  # a slip QR may hold its page's address
        office = self.config.office(office_id)
        if text.upper().startswith("MDG1."):
            row, claims = self._slip_row(text)
            # the slip's own office/day first: that is what the visitor holds in hand
            self._check_place(claims.office_id, claims.day, office_id, today, office.name_ja)
        else:
            code = normalize_code(text)
            if code is None:
                raise InputError("inq.err.code_invalid", value=text)
            with self.uow.read() as session:
                row = self._appointment_by_code(session, code, text)
        # the appointment as it is now (it may have been moved after the slip was printed)
        self._check_place(row.office_id, row.slot_day, office_id, today, office.name_ja)
        return row

    def _check_place(
        self, slip_office: str, slip_day: date, office_id: str, today: date, here_name: str
    ) -> None:
        if slip_office != office_id:
            other = self.config.offices.get(slip_office)
            raise DomainError(
                "inq.err.slip_other_office",
                office=other.name_ja if other else slip_office,
                office_en=other.name_en if other else slip_office,
                here=here_name,
                day=slip_day.isoformat(),
            )
        if slip_day != today:
            raise DomainError(
                "inq.err.slip_other_day", day=slip_day.isoformat(), today=today.isoformat()
            )

    def check_in(
        self, token_or_code: str, office_id: str, staff: str | None = None
    ) -> CheckInResult:
        """The visitor shows the slip (QR or code) on the day: a priority ticket is issued
        and linked to the appointment and the case. Scanning twice gives the same ticket."""
        today = self.today(office_id)
        row = self._resolve_slip(token_or_code, office_id, today)
        if row.state == AppointmentState.CANCELLED.value:
            raise DomainError("inq.err.appointment_cancelled", code=row.code)
        if row.state == AppointmentState.CHECKED_IN.value and row.ticket_id is not None:
            ticket = self.services.tickets.get(row.ticket_id)
            raise DomainError(
                "inq.err.already_checked_in", code=row.code, number=ticket.display_number
            )
        case = self.get_case(row.case_id)
        if case.state not in (CaseState.MAILED.value, CaseState.BOOKED.value):
            raise DomainError("inq.err.case_closed", id=case.id, state=case.state)
        if case.appointment is not None and case.appointment.id != row.id:
            # a missed appointment whose case was booked again: the new slip counts
            raise DomainError(
                "inq.err.appointment_state", code=row.code, state=row.state, action="check in"
            )
        kind = (
            "agent_second"
            if case.visit_kind.startswith("agent") or not case.visit_kind
            else case.visit_kind
        )
        issued = self.services.tickets.issue(
            IssueRequest(
                office_id=office_id,
                service_id=row.service_id,
                visit_kind=kind,
                decision="serve_today",
                staff=staff,
                request_id=f"appt:{row.id}:{row.slot_day.isoformat()}",
                priority=1,
                appointment_id=row.id,
                case_id=row.case_id,
            ),
            with_estimate=False,
        )
        now_ms = self._now_ms()
        appt_id = int(row.id)  # type: ignore[arg-type]

        def work(session: Session) -> AppointmentView:
            session.execute(
                update(Appointment)
                .where(
                    Appointment.id == appt_id,  # type: ignore[arg-type]
                    Appointment.state.in_(  # type: ignore[attr-defined]
                        (AppointmentState.BOOKED.value, AppointmentState.NO_SHOW.value)
                    ),
                )
                .values(
                    state=AppointmentState.CHECKED_IN.value,
                    checked_in_ms=now_ms,
                    ticket_id=issued.ticket.id,
                )
            )
            # a late visitor after the no-show sweep: the case is booked again
            self._set_case_state(session, row.case_id, CaseAction.BOOK)
            self._audit(
                session,
                staff,
                "appt_checkin",
                f"appointment:{appt_id}",
                f"ticket:{issued.ticket.id}",
            )
            return _appointment_view(self._appt_row(session, appt_id))

        view = self.uow.write(work)
        return CheckInResult(
            view,
            issued.ticket.id,
            issued.ticket.display_number,
            issued.token,
            issued.replayed,
            issued.ticket,
        )
