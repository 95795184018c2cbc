"""One build at a time per output folder: a second build waits for the first to finish.

Each folder (docs/, site/) has a lock file beside it, `.docs.lock`, held with flock(2): the
kernel releases it when the last process holding it ends, so a killed build never leaves a
stale lock. MkDocs' processes are given the lock's descriptor (`held`): a build killed while
they run keeps its folders locked until they have finished writing. Forked workers close it
at once: they write nothing a later build would clean up, and must not keep it waiting.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

# Descriptors of the locks this process holds: process-wide, like the locks themselves.
_HELD: set[int] = set()


class LockError(Exception):
    pass


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


def held() -> tuple[int, ...]:
    """The held locks' descriptors, for a child process that writes into the locked folders."""
    return tuple(sorted(_HELD))


def _close_in_child() -> None:
    for fd in _HELD:
        os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


def acquire(folder: Path, stream: TextIO) -> int:
    path = lock_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise LockError(f"cannot create the lock file {path}: {err.strerror}") from err
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        stream.write(f"waiting for another build writing {folder} to finish (lock: {path})\n")
        stream.flush()
        fcntl.flock(fd, fcntl.LOCK_EX)
    _HELD.add(fd)
    return fd


@contextmanager
def locked(folders: Sequence[Path], stream: TextIO | None = None) -> Iterator[None]:
    """Holds the lock of each folder, taken in the order given (docs before site, always, so
    two builds never wait for each other)."""
    taken: list[int] = []
    try:
        for folder in dict.fromkeys(f.resolve() for f in folders):
            taken.append(acquire(folder, stream or sys.stderr))
        yield
    finally:
        for fd in reversed(taken):
            _HELD.discard(fd)
            os.close(fd)  # closing the only descriptor releases the lock
