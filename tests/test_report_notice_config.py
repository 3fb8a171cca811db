"""`[reports] notice_dates`: expiry-notice delivery dates from the configuration, used by
the forecast when `--notice` is not given (then inferred from past spikes)."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import pytest

from queue_app.cli import main
from queue_app.config import default_document, load_config
from queue_app.domain.config_schema import parse_config
from queue_app.domain.errors import ConfigError
from queue_app.services import IssueRequest
from tests.conftest import make_services


def _one_past_ticket(svc) -> None:  # type: ignore[no-untyped-def]
    """A ticket a week before the fixed clock: history to forecast from (an empty database
    is refused), and no spike to infer a notice date from."""
    clock = svc.clock
    now = clock.now()
    clock.set(now - timedelta(days=7))
    svc.tickets.issue(IssueRequest("sogo", "ecert"), with_estimate=False)
    clock.set(now)


def _doc(**reports: object) -> dict:  # type: ignore[type-arg]
    doc = copy.deepcopy(default_document())
    doc["reports"] = dict(reports)
    return doc


def test_default_config_has_no_notice_dates() -> None:
    assert parse_config(default_document()).settings.reports.notice_dates == ()


def test_notice_dates_are_parsed_sorted_and_deduplicated() -> None:
    cfg = parse_config(_doc(notice_dates=["2026-12-18", "2026-11-20", date(2026, 11, 20)]))
    assert cfg.settings.reports.notice_dates == (date(2026, 11, 20), date(2026, 12, 18))


@pytest.mark.parametrize(
    ("reports", "needle"),
    [
        ({"notice_dates": ["2026-13-01"]}, "reports.notice_dates[0]"),
        ({"notice_dates": ["2026-11-20", "20/11/2026"]}, "reports.notice_dates[1]"),
        ({"notice_dates": "2026-11-20"}, "reports.notice_dates"),
        ({"notice_date": ["2026-11-20"]}, "reports.notice_date"),
    ],
)
def test_bad_notice_dates_name_the_key(reports, needle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as info:
        parse_config(_doc(**reports))
    assert needle in info.value.message("en")


def test_forecast_uses_configured_dates_unless_given(sqlite_url, clock) -> None:  # type: ignore[no-untyped-def]
    cfg = parse_config(_doc(notice_dates=["2026-12-09", "2027-03-01"]))
    svc = make_services(sqlite_url, cfg, clock)
    _one_past_ticket(svc)
    try:
        fc = svc.reports.forecast("sogo", 2026, 12)
        assert fc.notice_source == "config" and not fc.notice_inferred
        assert fc.notice_dates == (date(2026, 12, 9),)  # only those in the window shown
        days = {d.day: d for d in fc.days}
        assert "notice" in days[date(2026, 12, 9)].reasons
        assert "notice" in days[date(2026, 12, 15)].reasons  # the 7-day window
        assert "notice" not in days[date(2026, 12, 8)].reasons
        assert "notice" not in days[date(2026, 12, 16)].reasons
        given = svc.reports.forecast("sogo", 2026, 12, notice_dates=[date(2026, 12, 21)])
        assert given.notice_source == "given" and given.notice_dates == (date(2026, 12, 21),)
        gdays = {d.day: d for d in given.days}
        assert "notice" not in gdays[date(2026, 12, 9)].reasons
        assert "notice" in gdays[date(2026, 12, 21)].reasons
    finally:
        svc.engine.dispose()


def test_without_config_or_flag_nothing_is_invented(sqlite_url, clock, config) -> None:  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    _one_past_ticket(svc)  # one ticket: no spike to infer from
    try:
        fc = svc.reports.forecast("sogo", 2026, 12)
        assert fc.notice_source == "none" and fc.notice_dates == ()
        assert all("notice" not in d.reasons for d in fc.days)
    finally:
        svc.engine.dispose()


def test_cli_forecast_reads_the_config_file(
    sqlite_url, clock, config, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    svc = make_services(sqlite_url, config, clock)
    _one_past_ticket(svc)
    svc.engine.dispose()
    toml = tmp_path / "madoguchi.toml"
    toml.write_text('[reports]\nnotice_dates = ["2026-12-09"]\n', encoding="utf-8")
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(toml))
    monkeypatch.setenv("MADOGUCHI_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    assert load_config().settings.reports.notice_dates == (date(2026, 12, 9),)
    base = ["report", "forecast", "--office", "sogo", "--month", "2026-12"]
    assert main([*base, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notice_dates"] == ["2026-12-09"] and data["notice_source"] == "config"
    assert main([*base, "--format", "json", "--notice", "2026-12-14"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notice_dates"] == ["2026-12-14"] and data["notice_source"] == "given"
    assert main(base) == 0
    assert "(設定 [reports] notice_dates)" in capsys.readouterr().out
    toml.write_text('[reports]\nnotice_dates = ["2026-12-32"]\n', encoding="utf-8")
    assert main(base) == 2
    assert "reports.notice_dates[0]" in capsys.readouterr().err
