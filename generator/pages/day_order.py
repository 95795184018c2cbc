"""In what order a day shows its papers, and how a long day is split into pages. Pure.

Hugging Face ranks a day by upvotes; an arXiv listing groups a day by category. A day's
papers that carry upvotes come first, by upvotes; the others are grouped by their primary
arXiv category (the first one a record gives), the largest group first. A day with neither,
such as a text dump's, is one list A–Z by title. Ties go A–Z by title, then by key, so the
order never depends on the order the records were read in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.model import Entry

DAY_PAGE = 50
UPVOTED = "Hugging Face Daily Papers, by upvotes"
NO_CATEGORY = "No arXiv category"
OTHERS = "Other papers"


@dataclass(frozen=True)
class Group:
    """Papers of a day under one heading; `label` is '' for a day shown as one list."""

    label: str
    entries: tuple[Entry, ...]
    upvoted: bool = False


@dataclass(frozen=True)
class Part:
    """The papers of one group that one page holds; `start` is the first one's place (1-based)
    in its group, so a group that runs over two pages is numbered on."""

    group: Group
    start: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Day:
    """A listing day, its papers in the order its pages show them."""

    day: str
    groups: tuple[Group, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for g in self.groups for e in g.entries)

    def pages(self, size: int = DAY_PAGE) -> list[tuple[Part, ...]]:
        """The day's papers in pages of at most `size`, each page its groups' parts."""
        placed = [(g, n, e) for g in self.groups for n, e in enumerate(g.entries, start=1)]
        pages = []
        for first in range(0, len(placed), size):
            parts: list[Part] = []
            for group, number, entry in placed[first : first + size]:
                if parts and parts[-1].group is group:
                    last = parts[-1]
                    parts[-1] = Part(group, last.start, (*last.entries, entry))
                else:
                    parts.append(Part(group, number, (entry,)))
            pages.append(tuple(parts))
        return pages or [()]


@dataclass(frozen=True)
class Placing:
    """Where a paper is on one of its days: the page of the day, and its neighbours there."""

    day: str
    page: int
    number: int
    total: int
    previous: str = ""
    following: str = ""


def by_title(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.paper.title.casefold(), e.key)))


def primary_category(entry: Entry) -> str:
    return entry.paper.categories[0] if entry.paper.categories else ""


def upvotes(entry: Entry) -> int:
    return entry.paper.upvotes or 0


def ranked(entries: Sequence[Entry]) -> tuple[Group, ...]:
    """A day's papers as groups, in the order the day's page shows them (see the module)."""
    upvoted = [e for e in entries if e.paper.upvotes is not None]
    rest = [e for e in entries if e.paper.upvotes is None]
    groups: list[Group] = []
    if upvoted:
        order = sorted(by_title(upvoted), key=upvotes, reverse=True)
        groups.append(Group(UPVOTED if rest else "", tuple(order), upvoted=True))
    categories: dict[str, list[Entry]] = defaultdict(list)
    for entry in rest:
        categories[primary_category(entry)].append(entry)
    if set(categories) == {""}:
        groups.append(Group(OTHERS if groups else "", by_title(rest)))
    else:
        for name in sorted(categories, key=lambda c: (c == "", -len(categories[c]), c)):
            groups.append(Group(name or NO_CATEGORY, by_title(categories[name])))
    return tuple(groups)


def by_day(entries: Sequence[Entry]) -> dict[str, Day]:
    """Every listing day, newest first (a day that names no year after all the others)."""
    days: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for day in entry.paper.listed:
            days[day].append(entry)
    return {d: Day(d, ranked(days[d])) for d in sorted(days, reverse=True)}


def placings(days: dict[str, Day], size: int = DAY_PAGE) -> dict[str, tuple[Placing, ...]]:
    """Each paper's place on each of its days, by paper key, its days newest first."""
    found: dict[str, list[Placing]] = defaultdict(list)
    for day in days.values():
        order = day.entries
        for at, (page, entry) in enumerate(page_numbers(day, size)):
            before = order[at - 1].key if at > 0 else ""
            after = order[at + 1].key if at + 1 < len(order) else ""
            found[entry.key].append(Placing(day.day, page, at + 1, len(order), before, after))
    return {key: tuple(p) for key, p in found.items()}


def page_numbers(day: Day, size: int) -> Iterator[tuple[int, Entry]]:
    for number, parts in enumerate(day.pages(size), start=1):
        for part in parts:
            for entry in part.entries:
                yield number, entry
