"""The days of the daily listings: the newest one on the home page, a page for every day (in
pages of at most `day_order.DAY_PAGE` papers), the list of days, and a paper's days. Pure.

A day is one that a daily listing showed papers on (`Paper.listed`: the Daily Papers list,
an arXiv submission day), not a paper's own date: a Daily Papers day lists papers that
reached arXiv days before. A paper listed on two days is on both day pages and has one page
of its own. An index without listing days gets none of these pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.dates import MONTHS, parse_date
from generator.model import Entry, Theme
from generator.pages import caps, paging
from generator.pages import markdown as md
from generator.pages.authors import Author, author_line
from generator.pages.day_order import DAY_PAGE, Day, Part, Placing
from generator.pages.links import paper_links
from generator.pages.listing import one_line, paper_anchor, paper_path, relative, theme_anchor

DAYS = "days/index.md"
# A text dump's day whose year is not known: `--07-29` (`index.listing_days`).
YEARLESS = re.compile(r"--(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Lookups:
    """What a day's list links to: theme pages, and the authors that have a page."""

    themes: Mapping[str, Theme]
    authors: Mapping[str, Author]


def day_base(day: str) -> str:
    """`days/2025-07-29`; a day without a year `days/07-29`."""
    return f"days/{day.removeprefix('--')}"


def day_path(day: str, page: int = 1) -> str:
    return paging.page_path(day_base(day), page)


def shown(day: str) -> str:
    """`13 October 2025`; `29 July` for a day whose year is not known."""
    date = parse_date(day)
    if date:
        return date.shown()
    yearless = YEARLESS.fullmatch(day)
    if yearless:
        return f"{int(yearless.group(2))} {MONTHS[int(yearless.group(1)) - 1]}"
    return day


def month_of(day: str) -> str:
    """The heading the list of days files `day` under: `October 2025`, or `July, year not known`."""
    yearless = YEARLESS.fullmatch(day)
    if yearless:
        return f"{MONTHS[int(yearless.group(1)) - 1]}, year not known"
    return shown(day[:7])


def count_line(count: int) -> str:
    return f"{count} {'paper' if count == 1 else 'papers'} listed on this day"


def order_note(day: Day) -> str:
    """How the day's list is ordered, in a few words."""
    upvoted = any(g.upvoted for g in day.groups)
    grouped = any(g.label and not g.upvoted for g in day.groups)
    if upvoted and grouped:
        return "Hugging Face's by upvotes first, then the others by primary arXiv category"
    if upvoted:
        return "ranked by upvotes on Hugging Face (as fetched)"
    categorised = any(e.paper.categories for e in day.entries)
    return "grouped by primary arXiv category" if categorised else "A–Z by title"


def links_line(entry: Entry) -> str:
    """The paper's arXiv, PDF, code and project addresses, in HTML."""
    found = (md.html_external(link.label, link.url) for link in paper_links(entry.paper))
    return " · ".join(found)


def day_item(entry: Entry, here: str, lookups: Lookups) -> str:
    """A paper as a day shows it: title (and upvotes), authors, first sentence, links and
    themes, in HTML."""
    paper = entry.paper
    votes = (
        "" if paper.upvotes is None else f" · {paper.upvotes} upvote{'s' * (paper.upvotes != 1)}"
    )
    lines = [f"<strong>{paper_anchor(entry, here)}</strong>{votes}"]
    names, left_out = caps.shown_authors(paper.authors)
    if names:
        lines.append(author_line(names, lookups.authors, here) + caps.more_authors(left_out))
    summary = one_line(paper.abstract)
    if summary:
        lines.append(md.html_text(summary))
    links = links_line(entry)
    if links:
        lines.append(links)
    if entry.themes:
        themes = " · ".join(theme_anchor(lookups.themes[t], here) for t in entry.themes)
        lines.append(f"<em>Themes:</em> {themes}")
    return "<li>" + "<br>\n".join(lines) + "</li>"


def part_list(part: Part, here: str, lookups: Lookups, level: int = 2) -> str:
    """One group's papers on one page: its heading (when the day has headings) at `level`,
    then the list, numbered on from the page before."""
    out = []
    group = part.group
    if group.label:
        more = ", continued" if part.start > 1 else ""
        out.append(f"{'#' * level} {md.text(group.label)} ({len(group.entries)}{more})\n")
    start = f' start="{part.start}"' if part.start > 1 else ""
    items = "\n".join(day_item(e, here, lookups) for e in part.entries)
    # `pi-day` underlines the links among an item's text (docs/stylesheets/extra.css).
    out.append(md.block("ol", f"\n{items}\n", f' class="pi-day"{start}'))
    return "\n".join(out)


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


