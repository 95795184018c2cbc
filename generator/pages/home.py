"""The home page: made from the newest listing day, or without days from every paper (newest
first where dated), then the largest themes. It always opens on papers."""

from __future__ import annotations

from collections.abc import Sequence

from generator.dates import parse_date
from generator.model import Entry
from generator.pages import lists
from generator.pages import markdown as md
from generator.pages.archive import dated
from generator.pages.days import newest_day
from generator.pages.library import Site, paper_list
from generator.pages.themes import by_size

TOP_THEMES = 30
HOME = "index.md"


def home_order(entries: Sequence[Entry]) -> tuple[list[Entry], str]:
    """Every paper, newest first where dated, then the undated A–Z; and that order in words."""
    newest = [e for _, e in dated(entries)]
    shown = {e.key for e in newest}
    undated = lists.by_title(e for e in entries if e.key not in shown)
    if not newest:
        return undated, "A–Z by title"
    if not undated:
        return newest, "newest first"
    return newest + undated, "newest first, then those without a date A–Z by title"


def papers_section(site: Site) -> str:
    """Every paper with its first sentence; a library too large for one list page
    (`lists.LIST_LIMIT`) shows its first `lists.PAPERS_PER_PAGE` and goes on in the lists of
    all papers, which are paged already: A–Z, and by month in the archive."""
    entries, order = home_order(site.index.entries)
    out = ["## Papers\n", f"{len(entries)} papers, {order}.\n"]
    shown = entries if len(entries) <= lists.LIST_LIMIT else entries[: lists.PAPERS_PER_PAGE]
    out.append(paper_list(site, [e.key for e in shown], HOME))
    if len(shown) < len(entries):
        more = [md.link("all papers A–Z", "papers/index.md")]
        if any(parse_date(e.paper.date) for e in entries):
            more.append(md.link("by month", "archive/index.md"))
        out.append(f"The first {len(shown)} are here; " + " and ".join(more) + ".\n")
    return "\n".join(out)


def home_page(site: Site) -> str:
    """The newest listing day's papers, or without days every paper; then the top themes."""
    index = site.index
    top = by_size(index.themes)[:TOP_THEMES]
    out = [
        md.title_matter("Home"),
        md.GENERATED_NOTE,
        "# Paper index\n",
        f"**{len(index.entries)}** papers, **{len(index.themes)}** themes. Every paper has a page "
        "with its abstract, keywords, themes and related papers; press `/` or `s` to search.\n",
    ]
    if site.days:
        archive = any(parse_date(e.paper.date) for e in index.entries)
        out.append(newest_day(site.days, site.lookups, archive, lists.LIST_LIMIT))
    else:
        out.append(papers_section(site))
    out += [
        "## Top themes\n",
        " · ".join(f"{site.theme_link(t.key, HOME)} ({len(t.papers)})" for t in top) + "\n",
        "[All themes](themes/index.md) · [All papers](papers/index.md)\n",
    ]
    return "\n".join(out)
