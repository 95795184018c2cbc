"""A library's memory: what a reader links to stays put from one build to the next.

A fresh fit of themes and related papers over a library that grew by a day moves many
papers that the day did not touch (new words shift every similarity a little). Between
re-fits the last build's result is kept and a day's papers are placed in it (`index.daily`).
A re-fit (asked for, after a new version of the code, packages or settings, or once the
library has changed by `REFIT_GROWTH` since the last fit) takes a fresh fit whole; a theme
it drops keeps its address as a page that points to the theme holding most of its papers.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from generator.index.build import Linked

# Papers added or removed since the last fit, as a share of the papers it was fitted on, past
# which a build fits afresh: the day-by-day placement of new papers (`index.daily`) keeps
# every theme as it was, and themes the new papers would change or make together with older
# ones wait for a fit.
REFIT_GROWTH = 0.10


def moved(last: Sequence[str], keys: Sequence[str]) -> int:
    """How many papers one build added or removed."""
    before, now = set(last), set(keys)
    return len(now - before) + len(before - now)


def grown_too_far(since_fit: int, fitted: int) -> bool:
    """Whether the papers added and removed since the last fit (`since_fit`, over all the
    builds since) pass `REFIT_GROWTH` of the library it was fitted on: by then the kept
    themes lag what a fit would find."""
    return since_fit > REFIT_GROWTH * max(fitted, 1)


def refit(last: Linked, fresh: Linked) -> Linked:
    """The fresh fit, with each theme of the last one that it drops kept as an address that
    names the fresh theme holding most of that theme's papers (`Linked.retired`)."""
    slugs = {t.slug for t in fresh.themes}
    standing = {t.key: t for t in fresh.themes}
    themes_of = dict(zip(fresh.keys, fresh.paper_themes, strict=True))
    retired = {slug: (label, to) for slug, label, to in last.retired if slug not in slugs}
    for theme in last.themes:
        if theme.key in standing or theme.slug in slugs:
            continue
        votes = Counter(t for key in theme.papers for t in themes_of.get(key, ()))
        successor = min(votes, key=lambda t: (-votes[t], t), default="")
        retired[theme.slug] = (theme.label, standing[successor].slug if successor else "")
    kept = tuple(sorted((slug, label, to) for slug, (label, to) in retired.items()))
    return dataclasses.replace(fresh, retired=kept)
