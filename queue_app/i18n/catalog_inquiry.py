"""Messages of the inquiry part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {}
