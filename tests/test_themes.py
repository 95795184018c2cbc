"""Theme stage: shared phrases whose papers are alike, variants merged, each paper's best."""

from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.index.acronyms import acronym_definitions, canonical
from generator.index.build import Settings, index_library
from generator.index.cohesion import chance, topic_space
from generator.index.keywords import GENERIC
from generator.index.phrases import RESEARCH_PROSE, can_name_theme, variant_key
from generator.index.related import text_vectors
from generator.index.themes import Offers, ThemeSettings, build_themes, measure, occurrences
from generator.model import Keyword
from tests.conftest import SHARED

DAY = SHARED / "eval" / "day-2025-10-15.topics.json"
TOPICS = {
    "splat": "gaussian splatting radiance rendering novel view synthesis scene",
    "fold": "protein folding structure prediction amino acid residues",
    "speech": "speech recognition acoustic audio transcription spoken",
    "graph": "graph neural message passing nodes edges molecules",
}


def kw(*keys: str) -> tuple[Keyword, ...]:
    return tuple(Keyword(k, k) for k in keys)


def library(
    groups: list[tuple[str, str, int]], extra: int = 8
) -> tuple[list[str], list[str], list[tuple[Keyword, ...]]]:
    """Papers in groups (topic words, shared phrase, count), plus unrelated filler papers."""
    texts, candidates = [], []
    for topic, phrase, count in groups:
        for i in range(count):
            texts.append(f"{phrase}. {TOPICS[topic]} variant{i} {phrase} study")
            candidates.append(kw(phrase))
    for i in range(extra):
        texts.append(f"unrelated filler words number{i} about topic{i} and subject{i}")
        candidates.append(kw(f"filler{i}"))
    return [f"p{i:03d}" for i in range(len(texts))], texts, candidates


def themes_of(
    keys: list[str], texts: list[str], candidates: list[tuple[Keyword, ...]], **changes: float
) -> dict[str, tuple[str, ...]]:
    definitions = acronym_definitions(texts)
    found, _ = build_themes(
        keys,
        texts,
        canonical(candidates, definitions),
        definitions,
        lambda: text_vectors(texts),
        ThemeSettings(**changes),  # type: ignore[arg-type]
    )
    return {t.key: t.papers for t in found}


def test_a_phrase_whose_papers_are_alike_is_a_theme() -> None:
    keys, texts, candidates = library([("splat", "gaussian splatting", 4), ("fold", "folding", 4)])
    found = themes_of(keys, texts, candidates)
    assert found["gaussian splatting"] == tuple(keys[:4])
    assert found["folding"] == tuple(keys[4:8])


def test_a_phrase_shared_by_unalike_papers_is_not_a_theme() -> None:
    keys, texts, candidates = library(
        [("splat", "gaussian splatting", 4), ("fold", "protein folding", 4)]
    )
    # "transformer" is written in one paper of each topic and of the fillers: no theme.
    for i in (0, 4, 8):
        texts[i] += " transformer"
        candidates[i] += kw("transformer")
    assert "transformer" not in themes_of(keys, texts, candidates)


def test_papers_that_use_a_phrase_join_its_theme_without_listing_it() -> None:
    keys, texts, candidates = library([("splat", "gaussian splatting", 4)])
    candidates[3] = kw("something else")
    assert themes_of(keys, texts, candidates)["gaussian splatting"] == tuple(keys[:4])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(RESEARCH_PROSE | GENERIC)))
def test_a_generic_research_word_never_becomes_a_theme(word: str) -> None:
    assert not can_name_theme(word)
    keys, texts, candidates = library([("splat", word, 5)])
    assert word not in themes_of(keys, texts, candidates)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["sparse", "pre", "training", "model", "splat", "fold"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    st.lists(st.sampled_from(["hyphen", "title", "plural", "joined"]), min_size=3, max_size=3),
)
def test_spelling_variants_are_one_theme(words: list[str], spellings: list[str]) -> None:
    def spell(how: str) -> str:
        if how == "hyphen":
            return "-".join(words)
        if how == "title":
            return " ".join(w.title() for w in words)
        if how == "plural":
            return " ".join(words) + "s"
        return "".join(words)

    forms = [spell(how) for how in spellings]
    from generator.index.keywords import phrase_key

    assert len({variant_key(phrase_key(f)) for f in forms}) == 1


