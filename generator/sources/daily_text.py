"""The text dump of a Daily Papers page: header lines, then title and abstract paragraphs.

The header's day (`Jul 29`) is the day the page listed every paper of the dump on. The page
names no year: such a day is kept as `--07-29` until the index stage finds one.
"""

from __future__ import annotations

import calendar
import re

from generator.errors import Problem
from generator.model import Origin, Paper
from generator.sources.bibliographic import month_number

HEADER_LINES = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
}
DATE_LINE = re.compile(
    r"^((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.? (\d{1,2})(?:, (\d{4}))?$",
    re.I,
)
# A year with a 29 February, to check a day that names no year.
LEAP_YEAR = 2000
SENTENCE_END = re.compile(r"[.!?][\"')\]]?(\s|$)")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line-separated paragraphs with the line each starts on, lines joined by spaces."""
    found: list[tuple[int, str]] = []
    start, lines = 0, list[str]()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line:
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            found.append((start, " ".join(lines)))
            lines = []
    if lines:
        found.append((start, " ".join(lines)))
    return found


def is_header(paragraph: str) -> bool:
    return paragraph.lower() in HEADER_LINES or bool(DATE_LINE.match(paragraph))


def listing_day(header: str) -> str:
    """`Jul 29` → `--07-29`, `Jul 29, 2025` → `2025-07-29`; '' when it is no calendar day."""
    match = DATE_LINE.match(header)
    if not match:
        return ""
    month, day = month_number(match.group(1)), int(match.group(2))
    year = match.group(3)
    if not month or not 1 <= day <= calendar.monthrange(int(year or LEAP_YEAR), month)[1]:
        return ""
    return f"{year or '-'}-{month:02d}-{day:02d}"


def header_day(name: str, header: list[tuple[int, str]]) -> tuple[str, list[Problem]]:
    """The listing day the header names, if it names one, or the problem with it."""
    for line, paragraph in header:
        if DATE_LINE.match(paragraph):
            day = listing_day(paragraph)
            if day:
                return day, []
            return "", [Problem(name, line, f"header day {paragraph!r} is not a calendar day")]
    return "", []


def cannot_be_title(paragraph: str) -> bool:
    """Prose: long, or several sentences. Titles are neither; an abstract may be either, or
    one short sentence (a withdrawn paper's), so nothing short is ever taken for an abstract
    by its looks alone."""
    words = len(paragraph.split())
    return words >= 30 or (words >= 12 and len(SENTENCE_END.findall(paragraph)) >= 2)


def parse(name: str, text: str) -> tuple[list[Paper], list[Problem]]:
    """Title and abstract paragraphs strictly alternate. The alternation is resynchronised
    only on a paragraph that cannot be a title: it is an abstract, the paragraph before it
    is its title, and whatever that leaves unpaired is reported."""
    found = paragraphs(text)
    header: list[tuple[int, str]] = []
    while found and is_header(found[0][1]):
        header.append(found.pop(0))
    day, problems = header_day(name, header)
    listed = (day,) if day else ()
    papers: list[Paper] = []
    i = 0
    while i < len(found):
        line, title = found[i]
        if cannot_be_title(title):
            problems.append(Problem(name, line, "abstract without a title before it"))
            i += 1
            continue
        if i + 1 == len(found):
            problems.append(Problem(name, line, f"title without an abstract: {title[:80]!r}"))
            break
        abstract = found[i + 1][1]
        if (
            i + 2 < len(found)
            and not cannot_be_title(abstract)
            and cannot_be_title(found[i + 2][1])
        ):
            # The paragraph two on is an abstract, so the next one is its title.
            problems.append(
                Problem(
                    name,
                    line,
                    f"title without an abstract: {title[:80]!r} (the next paragraph is the "
                    f"title of the abstract on line {found[i + 2][0]})",
                )
            )
            i += 1
            continue
        papers.append(
            Paper(title=title, abstract=abstract, origin=Origin(name, line), listed=listed)
        )
        i += 2
    return papers, problems
