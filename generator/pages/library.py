"""The library as every page sees it: lookups made once from the index (`Site`), and the
list of papers, each over its first sentence, that theme, list and home pages show."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Index
from generator.pages import markdown as md
from generator.pages.browse import Browse
from generator.pages.day_order import by_day, placings
from generator.pages.days import Lookups
from generator.pages.listing import one_line, paper_anchor, relative


class Site:
    """Lookups the page functions share; built once from the index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.entries = {e.key: e for e in index.entries}
        self.themes = {t.key: t for t in index.themes}
        self.browse = Browse.of(index)
        self.days = by_day(index.entries)
        self.placings = placings(self.days)
        self.lookups = Lookups(self.themes, self.browse.by_name)

    def theme_link(self, key: str, here: str) -> str:
        theme = self.themes[key]
        return md.link(theme.label, relative(here, f"themes/{theme.slug}.md"))


def paper_list(site: Site, keys: Iterable[str], here: str) -> str:
    """A raw HTML list: each paper's title, linked, over the first sentence of its abstract."""
    items = []
    for key in keys:
        entry = site.entries[key]
        summary = md.html_text(one_line(entry.paper.abstract))
        items.append(f"<li>{paper_anchor(entry, here)}<br>\n{summary}</li>")
    return md.list_block(items)
