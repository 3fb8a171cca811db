"""`madoguchi --help` speaks the UI language: Japanese by default, English with `--lang en`
or MADOGUCHI_LANG=en (issue 11, "Reports and housekeeping"); usage errors likewise."""

from __future__ import annotations

import pytest

from queue_app.cli import build_parser, main
from queue_app.cli_help import help_lang, localize, parsers, texts

SUBCOMMANDS = ["report", "report forecast", "ticket call", "demo", "purge", "cases list"]


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert exc.value.code == 0
    return capsys.readouterr().out


def test_help_is_japanese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys)
    assert out.startswith("使い方: madoguchi")
    assert "窓口の順番待ちと予約の管理" in out
    assert "このヘルプを表示して終了" in out and "オプション" in out
    assert "usage:" not in out and "show this help message" not in out
    for command in SUBCOMMANDS:
        out = _help(capsys, *command.split())
        assert out.startswith("使い方: madoguchi "), command
        assert "show this help message" not in out, command
    assert "予想する月" in _help(capsys, "report", "forecast")


def test_help_is_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _help(capsys, "--lang", "en", "report", "forecast")
    assert out.startswith("usage: madoguchi report forecast")
    assert "the month to forecast" in out and "予想する月" not in out
    assert "the month to forecast" in _help(capsys, "report", "forecast", "--lang=en")
    monkeypatch.setenv("MADOGUCHI_LANG", "en")
    assert _help(capsys).startswith("usage: madoguchi")
    # the flag wins over the environment
    assert _help(capsys, "--lang", "ja").startswith("使い方: madoguchi")


def test_every_help_text_has_its_japanese() -> None:
    parser = build_parser()
    english = sorted({text for p in parsers(parser) for _, _, text in texts(p)})
    assert len(english) > 100
    missing = localize(parser, "ja")
    assert missing == [], "add these to queue_app/i18n/help_ja.py:\n" + "\n".join(missing)
    left = [text for p in parsers(parser) for _, _, text in texts(p) if text in english]
    # only a format that reads the same in both languages stays as it was
    assert set(left) <= {"YYYY-MM-DD"}, left


def test_usage_errors_in_the_ui_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "daily"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "使い方:" in err and "エラー: 次の引数が必要です: --date, --office" in err
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "en", "report", "daily", "--format", "pdf"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "invalid choice" in err


def test_help_lang() -> None:
    assert help_lang([], {}) == "ja"
    assert help_lang(["--lang", "en"], {}) == "en"
    assert help_lang(["x", "--lang=en"], {"MADOGUCHI_LANG": "ja"}) == "en"
    assert help_lang([], {"MADOGUCHI_LANG": "en_US.UTF-8"}) == "en"
    assert help_lang(["--lang"], {}) == "ja"
