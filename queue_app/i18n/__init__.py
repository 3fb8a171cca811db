"""The one message catalogue: every user-facing string is looked up here.

The catalogue is split into section modules (core, reception, display, ...) so that
each part of the program owns its strings, but there is a single lookup function and a
single key space: a duplicate key across sections is an error at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from queue_app.i18n import (
    catalog_assess,
    catalog_core,
    catalog_counter,
    catalog_demo,
    catalog_display,
    catalog_faults,
    catalog_input,
    catalog_inquiry,
    catalog_plans,
    catalog_plans_ui,
    catalog_reception,
    catalog_reports,
    catalog_staffing,
    catalog_web,
)

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
DEFAULT_LANG: Lang = "ja"


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


CATALOG: dict[str, Mapping[str, str]] = _merge(
    catalog_core.MESSAGES,
    catalog_counter.MESSAGES,
    catalog_assess.MESSAGES,
    catalog_reception.MESSAGES,
    catalog_display.MESSAGES,
    catalog_inquiry.MESSAGES,
    catalog_input.MESSAGES,
    catalog_reports.MESSAGES,
    catalog_demo.MESSAGES,
    catalog_staffing.MESSAGES,
    catalog_web.MESSAGES,
    catalog_web.CLI_MESSAGES,
    catalog_faults.MESSAGES,
    catalog_plans.MESSAGES,
    catalog_plans_ui.MESSAGES,
)


def normalize_lang(value: str | None) -> Lang:
    """Map user input ('JA', 'en_US', None) to a supported language, ja by default."""
    if not value:
        return DEFAULT_LANG
    head = value.strip().lower()[:2]
    return "en" if head == "en" else "ja"


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Translate `key`; unknown keys come back as the key itself so a gap is visible."""
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
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
