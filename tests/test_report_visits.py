"""The visits report (issue 13) on a built day with known plans and hand-computed times.

sogo, Tuesday 2026-12-01 (JST):

| visit | plan | steps (queue joined → call, end)                                    | in building |
|---|---|---|---|
| V1 | tennyu | moving 09:00→09:10, 09:31; ecert 09:31→09:40, 09:56; other 09:56→10:00, 10:11 | 71 |
| V2 | tennyu | moving 09:05→09:32, 09:50; ecert 09:50→09:57, 10:12; other 10:12→10:12, 10:20 | 75 |
| V3 | -      | other 09:20→09:30, 09:40                                             | 20 |
| V4 | -      | card_pickup 09:15→09:20, counter end 09:30, ready 10:00, handed 10:05 | 50 |
| V5 | -      | other 10:30, cancelled 10:35                                         | -  |
| V6 | -      | moving 11:00→11:05, transferred 11:10; certificate 11:10→11:12, 11:20 | 20 |

In building (completed): 20, 20, 50, 71, 75 → p50 (nearest rank 3) 50, p90 (rank 5) 75.
More than one counter: V1, V2, V6 = 3 of 6 visits (50 %).
tennyu: 71, 75 → p50 71, p90 75; waits moving 10, 27 / ecert 9, 7 / other 4, 0 → p50 10, 7, 0:
the longest wait is step 1 (moving). Single procedure: 20, 50, 20 → p50 20, p90 50.
card_pickup: wait 5, service 10, preparing 30 (apart from waiting), pickup wait 5.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from queue_app.services import IssueRequest
from queue_app.services.reports.render import render
from tests.helpers_engine import jst

DAY = date(2026, 12, 1)


def at(services: Any, hour: int, minute: int) -> None:
    services.clock.set(jst(2026, 12, 1, hour, minute))


def step(
    services: Any,
    tid: int,
    counter: int,
    call: tuple[int, int],
    end: tuple[int, int],
    outcome: str = "served",
) -> None:  # noqa: E501
    t = services.tickets
    at(services, *call)
    t.call(tid, counter, "S001")
    t.start(tid, counter, "S001")
    at(services, *end)
    t.finish(tid, outcome, counter, "S001")


def build_day(services: Any) -> None:
    t = services.tickets
    at(services, 9, 0)
    v1 = t.issue_plan(IssueRequest("sogo", ""), "tennyu").ticket.id
    at(services, 9, 5)
    v2 = t.issue_plan(IssueRequest("sogo", ""), "tennyu").ticket.id
    at(services, 9, 15)
    v4 = t.issue(IssueRequest("sogo", "card_pickup")).ticket.id
    at(services, 9, 20)
    v3 = t.issue(IssueRequest("sogo", "other")).ticket.id
    step(services, v1, 5, (9, 10), (9, 31))
    step(services, v4, 4, (9, 20), (9, 30))  # → preparing
    step(services, v3, 1, (9, 30), (9, 40))
    step(services, v2, 5, (9, 32), (9, 50))
    step(services, v1, 3, (9, 40), (9, 56), "renewed")
    step(services, v2, 3, (9, 57), (10, 12), "renewed")
    step(services, v1, 5, (10, 0), (10, 11))
    at(services, 10, 0)
    t.mark_ready(v4, "S002")
    at(services, 10, 5)
    t.hand_over(v4, 4, "S001")
    step(services, v2, 5, (10, 12), (10, 20))
    at(services, 10, 30)
    v5 = t.issue(IssueRequest("sogo", "other")).ticket.id
    at(services, 10, 35)
    t.cancel(v5, None, "S001")
    at(services, 11, 0)
    v6 = t.issue(IssueRequest("sogo", "moving")).ticket.id
    at(services, 11, 5)
    t.call(v6, 2, "S001")
    t.start(v6, 2, "S001")
    at(services, 11, 10)
    t.transfer(v6, "certificate", None, 2, "S001")
    step(services, v6, 1, (11, 12), (11, 20))


def test_time_in_building_per_visit_step_and_plan(services: Any) -> None:
    build_day(services)
    report = services.reports.visits("sogo", DAY)
    f = report.figures
    assert (f.visits, f.completed, f.multi_counter) == (6, 5, 3)
    assert f.multi_counter_share == 0.5
    assert (f.building.n, f.building.p50, f.building.p90) == (5, 50.0, 75.0)
    plans = {p.key: p for p in f.plans}
    assert set(plans) == {"", "tennyu"}
    tennyu = plans["tennyu"]
    assert (tennyu.visits, tennyu.completed) == (2, 2)
    assert (tennyu.building.p50, tennyu.building.p90) == (71.0, 75.0)
    assert [(s.position, s.service_id, s.wait.p50, s.wait.p90) for s in tennyu.steps] == [
        (1, "moving", 10.0, 27.0),
        (2, "ecert", 7.0, 9.0),
        (3, "other", 0.0, 4.0),
    ]
    assert tennyu.longest_wait is not None and tennyu.longest_wait.service_id == "moving"
    single = plans[""]
    assert (single.visits, single.completed) == (4, 3)
    assert (single.building.p50, single.building.p90) == (20.0, 50.0)
    per_service = {s.service_id: s for s in f.per_service}
    pickup = per_service["card_pickup"]
    assert (pickup.wait.p50, pickup.service.p50) == (5.0, 10.0)
    assert (pickup.preparing.n, pickup.preparing.p50, pickup.pickup_wait.p50) == (1, 30.0, 5.0)
    assert per_service["moving"].preparing.n == 0  # waiting and preparing kept apart
    # the transferred visit: moving (called 11:05) then certificate (joined 11:10, called 11:12)
    assert per_service["certificate"].wait.p50 == 2.0


def test_the_visits_report_renders_in_every_format(services: Any) -> None:
    build_day(services)
    report = services.reports.visits("sogo", DAY)
    data = json.loads(render(report, "json", "en"))
    assert data["report"] == "visits" and data["visits"] == 6
    assert data["building_minutes"] == {"n": 5, "p50": 50.0, "p90": 75.0, "mean": 47.2}
    tennyu = next(p for p in data["plans"] if p["plan"] == "tennyu")
    assert tennyu["longest_wait_step"] == 1
    table = render(report, "table", "ja")
    assert "来庁時間レポート" in table and "複数の窓口を回った来庁: 3 (50" in table
    assert "転入" in table and "準備 中央値" in table
    assert "Time in the building" not in table
    csv_text = render(report, "csv", "en")
    assert "Per plan" in csv_text and "Preparing p50" in csv_text
    html = render(report, "html", "en")
    assert html.startswith("<!DOCTYPE html>") and "Moving in" in html


def test_an_empty_day_and_old_history(services: Any) -> None:
    empty = services.reports.visits("sogo", date(2026, 11, 30))
    assert empty.figures.visits == 0 and empty.figures.building.p50 is None
    assert "この期間の来庁はありません" in render(empty, "table", "ja")
