"""A fetch: each day from `since` to `until`, oldest first, asked of a source, read back with
the build's own reader, and saved under `papers/<folder>/<day><suffix>`.

Days are saved one by one as they come, so a day that fails leaves the days before it saved;
the next run starts from the newest saved day and so picks up where this one stopped.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.fetch import arxiv_api, hf_daily, store
from generator.fetch.arxiv_api import arxiv_listings
from generator.fetch.hf_daily import daily_papers
from generator.fetch.http import FetchError, Politeness
from generator.fetch.source import Answer, Source
from generator.identifiers import paper_key
from generator.model import Origin, Paper
from generator.sources import decode, read_file, read_library, reader_for
from generator.sources.day_counts import counts_path


@dataclass(frozen=True)
class Skipped:
    """An item of a day's answer that the build could not read: left out, and said so."""

    number: int
    id: str
    problem: str

    def line(self, source: str, day: datetime.date) -> str:
        name = f"item {self.number}" + (f" ({self.id})" if self.id else "")
        return f"{source} {day}: skipped {name}: {self.problem}"


@dataclass(frozen=True)
class DayReport:
    """One day's progress line: papers found, how many the library did not have yet, and
    what happened to the day's files. `before` is how many papers the saved file held;
    `kept` says an answer with fewer was not saved over it."""

    source: str
    day: datetime.date
    found: int
    new: int
    path: Path
    written: bool
    counts_written: bool = False
    before: int = 0
    kept: bool = False
    skipped: tuple[Skipped, ...] = ()

    def line(self) -> str:
        head = (
            f"{self.source} {self.day}: {self.found} papers found, {self.new} new, "
            f"{self.found - self.new} already present"
        )
        if self.skipped:
            many = len(self.skipped)
            head += f", {many} {'item' if many == 1 else 'items'} skipped"
        if not self.found:
            kept = f"; {self.path} kept as it was" if self.path.exists() else ""
            return f"{head}; nothing to save{kept}"
        if self.kept:
            return (
                f"{head}; kept {self.path} as it was: {self.before} papers saved, {self.found} "
                "returned (--replace-smaller replaces it)"
            )
        counts = counts_path(self.path)
        if not self.written:
            updated = f"; counts updated in {counts}" if self.counts_written else ""
            return f"{head}; unchanged {self.path}{updated}"
        tail = f" (counts in {counts.name})" if self.counts_written and counts else ""
        if self.before > self.found:
            tail += f", replacing {self.before} saved papers with {self.found}"
        return f"{head}; saved {self.path}{tail}"


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


def check_readable(data: bytes, path: Path, url: str) -> None:
    """A day file the build would refuse is an error here, before it is saved."""
    reader = reader_for(path)
    assert reader is not None, path
    text, problems = decode(path, data)
    _, more = reader(url, text) if not problems else ([], [])
    trouble = problems + more
    if trouble:
        first = trouble[0]
        place = f"line {first.line}: " if first.line else ""
        raise FetchError(url, f"the build could not read the answer: {place}{first.message}")


def readable_items(source: Source, answer: Answer) -> tuple[list[Any], list[Paper], list[Skipped]]:
    """The answer's items the build can read, their papers, and the items it cannot."""
    kept: list[Any] = []
    papers: list[Paper] = []
    skipped: list[Skipped] = []
    for number, item in enumerate(answer.items, start=1):
        paper, problem = source.read_item(answer.day, item, Origin(answer.url), number)
        if paper is None or problem is not None:
            message = problem.message if problem else "no paper in it"
            skipped.append(Skipped(number, source.item_id(item), message))
            continue
        kept.append(item)
        papers.append(paper)
    return kept, papers, skipped


def saved_papers(path: Path) -> int:
    """How many papers the day's saved file holds (0 without one)."""
    if not path.is_file():
        return 0
    papers, _ = read_file(path)
    return len({paper_key(p) for p in papers})


def save_counts(path: Path, data: bytes) -> bool:
    """The counts beside a day file; a day without counts leaves no old ones behind."""
    counts = counts_path(path)
    if counts is None:
        return False
    return store.save(counts, data) if data else store.remove(counts)


def fetch_days(
    source: Source, root: Path, days: Iterable[datetime.date], replace_smaller: bool = False
) -> Iterator[DayReport]:
    """Each day fetched and saved in turn, reported as it is done; stops at the first day
    that fails. An item the build cannot read is skipped and reported; an answer with
    fewer papers than the saved day is not saved over it unless `replace_smaller`."""
    known = library_keys(root)
    for day in days:
        answer = source.fetch(day)
        path = root / source.folder / f"{day.isoformat()}{source.suffix}"
        items, papers, skipped = readable_items(source, answer)
        keys = {paper_key(p) for p in papers}
        before = saved_papers(path)
        report = DayReport(
            source.name, day, len(keys), len(keys - known), path, written=False,
            before=before, skipped=tuple(skipped),
        )  # fmt: skip
        if items and len(keys) < before and not replace_smaller:
            report = dataclasses.replace(report, kept=True)
        elif items:
            files = source.day_files(day, items)
            check_readable(files.papers, path, answer.url)
            written = store.save(path, files.papers)
            report = dataclasses.replace(
                report, written=written, counts_written=save_counts(path, files.counts)
            )
        yield report
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
