"""The days of the daily listings: the newest one on the home page, a page for every day, and
the list of days. Pure.

A day is one that a daily listing showed papers on (`Paper.listed`: the Daily Papers list,
an arXiv submission day), not a paper's own date: a Daily Papers day lists papers that
reached arXiv days before. A paper listed on two days is on both day pages and has one page
of its own. An index without listing days gets none of these pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model import Entry, Theme
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.archive import parse_date
from generator.pages.authors import Author, author_line
from generator.pages.listing import paper_anchor, relative, theme_anchor

DAYS = "days/index.md"


@dataclass(frozen=True)
class Lookups:
    """What a day's list links to: theme pages, and the authors that have a page."""

    themes: Mapping[str, Theme]
    authors: Mapping[str, Author]


def day_path(day: str) -> str:
    return f"days/{day}.md"


def shown(day: str) -> str:
    """`13 October 2025`."""
    date = parse_date(day)
    return date.shown() if date else day


def by_day(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """Entries by listing day, newest day first; a day's papers A–Z by title."""
    days: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for day in entry.paper.listed:
            days[day].append(entry)
    order = sorted(days, reverse=True)
    return {d: sorted(days[d], key=lambda e: (e.paper.title.casefold(), e.key)) for d in order}


def day_item(entry: Entry, here: str, lookups: Lookups) -> str:
    """A paper as a listing shows it: title, authors, keywords and themes, in HTML."""
    lines = [f"<strong>{paper_anchor(entry, here)}</strong>"]
    names, left_out = caps.shown_authors(entry.paper.authors)
    if names:
        lines.append(author_line(names, lookups.authors, here) + caps.more_authors(left_out))
    if entry.keywords:
        words = " · ".join(md.html_text(k.text) for k in entry.keywords)
        lines.append(f"<em>Keywords:</em> {words}")
    if entry.themes:
        links = " · ".join(theme_anchor(lookups.themes[t], here) for t in entry.themes)
        lines.append(f"<em>Themes:</em> {links}")
    return "<li>" + "<br>\n".join(lines) + "</li>"


def day_list(entries: Sequence[Entry], here: str, lookups: Lookups) -> str:
    return md.list_block((day_item(e, here, lookups) for e in entries), "ol")


def count_line(entries: Sequence[Entry]) -> str:
    return f"{len(entries)} {'paper' if len(entries) == 1 else 'papers'} listed on this day."


def steps(days: Sequence[str], at: int, here: str) -> list[str]:
    """Links to the day before and after `days[at]` (`days` newest first), where there is one."""
    found = []
    if at + 1 < len(days):
        before = days[at + 1]
        found.append(f"Previous day: {md.link(shown(before), relative(here, day_path(before)))}")
    if at > 0:
        after = days[at - 1]
        found.append(f"Next day: {md.link(shown(after), relative(here, day_path(after)))}")
    return found


def newest_day(days: Mapping[str, Sequence[Entry]], lookups: Lookups, archive: bool) -> str:
    """The home page's lead: the newest day's papers, with the way to the days before it."""
    here = "index.md"
    day, entries = next(iter(days.items()))
    links = [*steps(list(days), 0, here), md.link("All days", DAYS)]
    if archive:
        links.append(md.link("Archive by month", "archive/index.md"))
    return "\n".join(
        [
            f"## {md.text(shown(day))}\n",
            f"{count_line(entries)} " + " · ".join(links) + "\n",
            day_list(entries, here, lookups),
        ]
    )


def day_page(days: Mapping[str, Sequence[Entry]], at: int, lookups: Lookups) -> str:
    names = list(days)
    day = names[at]
    here = day_path(day)
    links = [*steps(names, at, here), md.link("All days", relative(here, DAYS))]
    return "\n".join(
        [
            md.title_matter(f"Papers of {shown(day)}"),
            f"# {md.text(shown(day))}\n",
            f"{count_line(days[day])} " + " · ".join(links) + "\n",
            day_list(days[day], here, lookups),
        ]
    )


def days_index(days: Mapping[str, Sequence[Entry]]) -> str:
    """Every day, newest first, under the month it is in."""
    out = [
        md.title_matter("Days"),
        "# Days\n",
        f"{len(days)} days of daily listings, newest first.\n",
    ]
    months: dict[str, list[str]] = defaultdict(list)
    for day, entries in days.items():
        months[day[:7]].append(
            f"- {md.link(shown(day), relative(DAYS, day_path(day)))} ({len(entries)})"
        )
    for month, lines in months.items():
        out += [f"## {md.text(shown(month))}\n", "\n".join(lines) + "\n"]
    return "\n".join(out)


def day_pages(days: Mapping[str, Sequence[Entry]], lookups: Lookups) -> dict[str, str]:
    """`days/index.md` and `days/<day>.md` for each day; nothing when there are no days."""
    if not days:
        return {}
    pages = {day_path(day): day_page(days, at, lookups) for at, day in enumerate(days)}
    pages[DAYS] = days_index(days)
    return pages


def listed_line(entry: Entry, here: str) -> str:
    """A paper's listing days, in HTML, each linked to its day page."""
    return " · ".join(
        md.html_link(shown(day), md.published(here, day_path(day))) for day in entry.paper.listed
    )
