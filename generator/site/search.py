"""The search index: Pagefind run over the built site, its bundle written into it as pagefind/.

Pagefind cuts the index into small chunks that the browser fetches per query, so a search
costs about the same at 35,000 papers as at 100 (Material's lunr index is one file, read
whole before the first result). What is indexed is marked in the pages themselves:
data-pagefind-body on the article of each paper page (overrides/main.html), weights, filters
and result metadata on parts of it (`pages.paper.for_search`). The browser side is
overrides/assets/javascripts/paper-search.js.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

BUNDLE = "pagefind"
# Only paper pages carry data-pagefind-body (overrides/main.html). Pagefind would read every
# other page only to skip it, and theme, author and list pages are more than half the HTML.
PAGES = "papers/**/*.html"
# Left out of the index and so of result snippets: what every paper page says alike (the
# section headings, the permalink ¶ after them, the link buttons' labels) and code blocks
# (the BibTeX entry under "Cite" repeats title and authors in BibTeX syntax).
EXCLUDE = ["h2", ".headerlink", ".md-button", "pre"]


class SearchIndexError(Exception):
    pass


def pagefind_command(site: Path) -> list[str]:
    """Pagefind's own command line (the binary in the pagefind wheel) over `site`.

    Not the wheel's Python API: its service answers the write request while the bundle's
    writes are still queued in the service (Pagefind writes through tokio::fs without
    flushing), then stops the service, which cuts them short; under load the bundle lost
    whole files, pagefind-entry.json first. The command returns only once they are done.
    """
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing: reinstall pagefind[extended]")
    command = [str(binary), "--site", str(site), "--output-subdir", BUNDLE, "--glob", PAGES]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    return [*command, "--silent"]


def index_site(site: Path, pass_fds: Collection[int] = ()) -> int:
    """Writes the search bundle into `site`; returns how many pages are searchable.
    `pass_fds` stay open in Pagefind's process (the build's lock, see `lock`)."""
    site = site.resolve()
    if not site.is_dir():  # Pagefind would index nothing and create the folder
        raise SearchIndexError(f"no built site to index at {site}")
    # Settings come from here only: not from PAGEFIND_* variables or a pagefind.yml.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(
            pagefind_command(site),
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            pass_fds=tuple(pass_fds),
        )
    except OSError as err:
        raise SearchIndexError(f"Pagefind could not be started: {err}") from err
    if done.returncode != 0:
        log = [line.strip() for line in (done.stderr + done.stdout).splitlines()]
        said = " ".join(dict.fromkeys(line for line in log if line)) or "no message"
        raise SearchIndexError(
            f"Pagefind could not index {site} (exit status {done.returncode}): {said}"
        )
    entry = read_entry(site / BUNDLE / "pagefind-entry.json")
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def read_entry(path: Path) -> dict[str, Any]:
    """The bundle's entry file; Pagefind has exited, so what is there is all there will be."""
    try:
        found: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return found
    except (OSError, ValueError) as err:
        raise SearchIndexError(f"Pagefind wrote no usable {path}: {err}") from err
