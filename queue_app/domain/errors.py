"""Errors that the rules raise; they carry a catalogue key so every layer can translate."""

from __future__ import annotations

import re

_PASSWORD = re.compile(r"(://[^/?#@:]*:)[^/?#]*@")  # the password of a URL's user:password@
_DIGIT_RUN = re.compile(r"[0-9]+")
_ONLY_DIGITS = re.compile(r"\s*([0-9]+)\s*")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")


# the parameters of a message that carry what the user typed (a flag's, a field's, a
# configuration key's value; `--host`; a backup file named on the command line): each is
# shown only as `shown_value` allows
TYPED_PARAMS = ("value", "host", "source")


class MadoguchiError(Exception):
    """A problem the user can fix; `exit_code` is what the CLI returns for it. A `value`
    parameter is shown as `shown_value` decides; `literal_values`: as Python writes it
    (`'80'` for text, `80` for a number), so the configuration shows a value's type."""

    exit_code = 2
    literal_values = False

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        # the exception's own text (a log line, a traceback) never carries the typed value
        named = {k: ("…" if k in TYPED_PARAMS else v) for k, v in params.items()}
        super().__init__(f"{key} {named}" if params else key)

    def message(self, lang: str = "ja") -> str:
        """The translated message; a `state` or `action` parameter is translated too."""
        from queue_app.i18n import entry, t

        params = dict(self.params)
        for name in TYPED_PARAMS:
            if name in params:
                params[name] = shown_value(params[name], lang, literal=self.literal_values)
        if isinstance(params.get("url"), str):  # a database URL: never its password
            params["url"] = shown_url(str(params["url"]))
        for name in ("state", "action"):
            value = params.get(name)
            if isinstance(value, str) and entry(f"{name}.{value}") is not None:
                params[name] = t(f"{name}.{value}", lang)
        return t(self.key, lang, **params)


class ConfigError(MadoguchiError):
    """The configuration is invalid: names the key and the value."""

    literal_values = True


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


def pin_like_digits(count: int) -> bool:
    """Whether a number written with `count` digits could be a PIN or hold a 個人番号: 4
    digits (the user certificate's PIN), 6 to 16 (a signing PIN of digits only), 12 or more
    (a 個人番号, or one with a digit too many). 1 to 3 and 5 digits can be neither."""
    return count == 4 or count >= 6


def has_signing_pin_token(text: str) -> bool:
    """Whether `text` holds a token shaped like a signing PIN: 6 to 16 letters and digits
    mixing both (`Abc12345`, `x9y8z7w6`), standing alone or in a sentence (`pin Abc12345`).
    Words of letters only (`ecert`, `certificate`) and numbers alone are not such tokens
    (a number is judged by `pin_like_digits`). Full-width letters and digits count as the
    ASCII ones (a Japanese input method types them)."""
    return bool(_pin_tokens(text))


PIN_MASK = "***"


def _is_pin_token(token: str) -> bool:
    return 6 <= len(token) <= 16 and bool(_LETTER.search(token) and _DIGIT.search(token))


def _pin_tokens(text: str) -> list[str]:
    import unicodedata

    normal = unicodedata.normalize("NFKC", text)
    return [token for token in _ALNUM_RUN.findall(normal) if _is_pin_token(token)]


def mask_pin_tokens(text: str) -> str:
    """`text` with every token shaped like a signing PIN replaced by `***`."""
    import unicodedata

    normal = unicodedata.normalize("NFKC", text)
    return _ALNUM_RUN.sub(lambda m: PIN_MASK if _is_pin_token(m[0]) else m[0], normal)


def _only_pin_tokens(text: str) -> bool:
    """Whether `text` is secret only by the signing-PIN-shaped tokens inside a longer text
    (so masking them leaves something readable); a text that is one such token alone is
    hidden whole."""
    tokens = _pin_tokens(text)
    if not tokens or text.strip() in tokens:
        return False
    masked = mask_pin_tokens(text)
    return not could_be_secret(masked) and masked.strip() != PIN_MASK


def could_be_secret(value: object) -> bool:
    """Whether an error message must not repeat `value`: a number or a text of digits only
    whose digit count could be a PIN (`pin_like_digits`), a text holding a token shaped like
    a signing PIN (`has_signing_pin_token`) or a 12-digit run, a text that is long or holds
    characters which cannot be printed; a list or table when any of its items is one. A
    number is judged by its digits: a PIN typed into `--counter` or `port =` is a PIN, but
    `port = 80800` (5 digits) can be repeated."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return pin_like_digits(len(str(abs(value))))
    if isinstance(value, float):
        return any(pin_like_digits(len(run)) for run in _DIGIT_RUN.findall(f"{value:.15g}"))
    if isinstance(value, str):
        from queue_app.domain.my_number import looks_like_personal_number

        text = value.translate(_FULLWIDTH)
        digits = _ONLY_DIGITS.fullmatch(text)
        return (
            len(text) > 40
            or not text.isprintable()
            or any("\ud800" <= ch <= "\udfff" for ch in text)
            or (digits is not None and pin_like_digits(len(digits.group(1))))
            or has_signing_pin_token(text)
            or looks_like_personal_number(text)
        )
    if isinstance(value, dict):
        return any(could_be_secret(k) or could_be_secret(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(could_be_secret(item) for item in value)
    return False


def shown_value(value: object, lang: str = "ja", *, literal: bool = False) -> object:
    """A rejected value as an error message may show it: one that `could_be_secret` is
    replaced by a note saying it is not shown (and how many digits it has, when it is a
    number, so the writer can find it); `literal`: as Python writes it, at most 80
    characters."""
    if isinstance(value, str) and _only_pin_tokens(value):
        # a sentence or a path with a signing-PIN-shaped token in it: the rest stays
        # readable, the token is not shown
        value = mask_pin_tokens(value)
    if could_be_secret(value):
        from queue_app.i18n import t

        digits = _digits_only(value)
        if digits:
            return t("err.value_hidden_digits", lang, n=digits)
        return t("err.value_hidden", lang)
    if literal:
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "..."
    return value


def _digits_only(value: object) -> int:
    """The digit count of a whole number or a text of digits only (0 for anything else)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return len(str(abs(value)))
    if isinstance(value, str):
        digits = _ONLY_DIGITS.fullmatch(value.translate(_FULLWIDTH))
        return len(digits.group(1)) if digits else 0
    return 0
