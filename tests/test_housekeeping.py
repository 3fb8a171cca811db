"""Housekeeping of document inquiry cases (issue 11, "Reports and housekeeping").

- The purge summary counts a missed appointment as a no-show even when its case also
  expired in the same run.
- An overdue case is expired whenever it is read, whether or not a reception was started
  since its deadline; `madoguchi purge` (from cron) writes the expiry down.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from queue_app.cli import main
from queue_app.domain.errors import MadoguchiError
from tests.conftest import SECRET
from tests.inquiry_support import TOKYO, mailed_case


def _booked(svc: Any) -> tuple[Any, Any]:
    case = mailed_case(svc, date(2026, 12, 1))
    slot = svc.inquiries.slots(case.id, "sogo", date(2026, 12, 4))[0]
    appt = svc.inquiries.book(case.id, "sogo", date(2026, 12, 4), slot.start_minute)
    return case, appt


def _after_deadline(clock: Any, case: Any, days: int = 1) -> None:
    clock.set(datetime.combine(case.deadline + timedelta(days=days), datetime.min.time(), TOKYO))
    clock.advance(hours=9)


def test_maintenance_counts_the_missed_appointment_of_an_expired_case(services, clock) -> None:  # type: ignore[no-untyped-def]
    case, appt = _booked(services)
    _after_deadline(clock, services.inquiries.get_case(case.id))
    result = services.inquiries.maintenance()
    assert (result.expired, result.no_shows) == (1, 1)
    assert services.inquiries.get_case(case.id).state == "expired"
    assert services.inquiries.get_appointment(appt.id).state == "no_show"
    again = services.inquiries.maintenance()  # nothing left to do: nothing counted twice
    assert (again.expired, again.no_shows) == (0, 0)


def test_an_overdue_case_reads_as_expired_without_a_reception_start(services, clock) -> None:  # type: ignore[no-untyped-def]
    case = mailed_case(services, date(2026, 12, 1))
    assert services.inquiries.get_case(case.id).state == "mailed"
    _after_deadline(clock, case)  # no reception, no display, no purge has run since
    shown = services.inquiries.get_case(case.id)
    assert shown.state == "expired" and shown.days_left is not None and shown.days_left < 0
    assert case.id not in [c.id for c in services.inquiries.open_cases("sogo")]
    assert case.id in [c.id for c in services.inquiries.list_cases("sogo", ["expired"])]
    assert case.id in [c.id for c in services.inquiries.overdue_cases("sogo")]
    with pytest.raises(MadoguchiError) as refused:  # nothing more can happen to it
        services.inquiries.cancel_case(case.id, staff="S001")
    assert "expired" in refused.value.message("en") or "期限切れ" in refused.value.message("ja")
    # the deadline day itself is still open
    _after_deadline(clock, case, days=0)
    assert services.inquiries.get_case(case.id).state == "mailed"


def test_purge_from_cron_writes_the_expiry_down(
    sqlite_services, sqlite_url, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    case, _appt = _booked(sqlite_services)
    secret = tmp_path / "secret.key"
    secret.write_text(SECRET.decode() + "\n", "utf-8")
    secret.chmod(0o600)
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_SECRET_FILE", str(secret))
    monkeypatch.setenv("MADOGUCHI_NOW", f"{case.deadline + timedelta(days=1)}T06:00:00+09:00")
    capsys.readouterr()
    assert main(["purge", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["expired"], out["no_shows"]) == (1, 1)
    assert main(["purge", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["expired"], out["no_shows"]) == (0, 0)
    assert sqlite_services.inquiries.get_case(case.id).state == "expired"
