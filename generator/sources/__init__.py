"""Readers: the only code that opens input files. Each turns one file into `Paper` values."""

from __future__ import annotations

import dataclasses
import gzip
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.errors import InputError, Problem
from generator.model import Paper
from generator.sources import bibtex, daily_text, day_counts, json_records, yaml_list
from generator.sources.day_counts import Counts

# The owner's theme overrides beside the library: see `theme_overrides`.
OVERRIDES = "themes.yml"

Reader = Callable[[str, str], tuple[list[Paper], list[Problem]]]

# A `.json` file may be plain records, CSL-JSON or a Daily Papers API answer: see parse_json.
READERS: dict[str, Reader] = {
    ".txt": daily_text.parse,
    ".json": json_records.parse_json,
    ".jsonl": json_records.parse_jsonl,
    ".jsonl.gz": json_records.parse_jsonl,
    ".yaml": yaml_list.parse,
    ".yml": yaml_list.parse,
    ".bib": bibtex.parse,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def library_files(root: Path) -> list[Path]:
    """Every readable file under `root` (or `root` itself), in a stable order."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError([Problem(str(root), 0, "no such file or folder")])
    files = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    # The owner's theme overrides (sources.theme_overrides) hold no papers, and a day's
    # counts are read with its papers.
    files = [p for p in files if p != root / OVERRIDES and not day_counts.is_counts_file(p)]
    return sorted((p for p in files if reader_for(p)), key=lambda p: p.as_posix())


def decode(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    """Strict UTF-8 with the byte offset of the first bad byte; a BOM and CRLF are fine."""
    name = str(path)
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = bom + err.start  # in the file as a hex editor shows it, BOM included
        line = data.count(b"\n", 0, offset) + 1
        return "", [Problem(name, line, f"invalid UTF-8 at byte offset {offset}")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return "", [Problem(name, line, "NUL byte in text file")]
    if not text.strip():
        return "", [Problem(name, 0, "empty file: no papers in it")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(path: Path) -> tuple[str, list[Problem]]:
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError) as err:
        return "", [Problem(str(path), 0, f"cannot read: {err}")]
    return decode(path, data)


def read_counts(papers: Path) -> tuple[dict[str, Counts], list[Problem]]:
    """The counts kept beside a fetched day's papers, if there are any."""
    path = day_counts.counts_path(papers)
    if path is None or not path.is_file():
        return {}, []
    text, problems = read_text(path)
    return day_counts.parse_counts(str(path), text) if not problems else ({}, problems)


def read_file(path: Path) -> tuple[list[Paper], list[Problem]]:
    reader = reader_for(path)
    if reader is None:
        return [], [Problem(str(path), 0, "unknown file type")]
    text, problems = read_text(path)
    if problems:
        return [], problems
    papers, problems = reader(str(path), text)
    counts, wrong = read_counts(path)
    papers = day_counts.with_counts(papers, counts)
    return [dataclasses.replace(p, sources=(str(path),)) for p in papers], problems + wrong


def read_library(roots: Iterable[Path]) -> tuple[list[Paper], list[Problem], int]:
    """All papers of all files in file order, every problem met, and how many files were read."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    count = 0
    for root in roots:
        try:
            files = library_files(root)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if not files:
            kinds = ", ".join(sorted(READERS))
            problems.append(Problem(str(root), 0, f"no paper lists found ({kinds})"))
        for path in files:
            count += 1
            found, trouble = read_file(path)
            papers.extend(found)
            problems.extend(trouble)
    return papers, problems, count
