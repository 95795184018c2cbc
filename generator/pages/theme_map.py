"""One static SVG of the whole index: the largest themes, joined where they share papers. Pure.

The layout is networkx's spring layout with a fixed seed, rounded, then spread apart so no two
labels overlap: the same index always gives the same bytes. Colours come from Material's CSS
variables, so the map follows the light and dark palettes; every node links to its theme.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from generator.model import Index, Theme
from generator.pages.markdown import GENERATED_NOTE

MAP_THEMES = 50
EDGES_PER_THEME = 3
WIDTH, HEIGHT, MARGIN = 1100, 780, 20
SEED = 7
MAX_LABEL = 30
MAP = "map.md"
# Full width: the map needs the room the navigation and contents sidebars take.
MAP_MATTER = '---\ntitle: "Theme map"\nhide: [navigation, toc]\n---\n'
STYLE = (
    ".pi-map{color:var(--md-default-fg-color,#222);font-family:var(--md-text-font-family,sans-serif)}"
    ".pi-map .pi-edge{stroke:currentColor;stroke-opacity:.28;stroke-linecap:round}"
    ".pi-map circle{fill:var(--md-primary-fg-color,#4051b5);fill-opacity:.85;"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
    ".pi-map text{fill:currentColor;paint-order:stroke;stroke:var(--md-default-bg-color,#fff);"
    "stroke-width:4px;stroke-linejoin:round;text-anchor:middle}"
    ".pi-map a:hover circle,.pi-map a:focus circle{fill:var(--md-accent-fg-color,#526cfe)}"
    ".pi-map a:hover text,.pi-map a:focus text{text-decoration:underline}"
)


@dataclass(frozen=True)
class Node:
    """A theme on the map: centre, circle radius and label size, in SVG units."""

    theme: Theme
    x: float
    y: float
    r: float
    font: float

    @property
    def label(self) -> str:
        label = self.theme.label
        return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"

    def box(self) -> tuple[float, float]:
        """Half width and half height of circle plus label below it, for spacing."""
        text = 0.56 * self.font * len(self.label)
        return max(self.r, text / 2) + 4, self.r + self.font * 0.7 + 4


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    shared: int


def top_themes(themes: Sequence[Theme], count: int = MAP_THEMES) -> list[Theme]:
    return sorted(themes, key=lambda t: (-len(t.papers), t.label.casefold(), t.key))[:count]


def theme_edges(themes: Sequence[Theme], per_theme: int = EDGES_PER_THEME) -> list[Edge]:
    """Each theme's strongest links by shared papers: weak ties would bury the map in lines."""
    papers = {t.key: frozenset(t.papers) for t in themes}
    pairs = [
        Edge(a, b, len(papers[a] & papers[b]))
        for a, b in combinations(sorted(papers), 2)
        if papers[a] & papers[b]
    ]
    kept: set[tuple[str, str]] = set()
    for key in sorted(papers):
        mine = sorted((e for e in pairs if key in (e.a, e.b)), key=lambda e: (-e.shared, e.a, e.b))
        kept.update((e.a, e.b) for e in mine[:per_theme])
    return [e for e in pairs if (e.a, e.b) in kept]


def spring(themes: Sequence[Theme], edges: Sequence[Edge]) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]²: themes sharing many papers (relative to their size) pull together."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(t.key for t in themes))
    sizes = {t.key: len(t.papers) for t in themes}
    for e in edges:
        graph.add_edge(e.a, e.b, weight=e.shared / min(sizes[e.a], sizes[e.b]))
    if len(graph) == 1:
        return {next(iter(graph)): (0.5, 0.5)}
    k = 1.6 / math.sqrt(max(len(graph), 1))
    found = nx.spring_layout(graph, k=k, iterations=300, seed=SEED, weight="weight")
    xs = [float(p[0]) for p in found.values()]
    ys = [float(p[1]) for p in found.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        key: (
            round((float(p[0]) - min(xs)) / span_x, 4),
            round((float(p[1]) - min(ys)) / span_y, 4),
        )
        for key, p in sorted(found.items())
    }


def place(themes: Sequence[Theme], edges: Sequence[Edge]) -> list[Node]:
    """Nodes sized by paper count at their spring positions, then pushed apart to not overlap."""
    if not themes:
        return []
    most = max(len(t.papers) for t in themes)
    where = spring(themes, edges)
    nodes = []
    for theme in sorted(themes, key=lambda t: t.key):
        share = math.sqrt(len(theme.papers) / most)
        x, y = where[theme.key]
        nodes.append(
            Node(theme, x * WIDTH, y * HEIGHT, round(6 + 24 * share, 1), round(12 + 5 * share, 1))
        )
    return fit(spread(nodes))


def spread(nodes: list[Node], rounds: int = 400) -> list[Node]:
    """Moves overlapping boxes apart along their shorter overlap; deterministic, bounded."""
    xs = [n.x for n in nodes]
    ys = [n.y for n in nodes]
    boxes = [n.box() for n in nodes]
    for _ in range(rounds):
        moved = False
        for i, j in combinations(range(len(nodes)), 2):
            dx, dy = xs[j] - xs[i], ys[j] - ys[i]
            ox = boxes[i][0] + boxes[j][0] - abs(dx)
            oy = boxes[i][1] + boxes[j][1] - abs(dy)
            if ox <= 0 or oy <= 0:
                continue
            moved = True
            if ox < oy:
                step = (ox / 2 + 0.5) * (1 if dx > 0 or (dx == 0 and i < j) else -1)
                xs[i], xs[j] = xs[i] - step, xs[j] + step
            else:
                step = (oy / 2 + 0.5) * (1 if dy > 0 or (dy == 0 and i < j) else -1)
                ys[i], ys[j] = ys[i] - step, ys[j] + step
        if not moved:
            break
    return [Node(n.theme, x, y, n.r, n.font) for n, x, y in zip(nodes, xs, ys, strict=True)]


