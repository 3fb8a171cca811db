"""What a display process reads from: the configuration, the clock and a bare read-only
driver connection. No SQLAlchemy, SQLModel or pydantic is loaded for it.

A display runs all day on a small PC (and `display --web` starts one per browser). It only
ever runs the board's statements (`board_reads.py`) and watches the change feed, so it needs
none of the ORM stack the writing services stand on: loading it cost the display about a
second of start-up and ~35 MiB for the whole day (docs/benchmarks.md, "The display without
the ORM"). `DisplaySource` has what `BoardService` and the change watch ask of a source,
nothing that writes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from db.driver import DriverReader, ReadOnlyDatabase, open_read_only
from db.schema_head import quick_head
from queue_app.domain.calendar import OfficeCalendar
from queue_app.domain.clock import Clock
from queue_app.domain.config import Config


class DisplaySource:
    def __init__(self, database_url: str, config: Config, clock: Clock) -> None:
        self.database_url = database_url
        self.config = config
        self.clock = clock
        self.calendar = OfficeCalendar(config)
        self.database: ReadOnlyDatabase = open_read_only(database_url)
        # one transaction on the kept connection (what `BoardSource.reading` asks for)
        self.reading: Callable[[], AbstractContextManager[DriverReader]] = self.database.reading

    def schema_is_current(self) -> bool:
        """True when the stored schema revision is this program's newest (the usual case,
        answered with one SELECT); False when it must be checked properly (`db.migrate`
        says what is wrong: older, newer, not initialised)."""
        head = quick_head()
        if head is None:
            return False
        try:
            with self.reading() as reader:
                rows = reader.rows("SELECT version_num FROM alembic_version")
        except Exception:  # unreachable, no table, no file: the full check names it
            return False
        return len(rows) == 1 and str(rows[0][0]) == head

    def close(self) -> None:
        self.database.close()
