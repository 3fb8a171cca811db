"""Short signed tokens for ticket and appointment-slip QR codes.

`MDG1.<kind>.<office>.<yyyymmdd>.<id>.<label>.<sig>`: kind T (ticket) or P (appointment
slip); the signature is HMAC-SHA256 over the rest with the per-install secret, cut to 16
base32 characters (80 bits: forging one by guessing is out of reach). The token names the
office and the day so a slip for another office or day is refused with that reason.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from queue_app.domain.errors import DomainError

VERSION = "MDG1"
KINDS = {"T": "ticket", "P": "appointment"}


@dataclass(frozen=True)
class TokenClaims:
    kind: str  # "T" or "P"
    office_id: str
    day: date
    object_id: int
    label: str


def _sig(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode("ascii")


def sign(secret: bytes, claims: TokenClaims) -> str:
    if claims.kind not in KINDS:
        raise ValueError(f"unknown token kind {claims.kind}")
    body = ".".join(
        [
            VERSION,
            claims.kind,
            claims.office_id,
            claims.day.strftime("%Y%m%d"),
            str(claims.object_id),
            claims.label,
        ]
    )
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
    parts = text.split(".")
    if len(parts) != 7 or parts[0] != VERSION or parts[1] not in KINDS:
        raise DomainError("err.token_malformed")
    body, signature = ".".join(parts[:6]), parts[6]
    if not hmac.compare_digest(_sig(secret, body), signature.upper()):
        raise DomainError("err.token_forged")
    try:
        claims = TokenClaims(
            kind=parts[1],
            office_id=parts[2],
            day=date(int(parts[3][:4]), int(parts[3][4:6]), int(parts[3][6:8])),
            object_id=int(parts[4]),
            label=parts[5],
        )
    except ValueError:
        raise DomainError("err.token_malformed") from None
    if kind is not None and claims.kind != kind:
        raise DomainError("err.token_wrong_kind", expected=KINDS[kind], got=KINDS[claims.kind])
    if office_id is not None and claims.office_id != office_id:
        raise DomainError("err.token_other_office", office=claims.office_id, here=office_id)
    if day is not None and claims.day != day:
        raise DomainError("err.token_other_day", day=claims.day.isoformat(), today=day.isoformat())
    return claims
