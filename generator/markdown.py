"""Escaping: every text field from input reaches the page as literal text, never as markup."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import yaml

from generator.clean import URL

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


def external_link(label: str, url: str) -> str:
    target = safe_url(url)
    return link(label, target) if target else text(label)


def prose(value: str) -> str:
    """A paragraph of input text with its http(s) URLs as links and everything else literal."""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(value):
        parts.append(text(value[last : match.start()]))
        parts.append(external_link(match.group(0), match.group(0)))
        last = match.end()
    parts.append(text(value[last:]))
    return "".join(parts)


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter as PyYAML dumps it, so no field can end the block or add a key."""
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True, width=10_000)
    return f"---\n{dumped}---\n"


def title_matter(title: str) -> str:
    """Front matter with the page title HTML-escaped: MkDocs themes print it unescaped."""
    return front_matter({"title": html.escape(title, quote=True)})
