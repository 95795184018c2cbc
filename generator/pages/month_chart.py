"""A small SVG bar chart of papers per month, each bar a link to that month's archive. Pure."""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.dates import PaperDate
from generator.pages.archive import date_page

WIDTH, HEIGHT, BASE, TOP = 800, 170, 140, 18
STYLE = (
    ".pi-chart{color:var(--md-default-fg-color,#222)}"
    ".pi-chart rect{fill:var(--md-primary-fg-color,#4051b5)}"
    ".pi-chart a:hover rect,.pi-chart a:focus rect{fill:var(--md-accent-fg-color,#526cfe)}"
    ".pi-chart text{fill:currentColor;font-size:12px}"
    ".pi-chart line{stroke:currentColor;stroke-opacity:.4}"
)


def month_chart(counts: Sequence[tuple[PaperDate, int]], here: str) -> str:
    """Bars oldest to newest; '' when no paper has a month. Links are relative to `here`."""
    if not any(n for _, n in counts):
        return ""
    up = "../" * (here.count("/") + (0 if here.endswith("index.md") else 1))
    most = max(n for _, n in counts)
    step = (WIDTH - 20) / len(counts)
    bar = max(step * 0.8, 1.0)
    first, last = counts[0][0].shown(), counts[-1][0].shown()
    label = f"Papers per month, {first} to {last}; the busiest month has {most} papers"
    lines = [
        f'<svg class="pi-chart" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        f'role="group" aria-label="{html.escape(label)}">',
        f"<style>{STYLE}</style>",
        f'<line x1="10" y1="{BASE}" x2="{WIDTH - 10}" y2="{BASE}"/>',
        f'<text x="10" y="12">{most} papers</text>',
    ]
    for i, (date, count) in enumerate(counts):
        x = round(10 + i * step + (step - bar) / 2, 1)
        if date.month == 1 or i == 0:
            lines.append(f'<text x="{x}" y="{BASE + 18}">{date.year}</text>')
        if not count:
            continue
        height = round(max((BASE - TOP) * count / most, 1.5), 1)
        name = html.escape(f"{date.shown()}: {count} papers")
        y, width = round(BASE - height, 1), round(bar, 1)
        lines.append(
            f'<a href="{up}{date_page(date).removesuffix(".md")}/" aria-label="{name}">'
            f"<title>{name}</title>"
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}"/></a>'
        )
    lines.append("</svg>")
    return '<div class="pi-chart-wrap">\n' + "\n".join(lines) + "\n</div>"
