"""Run a PostgreSQL backup's restore script on a connection the caller holds, inside the
caller's transaction (`madoguchi db restore`: the data, the schema upgrade and the
high-water mark are one transaction, all or nothing).

`pg_restore --file -` writes the backup as the plain SQL script psql would run; it is read
here line by line. The SQL text between two data blocks (the schema first; the sequences,
keys, indexes and triggers last) is sent as one batch of statements (PostgreSQL's simple
protocol); each `COPY ... FROM stdin;` block's rows go through the driver's COPY as they are
read. Lines starting with a backslash outside data are psql meta-commands (`\\restrict`,
`\\unrestrict`: pg_dump 15.14+ writes them around a dump) and are skipped: they change no
data. This reads the script `pg_restore` writes for a Madoguchi database, whose SQL has no
line starting with a backslash or with `COPY ` inside a literal or a function body.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.engine import Connection


def run_restore_script(conn: Connection, lines: Iterable[str]) -> None:
    """Execute `pg_restore --file -` output on `conn` (psycopg), in its open transaction.
    The session settings the script changes (`search_path` = '' among them) are reset
    afterwards, so what follows on `conn` runs as usual."""
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - a pooled connection always has one
        raise RuntimeError("no driver connection")
    with driver.cursor() as cur:
        pending: list[str] = []
        source = iter(lines)
        for line in source:
            if line.startswith("\\"):
                continue
            head = line.rstrip("\r\n")
            if head.startswith("COPY ") and head.endswith(" FROM stdin;"):
                _send(cur, pending)
                with cur.copy(head[:-1]) as copy:
                    for data in _copy_data(source):
                        copy.write(data)
                continue
            pending.append(line)
        _send(cur, pending)
        cur.execute("RESET ALL")


def _copy_data(source: Iterator[str]) -> Iterator[str]:
    for data in source:
        if data.rstrip("\r\n") == "\\.":
            return
        yield data
    raise ValueError("the restore script ended inside a COPY block")


def _send(cur: Any, pending: list[str]) -> None:
    text = "".join(pending).strip()
    pending.clear()
    if text:
        cur.execute(text)
