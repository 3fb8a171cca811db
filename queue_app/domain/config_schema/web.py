"""`[web]`: where `madoguchi web` listens, the address phones use, and its limits."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from queue_app.domain.config import WebSettings
from queue_app.domain.config_schema.values import _fail, _int, _list, _str


def web_settings(web: Mapping[str, Any]) -> WebSettings:
    host = _str(web, "host", "web", "127.0.0.1").strip()
    if not host or any(ch.isspace() for ch in host):
        raise _fail("web.host", host, "must be an address such as 127.0.0.1 or 192.168.10.20")
    port = _int(web, "port", "web", 8080, 1)
    if port > 65535:
        raise _fail("web.port", port, "must be a port number between 1 and 65535")
    return WebSettings(
        host=host,
        port=port,
        public_url=public_url(_str(web, "public_url", "web", ""), "web.public_url"),
        requests_per_minute=_int(web, "requests_per_minute", "web", 120, 1),
        max_streams=_int(web, "max_streams", "web", 5000, 1),
        max_streams_per_address=_int(web, "max_streams_per_address", "web", 200, 1),
        trusted_proxies=tuple(
            _proxy(v, f"web.trusted_proxies[{i}]")
            for i, v in enumerate(_list(web.get("trusted_proxies", []), "web.trusted_proxies"))
        ),
        allowed_hosts=tuple(
            _host(v, f"web.allowed_hosts[{i}]")
            for i, v in enumerate(_list(web.get("allowed_hosts", []), "web.allowed_hosts"))
        ),
    )


def public_url(value: str, path: str) -> str:
    """ "" or an http(s) address without query or fragment; the trailing slash is dropped."""
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise _fail(path, value, "must be an address such as https://madoguchi.city.example.jp")
    if any(ch.isspace() for ch in url):
        raise _fail(path, value, "must not contain spaces")
    return url.rstrip("/")


def _proxy(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(path, value, "must be an IP address or network, e.g. 127.0.0.1")
    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise _fail(path, value, "must be an IP address or network, e.g. 127.0.0.1") from None
    return value.strip()


def _host(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value.strip()):
        raise _fail(path, value, "must be a host name such as madoguchi.city.example.jp")
    return value.strip().lower()
