"""A theme's pages, and the index of all themes: made from the theme's papers (their titles
and first sentences) and the themes they share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.model import Theme
from generator.pages import lists, paging
from generator.pages import markdown as md
from generator.pages.browse import theme_feed_line
from generator.pages.library import Site, paper_list
from generator.pages.listing import theme_anchor

NEIGHBOUR_THEMES = 12
THEMES_BY_SIZE = 300


def neighbour_themes(site: Site, theme: Theme) -> list[str]:
    """Themes that share the most papers with this one."""
    counts: Counter[str] = Counter()
    for key in theme.papers:
        counts.update(t for t in site.entries[key].themes if t != theme.key)
    return [t for t, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:NEIGHBOUR_THEMES]]


def theme_pages(site: Site, theme: Theme) -> dict[str, str]:
    """The theme's page, and numbered pages after it when it has more papers than one holds."""
    base = f"themes/{theme.slug}"
    papers = sorted(theme.papers, key=lambda k: (site.entries[k].paper.title.casefold(), k))
    parts = paging.chunks(papers, lists.PAPERS_PER_PAGE)
    pages = {}
    for number, part in enumerate(parts, start=1):
        here = paging.page_path(base, number)
        pager = paging.pager(here, base, number, len(parts))
        out = [
            md.title_matter(f"Theme: {theme.label}" + (f" (page {number})" if number > 1 else "")),
            f"# Theme: {md.text(theme.label)}\n",
            f"{len(papers)} papers share this theme.\n",
            "## Papers\n",
            pager,
            paper_list(site, part, here),
            pager,
        ]
        if number == 1:
            neighbours = neighbour_themes(site, theme)
            if neighbours:
                out.append("## Neighbouring themes\n")
                out.append(" · ".join(site.theme_link(t, here) for t in neighbours) + "\n")
            out.append(theme_feed_line(theme, site.browse))
        pages[here] = "\n".join(o for o in out if o)
    return pages


def retired_page(slug: str, label: str, successor: Theme | None) -> dict[str, str]:
    """A dropped theme's address still answers, and says where its papers went."""
    here = f"themes/{slug}.md"
    where = (
        f"Its papers are now under {md.link(successor.label, successor.slug + '.md')}.\n"
        if successor
        else "Its papers are under other themes now.\n"
    )
    out = [
        md.title_matter(f"Theme: {label}"),
        f"# Theme: {md.text(label)}\n",
        "This theme is no longer kept: the themes were fitted afresh to the library.\n",
        where,
    ]
    return {here: "\n".join(out)}


def by_size(themes: Iterable[Theme]) -> list[Theme]:
    return sorted(themes, key=lambda t: (-len(t.papers), t.label.casefold(), t.key))


def theme_item(theme: Theme, here: str) -> str:
    return f"<li>{theme_anchor(theme, here)} ({len(theme.papers)})</li>"


def fewest_papers(themes: Iterable[Theme]) -> int:
    return min((len(t.papers) for t in themes), default=2)


def themes_index(site: Site) -> dict[str, str]:
    """Themes by size (the largest) and A–Z (all; by letter on pages of their own when many)."""
    here = "themes/index.md"
    themes = site.index.themes
    largest = by_size(themes)[:THEMES_BY_SIZE]
    az = sorted(themes, key=lambda t: (t.label.casefold(), t.key))
    out = [
        md.title_matter("Themes"),
        "# Themes\n",
        f"{len(themes)} themes, each a keyphrase that {fewest_papers(themes)} or more papers "
        "share.\n",
        "## By size\n" if len(largest) == len(themes) else f"## The {len(largest)} largest\n",
        md.list_block(theme_item(t, here) for t in largest),
        "## A–Z\n",
    ]
    pages: dict[str, str] = {}
    if len(themes) <= lists.LIST_LIMIT:
        out.append(md.list_block(theme_item(t, here) for t in az))
    else:
        groups = paging.by_initial(az, lambda t: t.label)
        letters = [
            f"[{md.text(letter.upper())}](../themes-a-z/{letter}.md) ({len(group)})"
            for letter, group in groups.items()
        ]
        pages.update(
            lists.lettered_pages(
                "themes-a-z",
                "Themes",
                groups,
                lists.LIST_LIMIT,
                lambda part, page: md.list_block(theme_item(t, page) for t in part),
            )
        )
        out.append(" · ".join(letters) + "\n")
    pages[here] = "\n".join(out)
    return pages
