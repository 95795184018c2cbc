"""Long lists split into pages a browser can open: by initial letter, then in numbered pages.

At 35,000 papers one list of every paper, or one theme page with thousands of papers, would
be megabytes of HTML; each page here holds at most a few hundred items.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from generator.pages import markdown as md

T = TypeVar("T")


def initial(text: str) -> str:
    """The letter a list files `text` under: a–z, `0-9`, or `other`."""
    for char in unicodedata.normalize("NFKD", text).casefold():
        if "a" <= char <= "z":
            return char
        if char.isdigit():
            return "0-9"
        if char.isalpha():
            return "other"
    return "other"


def by_initial(items: Sequence[T], name: Callable[[T], str]) -> dict[str, list[T]]:
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(initial(name(item)), []).append(item)
    return dict(sorted(groups.items(), key=lambda g: (g[0] == "other", g[0] != "0-9", g[0])))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def page_path(base: str, number: int) -> str:
    """`base.md` for the first page, `base/page-N.md` after it."""
    return f"{base}.md" if number == 1 else f"{base}/page-{number}.md"


def pager(here: str, base: str, number: int, total: int) -> str:
    """`Page 2 of 5: 1 · 2 · 3 · 4 · 5`, every page but this one a link."""
    if total <= 1:
        return ""
    links = []
    for n in range(1, total + 1):
        if n == number:
            links.append(f"**{n}**")
        else:
            links.append(md.link(str(n), "../" * here.count("/") + page_path(base, n)))
    return f"Page {number} of {total}: " + " · ".join(links) + "\n"
