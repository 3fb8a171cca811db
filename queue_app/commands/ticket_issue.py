"""`madoguchi ticket issue` on the bare driver: a kiosk's every call without SQLAlchemy,
SQLModel or pydantic (about a second of each call; docs/benchmarks.md).

The ticket is issued by the one issue path (`services/tickets/issue_core.py`), the same code
the full services run, on a read-write driver connection of its own
(`db.driver_write.DriverDatabase`: SQLite in WAL with BEGIN IMMEDIATE and the busy timeout
`make_engine` sets; PostgreSQL in one transaction, with the same retries). The schema is
checked with one SELECT against the migration scripts' head (`db.schema_head`), as the
display does. Anything out of the usual (no such file, a schema that is not this program's
newest, a database that cannot be opened) goes through the full services, whose check
says what is wrong in the same words as every other command.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from queue_app.context import CliContext
from queue_app.domain.errors import DatabaseError

if TYPE_CHECKING:
    from db.driver_write import DriverDatabase
    from queue_app.services.tickets.issue_core import IssueCore


def issuer(ctx: CliContext) -> IssueCore:
    """What issues the command's ticket: the bare path when the database is there and
    current, else the full services (their check names the problem)."""
    from db.driver import DatabaseAddress
    from db.driver_write import DriverDatabase

    try:
        address = DatabaseAddress.parse(ctx.database_url)
    except DatabaseError:  # (DatabaseUrlError) the full services' words for a bad URL
        return ctx.services.tickets
    if address.dialect == "sqlite" and not os.path.isfile(address.path):
        return ctx.services.tickets  # "no database here" / "folder missing", as before
    database = DriverDatabase(address)
    ctx._closers.append(database.close)
    if not schema_is_current(database):
        database.close()
        return ctx.services.tickets  # db.migrate.check: older, newer, not initialised...
    from queue_app.config import secret_key
    from queue_app.services.tickets.issue_core import IssueCore

    return IssueCore(database, ctx.config, ctx.calendar, ctx.clock, secret_key(ctx.env, ctx.config))


def schema_is_current(database: DriverDatabase) -> bool:
    """True when the stored schema revision is the scripts' head (one SELECT, no Alembic);
    False when it is not, cannot be told, or the database cannot be read."""
    from db.schema_head import quick_head

    head = quick_head()
    if head is None:
        return False
    try:
        with database.read_plain() as reader:
            rows = reader.rows("SELECT version_num FROM alembic_version")
    except DatabaseError:  # unreachable, locked, not a database, no table
        return False
    return len(rows) == 1 and str(rows[0][0]) == head
