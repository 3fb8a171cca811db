"""visit plans and the pickup stage (issue 13)

* `ticket.plan_id`: the named plan a ticket was issued for (`tennyu`), `*` for an ad-hoc
  list of procedures, NULL for a single-procedure ticket (every ticket issued before this
  revision: old history reads exactly as before).
* `visit_step`: the steps of a plan ticket, one row per procedure (position, state pending
  / current / done / skipped / cancelled, outcome, when it ended, who added it). Single-
  procedure tickets have no rows.

The new ticket states (`preparing`, `ready`) need no schema change: `ticket.state` and
`ticket_event.to_state` are plain strings. No existing row is rewritten: the columns are
added empty, and `ticket_event` stays append-only (0004's triggers are untouched).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("plan_id", sa.String(length=32), nullable=True))
    op.create_table(
        "visit_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("ended_ms", sa.BigInteger(), nullable=True),
        sa.Column("staff", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_visit_step_ticket", "visit_step", ["ticket_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_visit_step_ticket", table_name="visit_step")
    op.drop_table("visit_step")
    # SQLite >= 3.35 and PostgreSQL drop a column in place (no table rebuild, so the
    # ticket table keeps its AUTOINCREMENT from 0005)
    op.execute("ALTER TABLE ticket DROP COLUMN plan_id")
