"""Every visitor-page message exists in all seven languages, with the same placeholders;
the language helpers pick the right one."""

from __future__ import annotations

import re
from pathlib import Path

from queue_app.i18n import CATALOG
from queue_app.i18n.catalog_web import MESSAGES, WEB_LANGS
from web import i18n

PLACEHOLDER = re.compile(r"\{(\w+)\}")
TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


def test_seven_languages() -> None:
    assert WEB_LANGS == ("ja", "ja-easy", "en", "zh-Hans", "ko", "vi", "pt")
    assert set(i18n.ENDONYMS) == set(WEB_LANGS)


def test_no_key_missing_in_any_language() -> None:
    missing = [
        (k, lang)
        for k, texts in MESSAGES.items()
        for lang in WEB_LANGS
        if not texts.get(lang, "").strip()
    ]
    assert missing == []


def test_placeholders_match_across_languages() -> None:
    for key, texts in MESSAGES.items():
        expected = set(PLACEHOLDER.findall(texts["ja"]))
        for lang in WEB_LANGS:
            assert set(PLACEHOLDER.findall(texts[lang])) == expected, (key, lang)


def test_every_key_used_by_the_templates_exists_in_every_language() -> None:
    used: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""tr\(["'](web\.[\w.]*\w)["']""", path.read_text("utf-8")))
    assert used, "no keys found in the templates"
    for key in used:
        assert key in CATALOG, key
        assert all(CATALOG[key].get(lang) for lang in WEB_LANGS), key
    # keys built in templates from a prefix: every state and level is there
    for suffix in ("waiting", "called", "serving", "done", "no_show", "cancelled"):
        assert f"web.state.{suffix}" in MESSAGES
    for level in ("quiet", "moderate", "crowded"):
        assert f"web.level.{level}" in MESSAGES


def test_accept_language() -> None:
    assert i18n.from_accept_language("ko-KR,ko;q=0.9,en-US;q=0.8") == "ko"
    assert i18n.from_accept_language("en;q=0.5, vi;q=0.9") == "vi"
    assert i18n.from_accept_language("zh-TW") is None
    assert i18n.from_accept_language("zh-Hans-CN") == "zh-Hans"
    assert i18n.from_accept_language("pt-BR") == "pt"
    assert i18n.from_accept_language("fr;q=abc, de") is None
    assert i18n.from_accept_language("x" * 2000) is None
    assert i18n.valid("ZH-hans") == "zh-Hans" and i18n.valid("xx") is None


def test_every_thing_to_bring_has_a_web_text() -> None:
    from queue_app.domain.assessment import VisitKind
    from queue_app.domain.bring import GUARDIAN_NO_PHOTO_ID, bring_keys

    for kind in VisitKind:
        for reason in ("", GUARDIAN_NO_PHOTO_ID, "pin_reset"):
            for key in bring_keys(kind.value, reason):
                assert f"web.bring.{key.rsplit('.', 1)[1]}" in MESSAGES, key


def test_lang_parameter_accepts_the_usual_ways_of_writing_a_language() -> None:
    """`?lang=zh-CN` or `?lang=pt-BR` (a hand-typed or shared link) picks the language,
    rather than a 400 page; the canonical code is what the page and the cookie use."""
    assert i18n.valid("zh-Hans") == "zh-Hans" and i18n.valid("ZH-HANS") == "zh-Hans"
    for code, lang in [
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh_CN", "zh-Hans"),
        ("pt-BR", "pt"),
        ("en-US", "en"),
        ("ko-KR", "ko"),
        ("vi-VN", "vi"),
        ("ja-JP", "ja"),
        ("easy-ja", "ja-easy"),
    ]:
        assert i18n.valid(code) == lang, code
    for code in ["klingon", "zh-TW", "fr", "", "x" * 40, "en;q=1", "../en", "<en>"]:
        assert i18n.valid(code) is None, code
