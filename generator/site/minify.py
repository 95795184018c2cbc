"""Indentation out of the built HTML: Material's templates indent every line, which is a
sixth of a paper page; and the line break between two tags where one of them opens or closes
a block, which a browser never shows (80 to 120 bytes of a page). Whitespace inside <pre>,
<textarea> and <script> is left as it is, and between two inline tags (`</a>\n<a>` is a
space a reader sees)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.processes import process_pool

KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\r\n]+")
BLOCKS = frozenset(
    "html head body meta link title style div nav header footer main article section aside"
    " ul ol li p h1 h2 h3 h4 h5 h6 form table thead tbody tr td th dl dt dd br hr details"
    " summary figure figcaption blockquote pre script noscript !doctype".split()
)
# A tag, a line break, and the next tag's name; and a break that starts a part (the `>`
# before it closed a <pre> or <script>).
TAG_BREAK = re.compile(r"(</?(!doctype|[a-z][a-z0-9-]*)\b[^<>]*>)\n(?=</?([a-z][a-z0-9-]*))", re.I)
LEADING_BREAK = re.compile(r"^\n(?=</?([a-z][a-z0-9-]*))", re.I)


def without_block_breaks(text: str) -> str:
    def tags(match: re.Match[str]) -> str:
        names = (match.group(2).lower(), match.group(3).lower())
        return match.group(1) if BLOCKS.intersection(names) else match.group(0)

    def leading(match: re.Match[str]) -> str:
        return "" if match.group(1).lower() in BLOCKS else match.group(0)

    return LEADING_BREAK.sub(leading, TAG_BREAK.sub(tags, text))


def minify_html(text: str) -> str:
    parts = KEEP.split(text)
    return "".join(
        part if i % 2 else without_block_breaks(INDENT.sub("\n", part))
        for i, part in enumerate(parts)
    )


def minify_file(path: Path) -> int:
    text = path.read_text("utf-8")
    small = minify_html(text)
    if len(small) == len(text):
        return 0
    path.write_text(small, "utf-8")
    return len(text.encode("utf-8")) - len(small.encode("utf-8"))


def minify_files(paths: list[Path], workers: int | None = None) -> int:
    """Rewrites the HTML files `paths`, on all cores; returns the bytes saved. Each must be
    a file of its own, not a hard link into another site (`site.changes`)."""
    workers = min(workers or os.cpu_count() or 1, max(len(paths) // 1000, 1))
    if workers <= 1:
        return sum(map(minify_file, paths))
    with process_pool(workers) as pool:
        return sum(pool.map(minify_file, paths, chunksize=256))
