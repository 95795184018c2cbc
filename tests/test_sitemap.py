"""Sitemaps over 50,000 URLs become an index of several files, each within the limit."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from generator.site.sitemap import split_sitemap


def write_sitemap(site: Path, count: int) -> None:
    """A home page and papers, as MkDocs lists them when site_url is set."""
    locs = ["https://u.github.io/repo/"] + [
        f"https://u.github.io/repo/papers/{i}/" for i in range(count - 1)
    ]
    urls = "".join(f"<url><loc>{loc}</loc></url>\n" for loc in locs)
    site.mkdir(exist_ok=True)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def test_small_sitemap_is_left_alone(tmp_path: Path) -> None:
    write_sitemap(tmp_path, 10)
    before = (tmp_path / "sitemap.xml").read_text()
    assert split_sitemap(tmp_path, limit=10) == 1
    assert (tmp_path / "sitemap.xml").read_text() == before


def test_large_sitemap_is_split_without_losing_a_url(tmp_path: Path) -> None:
    write_sitemap(tmp_path, 25)
    assert split_sitemap(tmp_path, limit=10) == 3
    index = (tmp_path / "sitemap.xml").read_text()
    assert "<sitemapindex" in index
    parts = re.findall(r"<loc>https://u.github.io/repo/(sitemap-\d+.xml)</loc>", index)
    assert parts == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    urls = [u for p in parts for u in re.findall(r"<url>", (tmp_path / p).read_text())]
    assert len(urls) == 25
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == index
