"""Short signed tokens for ticket and appointment-slip QR codes.

`MDG1.<kind>.<office>.<yyyymmdd>.<id>.<label>[.<nonce>].<sig>`: kind T (ticket) or P
(appointment slip); the signature is HMAC-SHA256 over the rest with the per-install secret,
cut to 16 base32 characters (80 bits: forging one by guessing is out of reach). The token
names the office and the day so a slip for another office or day is refused with that reason.

A ticket token also carries the ticket's nonce (16 random base32 characters stored with the
ticket, `fields.new_nonce`): a token names one issuance and nothing else. Should a number or
an id ever be handed out again (a database restored from a backup), the old paper ticket's
nonce differs from the new ticket's and the old token is refused. Tokens without a nonce
(slips, whose appointment code is already random, and tickets issued before migration 0005)
keep the 7-part form.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from queue_app.domain.errors import DomainError
from queue_app.domain.fields import MAX_ID

VERSION = "MDG1"
MAX_TOKEN_LENGTH = 256
KINDS = {"T": "ticket", "P": "appointment"}


@dataclass(frozen=True)
class TokenClaims:
    kind: str  # "T" or "P"
    office_id: str
    day: date
    object_id: int
    label: str
    nonce: str | None = None


def _sig(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode("ascii")


def sign(secret: bytes, claims: TokenClaims) -> str:
    if claims.kind not in KINDS:
        raise ValueError(f"unknown token kind {claims.kind}")
    parts = [
        VERSION,
        claims.kind,
        claims.office_id,
        claims.day.strftime("%Y%m%d"),
        str(claims.object_id),
        claims.label,
    ]
    if claims.nonce is not None:
        parts.append(claims.nonce)
    body = ".".join(parts)
    return f"{body}.{_sig(secret, body)}"


def verify(
    secret: bytes,
    token: str,
    *,
    office_id: str | None = None,
    day: date | None = None,
    kind: str | None = None,
) -> TokenClaims:
    """Check the signature first, then the office and the day; each failure says which."""
    text = token.strip()
    if len(text) > MAX_TOKEN_LENGTH:
        raise DomainError("err.token_malformed")
    parts = text.split(".")
    if len(parts) not in (7, 8) or parts[0] != VERSION or parts[1] not in KINDS:
        raise DomainError("err.token_malformed")
    body, signature = ".".join(parts[:-1]), parts[-1]
    # compare_digest refuses non-ASCII text (TypeError): such a signature is not ours
    if not signature.isascii() or not hmac.compare_digest(_sig(secret, body), signature.upper()):
        raise DomainError("err.token_forged")
    try:
        day_text, id_text = parts[3], parts[4]
        if not (day_text.isascii() and day_text.isdigit() and len(day_text) == 8):
            raise ValueError(day_text)
        if not (id_text.isascii() and id_text.isdigit() and len(id_text) <= 10):
            raise ValueError(id_text)
        claims = TokenClaims(
            kind=parts[1],
            office_id=parts[2],
            day=date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:8])),
            object_id=int(id_text),
            label=parts[5],
            nonce=parts[6] if len(parts) == 8 else None,
        )
    except ValueError:
        raise DomainError("err.token_malformed") from None
    if not 1 <= claims.object_id <= MAX_ID:
        raise DomainError("err.token_malformed")
    if kind is not None and claims.kind != kind:
        raise DomainError("err.token_wrong_kind", expected=KINDS[kind], got=KINDS[claims.kind])
    if office_id is not None and claims.office_id != office_id:
        raise DomainError("err.token_other_office", office=claims.office_id, here=office_id)
    if day is not None and claims.day != day:
        raise DomainError("err.token_other_day", day=claims.day.isoformat(), today=day.isoformat())
    return claims
