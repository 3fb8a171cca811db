"""Helpers shared by the inquiry tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from queue_app.services import IssueRequest

TOKYO = ZoneInfo("Asia/Tokyo")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def with_inquiry(config: Any, **changes: Any) -> Any:
    """The configuration with other [inquiry] settings (e.g. seats_per_slot=1)."""
    inquiry = replace(config.settings.inquiry, **changes)
    return replace(config, settings=replace(config.settings, inquiry=inquiry))


def first_visit(services: Any, office: str = "sogo", counter: int = 3) -> Any:
    """An agent without the answer form: issued, called, served, finished with an inquiry."""
    result = services.tickets.issue(
        IssueRequest(office, "ecert", visit_kind="agent_first", decision="document_inquiry")
    )
    ticket = services.tickets.call(result.ticket.id, counter, "S001")
    services.tickets.start(ticket.id, counter, "S001")
    return services.tickets.finish(ticket.id, "document_inquiry", counter, "S001")


def mailed_case(services: Any, mailed: date | None = None, **personal: Any) -> Any:
    ticket = first_visit(services)
    case = services.inquiries.open_case(ticket.id, "agent_first", staff="S001", **personal)
    return services.inquiries.mark_mailed(case.id, mailed, "S001")
