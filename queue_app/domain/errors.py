"""Errors that the rules raise; they carry a catalogue key so every layer can translate."""

from __future__ import annotations

import re

_PASSWORD = re.compile(r"(://[^/?#@:]*:)[^/?#]*@")  # the password of a URL's user:password@
_FOUR_DIGITS = re.compile(r"\d{4,}")
_ONLY_DIGITS = re.compile(r"\s*\d{4,}\s*")


class MadoguchiError(Exception):
    """A problem the user can fix; `exit_code` is what the CLI returns for it."""

    exit_code = 2

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}" if params else key)

    def message(self, lang: str = "ja") -> str:
        """The translated message; a `state` or `action` parameter is translated too."""
        from queue_app.i18n import entry, t

        params = dict(self.params)
        if "value" in params:
            params["value"] = shown_value(params["value"], lang)
        if isinstance(params.get("url"), str):  # a database URL: never its password
            params["url"] = shown_url(str(params["url"]))
        for name in ("state", "action"):
            value = params.get(name)
            if isinstance(value, str) and entry(f"{name}.{value}") is not None:
                params[name] = t(f"{name}.{value}", lang)
        return t(self.key, lang, **params)


class ConfigError(MadoguchiError):
    """The configuration is invalid: names the key and the value."""


class InputError(MadoguchiError):
    """A command-line or form value is invalid (date, office id, counter...)."""


class DomainError(MadoguchiError):
    """A rule forbids the action (an illegal ticket state change, a closed office...)."""


class NotFoundError(MadoguchiError):
    """A ticket, appointment or case that does not exist."""


class SetupError(MadoguchiError):
    """The machine's setup is wrong: a file that cannot be read or written, a secret that
    others can read, a folder that does not exist (exit 3, like the database)."""

    exit_code = 3


class DatabaseError(MadoguchiError):
    """The database cannot be reached, written or is of the wrong version."""

    exit_code = 3


class DatabaseUrlError(DatabaseError):
    """A database URL that is not one Madoguchi can use (`--db nonsense`, `mysql://`,
    `sqlite://` in memory): the value the user typed is wrong, so it is a usage error
    (exit 2), not a database that failed (exit 3)."""

    exit_code = 2


def file_problem(exc: OSError) -> MadoguchiError:
    """A file the operating system refused, as one clear line: a name too long for the
    system to look up is the user's input (exit 2), any other refusal is the machine's
    setup (exit 3). Checks like `Path.exists()` raise for such names instead of saying no,
    so every command reaches this through the CLI's one handler, never a traceback."""
    import errno

    problem = exc.strerror or type(exc).__name__
    if exc.errno == errno.ENAMETOOLONG:
        return InputError("err.path_too_long", value=exc.filename)
    return SetupError("err.file_unusable", value=exc.filename, problem=problem)


def shown_url(url: str) -> str:
    """A database URL as a message may show it: the password replaced by `***`, even in a
    URL too malformed to parse (`postgresql://user:secret@[::1/db`)."""
    return _PASSWORD.sub(r"\1***@", url)


def shown_value(value: object, lang: str = "ja") -> object:
    """A rejected value as an error message may show it: one that could be a PIN or a
    個人番号 (only digits, 4 or more; a 12-digit run), that is long or that holds
    characters which cannot be printed is replaced by a note saying it is not shown. A
    number is judged by its digits: a PIN typed into `--counter` or `--port` is a PIN."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _FOUR_DIGITS.search(f"{value:.15g}" if isinstance(value, float) else str(value)):
            from queue_app.i18n import t

            return t("err.value_hidden", lang)
        return value
    if not isinstance(value, str):
        return value

    from queue_app.domain.my_number import looks_like_personal_number

    text = value.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if (
        len(text) > 40
        or not text.isprintable()
        or any("\ud800" <= ch <= "\udfff" for ch in text)
        or _ONLY_DIGITS.fullmatch(text) is not None
        or looks_like_personal_number(text)
    ):
        from queue_app.i18n import t

        return t("err.value_hidden", lang)
    return value
