"""What every source gives for a day, and what the fetcher asks of a source."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from generator.errors import Problem
from generator.model import Origin, Paper


@dataclass(frozen=True)
class Answer:
    """A day as a source answered it: its papers, one JSON value each as the service gave
    them (none when the day had no papers), and the URL asked first, for messages."""

    day: datetime.date
    url: str
    items: tuple[Any, ...]


@dataclass(frozen=True)
class DayFiles:
    """What is saved of a day: the papers file, and the counts that go beside it (empty
    when the source gives none)."""

    papers: bytes
    counts: bytes = b""


class Source(Protocol):
    """One service: its name on the command line, its folder under papers/ and file suffix."""

    name: str
    folder: str
    suffix: str

    def fetch(self, day: datetime.date) -> Answer: ...

    def read_item(
        self, day: datetime.date, item: Any, origin: Origin, number: int
    ) -> tuple[Paper | None, Problem | None]:
        """Item `number` of a day's answer as the build will read it from the day file."""
        ...

    def item_id(self, item: Any) -> str:
        """The item's id as the service gave it, to name it in a message; '' if none."""
        ...

    def day_files(self, day: datetime.date, items: Sequence[Any]) -> DayFiles: ...
