"""Which appointment slots a case may take: the booking window, free seats per day, the month view."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from db.models import InquiryCase, SlotLoad
from queue_app.domain.errors import DomainError, InputError
from queue_app.domain.inquiry import (
    BookingWindow,
    Slot,
    booking_window,
    day_slots,
    find_slot,
    hhmm,
    minute_of,
    month_days,
    offered_slots,
)
from queue_app.domain.inquiry_views import (
    DayInfo,
    MonthView,
    SlotView,
)
from queue_app.services.inquiries.base import InquiryBase


class InquirySlots(InquiryBase):
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

    def _offered(
        self, case: InquiryCase, office_id: str, day: date, window: BookingWindow
    ) -> list[Slot]:
        """The slots offered to this case at this office on this day (the domain's rule,
        with the minute it is now when the day is today)."""
        return offered_slots(
            self.calendar,
            office_id,
            case.service_id,
            day,
            window,
            self.settings,
            self._now_minute(office_id, day),
        )

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
            slots = self._offered(case, office_id, day, window)
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
            slots = self._offered(case, office_id, day, window)
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
            self._offered(case, office_id, day, window),
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
