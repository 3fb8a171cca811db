"""A rejected configuration value is repeated in the message when it cannot be a PIN or a
個人番号, so the writer sees what is wrong (`port = 80800`); one that could be (4 digits, 6 or
more, a 12-digit run), written as a number, as text or inside a list, is not, and the
message still says what is wrong with it and how many digits it has."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_app.cli import main
from queue_app.domain.errors import ConfigError, InputError, could_be_secret, shown_value


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, lang: str) -> str:
    path = tmp_path / "madoguchi.toml"
    path.write_text(text, "utf-8")
    code = main(["config", "check", "--config", str(path), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_value_that_cannot_be_a_pin_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    err = check(tmp_path, capsys, "[web]\nport = 80800\n", lang)
    assert "web.port = 80800" in err and "65535" in err
    err = check(tmp_path, capsys, '[web]\nport = "8080"\n', lang)  # text, 4 digits: hidden
    assert "8080" not in err and "web.port" in err
    err = check(tmp_path, capsys, '[web]\nport = "80800"\n', lang)  # text: shown as text
    assert "web.port = '80800'" in err


@pytest.mark.parametrize(
    "text",
    [
        "[display]\nmoderate_minutes = 1500\n",
        '[display]\nmoderate_minutes = "1500"\n',  # quoted: the same four digits
        "[display]\nmoderate_minutes = [1500]\n",
        "[display]\nmoderate_minutes = 1500.0\n",
        "[display]\nmoderate_minutes = 123456789012\n",
        '[display]\nmoderate_minutes = "１２３４"\n',  # full-width digits
        "[display]\nmoderate_minutes = 123456\n",  # an all-digit signing PIN (6 to 16)
    ],
)
def test_a_value_that_could_be_a_pin_is_not_shown_but_the_problem_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    typed = text.split("= ", 1)[1].strip().strip('"[]').split(".")[0]
    for lang in ("ja", "en"):
        err = check(tmp_path, capsys, text, lang)
        assert typed not in err and "display.moderate_minutes" in err
        assert "must be" in err  # what is wrong with it (the range or the type)
    assert "1440" in check(tmp_path, capsys, "[display]\nmoderate_minutes = 1500\n", "en")
    assert "4 digits" in check(tmp_path, capsys, "[display]\nmoderate_minutes = 1500\n", "en")
    assert "4桁" in check(tmp_path, capsys, "[display]\nmoderate_minutes = 1500\n", "ja")


@pytest.mark.parametrize(
    ("value", "hidden"),
    [
        (7, False),
        (999, False),
        (80800, False),
        (-80800, False),
        (1234, True),
        (-1234, True),
        (123456, True),
        (12345678901234567, True),
        ("80800", False),
        (" 0123 ", True),
        ("12345", False),
        ("2026-12-01", False),  # a date's year is not a PIN
        ("tel 0123456789012", True),  # holds a 12-digit run
        (1500.0, True),
        (80800.5, False),
        ([1, 2, 1234], True),
        ({"a": 123456789012}, True),
        ([80, 8080], True),
        ([80, 80800], False),
        (True, False),
    ],
)
def test_the_rule_is_the_digit_count_of_a_pin_or_a_personal_number(
    value: object, hidden: bool
) -> None:
    assert could_be_secret(value) is hidden
    assert (shown_value(value, "en") != value) is hidden
    message = InputError("err.config", key="k", value=value, problem="p").message("en")
    assert (str(value) not in message) is hidden


def test_the_exception_text_itself_never_carries_the_value() -> None:
    exc = ConfigError("err.config", key="web.port", value="1234", problem="p")
    assert "1234" not in str(exc) and "web.port" in str(exc)
