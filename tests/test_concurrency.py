"""Four reception terminals (separate processes) issue 250 tickets each at the same moment,
on one SQLite file and on PostgreSQL: 1,000 tickets numbered 1..1000, no gap, no duplicate."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import DailyCounter, Ticket, TicketEvent
from queue_app.domain.tickets import display_number
from tests.helpers_engine import ROOT, check_history, worker_cmd, worker_env

WORKERS = 4
PER_WORKER = 250


def _run_workers(url: str, tmp_path: Path) -> list[dict[str, Any]]:
    start = tmp_path / "go"
    procs = [
        subprocess.Popen(
            worker_cmd("issue", url, str(PER_WORKER), str(start)),
            cwd=ROOT,
            env=worker_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    try:
        for p in procs:  # every terminal is set up (engine, migrations) before any starts
            assert p.stdout is not None
            line = p.stdout.readline()
            assert line.strip() == "ready", (line, p.stderr.read() if p.stderr else "")
        start.touch()
        outputs = []
        for p in procs:
            out, err = p.communicate(timeout=240)
            assert p.returncode == 0, err
            outputs.append(json.loads(out.strip().splitlines()[-1]))
        return outputs
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()


@pytest.mark.slow
def test_four_processes_issue_1000_unique_numbers(
    db_url: str, services: Any, tmp_path: Path
) -> None:
    began = time.monotonic()
    outputs = _run_workers(db_url, tmp_path)
    numbers = sorted(n for o in outputs for n in o["numbers"])
    assert numbers == list(range(1, WORKERS * PER_WORKER + 1))  # no gap, no duplicate
    assert all(len(o["numbers"]) == PER_WORKER for o in outputs)
    # the terminals really worked at the same time: their numbers interleave
    interleaved = sum(
        1 for o in outputs if o["numbers"] != list(range(o["numbers"][0], o["numbers"][-1] + 1))
    )
    assert interleaved >= 2, [o["numbers"][:5] for o in outputs]
    # every ticket, its label and its event are in the database; the counter agrees
    with services.uow.read() as session:
        rows = session.execute(select(Ticket.number, Ticket.display_number)).all()  # type: ignore[call-overload]
        events = session.execute(select(func.count()).select_from(TicketEvent)).scalar_one()
        last = session.execute(select(DailyCounter.last_number)).scalar_one()  # type: ignore[call-overload]
    assert sorted(r.number for r in rows) == numbers
    assert all(r.display_number == display_number("A", r.number) for r in rows)
    assert events == len(rows) == last == WORKERS * PER_WORKER
    assert services.tickets.revision("sogo") == WORKERS * PER_WORKER
    states = check_history(services)
    assert set(states.values()) == {"waiting"}
    print(f"{db_url.split(':')[0]}: {time.monotonic() - began:.1f} s")
