"""Issue 16: while the database is down the reception shows a lasting offline marker (a
toast alone disappears after a few seconds), and it goes away by itself once the database
answers again."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from queue_app.domain.errors import DatabaseError
from tests.test_reception_support import reception, reception_app, settle
from tests.waiting import until

SIZE = (80, 24)


async def test_offline_marker_lasts_while_the_database_is_down(
    sqlite_services: Any, monkeypatch: Any
) -> None:
    svc = sqlite_services
    real = svc.reading  # the reception's lists are read through it (ticket_reads.py)
    down = {"now": False}

    def reading() -> Any:
        if down["now"]:
            raise DatabaseError("err.db_unavailable", problem="connection refused")
        return real()

    monkeypatch.setattr(svc, "reading", reading)
    app = reception_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reception(pilot)
        marker = screen.query_one("#offline", Static)
        assert not marker.display
        down["now"] = True
        await until(pilot, lambda: marker.display, "offline marker shown")
        polls_failed = screen.poll_error
        # it stays: several more failed polls later it is still there
        for _ in range(3):
            screen._poll()
            await until(pilot, lambda: screen.poll_error, "still failing")
        assert polls_failed and marker.display
        assert "09:00" in str(marker.render())
        down["now"] = False
        await until(pilot, lambda: not marker.display, "offline marker gone after recovery")
