"""Escaping: every text field from input reaches the page as literal text, never as markup,
whether in Markdown (headings, short pages) or in raw HTML blocks (paper pages and lists)."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable
from urllib.parse import quote

from generator.index.clean import URL

# Python-Markdown's backslash escapes, plus the characters its extensions give meaning to.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def text(value: str) -> str:
    """Inline Markdown that renders exactly `value`: no emphasis, HTML, headings or links."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return html.escape(escaped, quote=False)


def safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target, or '' for anything else (`javascript:`)."""
    url = url.strip()
    if not re.match(r"https?://[^\s/]", url, re.I):
        return ""
    return quote(url, safe="/:?&=#%@+,;~!$'*[]")


def link(label: str, target: str) -> str:
    return f"[{text(label)}]({target})"


# Characters YAML will not take raw in a double-quoted scalar (controls, line separators,
# surrogates, non-characters); JSON leaves some of them raw, so they are escaped here.
YAML_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes are YAML's, so one line can hold anything."""
    quoted = json.dumps(value, ensure_ascii=False)
    return YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def yaml_value(value: str | list[str]) -> str:
    if isinstance(value, str):
        return yaml_string(value)
    return "[" + ", ".join(yaml_string(item) for item in value) + "]"


def front_matter(fields: dict[str, str | list[str]]) -> str:
    """YAML front matter in which no field can end the block or add a key.

    Written by hand rather than with `yaml.safe_dump`, which took a millisecond a page.
    """
    lines = [f"{key}: {yaml_value(value)}" for key, value in sorted(fields.items())]
    return "---\n" + "\n".join(lines) + "\n---\n"


def title_matter(title: str) -> str:
    """Front matter with the page title HTML-escaped: MkDocs themes print it unescaped."""
    return front_matter({"title": html.escape(title, quote=True)})


# Raw HTML blocks. Paper pages, most of a large site, and long lists are written as HTML
# between Markdown headings: Python-Markdown passes such blocks through untouched (MkDocs took
# 57 s instead of 106 s on 5,000 papers), and html.escape is all the escaping they need.
# MkDocs does not rewrite links inside them, so they carry the published URLs (`published`).


def html_text(value: str) -> str:
    """Text for an element's content (attribute values are escaped where they are written)."""
    return html.escape(value, quote=False)


def html_link(label: str, href: str, attributes: str = "") -> str:
    return f'<a href="{html.escape(href, quote=True)}"{attributes}>{html_text(label)}</a>'


def html_external(label: str, url: str) -> str:
    target = safe_url(url)
    return html_link(label, target) if target else html_text(label)


def html_prose(value: str) -> str:
    """A paragraph of input text with its http(s) URLs as links and everything else literal."""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(value):
        parts.append(html_text(value[last : match.start()]))
        parts.append(html_external(match.group(0), match.group(0)))
        last = match.end()
    parts.append(html_text(value[last:]))
    return "".join(parts)


def published(here: str, target: str) -> str:
    """The link from page `here` to `target` (paths under docs/) as MkDocs publishes them
    with `use_directory_urls`: `papers/x.md` is served as `papers/x/`."""
    folder, parts = page_folder(here), published_parts(target)
    shared = 0
    while shared < min(len(folder), len(parts) - 1) and folder[shared] == parts[shared]:
        shared += 1
    return "../" * (len(folder) - shared) + "/".join(parts[shared:]) or "./"


@functools.lru_cache(maxsize=4096)
def page_folder(here: str) -> tuple[str, ...]:
    """The folder a page is published as (cached: a page links to many others)."""
    if here == "index.md" or here.endswith("/index.md"):
        return tuple(here.split("/")[:-1])
    return tuple(here[: -len(".md")].split("/"))


@functools.lru_cache(maxsize=65536)
def published_parts(target: str) -> tuple[str, ...]:
    """A target's published path, by its parts (cached: theme and list pages recur)."""
    if target.endswith(".md"):
        stem = target[: -len(".md")]
        is_folder = stem == "index" or stem.endswith("/index")
        target = stem[: -len("index")] if is_folder else stem + "/"
    return tuple(target.split("/"))


def block(tag: str, inner: str, attributes: str = "") -> str:
    """One raw HTML block: starts a line and ends before a blank one, as Markdown wants."""
    return f"<{tag}{attributes}>{inner}</{tag}>\n"


def heading(level: int, inner: str, ident: str) -> str:
    """A heading as a raw HTML block, with a fixed id and no permalink (the `toc` extension's
    ¶, and its id from the text, are for Markdown headings only)."""
    return block(f"h{level}", inner, f' id="{ident}"')


def list_block(items: Iterable[str], tag: str = "ul") -> str:
    """`<li>` items as one raw HTML list."""
    return block(tag, "\n" + "\n".join(items) + "\n")
