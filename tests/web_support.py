"""Helpers for the web tests: a seeded database, the web app on a read-only engine, clients."""

from __future__ import annotations

import dataclasses
from typing import Any

from db.engine import make_engine
from queue_app.domain.config import WebSettings
from queue_app.services import IssueRequest, Services
from tests.conftest import SECRET

OFFICE = "sogo"


def web_services(url: str, config: Any, clock: Any) -> Services:
    """What `madoguchi web` builds: a read-only engine, and the secret to verify tokens."""
    return Services(make_engine(url, read_only=True), config, clock, secret=SECRET)


def seed_tickets(writer: Services, n: int = 4) -> list[Any]:
    """`n` e-certificate tickets at sogo, plus one certificate ticket; returns the results."""
    issued = [writer.tickets.issue(IssueRequest(OFFICE, "ecert")) for _ in range(n)]
    writer.tickets.issue(IssueRequest(OFFICE, "certificate"))
    return issued


def settings(**changes: Any) -> WebSettings:
    # Starlette's test client sends `Host: testserver`, a name an empty allowed_hosts refuses
    changes.setdefault("allowed_hosts", ("testserver",))
    return dataclasses.replace(WebSettings(), **changes)


def web_app(url: str, config: Any, clock: Any, live_feed: bool = False, **changes: Any) -> Any:
    from web.app import create_app

    return create_app(web_services(url, config, clock), settings(**changes), live_feed=live_feed)


def booked_appointment(services: Services) -> Any:
    """A document-inquiry case mailed on 12/1 and booked for Friday 12/4 at 10:00."""
    from datetime import date

    from tests.inquiry_support import mailed_case

    case = mailed_case(services, date(2026, 12, 1))
    return services.inquiries.book(case.id, OFFICE, date(2026, 12, 4), 600, "S001")
