"""A separate process that issues and calls one ticket, then prints the commit time.

Used by tests/test_display_twoproc.py and bench/display_latency.py:
    python -m tests.display_caller URL [COUNT] [INTERVAL_S]
It prints READY, then makes one call per line read on stdin. Each line printed: `<display number> <counter> <wall-clock seconds just after commit>`.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from queue_app.services import IssueRequest
from tests.conftest import make_services

OFFICE = "sogo"
COUNTERS = (3, 4)


def main(argv: list[str]) -> int:
    url = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 1
    interval = float(argv[3]) if len(argv) > 3 else 0.0
    # after the seeded calls (09:01-09:03), one fixed-clock minute per call
    clock = MutableClock(datetime(2026, 12, 1, 9, 10, tzinfo=ZoneInfo("Asia/Tokyo")))
    services = make_services(url, load_config(env={}), clock)
    print("READY", flush=True)
    for i in range(count):
        sys.stdin.readline()  # the test says when: the display is up and idle
        issued = services.tickets.issue(IssueRequest(OFFICE, "ecert"), with_estimate=False)
        counter = COUNTERS[i % 2]
        for still in services.tickets.open_at_counter(OFFICE, counter):  # one at a time
            if still.state == "called":
                services.tickets.start(still.id, counter)
            services.tickets.finish(still.id, "served", counter)
        ticket = services.tickets.call(issued.ticket.id, counter)
        committed = time.time()
        clock.advance(minutes=1)
        assert ticket is not None
        print(f"{ticket.display_number} {ticket.counter} {committed:.6f}", flush=True)
        if interval:
            time.sleep(interval)
    services.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
