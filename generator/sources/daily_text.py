"""The text dump of a Daily Papers page: header lines, then title and abstract paragraphs."""

from __future__ import annotations

import re

from generator.errors import Problem
from generator.model import Origin, Paper

HEADER_LINES = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
}
DATE_LINE = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(, \d{4})?$", re.I
)
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
    while found and is_header(found[0][1]):
        found.pop(0)
    papers: list[Paper] = []
    problems: list[Problem] = []
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
        papers.append(Paper(title=title, abstract=abstract, origin=Origin(name, line)))
        i += 2
    return papers, problems
