"""Messages of the faces of visit plans and the pickup stage (交付): the display's ready
list, the reception's plan keys at intake and the counter view's plan panel."""

MESSAGES: dict[str, dict[str, str]] = {
    "display.preparing_count": {"ja": "準備中 {n}件", "en": "Being prepared: {n}"},
}
