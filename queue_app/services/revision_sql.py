"""The office's revision, +1 with every change a display shows: one statement, once.

Every write (an issue on the bare driver or through the services, a call, a finish, a plan
edit) bumps it in its own transaction, and displays, the web and the estimate cache read it
to know whether anything changed. Written in plain SQL for both engines and run on a DB-API
connection (`db.driver_write.DriverWriter`): the issue path's bare connection and the ORM
session's own driver connection run the same text (`UnitOfWork.bump_revision`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from db.driver import NOTIFY_CHANNEL
from queue_app.services.board_reads import Reader


class Statements(Reader, Protocol):
    """A connection in a write transaction (`db.driver_write.DriverWriter`)."""

    def execute(self, sql: str, params: Mapping[str, object] | None = None) -> None: ...


BUMP_REVISION = (
    "INSERT INTO revision (office_id, value) VALUES (:office_id, 1)"
    " ON CONFLICT (office_id) DO UPDATE SET value = revision.value + 1"
    " RETURNING value"
)
NOTIFY = "SELECT pg_notify(:channel, :office)"


def bump_revision(db: Statements, dialect: str, office_id: str) -> int:
    """+1 on the office's revision (created at 1) and its new value; on PostgreSQL also a
    NOTIFY that listeners hear when the transaction commits."""
    value = int(db.rows(BUMP_REVISION, {"office_id": office_id})[0][0])
    if dialect == "postgresql":
        db.rows(NOTIFY, {"channel": NOTIFY_CHANNEL, "office": office_id})
    return value
