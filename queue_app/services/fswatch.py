"""Sleep until a file in a folder is written (Linux inotify), or a timeout.

The SQLite change feed asks `PRAGMA data_version` whenever something may have changed. A
fixed 50 ms poll cost a display 20 thread wake-ups a second (~0.3% of a core on a busy
2-core machine) and still added up to 50 ms to every call. A commit writes the `-wal` file
(or the database file itself outside WAL mode), both in the database's folder: inotify wakes
the feed at that write, and otherwise it sleeps until the timeout (its safety poll).

Linux only, through libc with ctypes (no new dependency); elsewhere, or when inotify is
refused (no more watches, an exotic file system), `open_watch` returns None and the feed
polls as before. The watch never writes and never reads the files, only their events.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import sys

IN_MODIFY = 0x00000002
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000
_MASK = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE


class FolderWatch:
    """An inotify descriptor watching one folder; `wait(timeout)` returns True when a file
    in it was written (the events are drained), False on timeout."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def wait(self, timeout: float) -> bool:
        if self.fd < 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            while os.read(self.fd, 65536):
                pass
        except BlockingIOError:
            pass
        return True

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def open_watch(folder: str) -> FolderWatch | None:
    """A watch on `folder`, or None where inotify is not available."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(folder), _MASK) < 0:
            os.close(fd)
            return None
    except (OSError, AttributeError):
        return None
    return FolderWatch(fd)
