"""The search index: Pagefind run over the built site, its bundle written into it as pagefind/.

Pagefind cuts the index into small chunks that the browser fetches per query, so a search
costs about the same at 35,000 papers as at 100 (Material's lunr index is one file, read
whole before the first result). What is indexed is marked in the pages themselves:
data-pagefind-body on the article of each paper page (overrides/main.html), weights, filters
and result metadata on parts of it (`pages.for_search`). The browser side is
overrides/assets/javascripts/paper-search.js.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data
from pagefind.service import get_executable

from generator.site import fast_render

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


# Where the generator writes paper pages in docs/: papers/<slug>.md (not the list, index.md).
PAPERS = "papers"
# What Pagefind reads of a paper page: the article overrides/main.html marks, in a page of the
# site's language. Its content is what MkDocs renders from the page's Markdown (`fast_render`).
STUB = """<!doctype html>
<html lang="{language}">
<body>
<article class="md-content__inner md-typeset" data-pagefind-body>
{content}
</article>
</body>
</html>
"""


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


@dataclass(frozen=True)
class Indexing:
    """Pagefind at work on `folder`, begun before MkDocs so that the two run at once."""

    process: subprocess.Popen[str]
    folder: Path


def start(folder: Path, pass_fds: Collection[int] = ()) -> Indexing:
    """Pagefind over `folder`, writing its bundle into it. `pass_fds` stay open in Pagefind's
    process (the build's lock, see `lock`)."""
    # Settings come from here only: not from PAGEFIND_* variables or a pagefind.yml.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        process = subprocess.Popen(
            pagefind_command(folder),
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            pass_fds=tuple(pass_fds),
        )
    except OSError as err:
        raise SearchIndexError(f"Pagefind could not be started: {err}") from err
    return Indexing(process, folder)


def finish(indexing: Indexing) -> int:
    """Waits for Pagefind; returns how many pages are searchable."""
    said, _ = indexing.process.communicate()
    if indexing.process.returncode != 0:
        log = [line.strip() for line in said.splitlines()]
        message = " ".join(dict.fromkeys(line for line in log if line)) or "no message"
        raise SearchIndexError(
            f"Pagefind could not index {indexing.folder} "
            f"(exit status {indexing.process.returncode}): {message}"
        )
    entry = read_entry(indexing.folder / BUNDLE / "pagefind-entry.json")
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def index_site(site: Path, pass_fds: Collection[int] = (), started: Indexing | None = None) -> int:
    """Writes the search bundle into `site`; returns how many pages are searchable.

    With `started` (see `start_on_pages`), the bundle Pagefind made of the paper pages' stubs
    is moved in; otherwise Pagefind indexes the built site."""
    site = site.resolve()
    if not site.is_dir():  # Pagefind would index nothing and create the folder
        raise SearchIndexError(f"no built site to index at {site}")
    if started is None:
        return finish(start(site, pass_fds))
    pages = finish(started)
    try:
        (started.folder / BUNDLE).rename(site / BUNDLE)
    except OSError as err:
        raise SearchIndexError(f"cannot move the search index into {site}: {err}") from err
    return pages


def start_on_pages(
    docs: Path, beside: Path, language: str, pass_fds: Collection[int] = ()
) -> Indexing | None:
    """Pagefind over stubs of the paper pages made from their Markdown, in a new folder
    `beside` the site (`.<site>-new-search-…`, removed as a stopped build's leftover), so
    that it runs while MkDocs builds the site. It indexes what it would read in the built
    pages: their article, the same bundle. None when a paper page is not in the form
    `fast_render` renders as MkDocs does; the built site is indexed then."""
    folder = Path(tempfile.mkdtemp(prefix=f".{beside.name}-new-search-", dir=beside.parent))
    try:
        if not write_stubs(docs, folder, language):
            remove_folder(folder)
            return None
        return start(folder, pass_fds)
    except BaseException:
        remove_folder(folder)
        raise


def write_stubs(docs: Path, folder: Path, language: str) -> bool:
    """papers/<slug>/index.html in `folder` for each paper page; False at the first page
    that `fast_render` does not render."""
    for source in sorted((docs / PAPERS).glob("*.md")):
        if source.name == "index.md":
            continue
        markdown, _ = get_data(source.read_text("utf-8-sig"))  # as MkDocs reads it
        rendered = fast_render.render(markdown)
        if rendered is None:
            return False
        target = folder / PAPERS / source.stem / "index.html"
        target.parent.mkdir(parents=True)
        stub = STUB.format(language=html.escape(language), content=rendered.content)
        target.write_text(stub, "utf-8")
    return True


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def read_entry(path: Path) -> dict[str, Any]:
    """The bundle's entry file; Pagefind has exited, so what is there is all there will be."""
    try:
        found: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return found
    except (OSError, ValueError) as err:
        raise SearchIndexError(f"Pagefind wrote no usable {path}: {err}") from err
