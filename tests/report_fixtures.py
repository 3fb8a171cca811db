"""Small hand-computed ticket histories for the report tests (see test_report_daily.py).

All times are JST. 2026-12-01 (Tue) at `sogo`, opening 08:30-17:15:

| ticket | issued | what happens                                          | wait | service |
|--------|--------|-------------------------------------------------------|------|---------|
| T1 ecert self          | 08:20 | call 08:50, start 08:50, finish 09:05     | 20 (from 08:30) | 15 |
| T2 certificate         | 08:40 | call 09:05, no-show 09:05                 | 25   | -       |
| T3 moving              | 09:10 | call 09:20, start, transfer 09:30 -> certificate, call 09:50, start, finish 10:00 | 10 (first call) | 10 |
| T4 other               | 09:15 | cancelled 09:25 (never called)            | -    | -       |
| T5 certificate self    | 16:50 | call 17:30, start, finish 17:40           | 40   | 10      |

08:20-09:00 JST is 23:20-00:00 UTC of 2026-11-30: the day crosses UTC midnight.
2026-12-02 (Wed): hours from 2026-12-02 on are 09:00-16:00 (an effective-dated change):
T6 ecert issued 08:45, called 09:10 -> wait 10 (from 09:00).
2026-12-03 (Thu): hours 08:30-12:00 and 13:00-17:15 (a lunch break from 2026-12-03):
T7 certificate issued 11:50, called 13:05 -> wait 15 (10 before the break, 5 after).
2026-12-05 (Sat): closed (weekend).
"""

from __future__ import annotations

import copy
from datetime import datetime
from zoneinfo import ZoneInfo

from queue_app.config import default_document
from queue_app.domain.config import Config
from queue_app.domain.config_schema import parse_config
from queue_app.services import IssueRequest

JST = ZoneInfo("Asia/Tokyo")
WEEK = ["mon", "tue", "wed", "thu", "fri"]


def report_config() -> Config:
    doc = copy.deepcopy(default_document())
    sogo = next(o for o in doc["offices"] if o["id"] == "sogo")
    sogo["hours"].append(
        {"effective_from": "2026-12-02", **{d: [["09:00", "16:00"]] for d in WEEK}}
    )
    sogo["hours"].append(
        {
            "effective_from": "2026-12-03",
            **{d: [["08:30", "12:00"], ["13:00", "17:15"]] for d in WEEK},
        }
    )
    return parse_config(doc)


def at(clock, day: int, hh: int, mm: int) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 12, day, hh, mm, tzinfo=JST))


def build_history(services, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    t = services.tickets

    def issue(service: str, kind: str = "") -> int:
        return t.issue(
            IssueRequest("sogo", service, visit_kind=kind), with_estimate=False
        ).ticket.id

    ids: dict[str, int] = {}
    at(clock, 1, 8, 20)
    ids["T1"] = issue("ecert", "self")
    at(clock, 1, 8, 40)
    ids["T2"] = issue("certificate")
    at(clock, 1, 8, 50)
    t.call(ids["T1"], 3)
    t.start(ids["T1"], 3)
    at(clock, 1, 9, 5)
    t.finish(ids["T1"], "renewed", 3)
    t.call(ids["T2"], 1)
    t.no_show(ids["T2"], 1)
    at(clock, 1, 9, 10)
    ids["T3"] = issue("moving")
    at(clock, 1, 9, 15)
    ids["T4"] = issue("other")
    at(clock, 1, 9, 20)
    t.call(ids["T3"], 5)
    t.start(ids["T3"], 5)
    at(clock, 1, 9, 25)
    t.cancel(ids["T4"])
    at(clock, 1, 9, 30)
    t.transfer(ids["T3"], to_service="certificate", counter_no=5)
    at(clock, 1, 9, 50)
    t.call(ids["T3"], 2)
    t.start(ids["T3"], 2)
    at(clock, 1, 10, 0)
    t.finish(ids["T3"], "served", 2)
    at(clock, 1, 16, 50)
    ids["T5"] = issue("certificate", "self")
    at(clock, 1, 17, 30)
    t.call(ids["T5"], 1)
    t.start(ids["T5"], 1)
    at(clock, 1, 17, 40)
    t.finish(ids["T5"], "served", 1)
    # 2026-12-02: new hours 09:00-16:00
    at(clock, 2, 8, 45)
    ids["T6"] = issue("ecert")
    at(clock, 2, 9, 10)
    t.call(ids["T6"], 3)
    # 2026-12-03: lunch break 12:00-13:00
    at(clock, 3, 11, 50)
    ids["T7"] = issue("certificate")
    at(clock, 3, 13, 5)
    t.call(ids["T7"], 1)
    return ids
