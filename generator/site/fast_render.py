"""The HTML of the generator's paper pages without Python-Markdown, which took half of
MkDocs' time for them.

Paper pages (`pages.paper.paper_page`) are raw HTML blocks, their headings included, with a plain
sentence here and there; other generated pages add ATX headings. All Python-Markdown does
with them is pass the blocks through, wrap the sentences in <p> and give each ATX heading an
id and a permalink (the `toc` extension). This does the same in a few string operations, for
pages made of nothing else; any other page (None) goes through Python-Markdown as before.
`tests/test_fast_render.py` holds the two to the same HTML and table of contents on every
page of several libraries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify, unique

# A raw HTML block as Python-Markdown takes it: a block-level tag (or a comment) at the start.
RAW_BLOCK = re.compile(
    r"<!--|<(p|ol|ul|pre|div|table|dl|nav|section|details|figure|blockquote|h[1-6])[\s>]"
)
HEADING = re.compile(r"(#{1,6}) (.*)")
# Python-Markdown's backslash escapes (what `markdown.text` writes).
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
# Text with nothing Markdown would read as markup: no emphasis, code, link, HTML or entity
# other than the three `html.escape` writes.
INERT = re.compile(r"[^\\`*_{}\[\]<>!#&|]*")
ENTITIES = re.compile(r"&(amp|lt|gt);")
# A sentence: one line that is not a list item, and no line break (trailing spaces).
SENTENCE = re.compile(r"[A-Za-z0-9][^\n]*[^ \t\n]|[A-Za-z0-9]")
LIST_ITEM = re.compile(r"\d+[.)]( |$)")
# Anchors a raw block adds: id and name attributes of its tags (text holds no `<`, escaped).
TAG = re.compile(r"<[A-Za-z][^<>]*>")
IDENTIFIER = re.compile(r"""\s(?:id|name)\s*=\s*["']([^"']*)["']""")
# The Markdown settings this output matches: MkDocs' own extensions and the project's.
EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list")
TOC_SETTINGS = {"permalink": True}


@dataclass(frozen=True)
class Rendered:
    content: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchors: frozenset[str]


def supported(extensions: list[Any], settings: dict[str, Any]) -> bool:
    """Whether the configuration's Markdown is the one this replaces exactly."""
    names = tuple(e for e in extensions if isinstance(e, str))
    return (
        len(names) == len(extensions)
        and sorted(names) == sorted(EXTENSIONS)
        and settings.get("toc") == TOC_SETTINGS
        and all(not settings.get(name) for name in names if name != "toc")
    )


def heading(line: str, used: set[str]) -> tuple[str, dict[str, Any]] | None:
    match = HEADING.fullmatch(line)
    if match is None:
        return None
    level, written = len(match.group(1)), match.group(2).strip()
    if not written or not INERT.fullmatch(ENTITIES.sub("", ESCAPE.sub("", written))):
        return None
    text = ESCAPE.sub(r"\1", written)  # HTML, entities as written
    ident = unique(slugify(html.unescape(text), "-"), used)
    permalink = f'<a class="headerlink" href="#{ident}" title="Permanent link">&para;</a>'
    token = {"level": level, "id": ident, "name": text, "html": text, "data-toc-label": ""}
    return f'<h{level} id="{ident}">{text}{permalink}</h{level}>', {**token, "children": []}


def nest(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Headings as the `toc` extension nests them: each under the last of a higher level."""
    top: list[dict[str, Any]] = []
    open_: list[dict[str, Any]] = []
    for token in tokens:
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top


def render(markdown: str) -> Rendered | None:
    """The page's HTML as Python-Markdown would write it, or None for a page that is not
    only headings, raw HTML blocks and plain sentences."""
    parts: list[tuple[str, str]] = []
    tokens: list[dict[str, Any]] = []
    used: set[str] = set()
    anchors: set[str] = set()
    for block in re.split(r"\n[ \t]*\n", markdown.strip("\n")):
        block = block.lstrip("\n")
        if not block:
            continue
        if RAW_BLOCK.match(block):
            parts.append(("raw", block))
            for tag in TAG.findall(block):
                anchors.update(IDENTIFIER.findall(tag))
            continue
        if SENTENCE.fullmatch(block) and INERT.fullmatch(block) and not LIST_ITEM.match(block):
            parts.append(("p", f"<p>{block}</p>"))
            continue
        for line in block.split("\n"):
            found = heading(line, used)
            if found is None:
                return None
            parts.append(("h", found[0]))
            tokens.append(found[1])
    lines: list[str] = []
    for number, (kind, text) in enumerate(parts):
        lines.append(text)
        if kind == "raw" and number + 1 < len(parts):
            lines.append("")  # Python-Markdown leaves a blank line after a raw block
    first_h1 = bool(parts) and parts[0][0] == "h" and tokens[0]["level"] == 1
    title = tokens[0]["name"] if first_h1 else None  # as MkDocs takes it: HTML
    return Rendered("\n".join(lines), nest(tokens), title, frozenset(anchors | used))
