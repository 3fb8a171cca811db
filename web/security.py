"""The guard in front of every request: response headers, Host check, per-address rate limit,
and exactly one log line per refused request (never the token itself).

A pure ASGI middleware (not `BaseHTTPMiddleware`), so server-sent event streams pass through
untouched. The headers make the pages safe to put behind the city's reverse proxy: a strict
Content-Security-Policy (scripts, styles and images from this host only, no inline script),
no framing, no MIME sniffing, and no Referer (a ticket address is a capability).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("madoguchi.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Refusal = Callable[[int, Scope], tuple[bytes, str]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; media-src 'self'; font-src 'self'; manifest-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
PRIVATE_PREFIXES = ("/t/", "/a/", "/events/t/")
# Files every page loads (style sheet, script, icon) and the robots file: fixed, small, read
# from disk, no database. They are counted apart from the pages, so a phone that reloads its
# ticket page is limited by its page loads, not by the three files each load brings.
STATIC_PREFIXES = ("/static/",)
STATIC_PATHS = ("/robots.txt",)
STATIC_FACTOR = 10  # the static allowance per address is this many times the pages' own
MAX_PATH = 1024
MAX_QUERY = 256


class RateLimiter:
    """A token bucket per client address: `per_minute` requests, bursting to the same number.
    The table is bounded: the fullest (idle) buckets are forgotten first."""

    def __init__(self, per_minute: int, max_addresses: int = 50_000) -> None:
        self.capacity = float(max(1, per_minute))
        self.rate = self.capacity / 60.0
        self.max_addresses = max_addresses
        self.buckets: dict[str, tuple[float, float]] = {}
        self.clock: Callable[[], float] = time.monotonic  # tests freeze it

    def allow(self, address: str, now: float | None = None) -> bool:
        now = self.clock() if now is None else now
        tokens, stamp = self.buckets.get(address, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
        if tokens < 1.0:
            self.buckets[address] = (tokens, now)
            return False
        self.buckets[address] = (tokens - 1.0, now)
        if len(self.buckets) > self.max_addresses:
            self._prune(now)
        return True

    def _prune(self, now: float) -> None:
        full = [
            a
            for a, (tok, st) in self.buckets.items()
            if tok + (now - st) * self.rate >= self.capacity
        ]
        for address in full:
            del self.buckets[address]
        while len(self.buckets) > self.max_addresses:
            self.buckets.pop(next(iter(self.buckets)))


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def accepted_hosts(allowed: tuple[str, ...], bound: str, public_url: str) -> tuple[str, ...]:
    """The `Host` names the guard accepts. `[web] allowed_hosts` when set; when empty, not
    "any" but the names this server can honestly be reached by: loopback, the address it is
    bound to, and the host of `public_url` (a page reached under a foreign name, as in a DNS
    rebinding, is refused). Bound to every interface with neither setting, only loopback:
    `madoguchi web` refuses to start that way (`needs_allowed_hosts`)."""
    if allowed:
        return tuple(h.lower() for h in allowed)
    names = list(LOOPBACK_NAMES)
    if bound.strip("[]") not in WILDCARDS:
        names.append(bound.strip("[]").lower())
    public = urlsplit(public_url).hostname if public_url else None
    if public:
        names.append(public.lower())
    return tuple(dict.fromkeys(names))


def needs_allowed_hosts(allowed: tuple[str, ...], bound: str, public_url: str) -> bool:
    """Bound to every interface with no name to accept but loopback: the phones' Host (the
    machine's LAN address or name) cannot be known, so the operator must say it."""
    return not allowed and bound.strip("[]") in WILDCARDS and not public_url


def host_allowed(header: str, accepted: tuple[str, ...]) -> bool:
    """The Host check of every browser face (`madoguchi web`'s guard, `display --web`'s
    server): the name in the request's `Host` header, port aside, is one of `accepted`
    (`accepted_hosts`); a missing header is refused."""
    return host_name(header) in accepted


def host_name(header: str) -> str:
    """The name in a `Host` header, without its port: `[::1]:8080` → `::1`."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


def is_static(path: str) -> bool:
    """A fixed file every page loads (counted against its own, larger allowance)."""
    return path.startswith(STATIC_PREFIXES) or path in STATIC_PATHS


def redact(path: str) -> str:
    """The path for the log: its first segment only (a token or junk never reaches the log)."""
    segments = [s for s in path.split("/") if s][:1]
    head = segments[0] if segments else ""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "?" for ch in head[:32])
    from queue_app.domain.errors import could_be_secret

    if could_be_secret(safe):  # a PIN or a 個人番号 typed as an address is never logged
        safe = "***"
    return "/" + safe + ("/…" if path.strip("/").count("/") or len(path) > len(head) + 1 else "")


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        limiter: RateLimiter,
        refusal: Refusal,
        static_limiter: RateLimiter | None = None,
        allowed_hosts: tuple[str, ...] = (),
        https: bool = False,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.static_limiter = static_limiter or RateLimiter(
            int(limiter.capacity) * STATIC_FACTOR, limiter.max_addresses
        )
        self.refusal = refusal
        # never "any host": an empty list accepts loopback only (see `accepted_hosts`)
        self.allowed_hosts = tuple(h.lower() for h in allowed_hosts) or LOOPBACK_NAMES
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        client = scope.get("client")
        address = str(client[0]) if client else "-"
        scope.setdefault("state", {})
        problem = self._precheck(scope, path, address)
        if problem is not None:
            status, reason = problem
            scope["state"]["refusal"] = reason
            await self._refuse(scope, send, status)
            self._log(scope, path, status, address)
            return
        status_box = [0]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box[0] = int(message["status"])
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                if self.https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if path.startswith(PRIVATE_PREFIXES):
                    headers.append((b"x-robots-tag", b"noindex, nofollow"))
                    if not any(k.lower() == b"cache-control" for k, _ in headers):
                        headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
        if 400 <= status_box[0] < 500:
            self._log(scope, path, status_box[0], address)

    def _precheck(self, scope: Scope, path: str, address: str) -> tuple[int, str] | None:
        if scope.get("method") not in ("GET", "HEAD"):
            return 405, "method"
        raw_path = scope.get("raw_path") or path.encode()
        if len(raw_path) > MAX_PATH or len(scope.get("query_string", b"")) > MAX_QUERY:
            return 414, "too long"
        if "\x00" in path or "\\" in path:
            return 400, "bad path"
        if not host_allowed(_header(scope, b"host"), self.allowed_hosts):
            return 400, "host"
        limiter = self.static_limiter if is_static(path) else self.limiter
        if not limiter.allow(address):
            return 429, "rate"
        return None

    async def _refuse(self, scope: Scope, send: Send, status: int) -> None:
        body, lang = self.refusal(status, scope)
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
            (b"content-language", lang.encode()),
            *HEADERS,
        ]
        if status == 429:
            headers.append((b"retry-after", b"30"))
        if status == 405:
            headers.append((b"allow", b"GET, HEAD"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body}
        )

    def _log(self, scope: Scope, path: str, status: int, address: str) -> None:
        reason = scope.get("state", {}).get("refusal", "")
        method = str(scope.get("method", "?"))[:8]
        log.warning("refused %s %s %d %s from %s", method, redact(path), status, reason, address)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""
