"""Links and list items that the reader-facing sections share (archive, authors, days,
themes, search): a module below all of them, so that each can import it without a cycle.
"""

from __future__ import annotations

import re

from generator.model import Entry, Theme
from generator.pages import markdown as md

SUMMARY_CHARS = 220


def relative(here: str, target: str) -> str:
    """`target` (a path under docs/) as a link from the page at `here`."""
    return "../" * here.count("/") + target


def paper_path(entry: Entry) -> str:
    return f"papers/{entry.slug}.md"


def paper_anchor(entry: Entry, here: str) -> str:
    """The paper's title as an HTML link to its page, from the page at `here`."""
    return md.html_link(entry.paper.title, md.published(here, paper_path(entry)))


def theme_anchor(theme: Theme, here: str) -> str:
    return md.html_link(theme.label, md.published(here, f"themes/{theme.slug}.md"))


def paper_item(entry: Entry, here: str, note: str = "") -> str:
    """`<li>` with the paper's title, linked, and a note, for `markdown.list_block`."""
    return f"<li>{paper_anchor(entry, here)}{f' · {md.html_text(note)}' if note else ''}</li>"


def one_line(abstract: str) -> str:
    """The first sentence, cut at a word if long: enough to recognise a paper in a list."""
    match = re.match(r"(.+?[.!?])(\s|$)", abstract)
    sentence = match.group(1) if match else abstract
    if len(sentence) <= SUMMARY_CHARS:
        return sentence
    return sentence[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
