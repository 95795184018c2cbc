"""Links and list items that the reader-facing sections share (archive, authors, feeds).

Kept apart from `pages` so that `pages` can import these sections without an import cycle.
"""

from __future__ import annotations

from generator import markdown as md
from generator.model import Entry


def relative(here: str, target: str) -> str:
    """`target` (a path under docs/) as a link from the page at `here`."""
    return "../" * here.count("/") + target


def paper_path(entry: Entry) -> str:
    return f"papers/{entry.slug}.md"


def paper_item(entry: Entry, here: str, note: str = "") -> str:
    """`<li>` with the paper's title, linked, and a note, for `markdown.list_block`."""
    item = md.html_link(entry.paper.title, md.published(here, paper_path(entry)))
    return f"<li>{item}{f' · {md.html_text(note)}' if note else ''}</li>"
