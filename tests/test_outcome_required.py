"""Procedures whose outcomes the city counts (`outcome_required`, set for the e-certificate)
cannot be finished without naming the outcome: a default 'served' would hide renewals and
document inquiries from the reports. Other procedures still default to 'served'."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from queue_app.cli import main
from queue_app.domain.errors import InputError
from queue_app.services import IssueRequest, Services
from tests.conftest import SECRET
from tests.helpers_engine import snapshot


def _serving(services: Any, service: str, counter: int) -> int:
    ticket = services.tickets.issue(IssueRequest("sogo", service)).ticket
    services.tickets.call(ticket.id, counter, "S001")
    services.tickets.start(ticket.id, counter, "S001")
    return int(ticket.id)


def test_default_configuration_flags_the_ecert_only(config: Any) -> None:
    assert [s.id for s in config.services.values() if s.outcome_required] == ["ecert"]


def test_finish_without_outcome_is_refused_for_ecert(services: Any) -> None:
    tid = _serving(services, "ecert", 3)
    before = snapshot(services, tid)
    with pytest.raises(InputError) as err:
        services.tickets.finish(tid, None, 3, "S001")
    assert err.value.key == "err.outcome_required"
    assert "renewed" in err.value.message("en") and "--outcome" in err.value.message("en")
    assert snapshot(services, tid) == before
    done = services.tickets.finish(tid, "renewed", 3, "S001")
    assert (done.state, done.outcome) == ("done", "renewed")


def test_other_procedures_default_to_served(services: Any) -> None:
    tid = _serving(services, "certificate", 1)
    done = services.tickets.finish(tid, None, 1, "S001")
    assert (done.state, done.outcome) == ("done", "served")


def test_flag_is_configuration(services: Any) -> None:
    """A city that counts certificate outcomes too sets the flag; no code change."""
    config = services.config
    strict = replace(
        config,
        services={
            **config.services,
            "certificate": replace(config.services["certificate"], outcome_required=True),
        },
    )
    other = Services(services.engine, strict, services.clock, SECRET)
    tid = _serving(other, "certificate", 1)
    with pytest.raises(InputError):
        other.tickets.finish(tid, None, 1, "S001")


def test_cli_finish_needs_outcome_for_ecert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MADOGUCHI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(tmp_path / "madoguchi.toml"))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert main(["init"]) == 0
    staff = ["--office", "sogo", "--staff", "S001"]
    assert main(["ticket", "issue", "--office", "sogo", "--service", "ecert"]) == 0
    assert main(["ticket", "call", "--counter", "3", *staff]) == 0
    assert main(["ticket", "start", "A-001", *staff]) == 0
    capsys.readouterr()
    assert main(["ticket", "finish", "A-001", *staff]) == 2
    err = capsys.readouterr().err
    assert "--outcome" in err and "renewed" in err and "Traceback" not in err
    assert main(["ticket", "finish", "A-001", *staff, "--outcome", "renewed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "renewed"
