"""The whole range: play every open day and write the rows with bulk Core inserts in one
transaction."""

from __future__ import annotations

import random
import time as _time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from db.models import (
    Appointment,
    AuditEntry,
    DailyCounter,
    InquiryCase,
    Revision,
    Ticket,
    TicketEvent,
    VisitStep,
)
from queue_app.demo.history.draws import (
    _ms,
    notice_dates,
)
from queue_app.demo.history.inquiry_visits import HistoryInquiries
from queue_app.demo.history.options import (
    BATCH_EVENTS,
    GenerationResult,
    HistoryConfig,
)
from queue_app.demo.history.visitors import _Case, _Visitor
from queue_app.domain.config import Config, Office
from queue_app.domain.report_marks import fold_marks
from queue_app.domain.tickets import display_number


class HistoryGenerator(HistoryInquiries):
    # -- the whole range -----------------------------------------------------------------------
    def generate(self, engine: Engine, start: date, end: date) -> GenerationResult:
        t0 = _time.perf_counter()
        dialect = engine.dialect.name
        notices = notice_dates(self.options, start, end)
        inquiry = self.config.settings.inquiry
        with engine.begin() as conn:
            existing = {
                (r[0], r[1])
                for r in conn.execute(
                    select(DailyCounter.office_id, DailyCounter.service_day)
                    .where(DailyCounter.service_day >= start, DailyCounter.service_day <= end)  # type: ignore[arg-type]
                    .distinct()
                )
            }
            ids = {
                name: int(conn.execute(select(func.coalesce(func.max(col), 0))).scalar_one())
                for name, col in (
                    ("ticket", Ticket.id),
                    ("case", InquiryCase.id),
                    ("appointment", Appointment.id),
                )
            }
            tickets: list[dict[str, Any]] = []
            steps: list[dict[str, Any]] = []
            events: list[dict[str, Any]] = []
            counters: list[dict[str, Any]] = []
            cases: dict[int, _Case] = {}
            slot_load: dict[tuple[str, str, date, int], int] = defaultdict(int)
            # (office, day) -> booked second visits: (case id, visit kind)
            second: dict[tuple[str, date], list[tuple[int, str]]] = defaultdict(list)
            totals = {"tickets": 0, "events": 0, "days": 0, "skipped": 0}

            def flush() -> None:
                _mark_tickets(tickets, events)
                if tickets:
                    conn.execute(insert(Ticket), tickets)
                    totals["tickets"] += len(tickets)
                    tickets.clear()
                if steps:
                    conn.execute(insert(VisitStep), steps)
                    steps.clear()
                if events:
                    conn.execute(insert(TicketEvent), events)
                    totals["events"] += len(events)
                    events.clear()

            day = start
            while day <= end:
                for oid in self.office_ids:
                    office = self.config.offices[oid]
                    booked = second.pop((oid, day), [])
                    if not self.status(oid, day).open:
                        continue
                    if (oid, day) in existing:
                        totals["skipped"] += 1
                        for case_id, _kind in booked:
                            self._give_up(cases[case_id], "no_show")
                        continue
                    totals["days"] += 1
                    rng = random.Random(f"{self.seed}:{oid}:{day.isoformat()}")
                    visitors = self.arrivals(rng, office, day, notices)
                    visitors += self._second_visits(rng, office, day, booked, cases)
                    visitors.sort(key=lambda v: v.issue_ms)
                    numbers: dict[str, int] = defaultdict(int)
                    for v in visitors:
                        ids["ticket"] += 1
                        v.id = v.seq = ids["ticket"]
                        numbers[v.service] += 1
                        v.number = numbers[v.service]
                    self.simulate_day(rng, office, day, visitors, events)
                    for sid, last in numbers.items():
                        counters.append(
                            {
                                "office_id": oid,
                                "service_id": sid,
                                "service_day": day,
                                "last_number": last,
                            }
                        )
                    for v in visitors:
                        if v.outcome == "document_inquiry" and v.state == "done":
                            ids["case"] += 1
                            self._open_case(
                                rng, office, day, v, ids, cases, second, slot_load, inquiry
                            )
                        elif v.appointment_id is not None and v.case_id in cases:
                            self._complete_case(cases[v.case_id], v)
                        tickets.append(self._ticket_row(office, day, v))
                        if v.route:
                            steps.extend(self._step_rows(v))
                    if len(events) >= BATCH_EVENTS:
                        flush()
                day += timedelta(days=1)
            flush()
            for entries in second.values():  # second visits after `end`: still booked
                for case_id, _kind in entries:
                    case = cases[case_id]
                    case.row["state"] = "booked"
            end_ms = _ms(
                datetime.combine(end, time(23, 59), tzinfo=ZoneInfo(self.config.settings.timezone))
            )
            self._expire_and_purge(cases, end, end_ms, inquiry)
            if counters:
                conn.execute(insert(DailyCounter), counters)
            if cases:
                conn.execute(insert(InquiryCase), [c.row for c in cases.values()])
                appointments = [c.appointment for c in cases.values() if c.appointment]
                if appointments:
                    conn.execute(insert(Appointment), appointments)
            if slot_load:
                self._upsert_slots(conn, dialect, slot_load)
            self._finish(conn, dialect, start, end, totals)
            n_appointments = sum(1 for c in cases.values() if c.appointment)
        return GenerationResult(
            start=start,
            end=end,
            offices=self.office_ids,
            days=totals["days"],
            skipped_days=totals["skipped"],
            tickets=totals["tickets"],
            events=totals["events"],
            cases=len(cases),
            appointments=n_appointments,
            seconds=_time.perf_counter() - t0,
        )

    def _ticket_row(self, office: Office, day: date, v: _Visitor) -> dict[str, Any]:
        prefix = self.config.services[v.issued_service].prefix
        return {
            "id": v.id,
            "office_id": office.id,
            "service_id": v.service,
            "issued_service_id": v.issued_service,
            "service_day": day,
            "number": v.number,
            "display_number": display_number(prefix, v.number),
            "visit_kind": v.kind,
            "decision": v.decision,
            "state": v.state,
            "priority": v.priority,
            "issued_ms": v.issue_ms,
            "queued_ms": v.queued_ms,
            "called_ms": v.called_ms,
            "started_ms": v.started_ms,
            "finished_ms": v.finished_ms,
            "counter": v.counter,
            "target_counter": None,
            "recall_count": v.recall_count,
            "outcome": v.outcome if v.state == "done" else None,
            "override": None,
            "staff": v.staff,
            "request_id": None,
            "appointment_id": v.appointment_id,
            "case_id": v.case_id,
            "plan_id": v.plan_id,
        }

    @staticmethod
    def _step_rows(v: _Visitor) -> list[dict[str, Any]]:
        """The `visit_step` rows of a plan visitor: ended steps done, then the one it was
        in (cancelled with the visit, or still current), the rest pending or cancelled."""
        rows: list[dict[str, Any]] = []
        for i, service in enumerate(v.route):
            state, outcome, ended = "pending", None, None
            if i < len(v.step_ends):
                state, (outcome, ended) = "done", v.step_ends[i]
            elif v.state == "cancelled":
                state, ended = "cancelled", v.leave_ms or v.issue_ms
            elif i == len(v.step_ends):
                state = "current"
            rows.append(
                {
                    "ticket_id": v.id,
                    "position": i + 1,
                    "service_id": service,
                    "state": state,
                    "outcome": outcome,
                    "ended_ms": ended,
                    "staff": None,
                }
            )
        return rows

    def _finish(
        self, conn: Connection, dialect: str, start: date, end: date, totals: dict[str, int]
    ) -> None:
        if dialect == "postgresql":
            for table in ("ticket", "inquiry_case", "appointment"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    )
                )
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        for oid in self.office_ids:
            stmt = make(Revision).values(office_id=oid, value=1)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["office_id"],
                    set_={"value": Revision.value + 1},  # type: ignore[arg-type]
                )
            )
        conn.execute(
            insert(AuditEntry).values(
                at_ms=int(_time.time() * 1000),
                actor="demo",
                action="demo_history",
                subject=f"{start.isoformat()}..{end.isoformat()}",
                detail=f"seed={self.seed} tickets={totals['tickets']}",
            )
        )


def _mark_tickets(tickets: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    """Each ticket row gets the report marks its events give (domain/report_marks.py), as
    the transitions write them and migration 0007 fills them: a batch holds whole days,
    every ticket with all its events."""
    by_ticket: dict[int, list[tuple[str | None, int, str | None]]] = defaultdict(list)
    for e in events:
        by_ticket[e["ticket_id"]].append((e["to_state"], e["at_ms"], e["detail"]))
    for row in tickets:
        row["first_called_ms"], row["transferred"] = fold_marks(by_ticket.get(row["id"], ()))


def generate(
    engine: Engine,
    config: Config,
    start: date,
    end: date,
    seed: int = 1,
    options: HistoryConfig | None = None,
    offices: Iterable[str] | None = None,
) -> GenerationResult:
    """Write simulated history for every open day in [start, end] (inclusive).

    Office-days that already have tickets (a `daily_counter` row) are skipped, so the
    generator never collides with real or earlier data.
    """
    if end < start:
        raise ValueError("end before start")
    return HistoryGenerator(config, seed, options, offices).generate(engine, start, end)
