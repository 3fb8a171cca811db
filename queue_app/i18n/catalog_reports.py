"""Messages of the reports part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {}
