"""A day's papers placed in the kept themes: older papers keep theirs, related lists change
only where a new paper enters."""

from __future__ import annotations

import numpy as np
import pytest

from generator.index.build import Keyworded, Linked, Settings, index_library
from generator.index.daily import add_papers, phrase_sequences, placed
from generator.index.themes import ThemeSettings
from generator.model import Theme
from generator.sources import read_library
from tests.conftest import SHARED

DAY = SHARED / "eval" / "day-2025-10-15.topics.json"
SETTINGS = ThemeSettings(affinity=2.0, fill=1.0, wanted=2, per_paper=5, join_upto=3)


def test_a_new_paper_joins_themes_it_names_and_is_alike_to() -> None:
    base = 0.1
    # Themes 0 and 1 are named by the paper; 0 is alike enough, 1 only to `fill`; 2 is not
    # named but three times as alike as chance (a join by meaning); 3 is neither.
    scores = np.array([0.25, 0.12, 0.35, 0.05])
    sizes = np.array([5.0, 5.0, 5.0, 5.0])
    assert placed(scores, {0, 1}, sizes, 30, base, SETTINGS) == [2, 0, 1]
    # A paper that names nothing and is alike to nothing joins nothing.
    assert placed(np.array([0.05, 0.02]), set(), sizes[:2], 30, base, SETTINGS) == []
    # A full theme takes no more papers.
    assert placed(scores, {0, 1}, np.array([30.0, 5.0, 30.0, 5.0]), 30, base, SETTINGS) == [1]


def test_a_theme_is_named_by_its_key_and_its_acronym() -> None:
    theme = Theme("low-rank adaptation", "low-rank adaptation (LoRA)", "lora", ())
    assert phrase_sequences(theme) == [("lora",), ("low", "rank", "adaptation")]


@pytest.mark.skipif(not DAY.exists(), reason="needs ../shared")
def test_older_papers_keep_their_themes_and_lists_change_only_where_new_papers_enter() -> None:
    papers, _, _ = read_library([DAY])
    settings = Settings()
    before, _ = index_library(papers[:190], settings)
    after, _ = index_library(papers, settings)  # only for the keys, texts and keywords
    old_keys = [e.key for e in before.entries]
    keys = [e.key for e in after.entries]
    position = {key: i for i, key in enumerate(old_keys)}
    candidates = [tuple(e.keywords) for e in after.entries]
    last = Linked(
        before.themes,
        [e.themes for e in before.entries],
        [e.keywords for e in before.entries],
        [
            [(position[link.paper], link.score, link.shared_themes) for link in e.related]
            for e in before.entries
        ],
        keys=tuple(old_keys),
    )
    library = Keyworded(keys, [e.paper for e in after.entries], candidates)
    added = add_papers(last, library, settings)
    themes, paper_themes, shown, related = (
        added.themes,
        added.paper_themes,
        added.shown,
        added.related,
    )
    new = {key for key in keys if key not in position}
    by_key = {t.key: t for t in themes}
    for i, key in enumerate(keys):
        for theme_key in paper_themes[i]:
            assert key in by_key[theme_key].papers
        if key in new:
            continue
        old = before.entries[position[key]]
        assert paper_themes[i] == old.themes
        assert shown[i] == old.keywords
        kept = [keys[j] for j, _, _ in related[i] if keys[j] not in new]
        assert kept == [link.paper for link in old.related][: len(kept)]
        # A kept link says the same shared themes, though the day made some themes larger.
        said = {link.paper: link.shared_themes for link in old.related}
        assert [shared for j, _, shared in related[i] if keys[j] not in new] == [
            said[k] for k in kept
        ]
        if len(kept) < len(old.related):  # a new paper took a place: it outranks the last
            entered = [score for j, score, _ in related[i] if keys[j] in new]
            assert min(entered) >= old.related[-1].score
    for theme in before.themes:
        assert set(theme.papers) <= set(by_key[theme.key].papers)
    assert sum(bool(paper_themes[keys.index(k)]) for k in new) >= len(new) // 2
