"""Messages of the reception part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {}
