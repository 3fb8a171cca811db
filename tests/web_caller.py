"""`python -m tests.web_caller URL TICKET_ID COUNTER`: call one ticket from another process
(like a reception terminal) and print the wall-clock time just after the commit."""

from __future__ import annotations

import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from tests.conftest import make_services


def main(argv: list[str]) -> int:
    url, ticket_id, counter = argv[1], int(argv[2]), int(argv[3])
    clock = MutableClock(datetime(2026, 12, 1, 9, 6, tzinfo=ZoneInfo("Asia/Tokyo")))
    services = make_services(url, load_config(env={}), clock)
    services.tickets.call(ticket_id, counter)
    print(f"{time.time():.6f}", flush=True)
    services.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
