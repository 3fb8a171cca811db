"""Document inquiry cases, appointment slots, slips and check-in (文書照会・2回目来庁).

Every state change is one transaction with a conditional UPDATE (`... WHERE state = old`),
so two terminals acting on the same case or appointment cannot both win. Booking a seat is
an `INSERT ... ON CONFLICT DO NOTHING` of the slot row followed by
`UPDATE slot_load SET booked = booked + 1 WHERE ... AND booked < seats`: the database, not
Python, decides who gets the last seat, on SQLite and on PostgreSQL alike.

Personal fields (name in kana, phone) are returned only by calls that say so
(`personal=True`), and each such read writes an audit entry in the same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, insert, select, update
from sqlmodel import Session

from db.models import Appointment, InquiryCase, SlotLoad, Ticket
from queue_app import qr
from queue_app.domain.errors import DomainError, InputError, MadoguchiError, NotFoundError
from queue_app.domain.inquiry import (
    CLOSED_STATES,
    OPEN_STATES,
    AppointmentState,
    BookingWindow,
    CaseAction,
    CaseState,
    Slot,
    booking_window,
    check_name_kana,
    check_phone,
    day_slots,
    find_slot,
    from_states,
    hhmm,
    make_code,
    minute_of,
    month_days,
    normalize_code,
    normalize_reason,
    offered_slots,
)
from queue_app.domain.inquiry_views import (
    AppointmentView,
    CaseView,
    CheckInResult,
    DayInfo,
    MaintenanceResult,
    MonthView,
    PurgeResult,
    SlipView,
    SlotView,
    slip_lines,
)
from queue_app.domain.tickets import Outcome
from queue_app.domain.tokens import TokenClaims, sign, verify
from queue_app.i18n import Translator
from queue_app.services.tickets import IssueRequest
from queue_app.services.uow import from_ms, to_ms

if TYPE_CHECKING:
    from queue_app.services import Services

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
    return AppointmentView(
        id=row.id,
        code=row.code,
        case_id=row.case_id,
        office_id=row.office_id,
        service_id=row.service_id,
        day=row.slot_day,
        start_minute=row.start_minute,
        end_minute=row.end_minute,
        state=row.state,
        booked_at=booked,
        checked_in_at=from_ms(row.checked_in_ms),
        ticket_id=row.ticket_id,
        staff=row.staff,
    )


class InquiryService:
    def __init__(self, services: Services) -> None:
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
        overdue = (
            row.state in (CaseState.MAILED.value, CaseState.BOOKED.value)
            and days_left is not None
            and days_left < 0
        )
        return CaseView(
            id=row.id,
            office_id=row.office_id,
            service_id=row.service_id,
            ticket_id=row.ticket_id,
            visit_kind=row.visit_kind,
            reason=row.reason,
            state=row.state,
            opened_at=opened,
            mailed_on=row.mailed_on,
            deadline=row.deadline,
            closed_at=from_ms(row.closed_ms),
            purged=row.purged,
            staff=row.staff,
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

    def _refuse_case_state(self, row: InquiryCase, action: CaseAction) -> MadoguchiError:
        state = row.state
        if action is CaseAction.BOOK and state == CaseState.OPENED.value:
            return DomainError("inq.err.not_mailed", id=row.id)
        if action is CaseAction.BOOK and state == CaseState.BOOKED.value:
            return DomainError("inq.err.already_booked", id=row.id)
        if state in {s.value for s in CLOSED_STATES}:
            return DomainError("inq.err.case_closed", id=row.id, state=state)
        return DomainError("inq.err.illegal_case", state=state, action=action.value)

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
        if INQUIRY_DECISION not in (ticket.decision, ticket.outcome):
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

        def query(session: Session) -> list[CaseView]:
            stmt = select(InquiryCase).where(InquiryCase.state.in_(wanted))  # type: ignore[attr-defined]
            if office_id is not None:
                stmt = stmt.where(InquiryCase.office_id == office_id)  # type: ignore[arg-type]
            rows = list(session.scalars(stmt.order_by(InquiryCase.id)))  # type: ignore[arg-type]
            views = [
                self._case_view(r, self._active_appointment(session, r.id), personal)  # type: ignore[arg-type]
                for r in rows
            ]
            if overdue:
                views = [v for v in views if v.overdue]
            if personal:
                for v in views:
                    self._audit(session, actor, "read_personal", f"case:{v.id}", "list")
            views.sort(key=lambda v: (v.deadline is None, v.deadline or date.max, v.id))
            return views

        if personal:
            return self.uow.write(query)
        with self.uow.read() as session:
            return query(session)

    def open_cases(self, office_id: str | None = None) -> list[CaseView]:
        return self.list_cases(office_id)

    def overdue_cases(self, office_id: str | None = None) -> list[CaseView]:
        return self.list_cases(office_id, overdue=True)

    # -- slots -----------------------------------------------------------------------------
    def _window(self, case: InquiryCase, office_id: str) -> BookingWindow:
        self.config.office_service(office_id, case.service_id)
        if case.mailed_on is None:
            raise DomainError("inq.err.not_mailed", id=case.id)
        return booking_window(
            self.calendar,
            office_id,
            case.service_id,
            case.mailed_on,
            self.settings,
            self.today(office_id),
        )

    def _now_minute(self, office_id: str, day: date) -> int | None:
        local = self.calendar.local(office_id, self.clock.now())
        return minute_of(local.time()) if local.date() == day else None

    def _loads(
        self, session: Session, office_id: str, service_id: str, start: date, end: date
    ) -> dict[tuple[date, int], int]:
        rows = session.execute(
            select(SlotLoad.slot_day, SlotLoad.start_minute, SlotLoad.booked).where(
                SlotLoad.office_id == office_id,  # type: ignore[arg-type]
                SlotLoad.service_id == service_id,  # type: ignore[arg-type]
                SlotLoad.slot_day >= start,  # type: ignore[operator]
                SlotLoad.slot_day <= end,  # type: ignore[operator]
            )
        ).all()
        return {(d, int(m)): int(b) for d, m, b in rows}

    def booking_window(self, case_id: int, office_id: str) -> BookingWindow:
        with self.uow.read() as session:
            case = self._case_row(session, case_id)
        return self._window(case, office_id)

    def slots(
        self, case_id: int, office_id: str, day: date, include_full: bool = False
    ) -> list[SlotView]:
        """The slots offered for a case at an office on a day (full ones only if asked)."""
        with self.uow.read() as session:
            case = self._case_row(session, case_id)
            window = self._window(case, office_id)
            slots = offered_slots(
                self.calendar,
                office_id,
                case.service_id,
                day,
                window,
                self.settings,
                self._now_minute(office_id, day),
            )
            loads = self._loads(session, office_id, case.service_id, day, day)
        views = [
            SlotView(
                day, s.start_minute, s.end_minute, s.seats, loads.get((day, s.start_minute), 0)
            )
            for s in slots
        ]
        return views if include_full else [v for v in views if v.free > 0]

    def month(self, case_id: int, office_id: str, year: int, month: int) -> MonthView:
        """The month calendar: open days, and free seats on the days that can be booked."""
        if not 1 <= month <= 12 or not 2000 <= year <= 2200:
            raise InputError("inq.err.month", value=f"{year}-{month}")
        days = list(month_days(year, month))
        with self.uow.read() as session:
            case = self._case_row(session, case_id)
            window = self._window(case, office_id)
            loads = self._loads(session, office_id, case.service_id, days[0], days[-1])
        infos: list[DayInfo] = []
        for day in days:
            status = self.calendar.day(office_id, day, case.service_id)
            if not status.open:
                infos.append(
                    DayInfo(
                        day,
                        False,
                        False,
                        0,
                        0,
                        status.reason_text("ja"),
                        status.reason_text("en"),
                    )
                )
                continue
            slots = offered_slots(
                self.calendar,
                office_id,
                case.service_id,
                day,
                window,
                self.settings,
                self._now_minute(office_id, day),
            )
            total = sum(s.seats for s in slots)
            free = sum(max(0, s.seats - loads.get((day, s.start_minute), 0)) for s in slots)
            infos.append(DayInfo(day, True, free > 0, free, total))
        return MonthView(
            case_id, office_id, year, month, window.first, window.deadline, tuple(infos)
        )

    def _checked_slot(self, case: InquiryCase, office_id: str, day: date, start: int) -> Slot:
        """The slot if it may be booked for this case, else a DomainError saying why not."""
        window = self._window(case, office_id)
        status = self.calendar.day(office_id, day, case.service_id)
        office = self.config.office(office_id)
        if not status.open:
            raise DomainError(
                "inq.err.day_closed",
                day=day.isoformat(),
                office=office.name_ja,
                office_en=office.name_en,
                reason=status.reason_text("ja") or "",
                reason_en=status.reason_text("en") or "",
            )
        if day > window.deadline:
            raise DomainError(
                "inq.err.after_deadline", day=day.isoformat(), deadline=window.deadline.isoformat()
            )
        if window.first is None or day < window.first:
            raise DomainError(
                "inq.err.too_early",
                day=day.isoformat(),
                first=window.first.isoformat() if window.first else "-",
            )
        today = self.today(office_id)
        if day < today:
            raise DomainError("inq.err.past_day", day=day.isoformat(), today=today.isoformat())
        all_slots = day_slots(status, self.settings)
        slot = find_slot(
            offered_slots(
                self.calendar,
                office_id,
                case.service_id,
                day,
                window,
                self.settings,
                self._now_minute(office_id, day),
            ),
            start,
        )
        if slot is None:
            if find_slot(all_slots, start) is not None:
                raise DomainError("inq.err.slot_started", time=hhmm(start), day=day.isoformat())
            raise DomainError(
                "inq.err.no_such_slot",
                time=hhmm(start),
                day=day.isoformat(),
                known=", ".join(s.start for s in all_slots[:12]) or "-",
            )
        return slot

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
            row = session.scalars(
                select(Appointment).where(Appointment.code == normal)  # type: ignore[arg-type]
            ).first()
            if row is None:
                raise NotFoundError("inq.err.appointment_not_found", value=code)
            return _appointment_view(row)

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

    def _cancel_appointment_row(self, session: Session, appt: Appointment) -> bool:
        result = session.execute(
            update(Appointment)
            .where(
                Appointment.id == appt.id,  # type: ignore[arg-type]
                Appointment.state == AppointmentState.BOOKED.value,  # type: ignore[arg-type]
            )
            .values(state=AppointmentState.CANCELLED.value)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
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
                result = session.execute(
                    update(Appointment)
                    .where(
                        Appointment.id == appt.id,  # type: ignore[arg-type]
                        Appointment.state == AppointmentState.BOOKED.value,  # type: ignore[arg-type]
                    )
                    .values(state=AppointmentState.NO_SHOW.value)
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    return False
                self._set_case_state(session, appt.case_id, CaseAction.UNBOOK)
                self._audit(session, SYSTEM, "appt_no_show", f"appointment:{appt.id}")
                return True

            if self.uow.write(work):
                count += 1
        return count

    # -- slips -----------------------------------------------------------------------------
    def token(self, appt: AppointmentView) -> str:
        return sign(self.secret, TokenClaims("P", appt.office_id, appt.day, appt.id, appt.code))

    def slip(self, appointment_id: int) -> SlipView:
        with self.uow.read() as session:
            appt = self._appt_row(session, appointment_id)
            case = self._case_row(session, appt.case_id)
        view = _appointment_view(appt)
        office = self.config.office(view.office_id)
        service = self.config.service(view.service_id)
        return SlipView(
            appointment=view,
            token=self.token(view),
            office_name_ja=office.name_ja,
            office_name_en=office.name_en,
            location_ja=office.location_ja,
            location_en=office.location_en,
            service_name_ja=service.name_ja,
            service_name_en=service.name_en,
            deadline=case.deadline,
        )

    def slip_text(self, appointment_id: int, lang: str = "ja", with_qr: bool = True) -> str:
        slip = self.slip(appointment_id)
        lines = slip_lines(slip, Translator(lang))
        if with_qr:
            lines += ["", *qr.half_blocks(slip.token), slip.token]
        return "\n".join(lines) + "\n"

    def write_slip(self, appointment_id: int, out_dir: Path, lang: str = "ja") -> dict[str, Path]:
        """The slip as text, PNG and SVG files in `out_dir`; returns the paths by kind."""
        slip = self.slip(appointment_id)
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"slip-{slip.appointment.code}"
        txt = out_dir / f"{stem}.txt"
        txt.write_text(self.slip_text(appointment_id, lang), "utf-8")
        png = qr.write_png(slip.token, out_dir / f"{stem}.png")
        svg = qr.write_svg(slip.token, out_dir / f"{stem}.svg")
        return {"txt": txt, "png": png, "svg": svg}

    # -- check-in --------------------------------------------------------------------------
    def _resolve_slip(self, token_or_code: str, office_id: str, today: date) -> Appointment:
        text = token_or_code.strip()
        office = self.config.office(office_id)
        if text.upper().startswith("MDG1."):
            try:
                claims = verify(self.secret, text, kind="P")
            except DomainError as exc:
                raise DomainError(_TOKEN_ERRORS.get(exc.key, "inq.err.slip_malformed")) from None
            with self.uow.read() as session:
                row = session.get(Appointment, claims.object_id)
            if row is None or row.code != claims.label:
                raise DomainError("inq.err.slip_forged")
            # the slip's own office/day first: that is what the visitor holds in hand
            self._check_place(claims.office_id, claims.day, office_id, today, office.name_ja)
        else:
            code = normalize_code(text)
            if code is None:
                raise InputError("inq.err.code_invalid", value=text)
            with self.uow.read() as session:
                row = session.scalars(
                    select(Appointment).where(Appointment.code == code)  # type: ignore[arg-type]
                ).first()
            if row is None:
                raise NotFoundError("inq.err.appointment_not_found", value=text)
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

    # -- privacy ---------------------------------------------------------------------------
    def purge(self, now: datetime | None = None) -> PurgeResult:
        """Erase name and phone of cases closed more than `purge_after_days` ago.

        The rows stay (anonymous statistics: reason, office, dates, outcome); `purged` is set
        and each erasure is written to the audit log.
        """
        moment = now or self.clock.now()
        cutoff = to_ms(moment) - self.settings.purge_after_days * DAY_MS

        def work(session: Session) -> PurgeResult:
            ids = [
                int(i)
                for i in session.scalars(
                    select(InquiryCase.id).where(
                        InquiryCase.state.in_([s.value for s in CLOSED_STATES]),  # type: ignore[attr-defined]
                        InquiryCase.purged.is_(False),  # type: ignore[attr-defined]
                        InquiryCase.closed_ms.is_not(None),  # type: ignore[union-attr]
                        InquiryCase.closed_ms < cutoff,  # type: ignore[operator]
                    )
                ).all()
            ]
            if ids:
                session.execute(
                    update(InquiryCase)
                    .where(and_(InquiryCase.id.in_(ids), InquiryCase.purged.is_(False)))  # type: ignore[union-attr]
                    .values(name_kana=None, phone=None, purged=True)
                )
            for case_id in ids:
                self._audit(session, SYSTEM, "purge", f"case:{case_id}", "name_kana,phone")
            return PurgeResult(len(ids), tuple(ids))

        return self.uow.write(work)

    # -- maintenance -----------------------------------------------------------------------
    def maintenance(self) -> MaintenanceResult:
        return MaintenanceResult(
            completed=self.sync_completed(),
            expired=self.expire_overdue(),
            no_shows=self.sweep_no_shows(),
            purged=self.purge().purged,
        )


def run_startup_maintenance(services: Services) -> MaintenanceResult:
    """Called by reception and display at start-up (and by `madoguchi purge`): complete
    finished cases, expire overdue ones, mark no-shows, purge personal data. Never raises:
    a start-up must not fail because of housekeeping; problems come back in `errors`."""
    try:
        return services.inquiries.maintenance()
    except MadoguchiError as exc:
        return MaintenanceResult(errors=(exc.key,))
