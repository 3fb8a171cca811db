"""What the reception and the display load before their first screen is painted.

Start-up pays for every import on its path: the report renderers, qrcode/PIL, the web
server, Alembic and the `holidays` package are not needed for the first screen and must
stay off it (the dialogs are preloaded once the counter is up). Checked in a fresh
interpreter through `sys.modules` at the first paint; how long start-up takes is measured
by bench/startup.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_AT_START = (
    "qrcode",
    "PIL",
    "holidays",
    "alembic",
    "web",
    "aiohttp",
    "starlette",
    "queue_app.services.reports",
    "queue_app.report_render",
    "queue_app.staffing_render",
    "screens.reports",
    "screens.scheduling",
)

PROBE = """
import asyncio, json, sys
from datetime import datetime
from zoneinfo import ZoneInfo
from db.engine import make_engine
from db.migrate import upgrade
from queue_app.config import load_config
from queue_app.domain.clock import MutableClock
from queue_app.services import Services
from screens.app import AppOptions, create_app

mode, folder = sys.argv[1], sys.argv[2]
url = f"sqlite:///{folder}/probe.db"
upgrade(make_engine(url))
for name in [m for m in sys.modules if m.split(".")[0] in ("alembic",)]:
    del sys.modules[name]  # the set-up above migrated; the app itself must not need it
before = set(sys.modules)
engine = make_engine(url, read_only=(mode == "display"))
clock = MutableClock(datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
services = Services(engine, load_config(env={}), clock, secret=b"s" * 32)
options = AppOptions(office_id="sogo", mode=mode, counter=3, staff="S001", lang="ja")
app = create_app(services, options, modes=[mode])
seen = {}

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        while getattr(screen, "snapshot", None) is None and getattr(screen, "revision", None) is None:
            await pilot.pause(0.01)
            screen = app.screen
        seen["mods"] = sorted(set(sys.modules))

if mode == "reception":
    from screens.reception.live import ReceptionLive
    first = ReceptionLive._after_first_paint
    def hook(self):
        seen.setdefault("painted", sorted(set(sys.modules)))
        first(self)
    ReceptionLive._after_first_paint = hook
asyncio.run(main())
mods = seen.get("painted", seen["mods"])
print(json.dumps(mods))
"""


@pytest.mark.parametrize("mode", ["reception", "display"])
def test_first_screen_loads_only_what_it_shows(tmp_path: Path, mode: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "MADOGUCHI_DATA_DIR": str(tmp_path)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = json.loads(proc.stdout.strip().splitlines()[-1])
    loaded = sorted(
        name for name in NOT_AT_START if any(m == name or m.startswith(name + ".") for m in modules)
    )
    assert loaded == [], f"{mode} start-up imported {loaded}"
