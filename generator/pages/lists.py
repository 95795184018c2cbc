"""All papers A–Z, and the lettered pages a long list is split into: made from every
paper's title (and, on each line, its first sentence)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from generator.model import Entry
from generator.pages import markdown as md
from generator.pages import paging
from generator.pages.library import Site, paper_list

T = TypeVar("T")

# Lists longer than this are split into pages (see `paging`).
LIST_LIMIT = 1000
PAPERS_PER_PAGE = 250


def lettered_pages(
    folder: str,
    title: str,
    groups: dict[str, list[T]],
    per_page: int,
    items: Callable[[Sequence[T], str], str],
) -> dict[str, str]:
    """`folder/<letter>.md` and its numbered pages, each listing a part of that letter's group."""
    pages: dict[str, str] = {}
    for letter, group in groups.items():
        base = f"{folder}/{letter}"
        parts = paging.chunks(group, per_page)
        for number, part in enumerate(parts, start=1):
            page = paging.page_path(base, number)
            pager = paging.pager(page, base, number, len(parts))
            pages[page] = "\n".join(
                [
                    md.title_matter(f"{title}: {letter.upper()}"),
                    f"# {title}: {md.text(letter.upper())}\n",
                    pager,
                    items(part, page),
                    pager,
                ]
            )
    return pages


def by_title(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.paper.title.casefold(), e.key))


def papers_index(site: Site) -> dict[str, str]:
    """Every paper A–Z by title: one page for a small library, by letter for a large one."""
    here = "papers/index.md"
    entries = by_title(site.index.entries)
    head = [
        md.title_matter("All papers"),
        "# All papers\n",
        f"{len(entries)} papers, A–Z by title.\n",
    ]
    if len(entries) <= LIST_LIMIT:
        return {here: "\n".join([*head, paper_list(site, [e.key for e in entries], here)])}
    groups = paging.by_initial(entries, lambda e: e.paper.title)
    letters = [
        f"- [{md.text(letter.upper())}](../papers-a-z/{letter}.md): {len(group)} papers"
        for letter, group in groups.items()
    ]
    pages = lettered_pages(
        "papers-a-z",
        "Papers",
        groups,
        PAPERS_PER_PAGE,
        lambda part, page: paper_list(site, [e.key for e in part], page),
    )
    pages[here] = "\n".join([*head, "\n".join(letters) + "\n"])
    return pages
