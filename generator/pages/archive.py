"""Browse by date: papers by year and month, newest first, from `Paper.date`. Pure.

Dates are ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; anything else counts as no date. An index
without dates gets no archive pages at all, so no empty section appears in the navigation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

# Named here too for the day and home pages, which take dates from this module.
from generator.dates import PaperDate, parse_date
from generator.model import Entry
from generator.pages import markdown as md
from generator.pages.listing import paper_item, relative

ARCHIVE = "archive/index.md"


def date_page(date: PaperDate) -> str:
    """The archive page this date's papers are listed on."""
    month = f"-{date.month:02d}" if date.month else ""
    return f"archive/{date.year:04d}{month}.md"


def dated(entries: Sequence[Entry]) -> list[tuple[PaperDate, Entry]]:
    """Entries that have a date, newest first; ties by title then key."""
    found = [(d, e) for e in entries if (d := parse_date(e.paper.date))]
    found.sort(key=lambda p: (p[1].paper.title.casefold(), p[1].key))
    found.sort(key=lambda p: p[0], reverse=True)
    return found


def by_page(entries: Sequence[Entry]) -> dict[str, list[tuple[PaperDate, Entry]]]:
    """Dated entries by archive page, pages newest first."""
    pages: dict[str, list[tuple[PaperDate, Entry]]] = defaultdict(list)
    for date, entry in dated(entries):
        pages[date_page(date)].append((date, entry))
    return dict(pages)


def month_counts(entries: Sequence[Entry]) -> list[tuple[PaperDate, int]]:
    """Papers per month (month known), oldest first, every month between included."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for date, _ in dated(entries):
        if date.month:
            counts[date.year, date.month] += 1
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        out.append((PaperDate(year, month), counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def page_title(date: PaperDate) -> str:
    """The name of the page `date` is listed on: `March 2025`, or `2024, month not given`."""
    return (
        PaperDate(date.year, date.month).shown() if date.month else f"{date.year}, month not given"
    )


def date_line(entry: Entry, here: str) -> str:
    """A paper's date for its page, in HTML, linked to its archive page; as given if not ISO."""
    date = parse_date(entry.paper.date)
    if date is None:
        return md.html_text(entry.paper.date)
    return md.html_link(date.shown(), md.published(here, date_page(date)))


def archive_link(date: PaperDate, here: str) -> str:
    return md.link(page_title(date), relative(here, date_page(date)))


def month_page(path: str, items: list[tuple[PaperDate, Entry]], steps: list[str]) -> str:
    """One month's papers, newest first, with links to the months before and after."""
    title = page_title(items[0][0])
    out = [
        md.title_matter(f"Archive: {title}"),
        f"# {md.text(title)}\n",
        f"{len(items)} papers, newest first. [All months]({relative(path, ARCHIVE)})\n",
        md.list_block(paper_item(e, path, d.shown()) for d, e in items),
    ]
    if steps:
        out.append(" · ".join(steps) + "\n")
    return "\n".join(out)


def archive_index(pages: dict[str, list[tuple[PaperDate, Entry]]], total: int, chart: str) -> str:
    count = sum(len(items) for items in pages.values())
    missing = total - count
    undated = f" {missing} papers have no date and are not listed here." if missing else ""
    out = [
        md.title_matter("Archive"),
        "# Archive\n",
        f"{count} of {total} papers by date, newest first.{undated}\n",
    ]
    if chart:
        out.append(chart + "\n")
    years: dict[int, list[str]] = defaultdict(list)
    for items in pages.values():
        date = items[0][0]
        years[date.year].append(f"- {archive_link(date, ARCHIVE)} ({len(items)})")
    for year, links in years.items():
        out += [f"## {year}\n", "\n".join(links) + "\n"]
    return "\n".join(out)


def archive_pages(entries: Sequence[Entry], chart: str = "") -> dict[str, str]:
    """`archive/index.md` and one page per month (and per year for year-only dates)."""
    pages = by_page(entries)
    if not pages:
        return {}
    firsts = [items[0][0] for items in pages.values()]
    out: dict[str, str] = {}
    for i, (path, items) in enumerate(pages.items()):
        steps = []
        if i + 1 < len(firsts):
            steps.append(f"Older: {archive_link(firsts[i + 1], path)}")
        if i > 0:
            steps.append(f"Newer: {archive_link(firsts[i - 1], path)}")
        out[path] = month_page(path, items, steps)
    out[ARCHIVE] = archive_index(pages, len(entries), chart)
    return out
