"""The Hugging Face Daily Papers API (`/api/daily_papers`): a list of `{"paper": {...}, ...}`.

Recognised by content (`looks_like_daily_api`), since the file is a plain `.json`. The outer
object is the listing (when it was featured); the paper itself is the inner one.

The listing day is the item's `listed`, which the fetcher adds (the day it asked for), else
the day of `submittedOnDailyAt` (answers from 2025 on); never `publishedAt`, which was the
list time in 2024 and is arXiv's time less five hours in 2026. The upvotes are read from the
item where the API put them; a fetched day keeps its counts beside it instead
(`day_counts`), and `read_file` adds them from there.
"""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.identifiers import arxiv_id
from generator.model import Origin, Paper
from generator.sources.bibliographic import iso_date, listing_days, read_items


def looks_like_daily_api(data: Any) -> bool:
    items = [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
    return bool(items) and all(isinstance(item.get("paper"), dict) for item in items)


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def web(value: Any) -> str:
    value = text(value)
    return value if value.lower().startswith(("http://", "https://")) else ""


def count(value: Any) -> int | None:
    """A count as the API gives it (a whole number, not negative), or None."""
    is_number = isinstance(value, int) and not isinstance(value, bool)
    return value if is_number and value >= 0 else None


def paper_id(inner: dict[str, Any]) -> str:
    """The paper's id as the reader gives it: the arXiv id where it is one."""
    return arxiv_id(text(inner.get("id"))) or text(inner.get("id"))


def listing_day(item: dict[str, Any], inner: dict[str, Any]) -> tuple[str, ...]:
    return listing_days(item.get("listed")) or listing_days(
        inner.get("submittedOnDailyAt") or item.get("submittedOnDailyAt")
    )


def paper_from_item(item: Any, origin: Origin, number: int) -> tuple[Paper | None, Problem | None]:
    inner = item.get("paper") if isinstance(item, dict) else None
    if not isinstance(inner, dict):
        return None, Problem(origin.file, origin.line, f"item {number} has no `paper` object")
    title = text(inner.get("title")) or text(item.get("title"))
    if not title:
        return None, Problem(origin.file, origin.line, f"item {number} has no title")
    arxiv = arxiv_id(text(inner.get("id")))
    authors = inner.get("authors")
    authors = authors if isinstance(authors, list) else []
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    paper = Paper(
        title=title,
        abstract=text(inner.get("summary")) or text(item.get("summary")),
        origin=origin,
        id=paper_id(inner),
        authors=tuple(n.strip() for n in names if isinstance(n, str) and n.strip()),
        date=iso_date(text(inner.get("publishedAt")) or text(item.get("publishedAt"))),
        url=f"https://arxiv.org/abs/{arxiv}" if arxiv else "",
        code=web(inner.get("githubRepo")),
        project=web(inner.get("projectPage")),
        # The day of the list it was put on; `publishedAt` is its day on arXiv.
        listed=listing_day(item, inner),
        upvotes=count(inner.get("upvotes")),
    )
    return paper, None


def papers(name: str, items: list[Any], lines: list[int]) -> tuple[list[Paper], list[Problem]]:
    """Every item of the list; `lines` gives the line each item starts on (0 if unknown)."""
    return read_items(name, items, lines, paper_from_item)
