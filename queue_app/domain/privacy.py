"""Guards that keep a 12-digit 個人番号 (My Number) out of everything Madoguchi stores.

Free-text fields (an override reason, a note) are typed by clerks in a hurry; a My Number
copied into one would be stored and shown in reports. Any run of 12 digits (spaces and
hyphens between digits ignored) is refused with a message saying why.
"""

from __future__ import annotations

from queue_app.domain.errors import InputError
from queue_app.domain.my_number import looks_like_personal_number as looks_like_personal_number


def check_free_text(text: str | None, field: str) -> str | None:
    """Return the stripped text, or refuse it when it holds something like a 個人番号."""
    if text is None:
        return None
    if looks_like_personal_number(text):
        raise InputError("err.personal_number", field=field)
    return text.strip()
