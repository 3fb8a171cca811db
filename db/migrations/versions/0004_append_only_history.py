"""append-only history: the audit log and the ticket events refuse UPDATE and DELETE

`ticket_event` (every report is computed from it) and `audit_entry` (who did what, every
read of personal data) are append-only by design; until now only the code kept them so.
Triggers on both engines now refuse any UPDATE or DELETE of their rows (and TRUNCATE on
PostgreSQL), whoever sends it: a script, a psql session, a bug.

Nothing legitimate removes these rows: purge erases personal fields of `inquiry_case` only,
the demo replaces its own database file, a SQLite restore copies pages with the backup API
(no row statements, no triggers fire) and a PostgreSQL restore drops and recreates the
tables (`pg_restore --clean`; the dump carries the triggers and recreates them after the
data). A later migration that rebuilds one of these tables on SQLite (`batch_alter_table`)
loses the triggers with the old table: it must call `create_append_only(...)` again.

`audit_entry` also gets the office it concerns (`office_id`, NULL for entries not tied to
one office) and an index on its time, for `madoguchi audit --date/--office`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY = ("ticket_event", "audit_entry")
PG_FUNCTION = "madoguchi_append_only"


def create_append_only(table: str) -> None:
    """The triggers that make `table` append-only, on the engine in use."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END"
            )
        return
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
    )


def drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")


def upgrade() -> None:
    op.add_column("audit_entry", sa.Column("office_id", sa.String(length=32), nullable=True))
    op.create_index("ix_audit_at", "audit_entry", ["at_ms"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP "
            "USING ERRCODE = 'restrict_violation'; END $$"
        )
    for table in APPEND_ONLY:
        create_append_only(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        drop_append_only(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
    op.drop_index("ix_audit_at", table_name="audit_entry")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("office_id")
