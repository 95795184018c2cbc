"""The year of a listing day that names none: a text dump's header says `Jul 29`, no year.

A paper reaches arXiv before any listing shows it, so the newest arXiv id among the papers
listed on such a day dates it: `2507.x` on `Jul 29` is 29 July 2025, and `2512.x` on `Jan 3`
is 3 January 2026. A day none of whose papers has an arXiv id stays without a year. Pure.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Sequence

from generator.identifiers import paper_arxiv
from generator.model import Paper

YEARLESS = re.compile(r"--(\d{2})-(\d{2})")
# The year and month an arXiv id was given: `2507.12345`, `hep-th/9901001`.
ID_MONTH = re.compile(r"(?:^|/)(\d{2})(\d{2})(?:\.|\d{3}$)")


def id_month(arxiv: str) -> tuple[int, int] | None:
    """`2507.12345` → (2025, 7); old-style ids from 1991 on: `hep-th/9901001` → (1999, 1)."""
    match = ID_MONTH.search(arxiv)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return (1900 + year if year >= 91 else 2000 + year), month


def dated(month: int, day: int, newest: tuple[int, int]) -> str:
    """The day in the first year on or after the newest id's month; '' for a 29 February
    that year lacks (the day keeps no year rather than a wrong one)."""
    year = newest[0] + (month < newest[1])
    if day > calendar.monthrange(year, month)[1]:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def with_listing_years(papers: Sequence[Paper]) -> list[Paper]:
    """The papers with every day that names no year dated by its papers' newest arXiv id."""
    newest: dict[str, tuple[int, int]] = {}
    for paper in papers:
        days = [d for d in paper.listed if YEARLESS.fullmatch(d)]
        month = id_month(paper_arxiv(paper)) if days else None
        for day in days:
            if month and month > newest.get(day, (0, 0)):
                newest[day] = month
    years = {}
    for day, month in newest.items():
        match = YEARLESS.fullmatch(day)
        found = dated(int(match.group(1)), int(match.group(2)), month) if match else ""
        if found:
            years[day] = found
    if not years:
        return list(papers)
    return [
        dataclasses.replace(p, listed=tuple(sorted({years.get(d, d) for d in p.listed})))
        if any(d in years for d in p.listed)
        else p
        for p in papers
    ]
