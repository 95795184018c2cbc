"""MkDocs hook: Material's "Skip to content" link on pages whose headings are raw HTML.

Material points that link at the first entry of the page's table of contents, which only
Markdown headings fill. Paper pages write theirs as raw HTML (generator/pages/paper.py), so a page
that opens with <h1 id="..."> and has no table of contents gets that heading as its one entry.
Paper pages show no table of contents (overrides/main.html), so nothing else reads it.
"""

import re

from mkdocs.structure.toc import AnchorLink, TableOfContents

OPENING_H1 = re.compile(r'<h1 id="([^"<>]+)">')


def on_page_content(html, page, config, files):  # type: ignore[no-untyped-def]
    found = OPENING_H1.match(html)
    if found and not page.toc:
        page.toc = TableOfContents([AnchorLink(page.title or "", found.group(1), 1)])
    return html
