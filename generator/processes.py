"""Worker processes for the stages that use every core: they end with the build that started
them."""

from __future__ import annotations

import ctypes
import functools
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def end_with_parent() -> None:
    """In a worker: end once the build that started it is gone. A worker of a killed build
    would otherwise wait for work forever (its task queue never closes)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that end with the build."""
    return ProcessPoolExecutor(max_workers=workers, initializer=end_with_parent)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 (glibc only)
    except (OSError, AttributeError):
        return None
    return libc


def hand_back_freed_memory() -> None:
    """Returns the heap's free pages to the system (glibc's `malloc_trim`; elsewhere
    nothing). Python and NumPy keep what they free for reuse, so a process's resident
    memory, and its peak, stays at the largest it has been until this is called."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