def fit(nodes: list[Node]) -> list[Node]:
    """Scales the layout into the drawing, boxes and all, then widens it to fill the width."""
    boxes = [n.box() for n in nodes]
    left = min(n.x - b[0] for n, b in zip(nodes, boxes, strict=True))
    right = max(n.x + b[0] for n, b in zip(nodes, boxes, strict=True))
    top = min(n.y - n.r - 2 for n in nodes)
    bottom = max(n.y + b[1] * 2 - n.r for n, b in zip(nodes, boxes, strict=True))
    wide = (WIDTH - 2 * MARGIN) / ((right - left) or 1)
    scale = min(wide, (HEIGHT - 2 * MARGIN) / ((bottom - top) or 1), 1.0)
    scaled = [
        Node(
            n.theme,
            MARGIN + (n.x - left) * scale,
            MARGIN + (n.y - top) * scale,
            round(n.r * scale, 1),
            round(max(n.font * scale, 9.0), 1),
        )
        for n in nodes
    ]
    stretch = widest_stretch(scaled)
    low = min(n.x * stretch - n.box()[0] for n in scaled)
    return [
        Node(n.theme, round(n.x * stretch - low + MARGIN, 1), round(n.y, 1), n.r, n.font)
        for n in scaled
    ]


def widest_stretch(nodes: list[Node]) -> float:
    """The largest horizontal factor (≥ 1) that keeps every box inside the drawing.

    Stretching only widens the gaps between boxes, so it cannot make two of them overlap.
    """

    def width(k: float) -> float:
        return max(n.x * k + n.box()[0] for n in nodes) - min(n.x * k - n.box()[0] for n in nodes)

    low, high = 1.0, 4.0
    if width(low) >= WIDTH - 2 * MARGIN:
        return 1.0
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if width(middle) <= WIDTH - 2 * MARGIN else (low, middle)
    return low


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def map_svg(nodes: Sequence[Node], edges: Sequence[Edge], here: str) -> str:
    """The map as inline SVG; links are relative to the built page of `here`."""
    up = "../" * (here.count("/") + (0 if here.endswith("index.md") else 1))
    at = {n.theme.key: n for n in nodes}
    most = max((e.shared for e in edges), default=1)
    lines = [
        f'<svg class="pi-map" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        f'role="group" aria-labelledby="pi-map-title">',
        f'<title id="pi-map-title">Map of the {len(nodes)} largest themes and the papers '
        "they share</title>",
        f"<style>{STYLE}</style>",
        '<g class="pi-edges">',
    ]
    for e in sorted(edges, key=lambda e: (e.shared, e.a, e.b)):
        a, b = at[e.a], at[e.b]
        width = round(1 + 5 * e.shared / most, 1)
        ends = f'x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}"'
        lines.append(f'<line class="pi-edge" {ends} stroke-width="{width}"/>')
    lines.append('</g><g class="pi-nodes">')
    for n in sorted(nodes, key=lambda n: (-len(n.theme.papers), n.theme.key)):
        count = len(n.theme.papers)
        # The visible label starts the accessible name, also when it is cut short.
        whole = "" if n.label == n.theme.label else f" ({n.theme.label})"
        name = escape(f"{n.label}{whole}: {count} papers")
        lines.append(
            f'<a href="{up}themes/{escape(n.theme.slug)}/" aria-label="{name}">'
            f"<title>{name}</title>"
            f'<circle cx="{n.x}" cy="{n.y}" r="{n.r}"/>'
            f'<text x="{n.x}" y="{round(n.y + n.r + n.font, 1)}" font-size="{n.font}">'
            f"{escape(n.label)}</text></a>"
        )
    lines.append("</g></svg>")
    return "\n".join(lines)


def theme_map(index: Index, here: str = MAP) -> str:
    """The SVG for `index`, or '' when it has no themes."""
    themes = top_themes(index.themes)
    edges = theme_edges(themes)
    nodes = place(themes, edges)
    return map_svg(nodes, edges, here) if nodes else ""


def map_page(index: Index, chart: str) -> str:
    """`map.md`: the theme map, full width, and papers per month where papers have dates."""
    out = [
        MAP_MATTER,
        GENERATED_NOTE,
        "# Theme map\n",
    ]
    svg = theme_map(index)
    if svg:
        shown = min(len(index.themes), MAP_THEMES)
        out.append(
            f"The {shown} largest of {len(index.themes)} themes. A circle grows with the theme's "
            "papers; a line joins two themes that share papers, thicker for more. "
            "Select a theme to open its page, or see [all themes](themes/index.md).\n"
        )
        out.append(f'<div class="pi-map-wrap">\n{svg}\n</div>\n')
    else:
        out.append("This index has no themes yet, so there is nothing to map.\n")
    out.append("## Papers per month\n")
    if chart:
        out.append(chart + "\n\nEach bar opens that month in the [archive](archive/index.md).\n")
    else:
        out.append("None of the papers in this index has a date, so there is no timeline.\n")
    return "\n".join(out)
