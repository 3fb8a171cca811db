"""Snapshots of the scheduling screen (month calendar with free seats) at 80x24 and 160x48."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from screens.scheduling.screen import SchedulingScreen
from tests.conftest import make_services
from tests.inquiry_support import mailed_case
from tests.test_inquiry_screens import Host, settle


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_scheduling_month_snapshot(
    snap_compare: Any, sqlite_url: str, config: Any, clock: Any, size: tuple[int, int]
) -> None:
    services = make_services(sqlite_url, config, clock)
    case = mailed_case(services, date(2026, 12, 1))
    app = Host(services, SchedulingScreen(case_id=case.id))

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await app.push_screen(app.first_screen)
        await settle(app, pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        services.engine.dispose()
