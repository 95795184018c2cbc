"""`make serve`: the preview serves the search index, and follows edits of the library."""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.e2e

ADDED = {
    "title": "A Paper Added While the Preview Runs",
    "abstract": "The library changes under a running preview. Its pages and its search index "
    "follow, without a restart.",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return bytes(answer.read())
    except (urllib.error.URLError, OSError):
        return None


def eventually(check: Callable[[], bool], seconds: float = 240) -> bool:
    """Whether `check()` comes true before a bound on waiting (a rebuild's length varies)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` of a project with its pages generated, as `make serve` runs it."""
    project = make_project(tmp_path / "project")
    (project / "papers").mkdir()
    shutil.copy(FIXTURES / "dated.jsonl", project / "papers" / "list.jsonl")
    pages = [sys.executable, "-m", "generator", "build", "--papers", str(project / "papers")]
    pages += ["--docs", str(project / "docs"), "--no-site", "--no-cache"]
    subprocess.run(pages, check=True, capture_output=True)
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    server = subprocess.Popen(
        [*command, "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        for line in server.stderr:
            if "Serving on" in line:
                break
        else:
            pytest.fail("mkdocs serve stopped before serving")
        # Read what it logs from now on, so that it never waits on a full pipe.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        yield f"http://{address}/", project
    finally:
        server.terminate()
        server.wait(timeout=60)


def searchable(base: str) -> int:
    table = get(base + "search/index.json.gz")
    return int(json.loads(gzip.decompress(table))["papers"]) if table else 0


def titles(base: str) -> set[str]:
    listing = get(base + "papers.json")
    return {p["title"] for p in json.loads(listing)} if listing else set()


def test_the_preview_serves_search(preview: tuple[str, Path]) -> None:
    base, _ = preview
    assert get(base + "assets/javascripts/paper-search.js")
    assert get(base + "search/p/1.json.gz")
    assert searchable(base) == 16


def test_the_preview_follows_the_library(preview: tuple[str, Path]) -> None:
    base, project = preview
    assert len(titles(base)) == 16
    with (project / "papers" / "list.jsonl").open("a", encoding="utf-8") as library:
        library.write(json.dumps(ADDED) + "\n")
    assert eventually(lambda: ADDED["title"] in titles(base))
    assert eventually(lambda: searchable(base) == 17)
