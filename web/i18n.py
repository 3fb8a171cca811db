"""The visitor's language: chosen on the page (`?lang=`), remembered in a cookie, defaulted
from `Accept-Language`, Japanese otherwise. Strings come from the one message catalogue."""

from __future__ import annotations

import re
from datetime import date, datetime

from queue_app.domain.config import Config
from queue_app.i18n import t
from queue_app.i18n.catalog_web import WEB_LANGS

DEFAULT = "ja"
COOKIE = "lang"
# each language named in itself, for the switcher
ENDONYMS = {
    "ja": "日本語",
    "ja-easy": "やさしい日本語",
    "en": "English",
    "zh-Hans": "中文(简体)",
    "ko": "한국어",
    "vi": "Tiếng Việt",
    "pt": "Português",
}
# the value of the html `lang` attribute
HTML_LANG = {"ja-easy": "ja"}
_PRIMARY = {"ja": "ja", "en": "en", "ko": "ko", "vi": "vi", "pt": "pt"}
_CHINESE_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
MAX_ACCEPT_LANGUAGE = 512


# other ways to write やさしい日本語 in `?lang=`
_EASY = ("easy-ja", "ja-x-easy", "yasashii", "easy")
_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{1,8}){0,3}")


def valid(code: str | None) -> str | None:
    """A supported language as written in `?lang=` or the cookie (`zh-Hans`, also `zh-CN`,
    `pt-BR`, `en-US`: a region or script picks the same language), else None."""
    if not code or len(code) > 35:
        return None
    lowered = code.strip().lower()
    for lang in WEB_LANGS:
        if lowered == lang.lower():
            return lang
    if lowered in _EASY:
        return "ja-easy"
    if _TAG.fullmatch(lowered):
        return _match(lowered.replace("_", "-"))
    return None


def from_accept_language(header: str | None) -> str | None:
    """The visitor's preferred supported language (q-values honoured), or None."""
    if not header or len(header) > MAX_ACCEPT_LANGUAGE:
        return None
    choices: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        lang = _match(tag)
        if lang and q > 0:
            choices.append((-q, i, lang))
    return min(choices)[2] if choices else None


def _match(tag: str) -> str | None:
    if tag.startswith("zh"):
        return None if tag.startswith(_CHINESE_TRADITIONAL) else "zh-Hans"
    return _PRIMARY.get(tag.split("-")[0])


class WebText:
    """A bound web language: `tr(key, **params)` and the names that depend on it."""

    def __init__(self, lang: str, config: Config) -> None:
        self.lang = lang
        self.config = config
        self.html_lang = HTML_LANG.get(lang, lang)
        self._weekdays = t("web.weekdays", lang).split(",")

    def __call__(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    @property
    def japanese(self) -> bool:
        return self.lang in ("ja", "ja-easy")

    def office(self, office_id: str) -> str:
        office = self.config.offices.get(office_id)
        if office is None:
            return office_id
        return office.name_ja if self.japanese else office.name_en

    def location(self, office_id: str) -> str:
        office = self.config.offices.get(office_id)
        if office is None:
            return ""
        return office.location_ja if self.japanese else office.location_en

    def service(self, service_id: str) -> str:
        key = f"web.svc.{service_id}"
        text = t(key, self.lang)
        if text != key:
            return text
        service = self.config.services.get(service_id)
        if service is None:
            return service_id
        return service.name_ja if self.japanese else service.name_en

    def reason(self, code: str | None, fallback_ja: str = "", fallback_en: str = "") -> str:
        key = f"web.reason.{code}"
        text = t(key, self.lang) if code else key
        if text != key:
            return text
        if fallback_ja or fallback_en:
            return fallback_ja if self.japanese else (fallback_en or fallback_ja)
        return t("web.reason.other", self.lang)

    def day(self, d: date) -> str:
        return t("web.date", self.lang, m=d.month, d=d.day, wd=self._weekdays[d.weekday()])

    def hm(self, moment: datetime) -> str:
        return moment.strftime("%H:%M")
