"""The CLI's reception paints its first screen, its lists read, before the ORM is loaded.

`madoguchi reception` reads its waiting list and the counter's tickets with plain
statements on the bare driver (`services/ticket_reads.py`) and builds the full services
(SQLAlchemy, SQLModel, pydantic: about a second to import) in a thread once they are shown
(issue 17). Checked in a fresh interpreter through `sys.modules`, wired as the CLI wires it
(`queue_app.commands.reception.build_app`); then the services come up and a ticket is
issued through the intake, with F2 pressed before they were ready.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from queue_app.services import IssueRequest
from tests.conftest import make_services

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "pydantic_core", "alembic")
NOW = "2026-12-01T09:30:00+09:00"

PROBE = """
import argparse, asyncio, json, sys
from queue_app.commands.reception import build_app
from queue_app.context import CliContext
from screens.reception.live import ReceptionLive

HEAVY = tuple(sys.argv[1].split(","))
args = argparse.Namespace(command="reception", office="sogo", counter=3, staff="S001", db=None)
ctx = CliContext(args)
app = build_app(args, ctx)
seen = {}
apply = ReceptionLive._apply_snapshot

def first_lists(self, message):
    apply(self, message)
    if "first" not in seen:
        seen["first"] = {
            "heavy": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY),
            "waiting": [t.display_number for t in self.waiting],
            "ready": self.app.services_ready,
        }

ReceptionLive._apply_snapshot = first_lists

async def until(pilot, condition):
    for _ in range(6000):  # a generous deadline for a loaded machine (the test's own)
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("not within the deadline")

async def main():
    from textual.widgets import Static
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "first" in seen)
        screen = app.screen
        seen["painted_waiting"] = [str(c) for c in screen.query_one("#waiting").get_row_at(0)][:1]
        await pilot.press("f2")  # before the services are ready (or just as they are)
        await until(pilot, lambda: type(app.screen).__name__ == "IntakeScreen" and app.screen.is_mounted)
        seen["ready_after_f2"] = app.services_ready
        await until(pilot, lambda: screen.query_one("#preparing", Static).display is False)
        await pilot.click("#item-card")
        await pilot.pause()
        await pilot.press("f10")
        await until(pilot, lambda: type(app.screen).__name__ == "IssuedTicketScreen")
        seen["issued"] = app.screen.result.ticket.display_number
    ctx.close()

asyncio.run(main())
print(json.dumps(seen, ensure_ascii=False))
"""


def test_first_lists_before_the_orm_then_an_issue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/madoguchi.db"
    config = load_config(env={})
    clock = MutableClock(datetime.fromisoformat(NOW).astimezone(ZoneInfo("Asia/Tokyo")))
    services = make_services(url, config, clock)
    services.tickets.issue(IssueRequest("sogo", "ecert", "self", "serve_today", staff="S001"))
    services.engine.dispose()
    secret = tmp_path / "secret.key"
    secret.write_text("s" * 40)
    secret.chmod(0o600)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "MADOGUCHI_DATA_DIR": str(tmp_path),
        "MADOGUCHI_DATABASE_URL": url,
        "MADOGUCHI_SECRET_FILE": str(secret),
        "MADOGUCHI_NOW": NOW,
        "MADOGUCHI_LANG": "ja",
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(HEAVY)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    first = seen["first"]
    assert first["heavy"] == [], f"loaded before the first lists: {first['heavy']}"
    assert first["ready"] is False
    assert first["waiting"] == ["A-001"]
    assert seen["painted_waiting"] == ["A-001"]
    assert seen["ready_after_f2"] is True
    assert seen["issued"] == "A-002"
