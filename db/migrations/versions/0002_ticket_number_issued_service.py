"""ticket numbers are unique per issued service, not per current service

A transfer changes `ticket.service_id`; with the unique constraint on the current service,
moving B-001 to the service whose A-001 exists failed with an IntegrityError. The number
belongs to the service it was issued for (`issued_service_id`), which never changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD = ["office_id", "service_id", "service_day", "number"]
NEW = ["office_id", "issued_service_id", "service_day", "number"]


def _swap(drop_cols: list[str], add_cols: list[str]) -> None:
    # SQLite rebuilds the table (copy, drop, rename) while other tables point at ticket.id:
    # `db.migrate.upgrade` switches foreign keys off around the migration and runs
    # `PRAGMA foreign_key_check` before it commits.
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint("uq_ticket_number", type_="unique")
        batch_op.create_unique_constraint("uq_ticket_number", add_cols)


def upgrade() -> None:
    _swap(OLD, NEW)


def downgrade() -> None:
    _swap(NEW, OLD)
