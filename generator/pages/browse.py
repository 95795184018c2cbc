"""The reader's other ways into the index: archive, authors, feeds, theme map, citations.

`pages` calls in here for the parts of the paper and theme pages these sections add (author
links, buttons, the BibTeX entry, a theme's feed); the sections' own files come from
`browse_pages`. Pure: the site is a function of the index and `site_url`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import Entry, Index, Theme
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.archive import archive_pages, date_line, month_counts
from generator.pages.authors import Author, author_line, author_pages, index_authors
from generator.pages.citations import bibliography, citations
from generator.pages.feeds import FEED, feeds, followed_themes, theme_feed_path
from generator.pages.links import paper_links
from generator.pages.listing import relative
from generator.pages.month_chart import month_chart
from generator.pages.theme_map import MAP, map_page

# Top-level files and folders under docs/ that these sections own (see pages.OWNED).
BIBLIOGRAPHY = "papers.bib"
OWNED = ("archive", "authors", FEED, "feeds", MAP, BIBLIOGRAPHY)


@dataclass(frozen=True)
class Browse:
    """What the paper pages and the sections share, computed once per build."""

    authors: tuple[Author, ...]
    by_name: Mapping[str, Author]
    cited: Mapping[str, str]
    followed: frozenset[str]

    @classmethod
    def of(cls, index: Index) -> Browse:
        authors = index_authors(index.entries)
        followed = frozenset(t.key for t in followed_themes(index.themes, len(index.entries)))
        by_name = {spelling: a for a in authors for spelling in (a.key, *a.spellings)}
        return cls(authors, by_name, citations(index.entries), followed)


def link_buttons(entry: Entry) -> str:
    """Material buttons (HTML) for the paper's arXiv, PDF, DOI, code and Hugging Face pages."""
    buttons = []
    for i, link in enumerate(paper_links(entry.paper)):
        target = md.safe_url(link.url)
        if target:
            kind = "md-button md-button--primary" if i == 0 else "md-button"
            buttons.append(md.html_link(link.label, target, f' class="{kind}"'))
    return " ".join(buttons)


def authors_line(entry: Entry, browse: Browse) -> str:
    """The first `caps.MAX_AUTHORS` names, then how many more there are."""
    names, left_out = caps.shown_authors(entry.paper.authors)
    line = author_line(names, browse.by_name, f"papers/{entry.slug}.md")
    return line + caps.more_authors(left_out)


def date_text(entry: Entry) -> str:
    return date_line(entry, f"papers/{entry.slug}.md")


def cite_section(entry: Entry, browse: Browse) -> str:
    """The Cite section, the BibTeX entry in a code block (Material adds a copy button);
    its heading is raw HTML like the paper page's others (`pages.paper.paper_page`)."""
    here = f"papers/{entry.slug}.md"
    heading = md.heading(2, "Cite", "cite")
    bib = md.html_link("papers.bib", md.published(here, BIBLIOGRAPHY))
    every = f"Every paper's entry in one file: {bib}"
    cited = browse.cited[entry.key]
    if len(cited) > caps.MAX_CITATION:
        too_long = f"This paper's entry has {len(cited):,} characters, too many to show here."
        return f"{heading}\n{md.block('p', f'{too_long} {every}')}"
    code = md.block("pre", f'<code class="language-bibtex">{md.html_text(cited.rstrip())}</code>')
    return f"{heading}\n{code}\n{md.block('p', every)}"


def theme_feed_line(theme: Theme, browse: Browse) -> str:
    """A link to the theme's feed, for the themes large enough to have one."""
    if theme.key not in browse.followed:
        return ""
    here = f"themes/{theme.slug}.md"
    return f"Follow this theme: [Atom feed]({relative(here, theme_feed_path(theme))})\n"


def browse_pages(index: Index, browse: Browse, site_url: str = "") -> dict[str, str]:
    """Archive, authors, feeds, theme map and `papers.bib`, by path under docs/."""
    counts = month_counts(index.entries)
    pages = archive_pages(index.entries, month_chart(counts, "archive/index.md"))
    pages.update(author_pages(browse.authors, index.entries))
    pages.update(feeds(index, site_url))
    pages[MAP] = map_page(index, month_chart(counts, MAP))
    pages[BIBLIOGRAPHY] = bibliography(index.entries, browse.cited)
    return pages
