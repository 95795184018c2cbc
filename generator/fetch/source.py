"""What every source gives for a day, and what the fetcher asks of a source."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Answer:
    """A day as a source answered it: the file to save (empty when the day had no papers)
    and the URL asked first, for messages."""

    day: datetime.date
    url: str
    data: bytes


class Source(Protocol):
    """One service: its name on the command line, its folder under papers/ and file suffix."""

    name: str
    folder: str
    suffix: str

    def fetch(self, day: datetime.date) -> Answer: ...
