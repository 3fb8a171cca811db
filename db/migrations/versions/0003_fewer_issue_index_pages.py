"""fewer index pages written per issued ticket

Every `issue()` commit writes each page it dirtied (on SQLite, the WAL frames of every
touched b-tree). Three of the indexes it touched were not needed by any query:

* `ix_ticket_day (service_day, office_id)`: every query on `ticket.service_day` also
  filters on `office_id`, which `ix_ticket_queue (office_id, service_day, state)` serves.
* `uq_ticket_request`: a unique constraint on `request_id`, which is NULL for almost every
  ticket, yet every NULL took an index entry. It becomes a partial unique index
  `WHERE request_id IS NOT NULL`: the same guarantee (a repeated request_id still fails
  with an IntegrityError, which `issue()` turns into a replay), and the look-up
  `WHERE request_id = ?` still uses it on both engines.
* `ix_event_ticket (ticket_id)`: no query reads events by ticket alone (the reports read
  them by office and day through `ix_event_office_day`), and tickets are never deleted,
  so the foreign key never needs to look events up by ticket.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NOT_NULL = sa.text("request_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_ticket_day", table_name="ticket")
    op.drop_index("ix_event_ticket", table_name="ticket_event")
    # SQLite rebuilds the table to drop a table constraint (see 0002: `db.migrate.upgrade`
    # switches foreign keys off around it and runs `PRAGMA foreign_key_check` after).
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint("uq_ticket_request", type_="unique")
    op.create_index(
        "uq_ticket_request",
        "ticket",
        ["request_id"],
        unique=True,
        sqlite_where=NOT_NULL,
        postgresql_where=NOT_NULL,
    )


def downgrade() -> None:
    op.drop_index("uq_ticket_request", table_name="ticket")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_ticket_request", ["request_id"])
    op.create_index("ix_event_ticket", "ticket_event", ["ticket_id"], unique=False)
    op.create_index("ix_ticket_day", "ticket", ["service_day", "office_id"], unique=False)
