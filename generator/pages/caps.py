"""Display caps: how much of an oversized field a page shows, and the note that says so. Pure.

A record can carry a book-length abstract (a whole paper pasted into the field) or the
thousands of authors of a collaboration. The index keeps every character and every name;
a page shows the first part, so that it stays quick to open and to index for search, and
says what it left out. Real abstracts are far below the cap and are always shown whole.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_AUTHORS = 50
MAX_ABSTRACT = 20_000
# A BibTeX entry longer than this (thousands of authors, an abstract field of the same size)
# is left to papers.bib rather than shown in the page's Cite section.
MAX_CITATION = 20_000
# How far back from the cap a shortened abstract may end, to end between two words.
WORD_BREAK = 1_000


def shown_authors(names: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The names a page lists, in order, and how many it leaves out."""
    return tuple(names[:MAX_AUTHORS]), max(len(names) - MAX_AUTHORS, 0)


def more_authors(left_out: int) -> str:
    return f" and {left_out:,} more" if left_out else ""


def shown_abstract(abstract: str) -> tuple[str, str]:
    """The start of the abstract a page shows, and a note when that is not all of it ('')."""
    if len(abstract) <= MAX_ABSTRACT:
        return abstract, ""
    end = MAX_ABSTRACT
    if not abstract[end].isspace():
        space = abstract.rfind(" ", end - WORD_BREAK, end)
        end = space if space > 0 else end
    shown = abstract[:end].rstrip()
    note = (
        f"Abstract shortened from {len(abstract):,} characters: the first {len(shown):,} are shown."
    )
    return shown + " …", note
