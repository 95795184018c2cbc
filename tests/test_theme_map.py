"""The theme map and the month chart: deterministic, escaped, linked, legible at scale."""

from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from generator.dates import PaperDate
from generator.model import Entry, Index, Origin, Paper, Theme
from generator.pages.month_chart import month_chart
from generator.pages.theme_map import MAP_THEMES, Node, place, theme_edges, theme_map, top_themes

SVG = "{http://www.w3.org/2000/svg}"


def synthetic(papers: int, themes: int, seed: int = 1) -> Index:
    """Papers with 1-4 themes each, theme sizes falling off like real vocabularies."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(themes)]
    members: dict[int, list[str]] = {t: [] for t in range(themes)}
    for p in range(papers):
        for t in set(rng.choices(range(themes), weights, k=rng.randint(1, 4))):
            members[t].append(f"p{p:06d}")
    found = tuple(
        Theme(
            key=f"theme {t}", label=f"theme number {t}", slug=f"theme-{t}", papers=tuple(sorted(m))
        )
        for t, m in members.items()
        if len(m) >= 2
    )
    entries = tuple(
        Entry(
            key=f"p{p:06d}", slug=f"p{p}", paper=Paper(title="t", abstract="a", origin=Origin("x"))
        )
        for p in range(papers)
    )
    return Index(entries=entries, themes=tuple(sorted(found, key=lambda t: t.key)))


def overlaps(nodes: list[Node]) -> list[tuple[str, str]]:
    found = []
    for a, b in combinations(nodes, 2):
        (aw, ah), (bw, bh) = a.box(), b.box()
        if abs(a.x - b.x) < (aw + bw) * 0.9 and abs(a.y - b.y) < (ah + bh) * 0.9:
            found.append((a.theme.label, b.theme.label))
    return found


def test_same_index_same_svg() -> None:
    index = synthetic(2000, 300)
    shuffled = Index(entries=index.entries, themes=tuple(reversed(index.themes)))
    assert theme_map(index) == theme_map(shuffled)


def test_svg_is_well_formed_with_a_link_per_theme() -> None:
    svg = ET.fromstring(theme_map(synthetic(2000, 300)))
    links = svg.findall(f".//{SVG}a")
    assert len(links) == MAP_THEMES
    assert all(a.get("href", "").startswith("../themes/theme-") for a in links)
    assert all(a.get("aria-label") and a.find(f"{SVG}text") is not None for a in links)
    assert "currentColor" in theme_map(synthetic(200, 30))


def test_labels_are_escaped() -> None:
    theme = Theme("x", "<script>\"&'</script>", "x", ("a", "b"))
    other = Theme("y", "other", "y", ("a", "b"))
    entries = tuple(
        Entry(key=k, slug=k, paper=Paper(title="t", abstract="a", origin=Origin("o"))) for k in "ab"
    )
    svg = theme_map(Index(entries=entries, themes=(theme, other)))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_edges_keep_each_themes_strongest_ties() -> None:
    themes = [
        Theme("a", "a", "a", ("1", "2", "3")),
        Theme("b", "b", "b", ("1", "2", "4")),
        Theme("c", "c", "c", ("3", "9")),
        Theme("d", "d", "d", ("7", "8")),
    ]
    edges = {(e.a, e.b): e.shared for e in theme_edges(themes, per_theme=1)}
    assert edges == {("a", "b"): 2, ("a", "c"): 1}


@pytest.mark.parametrize("papers", [300, 35_000])
def test_legible_at_scale(papers: int) -> None:
    index = synthetic(papers, max(papers // 10, 40))
    start = time.perf_counter()
    themes = top_themes(index.themes)
    nodes = place(themes, theme_edges(themes))
    assert time.perf_counter() - start < 20
    assert len(nodes) <= MAP_THEMES
    assert min(n.font for n in nodes) >= 9
    assert overlaps(nodes) == []


def test_month_chart() -> None:
    counts = [(PaperDate(2024, 12), 3), (PaperDate(2025, 1), 0), (PaperDate(2025, 2), 5)]
    svg = month_chart(counts, "map.md")
    tree = ET.fromstring(svg.split("\n", 1)[1].rsplit("\n", 1)[0])
    hrefs = [a.get("href") for a in tree.iter(f"{SVG}a")]
    assert hrefs == ["../archive/2024-12/", "../archive/2025-02/"]
    assert month_chart([(PaperDate(2025, 1), 0)], "map.md") == ""


@pytest.mark.e2e
def test_map_page_links_every_node_to_a_theme(seed_site: Path) -> None:
    html = (seed_site / "map" / "index.html").read_text("utf-8")
    assert '<svg class="pi-map"' in html
    svg = html.split('<svg class="pi-map"', 1)[1].split("</svg>", 1)[0]
    hrefs = [part.split('"', 1)[0] for part in svg.split('<a href="../themes/')[1:]]
    themes = [p for p in (seed_site / "themes").iterdir() if (p / "index.html").is_file()]
    # Every theme page, up to MAP_THEMES of them.
    assert len(hrefs) == min(MAP_THEMES, len(themes))
    for href in hrefs:
        assert (seed_site / "themes" / href / "index.html").is_file()