def newest_day(days: Mapping[str, Day], lookups: Lookups, archive: bool, limit: int) -> str:
    """The home page's lead: the newest day's papers, all of them when they are no more than
    `limit`, else its first page; with the way to the days before it."""
    here = "index.md"
    day = next(iter(days.values()))
    links = [*steps(list(days), 0, here), md.link("All days", DAYS)]
    if archive:
        links.append(md.link("Archive by month", "archive/index.md"))
    count = len(day.entries)
    pages = day.pages(size=count if count <= limit else DAY_PAGE)
    out = [
        f"## {md.text(shown(day.day))}\n",
        f"{count_line(count)}, {order_note(day)}. " + " · ".join(links) + "\n",
        *(part_list(part, here, lookups, level=3) for part in pages[0]),
    ]
    if len(pages) > 1:
        shown_here = sum(len(part.entries) for part in pages[0])
        out.append(
            f"The first {shown_here} are here; "
            + md.link(f"all {count} on the day's pages", day_path(day.day))
            + ".\n"
        )
    return "\n".join(out)


def day_page(days: Mapping[str, Day], at: int, number: int, lookups: Lookups) -> str:
    """Page `number` of the day `at` places from the newest, its ways to the days around it and
    to its other pages at the top and at the bottom."""
    names = list(days)
    day = days[names[at]]
    pages = day.pages()
    base, here = day_base(day.day), day_path(day.day, number)
    links = " · ".join([*steps(names, at, here), md.link("All days", relative(here, DAYS))])
    pager = paging.pager(here, base, number, len(pages))
    title = f"Papers of {shown(day.day)}" + (f" (page {number})" if number > 1 else "")
    out = [
        md.title_matter(title),
        f"# {md.text(shown(day.day))}\n",
        f"{count_line(len(day.entries))}, {order_note(day)}.\n",
        links + "\n",
        pager,
        *(part_list(part, here, lookups) for part in pages[number - 1]),
        pager,
        links + "\n",
    ]
    return "\n".join(o for o in out if o)


def days_index(days: Mapping[str, Day]) -> str:
    """Every day, newest first, under the month it is in."""
    out = [
        md.title_matter("Days"),
        "# Days\n",
        f"{len(days)} {'day' if len(days) == 1 else 'days'} of daily listings, newest first.\n",
    ]
    months: dict[str, list[str]] = defaultdict(list)
    for name, day in days.items():
        months[month_of(name)].append(
            f"- {md.link(shown(name), relative(DAYS, day_path(name)))} ({len(day.entries)})"
        )
    for month, lines in months.items():
        out += [f"## {md.text(month)}\n", "\n".join(lines) + "\n"]
    return "\n".join(out)


def day_pages(days: Mapping[str, Day], lookups: Lookups) -> dict[str, str]:
    """`days/index.md` and each day's pages; nothing when there are no days."""
    if not days:
        return {}
    pages = {}
    for at, day in enumerate(days.values()):
        for number in range(1, len(day.pages()) + 1):
            pages[day_path(day.day, number)] = day_page(days, at, number, lookups)
    pages[DAYS] = days_index(days)
    return pages


def placing_line(placing: Placing, entries: Mapping[str, Entry], here: str) -> str:
    """One of a paper's days, in HTML: the day linked to the page of it that lists the paper,
    the paper's place there, and the papers before and after it that day."""
    day = md.html_link(shown(placing.day), md.published(here, day_path(placing.day, placing.page)))
    parts = [f"{day} (paper {placing.number} of {placing.total})"]
    if placing.previous:
        target = md.published(here, paper_path(entries[placing.previous]))
        parts.append(md.html_link("← previous paper", target))
    if placing.following:
        target = md.published(here, paper_path(entries[placing.following]))
        parts.append(md.html_link("next paper →", target))
    return " · ".join(parts)


def listed_block(placings: Sequence[Placing], entries: Mapping[str, Entry], here: str) -> str:
    """The paper page's line for each day that listed the paper (HTML)."""
    lines = (placing_line(p, entries, here) for p in placings)
    return md.block("p", "<strong>Listed:</strong> " + "<br>\n".join(lines))
