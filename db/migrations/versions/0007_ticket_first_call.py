"""the ticket keeps its first call and whether it was transferred (issue 17, range report)

* `ticket.first_called_ms`: the time of its earliest event whose `to_state` is `called`
  (NULL: never called); `ticket.transferred`: 1 when one of its events has a detail
  starting with `transfer:`, else 0 (queue_app/domain/report_marks.py). The range report
  reads them instead of joining every ticket to its events (docs/benchmarks.md).
* Backfill: existing tickets get them from their own events (same office and service day
  as the ticket, as every event the program writes), by the rule the range report's SQL
  applied until now (`MIN(at_ms)` of `to_state = 'called'`, `detail LIKE 'transfer:%'`).
  One `UPDATE .. FROM` on both engines (SQLite >= 3.33). No event is rewritten:
  `ticket_event` stays append-only (0004's triggers are untouched).
* No new index: the report reads a year of one office through `ix_ticket_queue`.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE ticket SET first_called_ms = ev.first_call, transferred = ev.transferred
FROM (
  SELECT ticket_id, office_id, service_day,
         MIN(CASE WHEN to_state = 'called' THEN at_ms END) AS first_call,
         MAX(CASE WHEN detail LIKE 'transfer:%' THEN 1 ELSE 0 END) AS transferred
  FROM ticket_event
  WHERE to_state = 'called' OR detail LIKE 'transfer:%'
  GROUP BY ticket_id, office_id, service_day
) AS ev
WHERE ev.ticket_id = ticket.id AND ev.office_id = ticket.office_id
  AND ev.service_day = ticket.service_day
"""


def upgrade() -> None:
    op.add_column("ticket", sa.Column("first_called_ms", sa.BigInteger(), nullable=True))
    op.add_column(
        "ticket",
        sa.Column("transferred", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    # SQLite >= 3.35 and PostgreSQL drop a column in place (no table rebuild, so the
    # ticket table keeps its AUTOINCREMENT from 0005)
    op.execute("ALTER TABLE ticket DROP COLUMN transferred")
    op.execute("ALTER TABLE ticket DROP COLUMN first_called_ms")
