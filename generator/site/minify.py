"""Indentation out of the built HTML: Material's templates indent every line, which is a
sixth of a paper page. Whitespace inside <pre>, <textarea> and <script> is left as it is."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.processes import process_pool

KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\r\n]+")


def minify_html(text: str) -> str:
    parts = KEEP.split(text)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))


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
