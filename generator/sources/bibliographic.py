"""Conventions that bibliographies share: `Last, First and Other` names, partial dates."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

from generator.errors import Problem
from generator.model import Origin, Paper

MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    "sept": 9,
}
AND = re.compile(r"\s+and\s+", re.I)
# Equal-contribution and affiliation marks that bibliographies glue to a name.
NAME_MARKS = re.compile(r"[\s*†‡§¶#]+$")
SUFFIX = re.compile(r"(jr|sr)\.?|[ivx]+|\d+(st|nd|rd|th)\.?", re.I)
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?")


def split_names(text: str) -> list[str]:
    """`A and B and others` → [A, B]: split on `and` outside braces, `others` dropped."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", text, re.I):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(text[start : match.start()])
            start = match.end()
    names.append(text[start:])
    return [n for n in (" ".join(n.split()) for n in names) if n and n.lower() != "others"]


def natural_order(name: str) -> str:
    """`Last, First` → `First Last`; `Last, Jr., First` and `Last, First, Jr.` → `First Last Jr.`.

    The second suffix form is not BibTeX's but EndNote writes it (`Kelleher, R. J., 3rd`).
    """
    parts, depth, start = [], 0, 0
    for i, char in enumerate(name):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(name[start:i])
            start = i + 1
    parts = [NAME_MARKS.sub("", p).strip() for p in [*parts, name[start:]]]
    if len(parts) == 3 and SUFFIX.fullmatch(parts[2]) and not SUFFIX.fullmatch(parts[1]):
        parts = [parts[0], parts[2], parts[1]]
    if len(parts) == 2 and parts[1]:
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and parts[2]:
        return " ".join(p for p in (parts[2], parts[0], parts[1]) if p)
    return ", ".join(p for p in parts if p)


def people(text: str) -> tuple[str, ...]:
    return tuple(n for n in (natural_order(n) for n in split_names(text)) if n)


def month_number(value: str) -> int:
    """`aug`, `August`, `{Aug.}`, `8` → 8; 0 when it is not a month."""
    value = value.strip().strip("{}.").strip().lower()
    if re.fullmatch(r"[0-9]+", value):  # not isdigit(): "²" is a digit int() refuses
        number = int(value)
        return number if 1 <= number <= 12 else 0
    return MONTHS.get(value, 0)


def partial_date(year: str | int, month: str | int = "", day: str | int = "") -> str:
    """`2024`, `2024-08` or `2024-08-15` from its parts; '' when the parts are not a date."""
    year, month, day = str(year).strip(), str(month).strip(), str(day).strip()
    if not re.fullmatch(r"[0-9]{4}", year):
        return ""
    number = month_number(month) if month else 0
    if not number:
        return year
    last = calendar.monthrange(int(year), number)[1]
    if not re.fullmatch(r"[0-9]+", day) or not 1 <= int(day) <= last:
        return f"{year}-{number:02d}"
    return f"{year}-{number:02d}-{int(day):02d}"


def iso_date(value: str) -> str:
    """`2024`, `2024-08`, `2024-08-15` (a time after it is dropped) as written; else ''."""
    match = ISO_DATE.fullmatch(value.strip())
    if not match:
        return ""
    year, month, day = match.groups()
    if month and not month_number(month):
        return ""
    if day and partial_date(year, month, day).count("-") < 2:
        return ""
    return partial_date(year, month or "", day or "")


def listing_days(value: Any) -> tuple[str, ...]:
    """The whole days (`YYYY-MM-DD`, a time after it dropped) in a string or a list of them."""
    values = value if isinstance(value, list) else [value]
    found = (iso_date(v[:10]) for v in values if isinstance(v, str))
    return tuple(sorted({d for d in found if d.count("-") == 2}))


ItemReader = Callable[[Any, Origin, int], tuple[Paper | None, Problem | None]]


def read_items(
    name: str, items: list[Any], lines: list[int], read: ItemReader
) -> tuple[list[Paper], list[Problem]]:
    """Every item of a list through `read`; `lines` gives the line each starts on (0 if unknown)."""
    found: list[Paper] = []
    problems: list[Problem] = []
    for number, (item, line) in enumerate(zip(items, lines, strict=True), start=1):
        paper, problem = read(item, Origin(name, line), number)
        if paper:
            found.append(paper)
        if problem:
            problems.append(problem)
    return found, problems
