"""CSL-JSON, as Zotero, Mendeley and citation.js export it: a list of items with a `type`.

Recognised by content (`looks_like_csl`), since the file is a plain `.json`.
"""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.identifiers import arxiv_id, normal_doi
from generator.model import Origin, Paper
from generator.sources.bibliographic import partial_date, read_items

# Keys only CSL items carry; one of them besides `type` tells CSL from other records.
CSL_KEYS = frozenset(
    {"issued", "author", "container-title", "DOI", "URL", "title-short", "citation-key"}
)
NAME_PARTS = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")


def looks_like_csl(data: Any) -> bool:
    items = [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
    return bool(items) and all(
        isinstance(item.get("type"), str) and CSL_KEYS & item.keys() for item in items
    )


def text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def person(name: Any) -> str:
    """`{family, given, …}` or `{literal}` as one name, given name first."""
    if not isinstance(name, dict):
        return text(name)
    if text(name.get("literal")):
        return text(name["literal"])
    return " ".join(t for t in (text(name.get(part)) for part in NAME_PARTS) if t)


def people(names: Any) -> tuple[str, ...]:
    """Names in order, each once: exports repeat authors that a database listed twice."""
    found = [person(n) for n in names] if isinstance(names, list) else []
    return tuple(dict.fromkeys(n for n in found if n))


def issued(value: Any) -> str:
    """`{"date-parts": [["2024", 11, 13]]}`: parts as strings or numbers; or `{"raw": …}`."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [text(p) for p in parts[0][:3]]
        return partial_date(*first)
    raw = text(value.get("raw")) or text(value.get("literal"))
    return partial_date(raw[:4], raw[5:7], raw[8:10]) if raw[:4].isdigit() else ""


def paper_from_item(item: Any, origin: Origin, number: int) -> tuple[Paper | None, Problem | None]:
    if not isinstance(item, dict):
        return None, Problem(origin.file, origin.line, f"item {number} is not a JSON object")
    title = text(item.get("title"))
    if not title:
        return None, Problem(origin.file, origin.line, f"item {number} has no title")
    url = text(item.get("URL"))
    paper = Paper(
        title=title,
        abstract=text(item.get("abstract")),
        origin=origin,
        id=arxiv_id(url) or arxiv_id(text(item.get("number"))),
        authors=people(item.get("author")),
        date=issued(item.get("issued")),
        url=url if url.lower().startswith(("http://", "https://")) else "",
        doi=normal_doi(text(item.get("DOI"))),
        tags=tuple(k.strip() for k in text(item.get("keyword")).split(",") if k.strip()),
    )
    return paper, None


def papers(name: str, items: list[Any], lines: list[int]) -> tuple[list[Paper], list[Problem]]:
    """Every item of the list; `lines` gives the line each item starts on (0 if unknown)."""
    return read_items(name, items, lines, paper_from_item)
