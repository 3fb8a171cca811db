"""Configuration: defaults, file, environment and flags; every bad value named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_app.cli import main
from queue_app.config import default_text, load_config
from queue_app.domain.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "madoguchi.toml"
    path.write_text(text, "utf-8")
    return path


def test_default_configuration_describes_the_three_offices() -> None:
    config = load_config(env={})
    assert list(config.offices) == ["sogo", "yanasegawa", "station"]
    assert config.offices["sogo"].name_ja == "総合窓口課"
    assert config.services["ecert"].prefix == "A"
    assert config.settings.timezone == "Asia/Tokyo"
    assert {s for s in config.services} >= {
        "ecert",
        "certificate",
        "moving",
        "card_pickup",
        "other",
    }
    hours = config.offices["station"].hours[0]
    assert all(day for day in hours.week), "the station opens every day of the week"


def test_lookup_order_file_then_environment(tmp_path: Path) -> None:
    path = write(tmp_path, '[general]\nlanguage = "en"\ntarget_wait_minutes = 20\n')
    config = load_config(str(path), env={})
    assert config.settings.language == "en"
    assert config.settings.target_wait_minutes == 20
    assert "sogo" in config.offices  # lists not given in the file keep the defaults
    env_config = load_config(str(path), env={"MADOGUCHI_LANG": "ja"})
    assert env_config.settings.language == "ja"


def test_cli_flag_beats_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MADOGUCHI_LANG", "ja")
    assert (
        main(
            [
                "calendar",
                "--office",
                "sogo",
                "--from",
                "2026-12-29",
                "--to",
                "2026-12-29",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert "closed" in capsys.readouterr().out


def test_station_hours_are_one_line(tmp_path: Path) -> None:
    text = default_text().replace('all = [["08:30", "17:15"]]', 'all = [["10:00", "20:00"]]')
    config = load_config(str(write(tmp_path, text)), env={})
    assert config.offices["station"].hours[0].week[6][0].as_pair() == ["10:00", "20:00"]


BAD = [
    ("unknown top key", '[genral]\nlanguage = "ja"\n', "genral"),
    ("unknown general key", "[general]\ntarget_wait = 5\n", "general.target_wait"),
    ("bad language", '[general]\nlanguage = "fr"\n', "general.language"),
    ("bad timezone", '[general]\ntimezone = "Mars/Olympus"\n', "Mars/Olympus"),
    ("negative minutes", "[general]\ntarget_wait_minutes = -5\n", "general.target_wait_minutes"),
    ("25:00", None, "25:00"),
    ("overlapping hours", None, "overlap"),
    ("unknown office in rule", None, "nowhere"),
    ("unknown service in rule", None, "passport"),
    ("bad rrule", None, "FREQ=SOMETIMES"),
    ("bad weekday", None, "caturday"),
    ("bad date", None, "2026-02-30"),
    ("duplicate prefix", None, "prefix"),
    ("toml syntax", "[general\n", "TOML"),
    ("range backwards", None, "ends before it starts"),
]


def _bad_text(name: str, given: str | None) -> str:
    if given is not None:
        return given
    base = default_text()
    edits = {
        "25:00": lambda t: t.replace('mon = [["08:30", "17:15"]]', 'mon = [["08:30", "25:00"]]', 1),
        "overlapping hours": lambda t: t.replace(
            'mon = [["08:30", "17:15"]]', 'mon = [["08:30", "12:00"], ["11:00", "17:15"]]', 1
        ),
        "unknown office in rule": lambda t: (
            t + '\n[[closures]]\nkind = "date"\ndates = ["2027-01-10"]\noffices = ["nowhere"]\n'
        ),
        "unknown service in rule": lambda t: (
            t + '\n[[closures]]\nkind = "date"\ndates = ["2027-01-10"]\nservices = ["passport"]\n'
        ),
        "bad rrule": lambda t: t.replace("FREQ=MONTHLY;BYDAY=+3SA", "FREQ=SOMETIMES"),
        "bad weekday": lambda t: t.replace('weekdays = ["wed"]', 'weekdays = ["caturday"]'),
        "bad date": lambda t: t + '\n[[closures]]\nkind = "date"\ndates = ["2026-02-30"]\n',
        "duplicate prefix": lambda t: t.replace('prefix = "B"', 'prefix = "A"'),
        "range backwards": lambda t: (
            t + '\n[[closures]]\nkind = "range"\nfrom = "2027-02-10"\nto = "2027-02-01"\n'
        ),
    }
    return edits[name](base)


@pytest.mark.parametrize(("name", "given", "needle"), BAD, ids=[b[0] for b in BAD])
def test_bad_configuration_exits_2_with_key_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, given: str | None, needle: str
) -> None:
    path = write(tmp_path, _bad_text(name, given))
    with pytest.raises(ConfigError):
        load_config(str(path), env={})
    code = main(["config", "check", "--config", str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err
    assert "Traceback" not in err
    assert err.count("\n") == 1, "one clear line"


def test_missing_config_file_named_by_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["config", "check", "--config", str(tmp_path / "nope.toml")])
    assert code == 2
    assert "nope.toml" in capsys.readouterr().err


BAD_CLI = [
    (["calendar", "--office", "nowhere", "--from", "2026-12-01", "--to", "2026-12-02"], "nowhere"),
    (
        ["calendar", "--office", "sogo", "--from", "2026-13-01", "--to", "2026-12-02"],
        "--from",
    ),  # names the flag, never echoes the value
    (["calendar", "--office", "sogo", "--from", "2026-12-05", "--to", "2026-12-01"], "--to"),
    (
        [
            "calendar",
            "--office",
            "sogo",
            "--service",
            "passport",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-02",
        ],
        "passport",
    ),
    (
        [
            "calendar",
            "--office",
            "station",
            "--service",
            "moving",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-02",
        ],
        "moving",
    ),
    (["calendar", "--office", "sogo", "--from", "yesterday", "--to", "2026-12-02"], "--from"),
]


@pytest.mark.parametrize(("argv", "needle"), BAD_CLI)
def test_bad_cli_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_bad_now_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MADOGUCHI_NOW", "2026-12-01 09:00")  # no time zone
    assert main(["renewal", "--expiry", "2027-03-24"]) == 2
    assert "MADOGUCHI_NOW" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "123456789012 = 1\n",  # a key that is a 個人番号
        "[general]\n1234 = 1\n",  # a key that could be a PIN
        '[[staff]]\ncode = "123456789012"\nname = "x"\n',  # a staff code that is one
    ],
)
def test_a_configuration_error_never_repeats_a_number_that_could_be_personal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """Keys are typed like values: an unknown key made of a PIN or a 個人番号 is not echoed,
    and a staff code that is a 12-digit number is refused when the file is read (it would be
    stored with every event the clerk signs)."""
    path = write(tmp_path, text)
    code = main(["config", "check", "--config", str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "1234" not in err and "Traceback" not in err
