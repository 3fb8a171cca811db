"""Output files named on the command line (`--png`, `--svg`, `--out`): checked before any
transaction, then written through a temporary file in the same folder and renamed, so a
ticket is never issued into a file that cannot be written, and a failure never leaves half
a file under the requested name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from queue_app.domain.errors import SetupError


def _problem(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def check_writable(raw: str, flag: str) -> Path:
    """The path, once it is sure a file can be created there (exit 3 otherwise)."""
    path = Path(raw).expanduser()

    def refuse(problem: str) -> SetupError:
        return SetupError("err.output_unwritable", flag=flag, path=str(path), problem=problem)

    if not raw.strip():
        raise refuse("empty path")
    try:
        if path.is_dir():
            raise refuse("is a folder")
        if not path.parent.is_dir():
            raise refuse("the folder does not exist")
        fd, probe = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".probe")
        os.close(fd)
        os.unlink(probe)
        if path.exists() and not os.access(path, os.W_OK):
            raise refuse("permission denied")
    except OSError as exc:
        raise refuse(_problem(exc)) from None
    except ValueError as exc:  # a NUL byte in the path
        raise refuse(str(exc)) from None
    return path


def write_via_temp(path: Path, suffix: str, write: Callable[[Path], object]) -> None:
    """`write(tmp)` into a temporary file beside `path` (named ...`suffix`, so writers that
    pick the format from the extension still work), then rename it to `path`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
