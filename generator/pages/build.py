"""Every generated page as Markdown text, keyed by its path under `docs/`. Pure: one module
per kind of page, each saying what it is made from."""

from __future__ import annotations

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
    site = Site(index)
    pages = {
        "index.md": home_page(site),
        "papers.json": export(index),
    }
    for entry in index.entries:
        pages[f"papers/{entry.slug}.md"] = paper_page(site, entry)
    pages.update(papers_index(site))
    pages.update(themes_index(site))
    for theme in index.themes:
        pages.update(theme_pages(site, theme))
    by_slug = {theme.slug: theme for theme in index.themes}
    for slug, label, successor in index.retired:
        pages.update(retired_page(slug, label, by_slug.get(successor)))
    pages.update(browse_pages(index, site.browse, site_url))
    pages.update(day_pages(site.days, site.lookups))
    return pages
