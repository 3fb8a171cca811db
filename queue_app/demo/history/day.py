"""One office-day: the discrete-event simulation of its counters."""

from __future__ import annotations

import heapq
import random
from collections import defaultdict
from datetime import date
from typing import Any

from queue_app.demo.history.arrivals import HistoryArrivals
from queue_app.demo.history.draws import (
    _lognormal,
    _ms,
)
from queue_app.demo.history.options import MS_MIN
from queue_app.demo.history.visitors import _Visitor
from queue_app.domain.config import Office


class HistoryDay(HistoryArrivals):
    # -- one office-day ----------------------------------------------------------------------
    def simulate_day(
        self,
        rng: random.Random,
        office: Office,
        day: date,
        visitors: list[_Visitor],
        events: list[dict[str, Any]],
    ) -> None:
        """Counters call the best waiting ticket they may serve, like `call_next`."""
        status = self.status(office.id, day)
        open_ms = _ms(self.calendar.at(office.id, day, status.opens))
        ranks = {s: i for i, s in enumerate(office.service_order)} if office.service_order else {}
        pools: dict[str, list[tuple[int, int, int, int, _Visitor]]] = defaultdict(list)
        staff_of = {
            c.number: self.staff_codes[(i + day.toordinal()) % len(self.staff_codes)]
            for i, c in enumerate(office.counters)
        }
        heap: list[tuple[int, int, int, Any]] = []  # (time, order, kind, payload)
        seq = 0
        for v in visitors:
            seq += 1
            heapq.heappush(heap, (v.issue_ms, seq, 0, v))
        for c in office.counters:
            seq += 1
            heapq.heappush(heap, (open_ms, seq, 1, c))
        idle: dict[int, Any] = {}
        oid, sday = office.id, day

        def event(v: _Visitor, frm: str | None, to: str, at: int, **kw: Any) -> None:
            events.append(
                {
                    "ticket_id": v.id,
                    "office_id": oid,
                    "service_id": kw.get("service", v.service),
                    "service_day": sday,
                    "from_state": frm,
                    "to_state": to,
                    "at_ms": at,
                    "counter": kw.get("counter"),
                    "staff": kw.get("staff"),
                    "detail": kw.get("detail"),
                }
            )

        def enqueue(v: _Visitor) -> None:
            heapq.heappush(
                pools[v.service], (-v.priority, ranks.get(v.service, 0), v.queued_ms, v.seq, v)
            )

        def best(counter: Any, now: int) -> _Visitor | None:
            chosen: tuple[Any, ...] | None = None
            chosen_pool: list[Any] | None = None
            for sid in counter.services:
                pool = pools.get(sid)
                while pool:
                    head = pool[0]
                    v = head[4]
                    if v.leave_ms is not None and v.leave_ms < now:
                        heapq.heappop(pool)
                        v.state = "cancelled"
                        event(v, "waiting", "cancelled", v.leave_ms)
                        continue
                    if chosen is None or head[:4] < chosen[:4]:
                        chosen, chosen_pool = head, pool
                    break
            if chosen is None or chosen_pool is None:
                return None
            heapq.heappop(chosen_pool)
            return chosen[4]

        def serve(counter: Any, v: _Visitor, now: int) -> int:
            """Call `v` at `now`; return when the counter is free again."""
            num, staff = counter.number, staff_of[counter.number]
            v.called_ms, v.counter, v.staff, v.state = now, num, staff, "called"
            v.recall_count = 0
            event(v, "waiting", "called", now, counter=num, staff=staff)
            if v.no_show:
                v.recall_count = 1
                event(
                    v, "called", "called", now + MS_MIN, counter=num, staff=staff, detail="recall:1"
                )
                v.state = "no_show"
                event(v, "called", "no_show", now + 2 * MS_MIN, counter=num, staff=staff)
                return now + 2 * MS_MIN + 15_000
            start = now + int(rng.uniform(20, 90) * 1000)
            v.started_ms, v.state = start, "serving"
            event(v, "called", "serving", start, counter=num, staff=staff)
            if v.transfer_to is not None:
                at = start + int(v.minutes * MS_MIN * rng.uniform(0.2, 0.5))
                old, v.service = v.service, v.transfer_to
                v.transfer_to = None
                v.state, v.counter, v.started_ms, v.leave_ms = "waiting", None, None, None
                mean = self.config.services[v.service].minutes
                v.minutes = max(0.5, _lognormal(rng, mean, self.options.service_cv))
                if v.service == "ecert":
                    v.kind, v.decision, v.outcome = "self", "serve_today", "renewed"
                else:
                    v.outcome = "served"
                event(
                    v,
                    "serving",
                    "waiting",
                    at,
                    counter=num,
                    staff=staff,
                    detail=f"transfer:{old}->{v.service}",
                )
                nonlocal seq
                seq += 1
                heapq.heappush(heap, (at, seq, 2, v))
                return at + 10_000
            end = start + max(30_000, int(v.minutes * MS_MIN))
            v.finished_ms, v.state = end, "done"
            free = end + int(rng.uniform(10, 40) * 1000)
            step_end(v, end, num, staff)
            return free

        def step_end(v: _Visitor, end: int, num: int, staff: str) -> None:
            """The counter finished v's step: done, the pickup stage (交付), and/or the
            plan's next step's queue at once (like `finish`, `ready`, `hand over`)."""
            nonlocal seq
            outcome = f"outcome:{v.outcome}"
            at, frm = end, "serving"
            if self.config.services[v.service].pickup:
                prng = random.Random(f"{self.seed}:{v.id}:{v.service}:pickup")
                opt = self.options
                ready = end + int(prng.expovariate(1 / opt.preparing_minutes) * MS_MIN) + MS_MIN
                at = ready + int(prng.expovariate(1 / opt.pickup_wait_minutes) * MS_MIN) + 30_000
                event(v, "serving", "preparing", end, counter=num, staff=staff, detail=outcome)
                event(v, "preparing", "ready", ready, counter=num, staff=staff, detail="ready")
                frm = "ready"  # handed over: the event names the step's outcome
            remaining = v.route[len(v.step_ends) + 1 :] if v.route else ()
            v.step_ends.append((v.outcome, at))
            if not remaining:
                event(v, frm, "done", at, counter=num, staff=staff, detail=outcome)
                return
            nxt = remaining[0]
            event(
                v,
                frm,
                "waiting",
                at,
                counter=num,
                staff=staff,
                service=nxt,
                detail=f"{outcome};next:{nxt}",
            )
            v.service, v.state, v.counter, v.started_ms, v.finished_ms = (
                nxt,
                "waiting",
                None,
                None,
                None,
            )
            v.priority = max(v.priority, self.config.settings.return_priority)
            v.leave_ms, v.no_show = None, False
            mean = self.config.services[nxt].minutes
            v.minutes = max(0.5, _lognormal(v.rng, mean, self.options.service_cv))
            v.outcome = "renewed" if nxt == "ecert" else "served"
            seq += 1
            heapq.heappush(heap, (at, seq, 2, v))

        while heap:
            now, _, kind, payload = heapq.heappop(heap)
            if kind == 1:  # a counter is free
                picked = best(payload, now)
                if picked is None:
                    idle[payload.number] = payload
                    continue
                seq += 1
                heapq.heappush(heap, (serve(payload, picked, now), seq, 1, payload))
                continue
            v = payload  # an arrival (0) or a transferred visitor back in the queue (2)
            if kind == 0:
                event(v, None, "waiting", v.issue_ms)
            enqueue(v)
            for num in sorted(idle):
                counter = idle[num]
                if v.service in counter.services:
                    del idle[num]
                    nxt = best(counter, now)
                    if nxt is None:  # the visitor gave up already: stay idle
                        idle[num] = counter
                        break
                    seq += 1
                    heapq.heappush(heap, (serve(counter, nxt, now), seq, 1, counter))
                    break
        for pool in pools.values():  # only visitors who gave up can remain
            for entry in pool:
                v = entry[4]
                v.state = "cancelled"
                event(v, "waiting", "cancelled", v.leave_ms or v.issue_ms)
