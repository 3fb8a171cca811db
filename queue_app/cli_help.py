"""`madoguchi --help` in the UI language: Japanese by default, English with `--lang en` or
MADOGUCHI_LANG=en.

The help texts are written in English in each command's `register()`; after the parser is
built, `localize()` walks every parser and sub-parser and swaps each description, argument
help and group title for its Japanese line in `queue_app.i18n.help_ja.HELP_JA`, and the
"usage:" prefix and argparse's own error prefix too. The language is known before parsing
(help is printed while parsing), so it is read from the arguments and the environment.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import NoReturn

from queue_app.i18n import normalize_lang
from queue_app.i18n.help_ja import HELP_JA

USAGE = {"ja": "使い方: ", "en": "usage: "}


def help_lang(argv: Sequence[str], env: Mapping[str, str]) -> str:
    """The language for help and usage errors: the last `--lang`, else MADOGUCHI_LANG, else ja."""
    lang: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return normalize_lang(lang or env.get("MADOGUCHI_LANG"))


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-parser below it, each once."""
    seen: set[int] = set()
    todo = [parser]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())


def texts(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str, str]]:
    """(owner, attribute, text) for every translatable text of one parser."""
    for name in ("description", "epilog"):
        value = getattr(parser, name)
        if value:
            yield parser, name, value
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            yield action, "help", action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    yield choice, "help", choice.help
    for group in parser._action_groups:
        for name in ("title", "description"):
            value = getattr(group, name)
            if value:
                yield group, name, value


class _JapaneseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix=prefix or USAGE["ja"])


# argparse's own messages (Python 3.11 wording) and their Japanese; anything else stays as is
# (patterns, compiled by `re` on the first usage error, not at every start)
ERRORS_JA = (
    (r"^the following arguments are required: (.+)$", r"次の引数が必要です: \1"),
    (r"^unrecognized arguments: (.+)$", r"知らない引数です: \1"),
    (r"^argument (\S+): expected one argument$", r"\1 には値が一つ必要です"),
    (r"^argument (\S+): expected at least one argument$", r"\1 には値が必要です"),
    (
        r"^argument (\S+): invalid choice: (.+) \(choose from (.+)\)$",
        r"\1 の値 \2 は選べません (選べる値: \3)",
    ),
    (r"^argument (\S+): invalid (\w+) value: (.+)$", r"\1 の値 \3 は不正です (\2)"),
)


def error_ja(message: str) -> str:
    for pattern, replacement in ERRORS_JA:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def _error_ja(self: argparse.ArgumentParser, message: str) -> NoReturn:
    """argparse's error, with the usage line and the message in Japanese (exit 2)."""
    self.print_usage(sys.stderr)
    self.exit(2, f"{self.prog}: エラー: {error_ja(redact(message))}\n")


def redact(message: str) -> str:
    """argparse quotes the rejected value (`invalid choice: '1234'`): a value that could be
    a PIN or a 個人番号 is replaced by a note (`errors.shown_value`), and undecodable bytes
    from the command line never reach the terminal."""
    from queue_app.domain.errors import shown_value

    def quoted(match: re.Match[str]) -> str:
        return f"'{shown_value(match.group(1), 'en')}'"

    text = re.sub(r"'([^']*)'", quoted, message)
    head, sep, rest = text.partition("unrecognized arguments: ")
    if sep:
        text = head + sep + " ".join(str(shown_value(word, "en")) for word in rest.split(" "))
    return text.encode("utf-8", "replace").decode("utf-8")


def localize(parser: argparse.ArgumentParser, lang: str) -> list[str]:
    """Put the parser tree in `lang`; return the texts that have no translation (English
    is kept for them)."""
    if lang != "ja":
        return []
    missing: list[str] = []
    done = set(HELP_JA.values())  # actions shared by parsers (the common options) come twice
    for current in parsers(parser):
        current.formatter_class = _JapaneseHelp
        current.error = _error_ja.__get__(current)  # type: ignore[method-assign]
        for owner, name, text in texts(current):
            translated = HELP_JA.get(text)
            if text in done:
                continue
            if translated is None:
                missing.append(text)
            else:
                setattr(owner, name, translated)
    return list(dict.fromkeys(missing))
