"""`papers.json`: every paper's id, title, keywords, themes and related papers."""

from __future__ import annotations

import json

from generator.model import Index


def export(index: Index) -> str:
    """`papers.json`: the machine-readable index, for tools and tests."""
    themes = {t.key: t.label for t in index.themes}
    slugs = {e.key: e.slug for e in index.entries}
    records = [
        {
            "id": e.slug,
            "title": e.paper.title,
            "url": f"papers/{e.slug}/",
            "keywords": [k.text for k in e.keywords],
            "themes": [themes[t] for t in e.themes],
            "related": [
                {
                    "id": slugs[r.paper],
                    "score": r.score,
                    "shared_themes": [themes[t] for t in r.shared_themes],
                }
                for r in e.related
            ],
        }
        for e in index.entries
    ]
    # One record a line: readable, and a fifth smaller than indented JSON at 35,000 papers.
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return "[\n" + ",\n".join(lines) + "\n]\n"
