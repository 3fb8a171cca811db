"""`madoguchi web` options and `[web]` in the configuration: bad values are refused with a
clear line naming what is wrong (exit 2), never a traceback."""

from __future__ import annotations

import pytest

from queue_app.cli import main
from queue_app.config import default_document
from queue_app.domain.config import WebSettings
from queue_app.domain.config_schema import parse_config
from queue_app.domain.errors import ConfigError


def test_default_configuration_has_a_web_section_with_the_defaults() -> None:
    """`madoguchi init` writes `[web]` so a clerk finds `public_url` (the QR's address)."""
    doc = default_document()
    assert set(doc["web"]) >= {"host", "port", "public_url", "trusted_proxies", "allowed_hosts"}
    assert parse_config(doc).settings.web == WebSettings()


def test_web_section_parses_and_normalizes() -> None:
    doc = default_document()
    doc["web"] = {
        "host": "192.168.10.20",
        "port": 9000,
        "public_url": "https://madoguchi.city.example.jp/",
        "trusted_proxies": ["127.0.0.1", "10.0.0.0/8"],
        "allowed_hosts": ["Madoguchi.City.Example.JP"],
    }
    web = parse_config(doc).settings.web
    assert web.public_url == "https://madoguchi.city.example.jp"
    assert web.port == 9000 and web.host == "192.168.10.20"
    assert web.allowed_hosts == ("madoguchi.city.example.jp",)
    assert web.trusted_proxies == ("127.0.0.1", "10.0.0.0/8")


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"port": 70000}, "web.port"),
        ({"port": "80"}, "web.port"),
        ({"public_url": "madoguchi.example.jp"}, "web.public_url"),
        ({"public_url": "https://x.example.jp/?a=1"}, "web.public_url"),
        ({"trusted_proxies": ["nginx"]}, "web.trusted_proxies[0]"),
        ({"max_streams": 0}, "web.max_streams"),
        ({"colour": "blue"}, "web.colour"),
    ],
)
def test_bad_web_values_name_the_key(table: dict, key: str) -> None:
    doc = default_document()
    doc["web"] = table
    with pytest.raises(ConfigError) as err:
        parse_config(doc)
    assert key in err.value.message("en")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["web", "--port", "0"], "--port"),
        (["web", "--public-url", "ftp://x"], "public_url"),
    ],
)
def test_bad_options_exit_2(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
