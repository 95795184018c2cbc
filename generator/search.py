"""The search index: Pagefind run over the built site, its bundle written into it as pagefind/.

Pagefind cuts the index into small chunks that the browser fetches per query, so a search
costs about the same at 35,000 papers as at 100 (Material's lunr index is one file, read
whole before the first result). What is indexed is marked in the pages themselves:
data-pagefind-body on the article of each paper page (overrides/main.html), weights, filters
and result metadata on parts of it (`pages.for_search`). The browser side is
overrides/assets/javascripts/paper-search.js.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex

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


def index_site(site: Path) -> int:
    """Writes the search bundle into `site`; returns how many pages are searchable."""
    site = site.resolve()
    if not site.is_dir():  # Pagefind would index nothing and create the folder
        raise SearchIndexError(f"no built site to index at {site}")
    try:
        asyncio.run(_index(site))
    except Exception as err:  # the Pagefind service reports failures as assorted exceptions
        raise SearchIndexError(f"Pagefind could not index {site}: {err}") from err
    entry = read_entry(site / BUNDLE / "pagefind-entry.json")
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def read_entry(path: Path, wait: float = 30.0) -> dict[str, Any]:
    """The bundle's entry file. Pagefind's service can answer before its writes have landed
    (seen with another large build writing to the same disk), so an empty file is read again."""
    deadline = time.monotonic() + wait
    while True:
        try:
            found: dict[str, Any] = json.loads(path.read_text("utf-8"))
            return found
        except (OSError, ValueError) as err:
            if time.monotonic() > deadline:
                raise SearchIndexError(f"Pagefind wrote no usable {path}: {err}") from err
            time.sleep(0.2)


async def _index(site: Path) -> None:
    config = IndexConfig(output_path=str(site / BUNDLE), exclude_selectors=EXCLUDE)
    # Leaving the context writes the bundle; an exception inside it writes nothing.
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site), glob=PAGES)