def test_variants_and_fragments_make_one_theme() -> None:
    texts = [
        "We study 3D Gaussian Splatting (3DGS) for rendering radiance scenes.",
        "Gaussian splatting renders radiance scenes fast; 3DGS is our base.",
        "Faster 3D gaussian-splatting of radiance scenes with rendering tricks.",
        "3DGS rendering of radiance scenes with gaussian splatting.",
    ] + [f"unrelated filler words number{i} about topic{i}" for i in range(8)]
    candidates = [
        kw("3d gaussian splatting"),
        kw("gaussian splatting", "3dg"),
        kw("3d gaussian splatting"),
        kw("3dg", "gaussian splatting"),
    ] + [kw(f"filler{i}") for i in range(8)]
    keys = [f"p{i:03d}" for i in range(len(texts))]
    found = themes_of(keys, texts, candidates)
    assert found == {"3d gaussian splatting": tuple(keys[:4])}


def test_a_theme_with_most_of_the_library_is_a_category_not_a_theme() -> None:
    keys, texts, candidates = library([("splat", "gaussian splatting", 40)], extra=40)
    assert themes_of(keys, texts, candidates, most_share=0.03, most_floor=30) == {}
    assert "gaussian splatting" in themes_of(keys, texts, candidates, most_floor=40)


def test_occurrences_find_phrases_in_any_form() -> None:
    found = occurrences(
        ["Large Language Models are here.", "one large language model", "language models"],
        [[("large", "language", "model")], [("language", "model")]],
    )
    assert found == [{0, 1}, {0, 1, 2}]


@pytest.mark.corpus
@pytest.mark.skipif(not DAY.exists(), reason="needs ../shared/eval")
def test_every_theme_of_a_real_day_joins_papers_that_are_alike() -> None:
    """A property of the 200 papers of one arXiv day (their text only, never their labels):
    every theme's papers are more alike than chance by the set margin, every member is alike
    to the others, no theme is a generic word or a spelling of another."""
    from generator.sources import read_library

    papers, problems, _ = read_library([DAY])
    assert not problems
    index, _ = index_library(papers)
    by_key = {e.key: e for e in index.entries}
    keys = sorted(by_key)
    texts = [
        by_key[k].paper.title + ". " + by_key[k].paper.title + ". " + by_key[k].paper.abstract
        for k in keys
    ]
    space = topic_space(text_vectors(texts))
    base = chance(space)
    position = {k: i for i, k in enumerate(keys)}
    theme_settings = Settings().themes
    assert len(index.themes) > 50
    offers = Offers.of([sorted(position[p] for p in t.papers) for t in index.themes], len(keys))
    kept = np.ones(len(offers.theme), dtype=bool)
    scores, sizes, alike = measure(space, offers, kept)
    assert (alike >= theme_settings.cohesion * base).all()
    assert (scores >= theme_settings.fill * base).all()
    fewest, most = theme_settings.sizes(len(keys))
    assert ((sizes >= fewest) & (sizes <= most)).all()
    for theme in index.themes:
        assert can_name_theme(theme.key), theme.key
        assert all(theme.key in by_key[p].themes for p in theme.papers)
    assert len({variant_key(t.key) for t in index.themes}) == len(index.themes)
    covered = sum(1 for e in index.entries if len(e.themes) >= 2) / len(index.entries)
    assert covered >= 0.8


def test_unalike_pairs_are_rarer_inside_themes_than_in_the_library() -> None:
    keys, texts, candidates = library(
        [("splat", "gaussian splatting", 4), ("fold", "folding", 4), ("speech", "speech", 4)]
    )
    found = themes_of(keys, texts, candidates)
    topic = {k: i // 4 for i, k in enumerate(keys)}
    pairs = [(a, b) for papers in found.values() for a, b in combinations(papers, 2)]
    assert pairs and all(topic[a] == topic[b] for a, b in pairs)


def test_same_input_same_themes() -> None:
    keys, texts, candidates = library([("splat", "gaussian splatting", 4), ("fold", "folding", 4)])
    assert json.dumps(themes_of(keys, texts, candidates)) == json.dumps(
        themes_of(keys, texts, candidates)
    )
