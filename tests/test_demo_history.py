"""The demo history generator: the report invariants hold, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from db.models import (
    Appointment,
    DailyCounter,
    InquiryCase,
    SlotLoad,
    Ticket,
    TicketEvent,
)
from queue_app.demo.history import HistoryConfig, appointment_code, generate, notice_dates
from queue_app.domain.calendar import OfficeCalendar
from queue_app.services import IssueRequest

# 2026-11-03 (Tue) and 2026-11-23 (Mon) are holidays; 2026-11-22 is the maintenance Sunday
START, END = date(2026, 11, 1), date(2026, 11, 24)
TZ = ZoneInfo("Asia/Tokyo")


def _tickets(services):  # type: ignore[no-untyped-def]
    with services.uow.read() as s:
        return s.execute(select(Ticket)).scalars().all()


def _events(services):  # type: ignore[no-untyped-def]
    with services.uow.read() as s:
        rows = s.execute(select(TicketEvent).order_by(TicketEvent.at_ms, TicketEvent.id)).scalars()
        by_ticket: dict[int, list[TicketEvent]] = defaultdict(list)
        for e in rows:
            by_ticket[e.ticket_id].append(e)
        return by_ticket


def test_history_passes_report_invariants(services) -> None:  # type: ignore[no-untyped-def]
    result = generate(services.engine, services.config, START, END, seed=3)
    assert result.tickets > 1000 and result.events > 3 * result.tickets
    calendar = OfficeCalendar(services.config)
    tickets = _tickets(services)
    assert len(tickets) == result.tickets
    events = _events(services)

    numbers = set()
    for t in tickets:
        # no ticket on a closed day, for the office and for the service it was issued for
        status = calendar.day(t.office_id, t.service_day, t.issued_service_id)
        assert status.open, (t.office_id, t.service_day, t.issued_service_id)
        local = datetime.fromtimestamp(t.issued_ms / 1000, tz=TZ)
        assert local.date() == t.service_day
        assert any(r.contains(local.time()) for r in status.hours), (local, status.hours)
        # no number used twice
        key = (t.office_id, t.issued_service_id, t.service_day, t.number)
        assert key not in numbers
        numbers.add(key)
        # waits consistent: call after issue, start after call, finish after start
        if t.called_ms is not None:
            assert t.called_ms >= t.issued_ms
        if t.started_ms is not None:
            assert t.called_ms is not None and t.started_ms >= t.called_ms
        if t.finished_ms is not None:
            assert t.started_ms is not None and t.finished_ms >= t.started_ms
        assert t.state in ("done", "no_show", "cancelled")
        # the events tell the same story as the row
        chain = events[t.id]
        assert chain[0].from_state is None and chain[0].to_state == "waiting"
        assert chain[0].at_ms == t.issued_ms
        for before, after in zip(chain, chain[1:], strict=False):
            assert after.from_state == before.to_state
            assert after.at_ms >= before.at_ms
        assert chain[-1].to_state == t.state
        for e in chain:
            assert e.at_ms >= t.issued_ms  # no call (or anything) before issue
            assert e.service_day == t.service_day
        if t.state == "done":
            assert chain[-1].detail == f"outcome:{t.outcome}"

    with services.uow.read() as s:
        counters = s.execute(select(DailyCounter)).scalars().all()
    issued = defaultdict(int)
    for t in tickets:
        issued[(t.office_id, t.issued_service_id, t.service_day)] += 1
    assert {(c.office_id, c.service_id, c.service_day): c.last_number for c in counters} == issued

    # the closed days really are empty
    days = {(t.office_id, t.service_day) for t in tickets}
    assert ("sogo", date(2026, 11, 3)) not in days  # 文化の日
    assert ("sogo", date(2026, 11, 23)) not in days  # 勤労感謝の日
    assert ("station", date(2026, 11, 4)) not in days  # Wednesday
    assert ("station", date(2026, 11, 22)) in days  # open, but no e-certificate work
    assert not [
        t for t in tickets if t.service_day == date(2026, 11, 22) and t.issued_service_id == "ecert"
    ]
    # no-shows, transfers and inquiries exist
    states = {t.state for t in tickets}
    assert {"done", "no_show"} <= states
    assert any(t.issued_service_id != t.service_id for t in tickets)


def test_history_inquiries_and_second_visits(services) -> None:  # type: ignore[no-untyped-def]
    generate(services.engine, services.config, START, END, seed=5)
    with services.uow.read() as s:
        cases = s.execute(select(InquiryCase)).scalars().all()
        appointments = {a.id: a for a in s.execute(select(Appointment)).scalars()}
        loads = s.execute(select(SlotLoad)).scalars().all()
        tickets = {t.id: t for t in s.execute(select(Ticket)).scalars()}
    assert cases and appointments
    seats = services.config.settings.inquiry.seats_per_slot
    assert all(0 < load.booked <= seats for load in loads)
    per_slot = defaultdict(int)
    for a in appointments.values():
        per_slot[(a.office_id, a.service_id, a.slot_day, a.start_minute)] += 1
    assert {
        (x.office_id, x.service_id, x.slot_day, x.start_minute): x.booked for x in loads
    } == per_slot
    completed = 0
    for case in cases:
        first = tickets[case.ticket_id]
        assert first.outcome == "document_inquiry" and first.case_id == case.id
        assert case.mailed_on is not None and case.mailed_on > first.service_day
        if case.state == "completed":
            completed += 1
            appt = next(a for a in appointments.values() if a.case_id == case.id)
            second = tickets[appt.ticket_id]
            assert second.priority == 1 and second.case_id == case.id
            assert second.appointment_id == appt.id and appt.state == "checked_in"
            assert second.service_day == appt.slot_day
            assert appt.slot_day >= case.mailed_on + timedelta(
                days=services.config.settings.inquiry.postal_lead_days
            )
            assert appt.slot_day <= case.deadline
    assert completed > 0


def test_history_is_deterministic_and_skips_existing_days(sqlite_url, tmp_path, config):  # type: ignore[no-untyped-def]
    from tests.conftest import make_services

    clock_a = None
    a = make_services(sqlite_url, config, clock_a)
    b = make_services(f"sqlite:///{tmp_path}/other.db", config, clock_a)
    generate(a.engine, config, START, START + timedelta(days=6), seed=9)
    generate(b.engine, config, START, START + timedelta(days=6), seed=9)

    def snapshot(svc):  # type: ignore[no-untyped-def]
        with svc.uow.read() as s:
            return s.execute(
                select(
                    Ticket.office_id,
                    Ticket.display_number,
                    Ticket.issued_ms,
                    Ticket.called_ms,
                    Ticket.finished_ms,
                    Ticket.state,
                ).order_by(Ticket.id)
            ).all()

    assert snapshot(a) == snapshot(b)
    again = generate(a.engine, config, START, START + timedelta(days=6), seed=9)
    assert again.tickets == 0 and again.skipped_days > 0
    a.engine.dispose()
    b.engine.dispose()


def test_crowding_patterns_show(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    """Mondays and days after holidays are heavier, late morning and the last hour peak,
    and the weeks after expiry notices bring more e-certificate renewals."""
    notices = (date(2026, 9, 7), date(2026, 10, 19))
    generate(
        sqlite_services.engine,
        sqlite_services.config,
        date(2026, 9, 1),
        date(2026, 11, 30),
        seed=2,
        options=HistoryConfig(notice_dates=notices),
        offices=["sogo"],
    )
    with sqlite_services.uow.read() as s:
        per_day = dict(
            s.execute(select(Ticket.service_day, func.count()).group_by(Ticket.service_day)).all()
        )
        ecert = dict(
            s.execute(
                select(Ticket.service_day, func.count())
                .where(Ticket.issued_service_id == "ecert")
                .group_by(Ticket.service_day)
            ).all()
        )
        hours = dict(
            s.execute(
                select((Ticket.issued_ms + 9 * 3_600_000) // 3_600_000 % 24, func.count()).group_by(
                    (Ticket.issued_ms + 9 * 3_600_000) // 3_600_000 % 24
                )
            ).all()
        )

    def mean(values):  # type: ignore[no-untyped-def]
        values = list(values)
        return sum(values) / len(values)

    mondays = mean(n for d, n in per_day.items() if d.weekday() == 0)
    thursdays = mean(n for d, n in per_day.items() if d.weekday() == 3)
    assert mondays > 1.15 * thursdays
    # the Tuesday after the 3-day weekend of 2026-09-21..23 (Silver Week)
    assert per_day[date(2026, 9, 24)] > 1.2 * thursdays
    assert hours[11] > hours[14] and hours[10] > hours[9]
    # 17:00-17:15 is a quarter hour: per minute it is the busiest time of the day
    assert hours[17] * 4 > hours[11]

    def ecert_mean(first: date, days: int) -> float:
        window = [first + timedelta(days=i) for i in range(days)]
        return mean(ecert[d] for d in window if d in ecert and d.weekday() != 0)

    after_notice = ecert_mean(date(2026, 10, 21), 7)
    quiet = ecert_mean(date(2026, 11, 10), 14)
    assert after_notice > 1.3 * quiet


def test_services_keep_working_after_bulk_insert(services, clock) -> None:  # type: ignore[no-untyped-def]
    """Explicit ids must not break the id sequence (PostgreSQL) or the numbering."""
    generate(services.engine, services.config, date(2026, 11, 24), date(2026, 11, 30), seed=1)
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=TZ))
    issued = services.tickets.issue(IssueRequest("sogo", "ecert"))
    assert issued.ticket.number == 1
    with services.uow.read() as s:
        assert issued.ticket.id == s.execute(select(func.max(Ticket.id))).scalar_one()


def test_notice_dates_and_codes() -> None:
    monthly = notice_dates(HistoryConfig(), date(2026, 3, 1), date(2026, 5, 31))
    assert date(2026, 4, 5) in monthly and date(2026, 5, 5) in monthly
    fixed = HistoryConfig(notice_dates=(date(2026, 1, 9),))
    assert notice_dates(fixed, date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 1, 9)]
    codes = {appointment_code(i) for i in range(1, 50_000)}
    assert len(codes) == 49_999
    assert all(c.startswith("R-") and len(c) == 6 for c in codes)
