"""Pagefind over the same papers as a built site, the reference bench/search_quality.py holds
the site's own search against. Pagefind (`pagefind[extended]` from PyPI, in the dev extras)
is no part of the site: its bundle is written into a site under bench-out/ only.

Pagefind reads HTML, so each paper becomes a page at the paper's own address with the fields
the site's index is made from (generator/pages/search.py), each in an element whose
data-pagefind-weight is that field's FIELD_WEIGHTS: title, authors, keywords, themes and the
abstract as the site shows it. The texts are read back from the built site (its papers.json
and the search index's result files), the full author lists from the papers' records.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page

from generator.pages.search import FIELD_WEIGHTS

BUNDLE = "pagefind"


def site_papers(site: Path, authors: dict[str, list[str]]) -> Iterator[dict[str, object]]:
    """Each paper of the built site with the fields its search index holds; `authors` by
    paper id, where the records have them (the result files keep the first three)."""
    exported = {p["url"]: p for p in json.loads((site / "papers.json").read_text("utf-8"))}
    for part in sorted((site / "search" / "p").glob("*.json.gz")):
        for shown in json.loads(gzip.decompress(part.read_bytes())):
            paper = exported[shown["url"]]
            yield {
                "url": shown["url"],
                "title": shown["title"],
                "authors": authors.get(paper["id"], shown["authors"]),
                "keywords": paper["keywords"],
                "themes": shown["themes"],
                "abstract": shown["text"],
            }


def page_of(paper: dict[str, object]) -> str:
    """A paper as a page for Pagefind: each field weighed as the site's index weighs it."""

    def field(tag: str, name: str, text: str) -> str:
        weight = FIELD_WEIGHTS[name]
        return f'<{tag} data-pagefind-weight="{weight}">{html.escape(text)}</{tag}>'

    def listed(name: str) -> str:
        value = paper[name]
        return " · ".join(value) if isinstance(value, list) else str(value)

    title = str(paper["title"])
    body = [
        field("h1", "title", title),
        field("p", "authors", listed("authors")),
        field("p", "keywords", listed("keywords")),
        field("p", "themes", listed("themes")),
        field("p", "abstract", listed("abstract")),
    ]
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main data-pagefind-body>"
        + "".join(body)
        + "</main></body></html>\n"
    )


def index_site(site: Path, authors: dict[str, list[str]]) -> int:
    """Writes Pagefind's bundle for the site's papers into site/pagefind/; how many pages.
    The pages it reads are written beside the site (site/../pagefind-pages/)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        sys.exit("no Pagefind binary: pip install 'pagefind[extended]' (the dev extras)")
    pages = site.parent / "pagefind-pages"
    shutil.rmtree(pages, ignore_errors=True)
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    count = 0
    for paper in site_papers(site, authors):
        folder = pages / str(paper["url"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(page_of(paper), "utf-8")
        count += 1
    command = [str(binary), "--site", str(pages), "--output-path", str(site / BUNDLE)]
    done = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"Pagefind failed ({done.returncode}): {done.stderr or done.stdout}")
    return count


# Pagefind's own search API in the page, loaded once from the bundle beside the site's.
SEARCH = """async ([bundle, base, query, limit]) => {
  if (!window.__pagefind) {
    window.__pagefind = await import(bundle);
    await window.__pagefind.options({ baseUrl: base });
    await window.__pagefind.init();
  }
  const found = await window.__pagefind.search(query);
  const wanted = limit === null ? found.results : found.results.slice(0, limit);
  const data = await Promise.all(wanted.map((result) => result.data()));
  return data.map((page) => page.url);
}"""


def ranked(page: Page, site_url: str, query: str, limit: int | None) -> list[str]:
    """The addresses Pagefind ranks for `query`, best first: the first `limit`, or all."""
    base = "/" + site_url.split("/", 3)[3]
    urls: list[str] = page.evaluate(SEARCH, [f"{site_url}{BUNDLE}/pagefind.js", base, query, limit])
    return urls
