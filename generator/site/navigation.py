"""Navigation for the sections that exist only when the index has something to show.

An index without dates has no archive, one without listing days no day pages, and one without
repeat authors no author pages; MkDocs reads `nav` from mkdocs.yml, so a hook
(overrides/hooks/reader_nav.py) adds these tabs at build time, only for the pages that were
generated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SECTIONS = (
    ("Days", "days/index.md"),
    ("Authors", "authors/index.md"),
    ("Archive", "archive/index.md"),
    ("Map", "map.md"),
)
BEFORE = "About"


def targets(nav: list[Any]) -> set[str]:
    """Every page a nav already names, at any depth."""
    found: set[str] = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= targets(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def with_sections(nav: list[Any] | None, exists: Callable[[str], bool]) -> list[Any] | None:
    """`nav` with a tab for each generated section that exists, placed before About."""
    if nav is None:
        return None
    named = targets(nav)
    extra = [{title: path} for title, path in SECTIONS if path not in named and exists(path)]
    titles = [next(iter(i)) if isinstance(i, dict) else None for i in nav]
    at = titles.index(BEFORE) if BEFORE in titles else len(nav)
    return [*nav[:at], *extra, *nav[at:]]
