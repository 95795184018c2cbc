"""Indentation out of the built HTML: Material's templates indent every line, which is a
sixth of a paper page. Whitespace inside <pre>, <textarea> and <script> is left as it is."""

from __future__ import annotations

import re
from pathlib import Path

KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\r\n]+")


def minify_html(text: str) -> str:
    parts = KEEP.split(text)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))


def minify_site(site: Path) -> int:
    """Rewrites every HTML file under `site`; returns the bytes saved."""
    saved = 0
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        small = minify_html(text)
        if len(small) < len(text):
            path.write_text(small, "utf-8")
            saved += len(text.encode("utf-8")) - len(small.encode("utf-8"))
    return saved
