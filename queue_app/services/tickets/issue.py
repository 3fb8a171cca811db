"""Issuing a ticket from the full services: `IssueCore` (issue_core.py) is the one issue
path, its statements plain SQL (`issue_sql.py`) run on the session's driver connection
(`UnitOfWork.write_plain`); the `ticket issue` command runs the same code on a bare driver
connection (docs/decisions.md, "`ticket issue` without the ORM")."""

from __future__ import annotations

from queue_app.services.tickets.estimates import TicketEstimates
from queue_app.services.tickets.issue_core import IssueCore, IssueRequest, checked_request


class TicketIssue(TicketEstimates, IssueCore):
    """The estimates and queue reads of the full services, with the one issue path."""


__all__ = ["IssueRequest", "TicketIssue", "checked_request"]
