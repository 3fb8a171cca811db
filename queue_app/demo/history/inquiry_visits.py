"""Document inquiries in the history: open a case, mail it, book a slot, the second visit,
expiry and purge."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from db.models import SlotLoad
from queue_app.demo.history.day import HistoryDay
from queue_app.demo.history.draws import (
    _lognormal,
    _ms,
    appointment_code,
)
from queue_app.demo.history.options import (
    KANA_FAMILY,
    KANA_GIVEN,
    MS_MIN,
)
from queue_app.demo.history.visitors import _Case, _Visitor
from queue_app.domain.config import Office


class HistoryInquiries(HistoryDay):
    # -- document inquiries ---------------------------------------------------------------------
    def _open_case(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        v: _Visitor,
        ids: dict[str, int],
        cases: dict[int, _Case],
        second: dict[tuple[str, date], list[tuple[int, str]]],
        slot_load: dict[tuple[str, str, date, int], int],
        inquiry: Any,
    ) -> None:
        case_id = ids["case"]
        v.case_id = case_id
        mailed = self.calendar.next_open_day(office.id, day, include_start=False) or (
            day + timedelta(days=1)
        )
        deadline = mailed + timedelta(days=inquiry.answer_valid_days)
        row = {
            "id": case_id,
            "office_id": office.id,
            "service_id": v.service,
            "ticket_id": v.id,
            "visit_kind": v.kind,
            "reason": v.reason or "pin_reset",
            "state": "mailed",
            "opened_ms": v.finished_ms,
            "mailed_on": mailed,
            "deadline": deadline,
            "closed_ms": None,
            "name_kana": f"{rng.choice(KANA_FAMILY)} {rng.choice(KANA_GIVEN)}",
            "phone": f"090-0000-{rng.randrange(10000):04d}" if rng.random() < 0.7 else None,
            "purged": False,
            "staff": v.staff,
        }
        case = _Case(row)
        cases[case_id] = case
        if rng.random() >= self.options.return_rate:
            return
        service_id = inquiry.service if inquiry.service in office.services else v.service
        earliest = mailed + timedelta(days=inquiry.postal_lead_days + int(rng.expovariate(1 / 6)))
        visit = self.calendar.next_open_day(office.id, earliest, service_id)
        if visit is None or visit > deadline:
            return
        status = self.status(office.id, visit, service_id)
        slots = self._slots(status, inquiry)
        rng.shuffle(slots)
        for start_minute in slots:
            key = (office.id, service_id, visit, start_minute)
            if slot_load[key] < inquiry.seats_per_slot:
                slot_load[key] += 1
                ids["appointment"] += 1
                booked_day = min(
                    visit - timedelta(days=1), mailed + timedelta(days=inquiry.postal_lead_days)
                )
                case.appointment = {
                    "id": ids["appointment"],
                    "code": appointment_code(ids["appointment"]),
                    "case_id": case_id,
                    "office_id": office.id,
                    "service_id": service_id,
                    "slot_day": visit,
                    "start_minute": start_minute,
                    "end_minute": start_minute + inquiry.slot_minutes,
                    "state": "booked",
                    "booked_ms": _ms(self.calendar.at(office.id, booked_day, time(10, 0))),
                    "checked_in_ms": None,
                    "ticket_id": None,
                    "staff": v.staff,
                }
                case.row["state"] = "booked"
                kind = {"agent_first": "agent_second"}.get(v.kind, v.kind)
                second[(office.id, visit)].append((case_id, kind))
                return

    @staticmethod
    def _slots(status: Any, inquiry: Any) -> list[int]:
        found = []
        for r in status.hours:
            m = r.start.hour * 60 + r.start.minute
            end = r.end.hour * 60 + r.end.minute
            while m + inquiry.slot_minutes <= end:
                in_break = any(
                    b.start.hour * 60 + b.start.minute < m + inquiry.slot_minutes
                    and m < b.end.hour * 60 + b.end.minute
                    for b in inquiry.breaks
                )
                if not in_break:
                    found.append(m)
                m += inquiry.slot_minutes
        return found

    def _second_visits(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        booked: list[tuple[int, str]],
        cases: dict[int, _Case],
    ) -> list[_Visitor]:
        visitors = []
        status = self.status(office.id, day)
        open_ms = _ms(self.calendar.at(office.id, day, status.opens))
        close_ms = _ms(self.calendar.at(office.id, day, status.closes)) - MS_MIN
        midnight = _ms(self.calendar.at(office.id, day, time(0, 0)))
        for case_id, kind in booked:
            appt = cases[case_id].appointment
            assert appt is not None
            at = midnight + appt["start_minute"] * MS_MIN - int(rng.uniform(0, 10) * MS_MIN)
            at = min(max(at, open_ms), close_ms)
            v = _Visitor(appt["service_id"], at)
            v.kind, v.decision, v.outcome, v.priority = kind, "serve_today", "renewed", 1
            mean = self.config.services[v.service].minutes * self.kind_minutes.get(kind, 1.0)
            v.minutes = max(0.5, _lognormal(rng, mean, self.options.service_cv))
            v.appointment_id, v.case_id = appt["id"], case_id
            appt["state"], appt["checked_in_ms"] = "checked_in", at
            visitors.append(v)
        return visitors

    def _complete_case(self, case: _Case, v: _Visitor) -> None:
        if case.appointment is not None:
            case.appointment["ticket_id"] = v.id
        if v.state == "done":
            case.row["state"], case.row["closed_ms"] = "completed", v.finished_ms
        else:
            self._give_up(case, "no_show")

    @staticmethod
    def _give_up(case: _Case, appointment_state: str) -> None:
        if case.appointment is not None:
            case.appointment["state"] = appointment_state
        case.row["state"] = "mailed"

    def _expire_and_purge(
        self, cases: dict[int, _Case], end: date, end_ms: int, inquiry: Any
    ) -> None:
        for case in cases.values():
            row = case.row
            if row["state"] == "mailed" and row["deadline"] < end:
                row["state"] = "expired"
                row["closed_ms"] = _ms(
                    datetime.combine(
                        row["deadline"], time(23, 59), tzinfo=self.calendar.zone(row["office_id"])
                    )
                )
            closed = row["closed_ms"]
            if (
                row["state"] in ("completed", "expired")
                and closed is not None
                and end_ms - closed > inquiry.purge_after_days * 86_400_000
            ):
                row["name_kana"], row["phone"], row["purged"] = None, None, True

    @staticmethod
    def _upsert_slots(
        conn: Connection, dialect: str, slot_load: dict[tuple[str, str, date, int], int]
    ) -> None:
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = make(SlotLoad)
        stmt = stmt.on_conflict_do_update(
            index_elements=["office_id", "service_id", "slot_day", "start_minute"],
            set_={"booked": SlotLoad.booked + stmt.excluded.booked},  # type: ignore[arg-type]
        )
        conn.execute(
            stmt,
            [
                {"office_id": o, "service_id": s, "slot_day": d, "start_minute": m, "booked": n}
                for (o, s, d, m), n in slot_load.items()
            ],
        )
