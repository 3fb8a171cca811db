"""The high-water mark a restore must never roll back: numbers and ids already handed out.

A backup is a moment in the past. Tickets issued after it hold numbers, ids and tokens
that the restored database does not know: if numbering simply continued from the backup,
the next visitor would get a number (and an id) already printed on someone else's paper.

So `madoguchi db restore` reads, from the database it is about to replace, the last number
of every (office, service, service day) counter and the last id of every table whose ids
reach people (`ticket`, `inquiry_case`, `appointment`, plus events and audit entries),
restores the backup, then raises the restored counters and id sequences to at least those
values (`apply`). Numbering for the current service day continues above the highest number
ever issued; ids never run again (SQLite: `AUTOINCREMENT` tables since migration 0005, so
`sqlite_sequence` holds the mark; PostgreSQL: `setval` on the sequences). The nonce in each
token (migration 0005) makes a token name one issuance even if all of this were bypassed.

When the current database cannot be read (deleted, damaged), the mark is unknown: the
restore is refused unless forced (see `db.restore.restore`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

# tables whose ids must never run again (ticket ids are in tokens and on the CLI, case and
# appointment ids are named to visitors and clerks)
ID_TABLES = ("ticket", "ticket_event", "inquiry_case", "appointment", "audit_entry")


@dataclass
class HighWater:
    counters: dict[tuple[str, str, date], int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    revisions: dict[str, int] = field(default_factory=dict)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def read(engine: Engine) -> HighWater:
    """The marks in the database behind `engine` (raises the driver's errors as they come)."""
    mark = HighWater()
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT office_id, service_id, service_day, last_number FROM daily_counter")
        )
        for office, service, day, last in rows:
            key = (str(office), str(service), _day(day))
            mark.counters[key] = max(mark.counters.get(key, 0), int(last))
        # the numbers themselves too (a counter row could have been edited by hand)
        rows = conn.execute(
            text(
                "SELECT office_id, issued_service_id, service_day, max(number) FROM ticket "
                "GROUP BY office_id, issued_service_id, service_day"
            )
        )
        for office, service, day, last in rows:
            key = (str(office), str(service), _day(day))
            mark.counters[key] = max(mark.counters.get(key, 0), int(last or 0))
        for table in ID_TABLES:
            mark.ids[table] = _last_id(conn, table)
        for office, value in conn.execute(text("SELECT office_id, value FROM revision")):
            mark.revisions[str(office)] = int(value)
    return mark


def _last_id(conn: Connection, table: str) -> int:
    last = int(conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar() or 0)
    if conn.dialect.name == "sqlite":
        has_seq = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")
        ).scalar()
        if has_seq:
            seq = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}
            ).scalar()
            last = max(last, int(seq or 0))
    else:
        seq_name = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}
        ).scalar()
        if seq_name:
            row = conn.execute(text(f"SELECT last_value, is_called FROM {seq_name}")).first()
            if row is not None and row[1]:
                last = max(last, int(row[0]))
    return last


def apply(engine: Engine, mark: HighWater) -> tuple[int, int]:
    """`apply_on` in a transaction of its own (SQLite: on the staging file)."""
    with engine.begin() as conn:
        return apply_on(conn, mark)


def apply_on(conn: Connection, mark: HighWater) -> tuple[int, int]:
    """Raise the counters, id sequences and display revisions of the (restored) database
    to at least `mark`, in the caller's transaction (PostgreSQL: the restore's own, so the
    data and the mark are written together or not at all); returns (counters raised, id
    sequences raised)."""
    raised_counters = raised_ids = 0
    for (office, service, day), last in sorted(mark.counters.items()):
        current = conn.execute(
            text(
                "SELECT last_number FROM daily_counter WHERE office_id = :o "
                "AND service_id = :s AND service_day = :d"
            ),
            {"o": office, "s": service, "d": day},
        ).scalar()
        if current is None:
            conn.execute(
                text(
                    "INSERT INTO daily_counter (office_id, service_id, service_day, "
                    "last_number) VALUES (:o, :s, :d, :n)"
                ),
                {"o": office, "s": service, "d": day, "n": last},
            )
            raised_counters += 1
        elif int(current) < last:
            conn.execute(
                text(
                    "UPDATE daily_counter SET last_number = :n WHERE office_id = :o "
                    "AND service_id = :s AND service_day = :d"
                ),
                {"o": office, "s": service, "d": day, "n": last},
            )
            raised_counters += 1
    for table, last in mark.ids.items():
        if last > 0 and _last_id(conn, table) < last:
            _raise_sequence(conn, table, last)
            raised_ids += 1
    # displays poll the revision: move it past anything they have seen, so they redraw
    offices = set(mark.revisions)
    offices |= {str(o) for (o,) in conn.execute(text("SELECT office_id FROM revision"))}
    for office in sorted(offices):
        seen = mark.revisions.get(office, 0)
        current = conn.execute(
            text("SELECT value FROM revision WHERE office_id = :o"), {"o": office}
        ).scalar()
        value = max(seen, int(current or 0)) + 1
        if current is None:
            conn.execute(
                text("INSERT INTO revision (office_id, value) VALUES (:o, :v)"),
                {"o": office, "v": value},
            )
        else:
            conn.execute(
                text("UPDATE revision SET value = :v WHERE office_id = :o"),
                {"o": office, "v": value},
            )
    return raised_counters, raised_ids


def _raise_sequence(conn: Connection, table: str, last: int) -> None:
    if conn.dialect.name == "sqlite":
        autoincrement = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
            {"t": table},
        ).scalar()
        if not autoincrement or "AUTOINCREMENT" not in str(autoincrement).upper():
            return  # a schema older than 0005: `madoguchi db upgrade` comes first
        updated = conn.execute(
            text("UPDATE sqlite_sequence SET seq = :n WHERE name = :t"), {"n": last, "t": table}
        ).rowcount
        if not updated:
            conn.execute(
                text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"),
                {"n": last, "t": table},
            )
        return
    seq_name = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
    if seq_name:
        conn.execute(
            text("SELECT setval(CAST(:s AS regclass), :n, true)"), {"s": seq_name, "n": last}
        )
