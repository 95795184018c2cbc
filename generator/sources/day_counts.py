"""A day's counts beside its papers: `2025-10-13.counts.json` beside `2025-10-13.json`.

Upvotes, comments and stars change every time a day is asked again while its papers do not,
so the fetcher keeps them out of the day's file: new counts then rewrite this small file
alone. It maps a paper's id to its counts, a paper a line:

    {
    "2410.17243": {"comments": 3, "upvotes": 74},
    "2602.23229": {"comments": 1, "stars": 9, "upvotes": 10}
    }

It is read with the papers file it sits beside, never as a list of papers: the upvotes go
to each paper (`Paper.upvotes`); comments and stars are kept for pages that will show them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.model import Paper
from generator.sources.daily_api import count

SUFFIX = ".counts.json"
PAPERS_SUFFIX = ".json"


@dataclass(frozen=True)
class Counts:
    """A paper's counts as of the fetch: upvotes, comments, and its code repository's GitHub
    stars; None where the listing gave none."""

    upvotes: int | None = None
    comments: int | None = None
    stars: int | None = None


FIELDS = tuple(f.name for f in dataclasses.fields(Counts))


def counts_path(papers: Path) -> Path | None:
    """Where the counts of the papers file `papers` are, if it is a file that can have some."""
    name = papers.name
    if not name.endswith(PAPERS_SUFFIX) or name.endswith(SUFFIX):
        return None
    return papers.with_name(name.removesuffix(PAPERS_SUFFIX) + SUFFIX)


def is_counts_file(path: Path) -> bool:
    """A counts file with its papers file beside it; alone, it is read as any other file."""
    if not path.name.endswith(SUFFIX):
        return False
    return path.with_name(path.name.removesuffix(SUFFIX) + PAPERS_SUFFIX).is_file()


def counts_files(papers_files: Iterable[Path]) -> list[Path]:
    """The counts files that are read with these papers files."""
    found = (counts_path(p) for p in papers_files)
    return [p for p in found if p is not None and p.is_file()]


def as_json(counts: Counts) -> dict[str, int]:
    return {k: v for k, v in dataclasses.asdict(counts).items() if v is not None}


def counts_text(counts: Mapping[str, Counts]) -> str:
    """The file's text: by paper id, a paper a line; papers without any count left out."""
    lines = [
        f"{json.dumps(key)}: {json.dumps(as_json(counts[key]), sort_keys=True)}"
        for key in sorted(counts)
        if as_json(counts[key])
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def parse_counts(name: str, text: str) -> tuple[dict[str, Counts], list[Problem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return {}, [Problem(name, err.lineno, f"invalid JSON: {err.msg}", err.colno)]
    except RecursionError:
        return {}, [Problem(name, 0, "invalid JSON: nested too deeply")]
    if not isinstance(data, dict):
        return {}, [Problem(name, 1, "expected an object of counts by paper id")]
    found: dict[str, Counts] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        wrong = (
            [f for f in value if f not in FIELDS or count(value[f]) is None]
            if isinstance(value, dict)
            else ["(not an object)"]
        )
        if wrong:
            problems.append(Problem(name, 0, f"{key}: not a count: {', '.join(wrong)}"))
            continue
        found[key] = Counts(**{f: count(value.get(f)) for f in FIELDS})
    return found, problems


def with_counts(papers: Sequence[Paper], counts: Mapping[str, Counts]) -> list[Paper]:
    """Each paper with the upvotes its id has in the file; the others as they were."""
    return [
        dataclasses.replace(p, upvotes=counts[p.id].upvotes) if p.id in counts else p
        for p in papers
    ]
