"""`madoguchi plan` and the staffing service on real databases (SQLite and PostgreSQL).

History: twelve weeks of the demo generator at sogo (2026-09-07 .. 2026-11-30); the clock
stands on 2026-12-01 09:00 JST, the plan is for Monday 2026-12-07.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Ticket
from queue_app.cli import main
from queue_app.demo.history import generate
from queue_app.services.staffing import StaffingService
from tests.conftest import make_services

START, END, MONDAY = date(2026, 9, 7), date(2026, 11, 30), date(2026, 12, 7)


@pytest.fixture
def plan_services(db_url, config, clock):  # type: ignore[no-untyped-def]
    svc = make_services(db_url, config, clock)
    generate(svc.engine, config, START, END, seed=4, offices=["sogo"])
    yield svc
    svc.engine.dispose()


def test_history_is_one_grouped_read_that_adds_up(plan_services) -> None:  # type: ignore[no-untyped-def]
    staffing = StaffingService(plan_services)
    hist = staffing.history("sogo", START, END)
    with plan_services.uow.read() as session:
        tickets = session.execute(
            select(func.count()).select_from(Ticket).where(Ticket.office_id == "sogo")
        ).scalar_one()
    assert sum(hist.counts.values()) == tickets
    slots = {m for (_d, _s, m) in hist.counts}
    assert min(slots) == 510 and max(slots) == 1020  # 08:30 .. the 17:00-17:15 half-hour
    assert {s for (_d, s, _m) in hist.counts} <= set(plan_services.config.office("sogo").services)
    mean, cv, finished = hist.service["ecert"]
    assert 10 < mean < 25 and 0.2 < cv < 1.5 and finished > 100
    assert hist.patience.left > 0 and 30 < hist.patience.mean_minutes < 5000
    # 61 weekdays, minus the holidays 9/21, 9/22, 9/23, 10/12, 11/3 and 11/23
    assert len(hist.days) == 55


def test_plan_for_a_monday(plan_services) -> None:  # type: ignore[no-untyped-def]
    report = StaffingService(plan_services).plan("sogo", MONDAY, weeks=12, replications=12)
    res = report.result
    assert report.history.end == date(2026, 11, 30)
    assert [g.counters for g in res.groups] == [(1,), (2,), (3,), (4,), (5,)]
    assert len(res.demand.slots) == 18 and res.demand.close == 17 * 60 + 15
    assert 100 < sum(res.demand.arrivals(k) for k in range(18)) < 400
    for row in res.iterative.schedule:  # never more counters than the room has
        assert all(0 <= n <= 1 for n in row)
    assert res.iterative.share_met >= res.erlang_c.share_met - 0.1
    assert report.accuracy is not None
    assert report.accuracy.get("factors").days > 0


def test_plan_for_an_ordinary_wednesday_beats_erlang_c(plan_services) -> None:  # type: ignore[no-untyped-def]
    """Checked on other simulated days, the iterative plan meets the target in at least 90%
    of the half-hours, more than the Erlang C plan (one shared queue, no lag) does."""
    res = (
        StaffingService(plan_services)
        .plan("sogo", date(2026, 12, 2), weeks=12, replications=12)
        .result
    )
    assert res.iterative.share_met >= 0.9
    assert res.iterative.share_met > res.erlang_c.share_met


def test_plan_closed_day_is_refused(plan_services) -> None:  # type: ignore[no-untyped-def]
    from queue_app.domain.errors import DomainError

    with pytest.raises(DomainError) as err:
        StaffingService(plan_services).plan("sogo", date(2026, 12, 6), weeks=12)
    assert err.value.key == "err.sim_closed"


@pytest.fixture
def cli_db(sqlite_url, config, clock, monkeypatch):  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    generate(svc.engine, config, START, END, seed=4, offices=["sogo"])
    svc.engine.dispose()
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    return sqlite_url


def _run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


ARGS = ("plan", "--office", "sogo", "--date", "2026-12-07", "--weeks", "12", "--runs", "10")


def test_cli_table_json_csv_html(cli_db, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *ARGS, "--lang", "en")
    assert code == 0, err
    assert (
        "Counter staffing plan: Citizen Services Division, 2026-12-07 (Mon), reception 08:30-17:15"
        in out
    )
    assert "counter 3 (My Number Card pickup, E-certificate renewal)" in out
    assert "08:30-09:00" in out and "17:00-17:15" in out
    assert "Erlang C (per period)" in out and "iterative simulation" in out
    assert "Forecast accuracy (backtest" in out and "Model assumptions" in out

    code, out, _ = _run(capsys, *ARGS, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2026-12-07"
    assert data["half_hours"][0]["start"] == "08:30" and data["half_hours"][-1]["end"] == "17:15"
    assert set(data["check"]) == {"iterative", "erlang_c", "erlang_a"}
    assert 0 <= data["check"]["iterative"]["share_half_hours_met"] <= 1
    assert data["target"] == {"within_min": 30.0, "share": 0.8}
    assert any(f["feature"] == "weekday" for f in data["forecast"]["factors"])

    path = tmp_path / "plan.csv"
    code, out, _ = _run(capsys, *ARGS, "--format", "csv", "--out", str(path))
    raw = path.read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel opens it right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 18 and rows[0]["start"] == "08:30"
    assert "counters:card_pickup+ecert" in rows[0]

    path = tmp_path / "plan.html"
    code, _, _ = _run(capsys, *ARGS, "--format", "html", "--out", str(path))
    page = path.read_text(encoding="utf-8")
    assert code == 0 and "<svg" in page and 'class="target"' in page
    assert 'class="demand"' in page and 'class="counters"' in page and 'class="wait"' in page
    stripped = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in stripped and "https://" not in stripped and "<link" not in stripped
    embedded = page.split('id="plan-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(embedded)["office"] == "sogo"


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (("--share", "1.5"), "--share"),
        (("--weeks", "0"), "--weeks"),
        (("--date", "2026-13-01"), "--date"),
    ],
)
def test_cli_bad_input_exits_2(cli_db, capsys, extra, needle) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, *ARGS, *extra)
    assert code == 2
    assert needle in err + out and "Traceback" not in err


def test_cli_closed_day(cli_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(
        capsys, "plan", "--office", "sogo", "--date", "2026-12-06", "--lang", "en"
    )
    assert code != 0 and "closed on 2026-12-06" in err + out and "Traceback" not in err
