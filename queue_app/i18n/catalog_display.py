"""Messages of the display part (Japanese first, English second)."""

MESSAGES: dict[str, dict[str, str]] = {}
