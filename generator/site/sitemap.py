"""Sitemaps within the protocol's limit: MkDocs writes one file, which holds 50,000 URLs at most.

Above that the URLs are split over `sitemap-N.xml` files and `sitemap.xml` becomes their
index, so a 35,000-paper site with its theme pages stays valid for search engines.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

LIMIT = 50_000
URL_ENTRY = re.compile(r"<url>.*?</url>", re.S)
LOC = re.compile(r"<loc>(.*?)</loc>", re.S)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def split_sitemap(site: Path, limit: int = LIMIT) -> int:
    """Splits `site/sitemap.xml` when it lists more than `limit` URLs; returns the file count."""
    path = site / "sitemap.xml"
    if not path.is_file():
        return 0
    entries = URL_ENTRY.findall(path.read_text("utf-8"))
    if len(entries) <= limit:
        return 1
    # Every URL starts with the site's address; the sitemap files sit at its root.
    locs = [m.group(1).strip() for m in map(LOC.search, entries) if m]
    home = min(locs, key=len)
    root = home if all(loc.startswith(home) for loc in locs) else home.rsplit("/", 1)[0]
    root = root if root.endswith("/") else root + "/"
    parts = [entries[i : i + limit] for i in range(0, len(entries), limit)]
    index = [HEAD, f"<sitemapindex {NS}>\n"]
    for number, part in enumerate(parts, start=1):
        name = f"sitemap-{number}.xml"
        body = HEAD + f"<urlset {NS}>\n" + "\n".join(part) + "\n</urlset>\n"
        (site / name).write_text(body, "utf-8")
        index.append(f"<sitemap><loc>{root}{name}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    text = "".join(index)
    path.write_text(text, "utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))
    return len(parts)
