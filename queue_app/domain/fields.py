"""One validator for every value that reaches storage: type, length, charset, no 個人番号.

Every service checks the values it is about to store with `check_field` (codes and free
text) and the ids it is about to look up with `check_id`, so a CLI flag, a form field, a
kiosk request or a web call are held to the same rules, and an input mistake is reported
as one (exit 2) before the database sees it: a 120,000-character staff code is not an
outage, a 12-digit number is never stored.

Messages name the field and what is wrong, never the rejected value: it could be a PIN or
a 個人番号 typed into the wrong field.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import Enum

from queue_app.domain.errors import InputError
from queue_app.domain.privacy import looks_like_personal_number

# ids are INTEGER columns: PostgreSQL's int4 is the smaller range of the two engines
MAX_ID = 2**31 - 1


class Kind(Enum):
    CODE = "code"  # an identifier: ASCII letters, digits and - _ . :
    TEXT = "text"  # one line of free text, any printable character


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    max_len: int


# every stored string column a service writes from input (lengths = the column sizes)
FIELDS: dict[str, FieldSpec] = {
    "office": FieldSpec(Kind.CODE, 32),
    "service": FieldSpec(Kind.CODE, 32),
    "visit_kind": FieldSpec(Kind.CODE, 32),
    "decision": FieldSpec(Kind.CODE, 32),
    "outcome": FieldSpec(Kind.CODE, 32),
    "reason": FieldSpec(Kind.CODE, 64),
    "staff": FieldSpec(Kind.CODE, 16),
    "request_id": FieldSpec(Kind.CODE, 64),
    "code": FieldSpec(Kind.CODE, 16),
    # stored as "override:<reason>" in a 200-character event detail
    "override": FieldSpec(Kind.TEXT, 190),
    "note": FieldSpec(Kind.TEXT, 200),
    "name_kana": FieldSpec(Kind.TEXT, 64),
    "phone": FieldSpec(Kind.TEXT, 20),
}

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")


def check_field(field: str, value: object, *, max_len: int | None = None) -> str | None:
    """Return the value stripped (None stays None), or refuse it naming the field only."""
    if value is None:
        return None
    spec = FIELDS[field]
    if not isinstance(value, str):
        raise InputError("err.field_type", field=field)
    text = value.strip()
    limit = max_len if max_len is not None else spec.max_len
    if len(text) > limit:
        raise InputError("err.field_length", field=field, limit=limit)
    if not text.isprintable() or _has_surrogate(text):
        # control characters, line breaks, undecodable bytes (surrogate escapes)
        raise InputError("err.field_charset_text", field=field)
    if spec.kind is Kind.CODE and text and not _CODE.fullmatch(text):
        raise InputError("err.field_charset_code", field=field)
    if looks_like_personal_number(text):
        raise InputError("err.personal_number", field=field)
    return text


def check_fields(**values: object) -> dict[str, str | None]:
    """`check_field` for several fields at once: `check_fields(staff=..., decision=...)`."""
    return {name: check_field(name, value) for name, value in values.items()}


def check_id(value: object, field: str = "id") -> int:
    """A database id: a whole number from 1 to MAX_ID (larger ids cannot exist)."""
    if isinstance(value, bool):
        raise InputError("err.id_range", field=field, limit=MAX_ID)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit():
            raise InputError("err.id_range", field=field, limit=MAX_ID)
        value = int(text) if len(text) <= 12 else MAX_ID + 1
    if not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InputError("err.id_range", field=field, limit=MAX_ID)
    return value


def check_count(value: object, field: str, low: int, high: int) -> int:
    """A whole number in [low, high] (counter numbers, run counts, days...)."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError("err.number_range", field=field, low=low, high=high)
    return value


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


_NONCE_BYTES = 10  # 80 bits: 16 base32 characters


def new_nonce() -> str:
    """A fresh unguessable per-ticket nonce (16 characters A-Z 2-7), never 12 digits in a row."""
    import base64

    while True:
        text = base64.b32encode(secrets.token_bytes(_NONCE_BYTES)).decode("ascii")
        if not looks_like_personal_number(text):
            return text


def new_request_id() -> str:
    """An idempotency key for one issue request (forms, kiosks): 26 characters a-z 2-7 that
    pass `check_field("request_id", ...)` (a uuid4 hex has a 12-digit run ~7% of the time)."""
    import base64

    while True:
        text = base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=").lower()
        if not looks_like_personal_number(text):
            return text
