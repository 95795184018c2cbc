"""JSON and JSON Lines records, one paper an object (arXiv listings, gold-topic files).

A `.json` list may also be CSL-JSON or a Daily Papers API answer: `parse_json` looks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.errors import Problem
from generator.model import Origin, Paper
from generator.sources import csl_json, daily_api
from generator.sources.bibliographic import listing_days

LIST_KEYS = ("papers", "labels", "items", "records")
BETWEEN_ELEMENTS = re.compile(r"[ \t\n\r,]*")


def text_field(record: dict[str, Any], *names: str) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return ""


def string_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if not isinstance(value, list):
        return ()
    names = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("name") or item.get("literal") or ""
        if isinstance(item, str) and item.strip():
            names.append(item)
    return tuple(names)


def paper_from_record(record: Any, origin: Origin) -> tuple[Paper | None, Problem | None]:
    if not isinstance(record, dict):
        return None, Problem(origin.file, origin.line, "record is not a JSON object")
    title = text_field(record, "title")
    if not title:
        return None, Problem(origin.file, origin.line, "record has no title")
    abstract = text_field(record, "abstract", "summary")
    if not abstract:
        return None, Problem(origin.file, origin.line, f"record has no abstract: {title[:80]!r}")
    paper = Paper(
        title=title,
        abstract=abstract,
        origin=origin,
        id=text_field(record, "id", "arxiv", "arxiv_id"),
        authors=string_list(record.get("authors")),
        date=text_field(record, "date", "published", "publishedAt", "listed")[:10],
        url=text_field(record, "url", "abs"),
        pdf=text_field(record, "pdf"),
        categories=string_list(record.get("categories")),
        listed=listing_days(record.get("listed")),
    )
    return paper, None


def collect(
    items: list[tuple[Any, Origin]],
) -> tuple[list[Paper], list[Problem]]:
    papers: list[Paper] = []
    problems: list[Problem] = []
    for record, origin in items:
        paper, problem = paper_from_record(record, origin)
        if paper:
            papers.append(paper)
        if problem:
            problems.append(problem)
    return papers, problems


def element_lines(text: str, count: int) -> list[int]:
    """The line each element of a top-level JSON array starts on; zeros if it is not one.

    `json` gives no positions, so the (already valid) array is walked element by element.
    """
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        return [0] * count
    lines: list[int] = []
    line, counted = 1, 0
    position += 1
    while True:
        between = BETWEEN_ELEMENTS.match(text, position)
        position = between.end() if between else position
        if position >= len(text) or text[position] == "]":
            break
        line += text.count("\n", counted, position)
        counted = position
        lines.append(line)
        _, position = decoder.raw_decode(text, position)
    return lines if len(lines) == count else [0] * count


def parse_json(name: str, text: str) -> tuple[list[Paper], list[Problem]]:
    """A list of records; CSL-JSON and Daily Papers API lists are told apart by content."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [], [Problem(name, err.lineno, f"invalid JSON: {err.msg}", err.colno)]
    except RecursionError:
        return [], [Problem(name, 0, "invalid JSON: nested too deeply")]
    if isinstance(data, dict):
        lists = [data[k] for k in LIST_KEYS if isinstance(data.get(k), list)]
        data = lists[0] if lists else [data]
        lines = [0] * len(data)
    elif isinstance(data, list):
        lines = element_lines(text, len(data))
    else:
        return [], [Problem(name, 1, "expected a list of paper records")]
    if csl_json.looks_like_csl(data):
        return csl_json.papers(name, data, lines)
    if daily_api.looks_like_daily_api(data):
        return daily_api.papers(name, data, lines)
    papers: list[Paper] = []
    problems: list[Problem] = []
    for number, (record, line) in enumerate(zip(data, lines, strict=True), start=1):
        paper, problem = paper_from_record(record, Origin(name, line))
        if paper:
            papers.append(paper)
        if problem:
            problems.append(Problem(name, line, f"record {number}: {problem.message}"))
    return papers, problems


def parse_jsonl(name: str, text: str) -> tuple[list[Paper], list[Problem]]:
    items: list[tuple[Any, Origin]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            items.append((json.loads(line), Origin(name, number)))
        except json.JSONDecodeError as err:
            problems.append(Problem(name, number, f"invalid JSON: {err.msg}", err.colno))
    papers, more = collect(items)
    return papers, problems + more
