"""What a scanner (or a person) read off a QR code: a bare token or the ticket's web address.

With `[web] public_url` set, the QR on a ticket encodes `<public_url>/t/<token>` so a phone
opens the ticket's own page; the counter's scanner and `ticket verify` must accept that form
as well as the bare token. Pure string work: no I/O, no secret (the token is verified later).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

# the path segments that carry a token: /t/<ticket token>, /a/<appointment-slip token>
TOKEN_PATHS = ("t", "a")
MAX_SCAN_LENGTH = 2048


def qr_text(token: str, public_url: str = "", kind: str = "t") -> str:
    """What the QR encodes: the page address when a public URL is configured, else the token."""
    base = public_url.strip().rstrip("/")
    return f"{base}/{kind}/{token}" if base else token


def extract_token(scanned: str) -> str:
    """The token inside a scanned text: `http(s)://host[/prefix]/t/<token>[?...]`, a bare
    path `/t/<token>`, or the bare token itself (returned stripped, unchanged otherwise).
    Anything else comes back as it was, so verification fails with its usual message."""
    text = scanned.strip()
    if len(text) > MAX_SCAN_LENGTH:
        return text
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")):
        path = urlsplit(text).path
    elif text.startswith("/"):
        path = text.split("?", 1)[0].split("#", 1)[0]
    else:
        return text
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2 and parts[-2] in TOKEN_PATHS:
        return unquote(parts[-1]).strip()
    return text
