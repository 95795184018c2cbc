"""`make bench-theme-ceiling`: how high topic F1 could go on each hand-labelled day.

Topic F1 (the shared `theme_quality.py`) takes, for each hand-labelled topic, the one theme
whose papers match it best. This prints that figure for the themes a build makes and for
groups no build could choose without the labels, each scored by the same scorer:

- every candidate phrase's papers (all the phrases themes are chosen from, before any is
  judged): the most a theme named by a phrase its papers use could reach;
- every two themes taken together: a theme page that is the union of two;
- each paper with its 1 to 11 nearest papers, in the topic space, in the meaning space and in
  both: the most a neighbourhood of alike papers could reach, whether or not it has a name.

It then adds groups a build could make beside the themes, as unnamed pages would be, with
the figures they cost: clusters of alike papers (average linkage over both spaces, a cluster
for every 4, 5 or 6 papers), and each paper with its 4 nearest (most alike first, a group
kept while it shares less than a third, or two thirds, of its papers with every group kept).
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.preprocessing import normalize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.themes import SETS, SHARED, load  # noqa: E402
from generator.index.acronyms import acronym_definitions, canonical  # noqa: E402
from generator.index.build import (  # noqa: E402
    Keyworded,
    Linked,
    Settings,
    Timings,
    index_library,
    link_library,
)
from generator.index.themes import PhrasePapers, phrase_papers, phrase_texts  # noqa: E402
from generator.sources import read_library  # noqa: E402

Groups = list[set[int]]


@functools.cache
def scorer() -> Any:
    """The shared `theme_quality.py`, read once."""
    return load(SHARED / "eval" / "theme_quality.py")


def recorded_link(store: dict[str, Any]) -> Any:
    """The library's own link stage, keeping what it was given and the spaces it made, and
    every candidate phrase's papers as the themes stage finds them."""

    def link(library: Keyworded, settings: Settings, timings: Timings, workers: int) -> Linked:
        linked = link_library(library, settings, timings, workers)
        texts = phrase_texts(library.papers, settings.keywords.max_chars)
        definitions = acronym_definitions(texts)
        folded = canonical(library.candidates, definitions)
        fewest, _ = settings.themes.sizes(len(library.keys))
        store["phrases"] = phrase_papers(texts, folded, definitions, settings.themes, fewest)
        store["library"], store["linked"] = library, linked
        return linked

    return link


def gold_topics(gold: Path, titles: list[str]) -> dict[int, set[str]]:
    """Each paper's hand-labelled topics, by its position, matched by title as the scorer
    matches them."""
    quality = scorer()
    labels = json.loads(gold.read_text(encoding="utf-8"))["labels"]
    by_title = {quality.norm(g["title"]): g for g in labels}
    found = {i: by_title.get(quality.norm(t)) for i, t in enumerate(titles)}
    return {i: set(g["topics"]) for i, g in found.items() if g is not None}


def figures(groups: Iterable[set[int]], topics: dict[int, set[str]]) -> str:
    """Pair purity and topic F1 by the shared scorer, and the share of groups whose papers
    share no topic, of groups of two or more labelled papers."""
    quality = scorer()
    labelled = [g & topics.keys() for g in groups]
    kept = {n: g for n, g in enumerate(labelled) if len(g) >= 2}
    purity, f1, _ = quality.scores(kept, topics, len(topics))
    apart = sum(
        not any(topics[a] & topics[b] for a, b in itertools.combinations(g, 2))
        for g in kept.values()
    )
    return (
        f"pair purity {purity:.3f}  topic F1 {f1:.3f}  "
        f"no shared topic {apart / max(1, len(kept)):.0%}  groups {len(kept)}"
    )


def neighbourhoods(rows: np.ndarray, most: int = 11) -> Groups:
    """Each paper with its 1 to `most` nearest others."""
    unit = normalize(rows)
    alike = unit @ unit.T
    np.fill_diagonal(alike, -np.inf)
    order = np.argsort(-alike, axis=1, kind="stable")[:, :most]
    return [{i, *order[i, :k].tolist()} for i in range(len(rows)) for k in range(1, most + 1)]


def clusters(rows: np.ndarray, count: int) -> Groups:
    labels = AgglomerativeClustering(count, metric="cosine", linkage="average").fit(rows)
    found: dict[int, set[int]] = defaultdict(set)
    for paper, label in enumerate(labels.labels_.tolist()):
        found[label].add(paper)
    return list(found.values())


def distinct(groups: Groups, kept: Groups, rows: np.ndarray, overlap: float) -> Groups:
    """`groups`, most alike first, each kept while its Jaccard overlap with every group
    kept before it (`kept` first) is below `overlap`."""
    alike = rows @ rows.T

    def mean_alike(group: set[int]) -> float:
        at = sorted(group)
        return float(alike[np.ix_(at, at)].sum() - len(at)) / (len(at) * (len(at) - 1))

    chosen = list(kept)
    for group in sorted(groups, key=lambda g: (-mean_alike(g), sorted(g))):
        if all(len(group & other) < overlap * len(group | other) for other in chosen):
            chosen.append(group)
    return chosen[len(kept) :]


def report(name: str, gold: Path) -> None:
    store: dict[str, Any] = {}
    papers, problems, _ = read_library([gold])
    assert not problems, problems
    index_library(papers, Settings(), link=recorded_link(store))
    library, linked = store["library"], store["linked"]
    found: PhrasePapers = store["phrases"]
    titles = [p.title for p in library.papers]
    topics = gold_topics(gold, titles)
    at = {key: i for i, key in enumerate(library.keys)}
    themes = [{at[k] for k in t.papers} for t in linked.themes]
    topic_rows, meaning = linked.spaces.topics.rows, normalize(linked.spaces.meaning)
    both = normalize(np.hstack([topic_rows, meaning]))
    print(f"## {name}: {len(titles)} papers, {len(themes)} themes")
    print(f"themes                          {figures(themes, topics)}")
    phrase_groups = [set(p) for p in found.papers if len(p) >= 2]
    print(f"every candidate phrase's papers {figures(phrase_groups, topics)}")
    pairs = [a | b for a, b in itertools.combinations(themes, 2)]
    print(f"themes and every two together   {figures(themes + pairs, topics)}")
    for space, rows in (("topic", topic_rows), ("meaning", meaning), ("both", both)):
        near = neighbourhoods(rows)
        print(f"nearest 1-11, {space:7s} space     {figures(near, topics)}")
    for per in (4, 5, 6):
        made = [c for c in clusters(both, round(len(titles) / per)) if len(c) >= 3]
        print(f"themes + a cluster per {per} papers {figures(themes + made, topics)}")
    nearest = [g for g in neighbourhoods(both, 4) if len(g) == 5]
    for overlap, share in ((1 / 3, "a third"), (2 / 3, "2/3")):
        made = distinct(nearest, themes, both, overlap)
        print(f"themes + 5 alike, < {share:7s} shared {figures(themes + made, topics)}")


def main() -> None:
    for name, gold in SETS.items():
        report(name, gold)


if __name__ == "__main__":
    main()
