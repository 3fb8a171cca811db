"""a per-ticket nonce in every token; ids that never run again (even after a restore)

* `ticket.nonce`: 16 random base32 characters, part of the signed QR token and checked on
  verify, so a token names one issuance: were a number or an id ever handed out again,
  the old paper ticket's token is refused. NULL for tickets issued before this revision
  (their tokens keep the 7-part form).
* SQLite: `ticket`, `inquiry_case` and `appointment` become `AUTOINCREMENT` tables, so the
  last id ever used is kept in `sqlite_sequence` (a plain rowid table reuses max(id) + 1)
  and `madoguchi db restore` can raise it above the ids issued after the backup
  (db/highwater.py). PostgreSQL's SERIAL sequences already behave so.

Each SQLite table is rebuilt the documented way (create, copy, drop, rename, indexes);
`db.migrate.upgrade` switches foreign keys off around it and checks them afterwards.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("ticket", "inquiry_case", "appointment")


def _rebuild(table: str, autoincrement: bool) -> None:
    conn = op.get_bind()
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar()
    assert sql is not None, table
    indexes = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    head = re.compile(r'^CREATE TABLE (IF NOT EXISTS )?"?' + table + r'"?', re.IGNORECASE)
    new_sql = head.sub(f'CREATE TABLE "_new_{table}"', sql, count=1)
    if autoincrement:
        new_sql = re.sub(
            r"\bid INTEGER NOT NULL\s*,",
            "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,",
            new_sql,
            count=1,
        )
        # The table-level key is either followed by another constraint or is the last line
        # (as a downgrade of this revision writes it); both go, the column carries it now.
        new_sql, gone = re.subn(r"\s*PRIMARY KEY \(id\)\s*,", "", new_sql, count=1)
        if not gone:
            new_sql = re.sub(r",\s*PRIMARY KEY \(id\)\s*\)\s*$", "\n)", new_sql, count=1)
    else:
        new_sql = new_sql.replace(
            "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", "id INTEGER NOT NULL,", 1
        )
        body = new_sql.rstrip()
        assert body.endswith(")"), table
        new_sql = body[:-1].rstrip() + ",\n\tPRIMARY KEY (id)\n)"
    conn.exec_driver_sql(new_sql)
    conn.exec_driver_sql(f'INSERT INTO "_new_{table}" SELECT * FROM "{table}"')
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "_new_{table}" RENAME TO "{table}"')
    for index_sql in indexes:
        conn.exec_driver_sql(index_sql)
    if autoincrement:
        conn.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) "
            f'SELECT ?, coalesce(max(id), 0) FROM "{table}"',
            (table,),
        )


def upgrade() -> None:
    op.add_column("ticket", sa.Column("nonce", sa.String(length=16), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            _rebuild(table, autoincrement=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            _rebuild(table, autoincrement=False)
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("nonce")
