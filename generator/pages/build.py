"""Every generated page as Markdown text, keyed by its path under `docs/`. Pure: one module
per kind of page, each saying what it is made from."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Index
from generator.pages.browse import OWNED as BROWSE_OWNED
from generator.pages.browse import browse_pages
from generator.pages.days import day_pages
from generator.pages.export import export
from generator.pages.home import home_page
from generator.pages.library import Site
from generator.pages.lists import papers_index
from generator.pages.paper import paper_page
from generator.pages.themes import retired_page, theme_pages, themes_index

# What the generator owns in docs/: replaced whole on every build, never hand-edited.
OWNED = (
    "index.md",
    "papers",
    "papers-a-z",
    "papers.json",
    "themes",
    "themes-a-z",
    "days",
    "search",
    *BROWSE_OWNED,
)


def site_pages(index: Index, site_url: str = "") -> dict[str, str]:
    """Every generated file under `docs/`, by path; `site_url` makes feed links absolute."""
    return dict(each_page(index, site_url))


def each_page(index: Index, site_url: str = "") -> Iterator[tuple[str, str]]:
    """`site_pages` one (path, text) at a time, so that a caller may keep them as UTF-8,
    half the memory of the 35,000 pages as text (most hold a character past Latin-1)."""
    site = Site(index)
    yield "index.md", home_page(site)
    yield "papers.json", export(index)
    for entry in index.entries:
        yield f"papers/{entry.slug}.md", paper_page(site, entry)
    yield from papers_index(site).items()
    yield from themes_index(site).items()
    for theme in index.themes:
        yield from theme_pages(site, theme).items()
    by_slug = {theme.slug: theme for theme in index.themes}
    for slug, label, successor in index.retired:
        yield from retired_page(slug, label, by_slug.get(successor)).items()
    yield from browse_pages(index, site.browse, site_url).items()
    yield from day_pages(site.days, site.lookups).items()
