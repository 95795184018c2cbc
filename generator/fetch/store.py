"""The fetcher's only writes: one file per day, replaced whole or not at all.

A day's file is written to a hidden temporary file beside it and renamed over it, so a
stopped run leaves either the old file or the new one, never half of one; the readers skip
hidden files, so a leftover temporary file is never read as papers. A file that already
holds the answer's bytes is not touched: its time stamp and the build's caches stay valid.
The temporary file is created as any file is (mode 0666 less the umask), not private as
`tempfile` makes it, so a day file can be read like the rest of the library.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import secrets
from pathlib import Path

DAY_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.")


def save(path: Path, data: bytes) -> bool:
    """Puts `data` in `path`; False, touching nothing, when the file already holds it."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True


def remove(path: Path) -> bool:
    """Takes `path` away; False when there was nothing to take."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def day_of(path: Path) -> datetime.date | None:
    match = DAY_NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def days_saved(folder: Path, suffix: str) -> list[datetime.date]:
    """The days that have a file `YYYY-MM-DD<suffix>` in `folder`, oldest first (not the
    files beside them, such as `YYYY-MM-DD.counts.json`)."""
    if not folder.is_dir():
        return []
    names = {p.name for p in folder.iterdir()}
    found = {day_of(Path(name)) for name in names}
    return sorted(d for d in found if d and f"{d.isoformat()}{suffix}" in names)
