"""`madoguchi renewal` (and `assess`) without --today read the configured time zone and
language alone (`queue_app.config.load_general`), not the whole configuration (issue 17):
the same file, defaults and environment, and the same message as the whole reading for a
problem in what they read (the file itself, the top-level and settings keys, the time zone,
the language). A problem elsewhere (an office's hours, a rule) stops the commands that use
that part, not a renewal date (docs/decisions.md, "clifast2")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from queue_app.cli import main
from queue_app.config import default_text, load_config, load_general
from queue_app.domain.config import WEEKDAYS
from queue_app.domain.config_schema.keys import WEEKDAY_KEYS
from queue_app.domain.errors import ConfigError

RENEWAL = ["renewal", "--expiry", "2027-03-24", "--json"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "madoguchi.toml"
    path.write_text(text, "utf-8")
    return path


def test_weekday_keys_are_the_configuration_weekdays() -> None:
    assert WEEKDAY_KEYS == WEEKDAYS


def test_the_same_time_zone_and_language_as_the_whole_configuration(tmp_path: Path) -> None:
    assert load_general(env={}) == ("Asia/Tokyo", "ja")
    path = write(tmp_path, '[general]\ntimezone = "America/New_York"\nlanguage = "en"\n')
    config = load_config(str(path), env={})
    assert load_general(str(path), env={}) == (config.settings.timezone, "en")
    env = {"MADOGUCHI_TIMEZONE": "Europe/Paris", "MADOGUCHI_LANG": "ja"}
    assert load_general(str(path), env) == ("Europe/Paris", "ja")
    assert load_config(str(path), env).settings.timezone == "Europe/Paris"


def test_renewal_today_in_the_configured_zone_and_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 2026-12-01 01:00 in Tokyo it is still 2026-11-30 in New York; the file's language
    is the output's, as when the whole configuration was read for "today"."""
    path = write(tmp_path, '[general]\ntimezone = "America/New_York"\nlanguage = "en"\n')
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(path))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T01:00:00+09:00")
    assert main(RENEWAL) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2026-11-30"
    assert data["status_label"] == "before the renewal window"


# (file text, what the one-line message names): problems in what `renewal` reads
BAD_GENERAL = [
    ("[general\n", "TOML"),
    ('[genral]\nlanguage = "ja"\n', "genral"),
    ("[general]\ntarget_wait = 5\n", "general.target_wait"),
    ('[general]\nlanguage = "fr"\n', "general.language"),
    ('[general]\ntimezone = "Mars/Olympus"\n', "Mars/Olympus"),
    ("[general]\ntimezone = 9\n", "general.timezone"),
    ("[display]\nmoderate = 5\n", "display.moderate"),
    ('web = "x"\n', "web"),
    ("123456789012 = 1\n", "<key not shown>"),
]


@pytest.mark.parametrize(("text", "needle"), BAD_GENERAL)
def test_a_problem_in_what_renewal_reads_is_the_same_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    needle: str,
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as whole:
        load_config(str(path), env={})
    with pytest.raises(ConfigError) as alone:
        load_general(str(path), env={})
    assert (alone.value.key, alone.value.params) == (whole.value.key, whole.value.params)
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    code = main(["config", "check", "--config", str(path), "--lang", "en"])
    checked = capsys.readouterr().err
    assert code == 2
    assert main([*RENEWAL, "--config", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == checked and needle in err and "Traceback" not in err
    assert "123456789012" not in err


def test_an_unreadable_or_missing_file_is_the_same_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    not_utf8 = tmp_path / "latin1.toml"
    not_utf8.write_bytes('[general]\nlanguage = "ja" # caf\xe9\n'.encode("latin-1"))
    for path in (not_utf8, tmp_path / "missing.toml", tmp_path):
        assert main(["config", "check", "--config", str(path)]) == 2
        checked = capsys.readouterr().err
        assert main([*RENEWAL, "--config", str(path)]) == 2
        assert capsys.readouterr().err == checked


def test_a_problem_elsewhere_does_not_stop_a_renewal_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office's bad hours stop `calendar` (which reads them), not `renewal`."""
    text = default_text().replace('mon = [["08:30", "17:15"]]', 'mon = [["08:30", "25:00"]]', 1)
    path = write(tmp_path, text)
    monkeypatch.setenv("MADOGUCHI_CONFIG", str(path))
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01T09:00:00+09:00")
    calendar = ["calendar", "--office", "sogo", "--from", "2026-12-01", "--to", "2026-12-01"]
    assert main(calendar) == 2
    assert "25:00" in capsys.readouterr().err
    assert main(RENEWAL) == 0
    assert json.loads(capsys.readouterr().out)["today"] == "2026-12-01"
