"""The web face's refusal log keeps an address's first segment only; a segment that could
be a PIN or a 個人番号 (a signing PIN typed into the address bar) is not logged either."""

from __future__ import annotations

import pytest

from web.security import redact


@pytest.mark.parametrize("path", ["/Abc12345", "/abc123/x", "/123456789012", "/1234"])
def test_a_pin_shaped_segment_is_not_logged(path: str) -> None:
    shown = redact(path)
    assert shown.startswith("/***")
    assert path.strip("/").split("/")[0] not in shown


def test_ordinary_segments_are_logged() -> None:
    assert redact("/board") == "/board"
    assert redact("/static/app.css") == "/static/…"
    assert redact("/t/" + "A" * 40) == "/t/…"
