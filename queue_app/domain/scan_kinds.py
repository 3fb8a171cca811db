"""What a line from the scanner field is: a ticket's QR, a slip's QR, a slip's printed code or
a ticket number typed by hand. Pure: no I/O.

A USB scanner types like a keyboard and ends with Enter; a clerk may type the same things by
hand. The slip carries its appointment code printed under the QR (``R-RYRE``), so a visitor
whose QR does not scan (a crumpled slip, a photo of it) is checked in by the code alone.

* ``MDG1.P.…``: a slip token (check-in);
* ``MDG1.…`` (any other kind): a ticket token (open the ticket);
* ``R-RYRE`` / ``r ryre`` / ``RRYRE``: a slip code (check-in), written with the code
  alphabet (no 0/O, no 1/I); a ticket number of a service whose prefix is ``R`` (``R-123``)
  stays a ticket number;
* ``A-012`` / ``a12``: a ticket number.

A QR that encodes a web address (``https://…/t/<token>``, ``…/a/<token>``) is read as the
token inside it (`queue_app.domain.scan.extract_token`).

Full-width forms (a scanner or an IME set to 全角) are read like half-width ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from queue_app.domain.inquiry import CODE_ALPHABET, CODE_LENGTH, CODE_PREFIX
from queue_app.domain.scan import extract_token

TOKEN_PREFIX = "MDG1."
SLIP_TOKEN_PREFIX = "MDG1.P."

_CODE = re.compile(
    rf"^{re.escape(CODE_PREFIX[0])}[-\s]?(?P<body>[{CODE_ALPHABET}]{{{CODE_LENGTH}}})$"
)
_NUMBER = re.compile(r"^(?P<prefix>[A-Z]{1,3})[-\s]?(?P<digits>\d{1,5})$")


class ScanKind(StrEnum):
    TICKET_TOKEN = "ticket_token"
    SLIP_TOKEN = "slip_token"
    SLIP_CODE = "slip_code"
    TICKET_NUMBER = "ticket_number"
    UNKNOWN = "unknown"


def normalize_scan(text: str) -> str:
    """NFKC (full-width to half-width), surrounding spaces removed, the token out of a URL."""
    return extract_token(unicodedata.normalize("NFKC", text).strip())


def classify_scan(text: str, ticket_prefixes: Iterable[str] = ()) -> ScanKind:
    """What `text` is; `ticket_prefixes` are the configured services' number prefixes."""
    value = normalize_scan(text)
    upper = value.upper()
    if upper.startswith(SLIP_TOKEN_PREFIX):
        return ScanKind.SLIP_TOKEN
    if upper.startswith(TOKEN_PREFIX):
        return ScanKind.TICKET_TOKEN
    prefixes = {p.upper() for p in ticket_prefixes}
    number = _NUMBER.match(upper)
    code = _CODE.match(upper)
    if code and not (number and number["prefix"] in prefixes):
        return ScanKind.SLIP_CODE
    if number:
        return ScanKind.TICKET_NUMBER
    return ScanKind.UNKNOWN
