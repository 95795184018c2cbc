"""A library's memory: what a reader links to stays put from one build to the next.

A fresh fit of themes and related papers over a library that grew by a day moves many
papers that the day did not touch (new words shift every similarity a little). Between
re-fits the last build's result is kept instead: its themes keep their addresses and their
papers, new papers join the themes the fresh fit puts them in, a theme appears when the new
papers make one on their own, and an older paper's related list changes only where a new
paper now ranks in it. A re-fit (asked for, or once the kept result has drifted too far from
a fresh fit) takes the fresh fit whole; a theme it drops keeps its address as a page that
points to the theme holding most of its papers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator.model import Theme

# When a fresh fit would give this share more papers two themes or more than the kept themes
# do, a build re-fits.
REFIT_DRIFT = 0.05

Found = list[tuple[int, float, tuple[str, ...]]]


@dataclass(frozen=True)
class Fit:
    """Themes and related papers of a library, by the papers' position in `keys`; `retired`
    maps the slug of each theme a re-fit dropped to (its label, its successor's slug or "")."""

    keys: tuple[str, ...]
    themes: tuple[Theme, ...]
    paper_themes: list[tuple[str, ...]]
    related: list[Found]
    retired: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def drift(kept: Fit, fresh: Fit, wanted: int = 2) -> float:
    """How much worse the kept themes serve the library than a fresh fit would: the share
    of papers with `wanted` themes or more under the fresh fit, less the share under the
    kept one. Papers on topics the kept themes do not know lower it as they arrive."""
    if not fresh.keys:
        return 0.0

    def served(fit: Fit) -> float:
        return sum(len(themes) >= wanted for themes in fit.paper_themes) / len(fit.keys)

    return served(fresh) - served(kept)


def carry(last: Fit, fresh: Fit, fewest: int, count: int, shown: int) -> Fit:
    """The last fit carried onto the fresh one's papers (see the module's docstring)."""
    position = {key: i for i, key in enumerate(fresh.keys)}
    known = {key for key in last.keys if key in position}
    new = [i for i, key in enumerate(fresh.keys) if key not in known]
    members: dict[str, set[str]] = {}
    themes: dict[str, Theme] = {}
    for theme in last.themes:
        joined = {fresh.keys[i] for i in new if theme.key in fresh.paper_themes[i]} | (
            set(theme.papers) & known
        )
        if joined:
            members[theme.key], themes[theme.key] = joined, theme
    for theme in fresh.themes:
        arrived = {key for key in theme.papers if key not in known}
        if theme.key not in themes and len(arrived) >= fewest:
            members[theme.key], themes[theme.key] = arrived, theme
    paper_themes: list[tuple[str, ...]] = []
    last_of = dict(zip(last.keys, last.paper_themes, strict=True))
    for i, key in enumerate(fresh.keys):
        order = last_of[key] if key in known else fresh.paper_themes[i]
        paper_themes.append(tuple(t for t in order if t in members and key in members[t]))
    sizes = {key: len(papers) for key, papers in members.items()}
    related = [
        [
            (j, score, shared_themes(paper_themes[i], paper_themes[j], sizes, shown))
            for j, score, _ in found
        ]
        for i, found in enumerate(carry_related(last, fresh, known, count))
    ]
    kept = tuple(
        Theme(t.key, t.label, t.slug, tuple(sorted(members[t.key])))
        for t in sorted(themes.values(), key=lambda t: t.key)
    )
    slugs = {t.slug for t in kept}
    retired = {slug: entry for slug, entry in last.retired.items() if slug not in slugs}
    return Fit(fresh.keys, kept, paper_themes, related, retired)


def carry_related(last: Fit, fresh: Fit, known: set[str], count: int) -> list[Found]:
    """Each known paper's last list, with a new paper in it where the fresh fit ranks one
    above the list's last entry; a new paper's list as the fresh fit makes it."""
    position = {key: i for i, key in enumerate(fresh.keys)}
    last_of = dict(zip(last.keys, last.related, strict=True))
    related: list[Found] = []
    for i, key in enumerate(fresh.keys):
        if key not in known:
            related.append(fresh.related[i])
            continue
        kept = [
            (position[last.keys[j]], score, shared)
            for j, score, shared in last_of[key]
            if last.keys[j] in position
        ]
        entering = [
            (j, score, shared)
            for j, score, shared in fresh.related[i]
            if fresh.keys[j] not in known
        ]
        merged = sorted(kept + entering, key=lambda link: (-link[1], link[0]))
        related.append(merged[:count])
    return related


def shared_themes(
    mine: Sequence[str], theirs: Sequence[str], sizes: Mapping[str, int], shown: int
) -> tuple[str, ...]:
    """The themes two papers share, the smallest (the one that says most) first."""
    return tuple(sorted(set(mine) & set(theirs), key=lambda t: (sizes[t], t))[:shown])


def refit(last: Fit, fresh: Fit) -> Fit:
    """The fresh fit, with each theme of the last one that it drops kept as an address that
    names the fresh theme holding most of that theme's papers."""
    standing = {t.key for t in fresh.themes}
    slugs = {t.slug for t in fresh.themes}
    themes_of = dict(zip(fresh.keys, fresh.paper_themes, strict=True))
    slug_of = {t.key: t for t in fresh.themes}
    retired = {slug: entry for slug, entry in last.retired.items() if slug not in slugs}
    for theme in last.themes:
        if theme.key in standing or theme.slug in slugs:
            continue
        votes = Counter(t for key in theme.papers for t in themes_of.get(key, ()))
        successor = min(votes, key=lambda t: (-votes[t], t), default="")
        retired[theme.slug] = (theme.label, slug_of[successor].slug if successor else "")
    return Fit(fresh.keys, fresh.themes, fresh.paper_themes, fresh.related, retired)
