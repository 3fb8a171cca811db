"""Demo data include multi-step visits (visit plans) and card pickups (交付), so a new user
sees them (issue 13): in the generated history and in the live day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import Ticket, TicketEvent, VisitStep
from queue_app.demo.history import DEMO_PLAN_RATE, HistoryConfig, generate
from tests.helpers_engine import check_history

TZ = ZoneInfo("Asia/Tokyo")
START, END = date(2026, 11, 9), date(2026, 11, 13)  # Monday to Friday


def test_history_has_plans_and_pickups(services: Any) -> None:
    options = HistoryConfig(plan_rate=DEMO_PLAN_RATE)  # what `madoguchi demo` uses
    generate(
        services.engine, services.config, START, END, seed=5, options=options, offices=["sogo"]
    )
    with services.uow.read() as s:
        planned = s.execute(select(Ticket).where(Ticket.plan_id.is_not(None))).scalars().all()
        steps = s.execute(select(VisitStep)).scalars().all()
        pickups = s.execute(
            select(TicketEvent.to_state).where(TicketEvent.service_id == "card_pickup")
        ).all()
    assert len(planned) >= 3 and {t.plan_id for t in planned} <= {"tennyu", "card"}
    by_ticket: dict[int, list[Any]] = {}
    for st in steps:
        by_ticket.setdefault(st.ticket_id, []).append(st)
    for t in planned:
        rows = sorted(by_ticket[t.id], key=lambda r: r.position)
        route = services.config.plan(t.plan_id).steps
        assert tuple(r.service_id for r in rows) == route
        if t.state == "done":
            assert {r.state for r in rows} == {"done"}
            assert t.service_id == route[-1] and t.issued_service_id == "moving"
    states = {row[0] for row in pickups}
    assert {"preparing", "ready", "done"} <= states
    check_history(services)
    # the default generator keeps the history's shape: no plans, pickups still staged
    report = services.reports.visits("sogo", START, END)
    assert report.figures.multi_counter > 0
    plans = [p for p in report.figures.plans if p.key in ("tennyu", "card")]
    assert plans and all(p.completed > 0 and p.longest_wait is not None for p in plans)
    card = next(s for s in report.figures.per_service if s.service_id == "card_pickup")
    assert card.preparing.n > 0 and card.pickup_wait.n > 0


def test_live_day_issues_plans_and_hands_over_documents(sqlite_services: Any, clock: Any) -> None:
    from queue_app.demo.live import LiveDay

    clock.set(datetime(2026, 12, 1, 8, 25, tzinfo=TZ))
    live = LiveDay(sqlite_services, clock, seed=3, options=HistoryConfig(plan_rate=DEMO_PLAN_RATE))
    live.advance(6 * 3600)  # 08:25 -> 14:25
    tickets = sqlite_services.tickets.list("sogo")
    assert any(t.plan_id == "tennyu" for t in tickets)
    with sqlite_services.uow.read() as s:
        handed = s.execute(
            select(TicketEvent.id).where(
                TicketEvent.from_state == "ready", TicketEvent.to_state == "done"
            )
        ).all()
    assert handed  # prepared, marked ready and handed over by the back office
    assert live.stats.errors == 0 or live.stats.last_error != "err.illegal_transition"
