"""Errors that the rules raise; they carry a catalogue key so every layer can translate."""

from __future__ import annotations


class MadoguchiError(Exception):
    """A problem the user can fix; `exit_code` is what the CLI returns for it."""

    exit_code = 2

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}" if params else key)

    def message(self, lang: str = "ja") -> str:
        """The translated message; a `state` or `action` parameter is translated too."""
        from queue_app.i18n import CATALOG, t

        params = dict(self.params)
        for name in ("state", "action"):
            value = params.get(name)
            if isinstance(value, str) and f"{name}.{value}" in CATALOG:
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


class DatabaseError(MadoguchiError):
    """The database cannot be reached, written or is of the wrong version."""

    exit_code = 3
