"""The one message catalogue: every user-facing string is looked up here.

The catalogue is split into section modules (core, reception, display, ...) so that
each part of the program owns its strings, but there is a single lookup function and a
single key space: a duplicate key across sections is an error (`CATALOG`, the whole merged
catalogue, raises it when built; tests build it).

A section is imported when a key that may live in it is first looked up (`PREFIXES`), not
at import: `madoguchi renewal` loads the e-certificate section, not the other thirteen.
"""

from __future__ import annotations

import importlib
from _thread import allocate_lock
from collections.abc import Mapping
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"

# The section modules (`queue_app/i18n/catalog_<name>.py`) in merge order, with the tables
# each one holds.
SECTIONS: dict[str, tuple[str, ...]] = {
    "core": ("MESSAGES",),
    "counter": ("MESSAGES",),
    "assess": ("MESSAGES",),
    "reception": ("MESSAGES",),
    "display": ("MESSAGES",),
    "inquiry": ("MESSAGES",),
    "input": ("MESSAGES",),
    "reports": ("MESSAGES",),
    "demo": ("MESSAGES",),
    "staffing": ("MESSAGES",),
    "web": ("MESSAGES", "CLI_MESSAGES"),
    "faults": ("MESSAGES",),
    "plans": ("MESSAGES",),
    "plans_ui": ("MESSAGES",),
}
# The sections holding the keys of each prefix (a key up to its first dot). Only speed
# depends on it: a key not found in its prefix's sections is looked up in the whole
# catalogue. tests/test_i18n_sections.py checks it against the sections.
PREFIXES: dict[str, tuple[str, ...]] = {
    "action": ("core", "plans"),
    "assess": ("assess",),
    "audit": ("counter",),
    "cal": ("core",),
    "cert": ("assess",),
    "config": ("core",),
    "date": ("input",),
    "db": ("core", "demo", "faults"),
    "decision": ("assess",),
    "demo": ("demo",),
    "display": ("display", "plans_ui"),
    "doc": ("core", "plans_ui"),
    "err": ("core", "counter", "display", "reports", "demo", "staffing", "web", "faults", "plans"),
    "init": ("core",),
    "inq": ("inquiry", "input"),
    "item": ("assess",),
    "level": ("display",),
    "outcome": ("core",),
    "pickup": ("plans",),
    "pin": ("assess",),
    "plan": ("staffing", "plans"),
    "plans": ("plans_ui",),
    "reception": ("counter", "reception", "input", "faults"),
    "renewal": ("assess",),
    "rpt": ("reports", "staffing", "plans"),
    "sim": ("demo",),
    "state": ("core", "plans"),
    "step": ("plans",),
    "ticket": ("core", "counter"),
    "ui": ("core",),
    "visit": ("assess",),
    "wait": ("display",),
    "warn": ("core",),
    "web": ("web",),
    "weekday": ("core",),
}


def section_tables(name: str) -> list[Mapping[str, Mapping[str, str]]]:
    """The message tables of one section, imported on demand."""
    module = importlib.import_module(f"queue_app.i18n.catalog_{name}")
    return [getattr(module, table) for table in SECTIONS[name]]


def _merge(*sections: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for section in sections:
        for key, value in section.items():
            if key in merged:
                raise RuntimeError(f"message key defined twice: {key}")
            missing = [lang for lang in LANGS if lang not in value]
            if missing:
                raise RuntimeError(f"message {key} lacks {missing}")
            merged[key] = value
    return merged


_lock = allocate_lock()  # screens translate from worker threads too
_loaded: set[str] = set()  # sections merged into _messages so far
_messages: dict[str, Mapping[str, str]] = {}
CATALOG: dict[str, Mapping[str, str]]  # every section merged (module __getattr__ below)


def _load(names: tuple[str, ...]) -> None:
    with _lock:
        todo = [name for name in names if name not in _loaded]
        if not todo:
            return
        tables = [table for name in todo for table in section_tables(name)]
        global _messages
        _messages = _merge(_messages, *tables)  # a new dict: readers never see it half-built
        _loaded.update(todo)


def __getattr__(name: str) -> object:
    if name == "CATALOG":
        _load(tuple(SECTIONS))
        tables = [table for section in SECTIONS for table in section_tables(section)]
        full = _merge(*tables)  # in section order, every duplicate named
        globals()["CATALOG"] = full
        return full
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def entry(key: str) -> Mapping[str, str] | None:
    """The texts of `key` by language, or None when the catalogue has no such key."""
    found = _messages.get(key)
    if found is None and len(_loaded) < len(SECTIONS):
        _load(PREFIXES.get(key.partition(".")[0], ()))
        found = _messages.get(key)
        if found is None:
            _load(tuple(SECTIONS))
            found = _messages.get(key)
    return found


def normalize_lang(value: str | None) -> Lang:
    """Map user input ('JA', 'en_US', None) to a supported language, ja by default."""
    if not value:
        return DEFAULT_LANG
    head = value.strip().lower()[:2]
    return "en" if head == "en" else "ja"


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Translate `key`; unknown keys come back as the key itself so a gap is visible."""
    texts = entry(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts[DEFAULT_LANG]
    return text.format(**params) if params else text


class Translator:
    """A bound language, handed to screens and commands so they never pass `lang` around."""

    def __init__(self, lang: str = DEFAULT_LANG) -> None:
        self.lang: Lang = normalize_lang(lang)

    def __call__(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def wait(self, minutes: int) -> str:
        """The one wording of an estimated wait (「すぐ」 for none, else 「約N分」)."""
        return wait_text(self, minutes)


def wait_text(tr: object, minutes: int) -> str:
    """`wait.none` for 0 minutes, `wait.about` otherwise; `tr` is any translate callable."""
    key, params = wait_key(minutes)
    return tr(key, **params)  # type: ignore[operator,no-any-return]


def wait_key(minutes: int) -> tuple[str, dict[str, int]]:
    """The one wording of a wait: ``("wait.none", {})`` for 0, else ``("wait.about", m)``.
    (Here, not in the domain: the catalogue imports nothing of the domain.)"""
    if minutes <= 0:
        return "wait.none", {}
    return "wait.about", {"m": minutes}
