"""Booking, cancelling and rescheduling appointments; seats are taken by the database
(`UPDATE slot_load ... WHERE booked < seats`), and booked appointments whose slot has
passed are swept to no-show."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select, update
from sqlmodel import Session

from db.models import Appointment, SlotLoad
from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.domain.inquiry import (
    AppointmentState,
    CaseAction,
    CaseState,
    Slot,
    hhmm,
    make_code,
    normalize_code,
)
from queue_app.domain.inquiry_views import AppointmentView
from queue_app.services.inquiries.base import SYSTEM, _appointment_view
from queue_app.services.inquiries.slots import InquirySlots


class InquiryBooking(InquirySlots):
    def _take_seat(self, session: Session, office_id: str, service_id: str, slot: Slot) -> None:
        session.execute(
            self.uow.insert_for(SlotLoad)
            .values(
                office_id=office_id,
                service_id=service_id,
                slot_day=slot.day,
                start_minute=slot.start_minute,
                booked=0,
            )
            .on_conflict_do_nothing(
                index_elements=["office_id", "service_id", "slot_day", "start_minute"]
            )
        )
        result = session.execute(
            update(SlotLoad)
            .where(
                SlotLoad.office_id == office_id,  # type: ignore[arg-type]
                SlotLoad.service_id == service_id,  # type: ignore[arg-type]
                SlotLoad.slot_day == slot.day,  # type: ignore[arg-type]
                SlotLoad.start_minute == slot.start_minute,  # type: ignore[arg-type]
                SlotLoad.booked < slot.seats,  # type: ignore[arg-type]
            )
            .values(booked=SlotLoad.booked + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise DomainError(
                "inq.err.slot_full", day=slot.day.isoformat(), time=hhmm(slot.start_minute)
            )

    def _free_seat(self, session: Session, appt: Appointment) -> None:
        session.execute(
            update(SlotLoad)
            .where(
                SlotLoad.office_id == appt.office_id,  # type: ignore[arg-type]
                SlotLoad.service_id == appt.service_id,  # type: ignore[arg-type]
                SlotLoad.slot_day == appt.slot_day,  # type: ignore[arg-type]
                SlotLoad.start_minute == appt.start_minute,  # type: ignore[arg-type]
                SlotLoad.booked > 0,  # type: ignore[arg-type]
            )
            .values(booked=SlotLoad.booked - 1)
        )

    def _new_code(self, session: Session) -> str:
        for _ in range(20):
            code = make_code(secrets.randbelow(1 << 16) for _ in range(4))
            taken = session.execute(
                select(Appointment.id).where(Appointment.code == code)  # type: ignore[arg-type]
            ).first()
            if taken is None:
                return code
        raise DomainError("inq.err.no_code")  # pragma: no cover - 1M codes

    # -- appointments ----------------------------------------------------------------------
    def book(
        self,
        case_id: int,
        office_id: str,
        day: date,
        start_minute: int,
        staff: str | None = None,
    ) -> AppointmentView:
        """Book one seat for a mailed case; the loser of a race for the last seat gets
        `inq.err.slot_full` and nothing is written."""
        with self.uow.read() as session:
            case = self._case_row(session, case_id)
        if case.state != CaseState.MAILED.value:
            raise self._refuse_case_state(case, CaseAction.BOOK)
        slot = self._checked_slot(case, office_id, day, start_minute)
        now_ms = self._now_ms()

        def work(session: Session) -> AppointmentView:
            row = self._case_row(session, case_id)
            if self._set_case_state(session, case_id, CaseAction.BOOK) is None:
                raise self._refuse_case_state(row, CaseAction.BOOK)
            self._take_seat(session, office_id, case.service_id, slot)
            code = self._new_code(session)
            appt_id = session.execute(
                insert(Appointment)
                .values(
                    code=code,
                    case_id=case_id,
                    office_id=office_id,
                    service_id=case.service_id,
                    slot_day=slot.day,
                    start_minute=slot.start_minute,
                    end_minute=slot.end_minute,
                    state=AppointmentState.BOOKED.value,
                    booked_ms=now_ms,
                    staff=staff,
                )
                .returning(Appointment.id)  # type: ignore[arg-type]
            ).scalar_one()
            self._audit(
                session,
                staff,
                "appt_book",
                f"appointment:{appt_id}",
                f"case:{case_id} {office_id} {slot.day} {slot.start}",
            )
            return _appointment_view(self._appt_row(session, int(appt_id)))

        return self.uow.write(work, retry_integrity=True)

    def get_appointment(self, appointment_id: int) -> AppointmentView:
        with self.uow.read() as session:
            return _appointment_view(self._appt_row(session, appointment_id))

    def find_appointment(self, code: str) -> AppointmentView:
        normal = normalize_code(code)
        if normal is None:
            raise InputError("inq.err.code_invalid", value=code)
        with self.uow.read() as session:
            return _appointment_view(self._appointment_by_code(session, normal, code))

    def _appointment_by_code(self, session: Session, normal: str, typed: str) -> Appointment:
        """The appointment with this (normalized) code; `typed` is what the clerk entered."""
        row = session.scalars(
            select(Appointment).where(Appointment.code == normal)  # type: ignore[arg-type]
        ).first()
        if row is None:
            raise NotFoundError("inq.err.appointment_not_found", value=typed)
        return row

    def appointments(
        self, office_id: str, day: date, states: Iterable[str] | None = None
    ) -> list[AppointmentView]:
        """The appointments of an office on a day, in slot order."""
        self.config.office(office_id)
        with self.uow.read() as session:
            stmt = select(Appointment).where(
                Appointment.office_id == office_id,  # type: ignore[arg-type]
                Appointment.slot_day == day,  # type: ignore[arg-type]
            )
            if states:
                stmt = stmt.where(Appointment.state.in_(list(states)))  # type: ignore[attr-defined]
            stmt = stmt.order_by(Appointment.start_minute, Appointment.id)  # type: ignore[arg-type]
            return [_appointment_view(r) for r in session.scalars(stmt)]

    def _leave_booked(self, session: Session, appt: Appointment, to: AppointmentState) -> bool:
        """Booked → `to` by a conditional update; False when it was no longer booked (another
        terminal got there first)."""
        result = session.execute(
            update(Appointment)
            .where(
                Appointment.id == appt.id,  # type: ignore[arg-type]
                Appointment.state == AppointmentState.BOOKED.value,  # type: ignore[arg-type]
            )
            .values(state=to.value)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def _cancel_appointment_row(self, session: Session, appt: Appointment) -> bool:
        if not self._leave_booked(session, appt, AppointmentState.CANCELLED):
            return False
        self._free_seat(session, appt)
        return True

    def cancel(self, appointment_id: int, staff: str | None = None) -> AppointmentView:
        """Cancel a booked appointment: the seat is freed, the case needs a new booking."""

        def work(session: Session) -> AppointmentView:
            appt = self._appt_row(session, appointment_id)
            if not self._cancel_appointment_row(session, appt):
                raise DomainError(
                    "inq.err.appointment_state", code=appt.code, state=appt.state, action="cancel"
                )
            self._set_case_state(session, appt.case_id, CaseAction.UNBOOK)
            self._audit(session, staff, "appt_cancel", f"appointment:{appointment_id}")
            return _appointment_view(self._appt_row(session, appointment_id))

        return self.uow.write(work)

    def reschedule(
        self,
        appointment_id: int,
        office_id: str,
        day: date,
        start_minute: int,
        staff: str | None = None,
    ) -> AppointmentView:
        """Move a booked appointment: take the new seat, free the old one, keep the code.

        The slip changes (its QR names the office and the day): print it again.
        """
        with self.uow.read() as session:
            appt = self._appt_row(session, appointment_id)
            case = self._case_row(session, appt.case_id)
        if appt.state != AppointmentState.BOOKED.value:
            raise DomainError(
                "inq.err.appointment_state", code=appt.code, state=appt.state, action="reschedule"
            )
        if (appt.office_id, appt.slot_day, appt.start_minute) == (office_id, day, start_minute):
            raise DomainError("inq.err.same_slot", code=appt.code)
        slot = self._checked_slot(case, office_id, day, start_minute)

        def work(session: Session) -> AppointmentView:
            current = self._appt_row(session, appointment_id)
            result = session.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment_id,  # type: ignore[arg-type]
                    Appointment.state == AppointmentState.BOOKED.value,  # type: ignore[arg-type]
                    Appointment.office_id == appt.office_id,  # type: ignore[arg-type]
                    Appointment.slot_day == appt.slot_day,  # type: ignore[arg-type]
                    Appointment.start_minute == appt.start_minute,  # type: ignore[arg-type]
                )
                .values(
                    office_id=office_id,
                    slot_day=slot.day,
                    start_minute=slot.start_minute,
                    end_minute=slot.end_minute,
                    staff=staff or current.staff,
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise DomainError(
                    "inq.err.appointment_state",
                    code=current.code,
                    state=current.state,
                    action="reschedule",
                )
            self._take_seat(session, office_id, current.service_id, slot)
            self._free_seat(session, appt)
            self._audit(
                session,
                staff,
                "appt_reschedule",
                f"appointment:{appointment_id}",
                f"{appt.office_id} {appt.slot_day} {hhmm(appt.start_minute)} -> "
                f"{office_id} {slot.day} {slot.start}",
            )
            return _appointment_view(self._appt_row(session, appointment_id))

        return self.uow.write(work)

    def sweep_no_shows(self, now: datetime | None = None) -> int:
        """Booked appointments whose slot ended more than the grace time ago: no-show.

        The case goes back to "mailed" so a new appointment can be booked before the
        deadline; a late visitor can still check in on the same day.
        """
        moment = now or self.clock.now()
        grace = timedelta(minutes=self.settings.no_show_grace_minutes)
        latest_day = max(self.calendar.service_day(o, moment) for o in self.config.offices)
        with self.uow.read() as session:
            rows = list(
                session.scalars(
                    select(Appointment).where(
                        Appointment.state == AppointmentState.BOOKED.value,  # type: ignore[arg-type]
                        Appointment.slot_day <= latest_day,  # type: ignore[operator]
                    )
                )
            )
        count = 0
        for appt in rows:
            if appt.office_id not in self.config.offices:
                continue
            end = self.calendar.at(
                appt.office_id, appt.slot_day, time(appt.end_minute // 60, appt.end_minute % 60)
            )
            if end + grace > moment:
                continue

            def work(session: Session, appt: Appointment = appt) -> bool:
                if not self._leave_booked(session, appt, AppointmentState.NO_SHOW):
                    return False
                self._set_case_state(session, appt.case_id, CaseAction.UNBOOK)
                self._audit(session, SYSTEM, "appt_no_show", f"appointment:{appt.id}")
                return True

            if self.uow.write(work):
                count += 1
        return count
