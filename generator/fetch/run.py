"""A fetch: each day from `since` to `until`, oldest first, asked of a source, read back with
the build's own reader, and saved under `papers/<folder>/<day><suffix>`.

Days are saved one by one as they come, so a day that fails leaves the days before it saved;
the next run starts from the newest saved day and so picks up where this one stopped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.fetch import arxiv_api, hf_daily, store
from generator.fetch.arxiv_api import arxiv_listings
from generator.fetch.hf_daily import daily_papers
from generator.fetch.http import FetchError, Politeness
from generator.fetch.source import Answer, Source
from generator.index.identity import paper_key
from generator.model import Paper
from generator.sources import decode, read_library, reader_for


@dataclass(frozen=True)
class DayReport:
    """One day's progress line: papers found, how many the library did not have yet, and
    what happened to the day's file."""

    source: str
    day: datetime.date
    found: int
    new: int
    path: Path
    written: bool

    def line(self) -> str:
        head = (
            f"{self.source} {self.day}: {self.found} papers found, {self.new} new, "
            f"{self.found - self.new} already present"
        )
        if not self.found:
            kept = f"; {self.path} kept as it was" if self.path.exists() else ""
            return f"{head}; nothing to save{kept}"
        return f"{head}; {'saved' if self.written else 'unchanged'} {self.path}"


def yesterday(now: datetime.datetime) -> datetime.date:
    """The last whole day, in UTC: today's listing may still grow."""
    return now.astimezone(datetime.UTC).date() - datetime.timedelta(days=1)


def days_to_fetch(
    saved: list[datetime.date], since: datetime.date | None, until: datetime.date
) -> list[datetime.date]:
    """`since` (by default the newest saved day, asked again for late additions; with none
    saved, `until` alone) to `until`, oldest first."""
    start = since or (saved[-1] if saved else until)
    return [start + datetime.timedelta(days=n) for n in range((until - start).days + 1)]


def library_keys(root: Path) -> set[str]:
    """The identity of every paper already in the library, whatever file it is in."""
    if not root.exists():
        return set()
    papers, _, _ = read_library([root])
    return {paper_key(p) for p in papers}


def read_answer(answer: Answer, path: Path) -> list[Paper]:
    """The papers of an answer as the build will read them; an answer the build would refuse
    is an error here, before it is saved."""
    reader = reader_for(path)
    assert reader is not None, path
    text, problems = decode(path, answer.data)
    papers, more = reader(answer.url, text) if not problems else ([], [])
    trouble = problems + more
    if trouble:
        first = trouble[0]
        place = f"line {first.line}: " if first.line else ""
        raise FetchError(answer.url, f"the build could not read the answer: {place}{first.message}")
    return papers


def fetch_days(source: Source, root: Path, days: Iterable[datetime.date]) -> Iterator[DayReport]:
    """Each day fetched and saved in turn, reported as it is done; stops at the first error."""
    known = library_keys(root)
    for day in days:
        answer = source.fetch(day)
        path = root / source.folder / f"{day.isoformat()}{source.suffix}"
        papers = read_answer(answer, path) if answer.data else []
        keys = {paper_key(p) for p in papers}
        written = store.save(path, answer.data) if answer.data else False
        yield DayReport(source.name, day, len(keys), len(keys - known), path, written)
        known |= keys


def saved_days(source: Source, root: Path) -> list[datetime.date]:
    return store.days_saved(root / source.folder, source.suffix)


SOURCES = ("hf-daily", "arxiv")


def make_source(
    name: str,
    politeness: Politeness,
    base_url: str | None,
    categories: Sequence[str],
    arxiv_delay: float,
    note: Callable[[str], None],
) -> Source:
    """The source called `name` on the command line, at `base_url` or the service's own."""
    if name == "hf-daily":
        return daily_papers(politeness, base_url or hf_daily.BASE_URL, note=note)
    if name == "arxiv":
        base = base_url or arxiv_api.BASE_URL
        return arxiv_listings(politeness, categories, base, delay=arxiv_delay, note=note)
    raise ValueError(f"no source called {name!r}")
