"""A signing PIN is 6 to 16 letters and digits (docs/rules.md): one typed as free text into
the wrong place (a flag, a configuration value or key, a TUI field, `--host`) is never
repeated by the message that rejects it, while ordinary words and codes stay readable so
the writer sees what is wrong. One rule (`errors.could_be_secret` / `shown_value`) for
every face."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_app.cli import main
from queue_app.domain.errors import (
    ConfigError,
    InputError,
    could_be_secret,
    mask_pin_tokens,
    shown_value,
)

PINS = ["Abc12345", "abc123", "9xk2m7qa", "A1B2C3D4E5F6G7H8", "ＡＢＣ１２３４５"]
WORDS = ["ecert", "certificate", "sogo", "R-RYRE", "2026-12-01", "abc12", "09:00-16:00", "東京"]


@pytest.mark.parametrize("pin", PINS)
def test_a_signing_pin_shaped_token_is_not_shown(pin: str) -> None:
    assert could_be_secret(pin) and could_be_secret([pin]) and could_be_secret({"k": pin})
    for lang in ("ja", "en"):
        assert pin not in str(shown_value(pin, lang))
        assert pin not in str(shown_value(pin, lang, literal=True))
        for cls in (InputError, ConfigError):
            message = cls("err.unknown_office", value=pin, known="sogo").message(lang)
            assert pin not in message and "sogo" in message


@pytest.mark.parametrize("word", WORDS)
def test_ordinary_words_stay_readable(word: str) -> None:
    assert not could_be_secret(word)
    assert shown_value(word, "en") == word
    assert word in InputError("err.unknown_office", value=word, known="x").message("en")


def test_a_pin_inside_a_sentence_or_a_path_is_masked_in_place() -> None:
    assert shown_value("my pin is Abc12345, sorry", "en") == "my pin is ***, sorry"
    path = "/srv/madoguchi2026/db.sqlite"
    assert shown_value(path, "en") == "/srv/***/db.sqlite"
    assert mask_pin_tokens("ecert Abc12345") == "ecert ***"


def test_every_typed_parameter_of_a_message_is_guarded() -> None:
    # `--host` of `display --web` and a backup file named for restore carry typed text too
    message = InputError("err.display_host", host="Abc12345").message("en")
    assert "Abc12345" not in message and "--host" in message
    assert "Abc12345" not in str(InputError("err.display_host", host="Abc12345"))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusal (exit 2)
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_flag_and_configuration_never_echo_a_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    err = _run(["report", "daily", "--format", "Abc12345", "--lang", lang], capsys)
    assert "Abc12345" not in err and "--format" in err and "table" in err
    err = _run(["report", "daily", "--lang", lang, "x9y8z7w6"], capsys)  # unrecognized
    assert "x9y8z7w6" not in err
    path = tmp_path / "madoguchi.toml"
    for text, key in (
        ('[general]\nlanguage = "Abc12345"\n', "general.language"),
        ("[general]\nAbc12345 = 1\n", "general."),
        ('[general]\nlanguage = ["x", "Abc12345"]\n', "general.language"),
    ):
        path.write_text(text, "utf-8")
        err = _run(["config", "check", "--config", str(path), "--lang", lang], capsys)
        assert "Abc12345" not in err and key in err, err
    path.write_text('[general]\nlanguage = "french"\n', "utf-8")  # a word: shown
    err = _run(["config", "check", "--config", str(path), "--lang", lang], capsys)
    assert "french" in err
