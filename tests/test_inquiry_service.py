"""InquiryService on SQLite and PostgreSQL: cases, booking rules, cancel, reschedule,
no-shows, expiry, check-in refusals, audit of personal reads, purge."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import Session

from db.models import AuditEntry, InquiryCase, SlotLoad
from queue_app.domain.errors import DomainError, InputError, NotFoundError
from queue_app.services import IssueRequest
from tests.inquiry_support import at, first_visit, mailed_case

DEC4 = date(2026, 12, 4)  # mailed 12/1 + 3 days: the earliest second visit (a Friday)


def audit_rows(services, action: str | None = None) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with Session(services.engine) as session:
        stmt = select(AuditEntry)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        return list(session.scalars(stmt))


def slot_booked(services, office: str, day: date, minute: int) -> int:  # type: ignore[no-untyped-def]
    with Session(services.engine) as session:
        row = session.get(SlotLoad, (office, "ecert", day, minute))
        return row.booked if row else 0


def test_open_case_only_from_an_inquiry_ticket(services) -> None:  # type: ignore[no-untyped-def]
    plain = services.tickets.issue(IssueRequest("sogo", "ecert", visit_kind="self")).ticket
    with pytest.raises(DomainError) as err:
        services.inquiries.open_case(plain.id, "pin_reset")
    assert err.value.key == "inq.err.ticket_not_inquiry"
    with pytest.raises(NotFoundError):
        services.inquiries.open_case(99999, "pin_reset")
    ticket = first_visit(services)
    with pytest.raises(InputError):
        services.inquiries.open_case(ticket.id, "because")
    case = services.inquiries.open_case(ticket.id, "agent_first", name_kana="ヤマダ タロウ")
    assert case.state == "opened" and case.has_personal and case.name_kana is None
    assert case.service_id == "ecert" and case.visit_kind == "agent_first"
    again = services.inquiries.open_case(ticket.id, "agent_first")
    assert again.id == case.id  # idempotent per ticket
    assert services.inquiries.case_for_ticket(ticket.id).id == case.id


def test_mail_sets_deadline_and_days_left(services) -> None:  # type: ignore[no-untyped-def]
    case = mailed_case(services, date(2026, 12, 1))
    assert case.state == "mailed"
    assert case.deadline == date(2026, 12, 31)
    assert case.days_left == 30
    with pytest.raises(InputError) as err:
        services.inquiries.mark_mailed(case.id, date(2026, 12, 2))
    assert err.value.key == "inq.err.mailed_future"


def test_booking_rules(services) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    ticket = first_visit(services)
    opened = inq.open_case(ticket.id, "agent_first")
    with pytest.raises(DomainError) as err:
        inq.book(opened.id, "sogo", DEC4, 600)
    assert err.value.key == "inq.err.not_mailed"
    case = inq.mark_mailed(opened.id, date(2026, 12, 1))
    cases = {
        (date(2026, 12, 5), 600): "inq.err.day_closed",  # Saturday
        (date(2026, 12, 29), 600): "inq.err.day_closed",  # year end
        (date(2027, 1, 4), 600): "inq.err.after_deadline",
        (date(2026, 12, 3), 600): "inq.err.too_early",
        (DEC4, 605): "inq.err.no_such_slot",
        (DEC4, 12 * 60): "inq.err.no_such_slot",  # the lunch break
        (DEC4, 17 * 60): "inq.err.no_such_slot",  # would end after reception
    }
    for (day, minute), key in cases.items():
        with pytest.raises(DomainError) as err:
            inq.book(case.id, "sogo", day, minute)
        assert err.value.key == key, (day, minute)
    with pytest.raises(InputError):
        inq.book(case.id, "nowhere", DEC4, 600)
    appt = inq.book(case.id, "sogo", DEC4, 600, "S001")
    assert appt.code.startswith("R-") and appt.start == "10:00" and appt.end == "10:30"
    assert inq.get_case(case.id).state == "booked"
    assert inq.get_case(case.id).appointment.id == appt.id
    with pytest.raises(DomainError) as err:
        inq.book(case.id, "sogo", DEC4, 630)
    assert err.value.key == "inq.err.already_booked"
    assert slot_booked(services, "sogo", DEC4, 600) == 1
    assert inq.find_appointment(appt.code.lower().replace("-", "")).id == appt.id


def test_full_slot_is_not_offered_and_cannot_be_booked(services) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    seats = services.config.settings.inquiry.seats_per_slot
    cases = [mailed_case(services, date(2026, 12, 1)) for _ in range(seats + 1)]
    for case in cases[:seats]:
        inq.book(case.id, "sogo", DEC4, 600)
    free = inq.slots(cases[-1].id, "sogo", DEC4)
    assert 600 not in [s.start_minute for s in free]
    full = inq.slots(cases[-1].id, "sogo", DEC4, include_full=True)
    assert [s.free for s in full if s.start_minute == 600] == [0]
    with pytest.raises(DomainError) as err:
        inq.book(cases[-1].id, "sogo", DEC4, 600)
    assert err.value.key == "inq.err.slot_full"
    assert inq.get_case(cases[-1].id).state == "mailed"  # nothing written for the loser
    month = inq.month(cases[-1].id, "sogo", 2026, 12)
    info = {d.day: d for d in month.days}
    assert info[DEC4].free_seats == info[DEC4].total_seats - seats
    assert not info[date(2026, 12, 3)].bookable  # before the post arrives
    assert not info[date(2026, 12, 5)].open  # Saturday
    assert info[date(2026, 12, 28)].bookable
    assert not info[date(2026, 12, 29)].open


def test_cancel_frees_the_seat_and_reschedule_moves_it(services) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", DEC4, 600)
    moved = inq.reschedule(appt.id, "station", date(2026, 12, 6), 9 * 60)  # a Sunday, station
    assert moved.code == appt.code and moved.office_id == "station"
    assert slot_booked(services, "sogo", DEC4, 600) == 0
    assert slot_booked(services, "station", date(2026, 12, 6), 540) == 1
    with pytest.raises(DomainError) as err:
        inq.reschedule(appt.id, "station", date(2026, 12, 9), 540)  # station closed Wednesday
    assert err.value.key == "inq.err.day_closed"
    cancelled = inq.cancel(appt.id, "S001")
    assert cancelled.state == "cancelled"
    assert slot_booked(services, "station", date(2026, 12, 6), 540) == 0
    assert inq.get_case(case.id).state == "mailed"
    with pytest.raises(DomainError):
        inq.cancel(appt.id)
    again = inq.book(case.id, "sogo", DEC4, 600)  # the case can be booked again
    assert again.id != appt.id


def test_no_show_sweep_and_expiry(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", DEC4, 600)
    clock.set(at(2026, 12, 4, 10, 44))  # slot ends 10:30, grace 15 minutes
    assert inq.sweep_no_shows() == 0
    clock.set(at(2026, 12, 4, 10, 46))
    assert inq.sweep_no_shows() == 1
    assert inq.get_appointment(appt.id).state == "no_show"
    assert inq.get_case(case.id).state == "mailed"
    clock.set(at(2026, 12, 31, 9))
    assert inq.expire_overdue() == 0  # the deadline day itself is still valid
    clock.set(at(2027, 1, 1, 9))
    assert [c.id for c in inq.overdue_cases()] == [case.id]
    # read as expired at once (not written down yet: overdue), no longer among the open ones
    assert inq.list_cases() == []
    assert [(c.state, c.overdue) for c in inq.list_cases(states=["expired"])] == [("expired", True)]
    assert inq.expire_overdue() == 1
    assert inq.get_case(case.id).state == "expired"
    assert inq.overdue_cases() == []


def test_check_in_refusals(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", DEC4, 600)
    token = inq.token(appt)
    clock.set(at(2026, 12, 3, 10))
    with pytest.raises(DomainError) as err:
        inq.check_in(token, "sogo")
    assert err.value.key == "inq.err.slip_other_day"
    assert "2026-12-04" in err.value.message("ja")
    clock.set(at(2026, 12, 4, 10))
    with pytest.raises(DomainError) as err:
        inq.check_in(token, "station")
    assert err.value.key == "inq.err.slip_other_office"
    assert "総合窓口課" in err.value.message("ja")
    with pytest.raises(DomainError) as err:
        inq.check_in(token[:-3] + "AAA", "sogo")
    assert err.value.key == "inq.err.slip_forged"
    ticket = services.tickets.issue(IssueRequest("sogo", "ecert")).token
    with pytest.raises(DomainError) as err:
        inq.check_in(ticket, "sogo")
    assert err.value.key == "inq.err.slip_wrong_kind"
    with pytest.raises(InputError):
        inq.check_in("hello", "sogo")
    with pytest.raises(NotFoundError):
        inq.check_in("R-2222", "sogo")
    # by code, on the day, at the office: a priority ticket linked to the case
    result = inq.check_in(appt.code, "sogo", "S001")
    assert result.ticket.priority == 1
    assert result.ticket.case_id == case.id and result.ticket.appointment_id == appt.id
    assert result.ticket.visit_kind == "agent_second"
    with pytest.raises(DomainError) as err:
        inq.check_in(token, "sogo")
    assert err.value.key == "inq.err.already_checked_in"


def test_rescheduled_slip_is_stale(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1))
    appt = inq.book(case.id, "sogo", DEC4, 600)
    old_token = inq.token(appt)
    moved = inq.reschedule(appt.id, "sogo", date(2026, 12, 7), 600)
    clock.set(at(2026, 12, 4, 10))
    with pytest.raises(DomainError) as err:
        inq.check_in(old_token, "sogo")
    assert err.value.key == "inq.err.slip_other_day"
    clock.set(at(2026, 12, 7, 9, 30))
    assert inq.check_in(inq.token(moved), "sogo").appointment.state == "checked_in"


def test_personal_reads_are_audited_and_purge(services, clock) -> None:  # type: ignore[no-untyped-def]
    inq = services.inquiries
    case = mailed_case(services, date(2026, 12, 1), name_kana="ヤマダ タロウ", phone="048-473-1111")
    before = len(audit_rows(services, "read_personal"))
    plain = inq.get_case(case.id)
    assert plain.name_kana is None and "name_kana" not in plain.to_json()
    assert len(audit_rows(services, "read_personal")) == before  # nothing personal read
    full = inq.get_case(case.id, personal=True, actor="S002", purpose="match")
    assert full.name_kana == "ヤマダ タロウ" and full.phone == "048-473-1111"
    listed = inq.list_cases(personal=True, actor="S002")
    assert listed[0].name_kana == "ヤマダ タロウ"
    reads = audit_rows(services, "read_personal")
    assert len(reads) == before + 2
    assert {r.actor for r in reads} == {"S002"} and reads[-1].subject == f"case:{case.id}"
    inq.cancel_case(case.id, "S001")
    clock.advance(days=90)
    assert inq.purge().purged == 0  # not yet more than 90 days
    clock.advance(days=1)
    result = inq.purge()
    assert result.purged == 1 and result.case_ids == (case.id,)
    gone = inq.get_case(case.id, personal=True, actor="S002")
    assert gone.purged and gone.name_kana is None and gone.phone is None
    assert gone.reason == "agent_first" and gone.deadline == date(2026, 12, 31)
    assert [r.subject for r in audit_rows(services, "purge")] == [f"case:{case.id}"]
    assert inq.purge().purged == 0
    with Session(services.engine) as session:
        row = session.get(InquiryCase, case.id)
        assert row is not None and row.name_kana is None and row.purged


def test_startup_maintenance(services, clock) -> None:  # type: ignore[no-untyped-def]
    from queue_app.services.inquiries import run_startup_maintenance

    case = mailed_case(services, date(2026, 12, 1), name_kana="スズキ")
    clock.set(at(2027, 1, 1, 9))
    result = run_startup_maintenance(services)
    assert result.expired == 1 and result.errors == ()
    clock.set(at(2027, 4, 2, 9))
    assert run_startup_maintenance(services).purged == 1
    assert services.inquiries.get_case(case.id).purged
