"""Worker processes for the stages that use every core: they end with the build that started
them."""

from __future__ import annotations

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
