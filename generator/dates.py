"""A paper's date, as precise as the input gave it, and the time it stands for: the feeds'
`updated`, the archive's months, and the date stamped on a site built from the library."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.identifiers import arxiv_id
from generator.model import Entry

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# For papers with neither a date nor a dated id: fixed, so the same input gives the same bytes.
UNDATED = "2000-01-01T00:00:00Z"


@dataclass(frozen=True, order=True)
class PaperDate:
    """A date as precise as the input gave it: month and day are 0 when not known."""

    year: int
    month: int = 0
    day: int = 0

    def iso(self) -> str:
        parts = [f"{self.year:04d}", f"{self.month:02d}", f"{self.day:02d}"]
        return "-".join(parts[: 1 + bool(self.month) + bool(self.day)])

    def shown(self) -> str:
        """`15 October 2025`, `October 2025` or `2025`."""
        if not self.month:
            return str(self.year)
        month = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def timestamp(self) -> str:
        """RFC 3339 at midnight UTC on the first day the date can mean."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}T00:00:00Z"


def parse_date(text: str) -> PaperDate | None:
    """A calendar date from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; None for anything else."""
    match = ISO_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PaperDate(year, month, day)


def paper_time(entry: Entry) -> str:
    """The paper's date, else its arXiv id's month (`2510.01234` → 2025-10), else UNDATED."""
    date = parse_date(entry.paper.date)
    if date:
        return date.timestamp()
    found = arxiv_id(entry.key.removeprefix("arxiv:"))
    match = re.fullmatch(r"(\d\d)(\d\d)\.\d{4,5}", found)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"20{match.group(1)}-{match.group(2)}-01T00:00:00Z"
    return UNDATED


def library_time(entries: Iterable[Entry]) -> str:
    """The newest paper's time: a library's date, whenever it is built."""
    return max(map(paper_time, entries), default=UNDATED)
