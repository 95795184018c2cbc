"""A built site served on 127.0.0.1 under a sub-path, and Debian's Chromium through Playwright.

Shared by the browser tests and `bench/search.py`. The sub-path stands for a GitHub Pages
project site (https://user.github.io/repo/): links and the search bundle must resolve
under it, and anything that asks for the server root gets a 404.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, AnyStr

import pytest
from playwright.sync_api import Browser, sync_playwright

if TYPE_CHECKING:
    from _typeshed import SupportsRead, SupportsWrite

CHROMIUM = Path("/usr/bin/chromium")


def require_chromium() -> None:
    """Skips the calling test module without Chromium; in CI, where .ci/run installs it, fails."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
    pytest.skip(
        f"no Chromium at {CHROMIUM}: `apt-get install chromium` to run the browser tests",
        allow_module_level=True,
    )


# Headless, and quiet: no updates, sync or other traffic of its own on the machine's network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PREFIX = "/repo/"
# The search box's parts, as paper-search.js marks them.
QUERY = "[data-paper-search-query]"
RESULTS = "[data-paper-search-results]"
STATUS = "[data-paper-search-status]"


@dataclass
class Traffic:
    """Response bodies the server sent, in order: request path, bytes, when it finished."""

    sent: list[tuple[str, int, float]] = field(default_factory=list)
    lock: threading.Condition = field(default_factory=threading.Condition)
    sending: int = 0  # responses begun and not yet counted

    def begin(self) -> None:
        with self.lock:
            self.sending += 1

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size, time.time()))
            self.sending -= 1
            self.lock.notify_all()

    def mark(self) -> int:
        with self.lock:
            return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int, float]]:
        """What was sent since `mark`, once every response begun is counted: the browser
        may hold a whole response before the server's thread has counted it."""
        with self.lock:
            self.lock.wait_for(lambda: self.sending == 0, timeout=10)
            return self.sent[mark:]


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `directory` at PREFIX only, and counts what it sends."""

    traffic: Traffic

    def translate_path(self, path: str) -> str:
        route = path.split("?", 1)[0].split("#", 1)[0]
        if route + "/" == PREFIX:
            route = PREFIX
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / ".not-under-the-prefix")
        return super().translate_path("/" + path[len(PREFIX) :])

    def copyfile(self, source: SupportsRead[AnyStr], outputfile: SupportsWrite[AnyStr]) -> None:
        if not isinstance(source, io.IOBase):
            raise TypeError(f"cannot count what is read from {source!r}: not a file")
        start = source.tell()
        self.traffic.begin()
        try:
            super().copyfile(source, outputfile)
        finally:
            self.traffic.add(self.path, source.tell() - start)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[tuple[str, Traffic]]:
    """The site's address (ending in PREFIX) while the server runs, and its traffic."""
    traffic = Traffic()
    handler = type("Handler", (SubPathHandler,), {"traffic": traffic})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", traffic
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless and quiet, closed on leaving."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
