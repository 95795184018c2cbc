"""Theme stage: shared phrases whose papers are alike, variants merged, each paper's best."""

from __future__ import annotations

import json
import re
from itertools import combinations

import numpy as np
import pytest
import Stemmer
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from generator.index.acronyms import acronym_definitions, canonical
from generator.index.build import Settings, index_library
from generator.index.cohesion import chance, cohesion, meaning_floor, topic_space
from generator.index.keywords import GENERIC
from generator.index.meaning import meaning_vectors
from generator.index.phrases import (
    QUOTES,
    RESEARCH_PROSE,
    bare,
    can_name_theme,
    is_noun_phrase,
    qualifies_only,
    theme_label,
    unquoted,
    variant_key,
)
from generator.index.related import similarity_texts, text_vectors
from generator.index.themes import (
    CandidateMatrix,
    ThemeSettings,
    build_themes,
    longer_form,
    measure,
    occurrences,
    shared_names,
    whole_names,
)
from generator.model import Keyword, Theme
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


def built(
    keys: list[str],
    texts: list[str],
    candidates: list[tuple[Keyword, ...]],
    settings: ThemeSettings | None = None,
    meaning: np.ndarray | None = None,
) -> tuple[Theme, ...]:
    definitions = acronym_definitions(texts)
    found, _ = build_themes(
        keys,
        texts,
        canonical(candidates, definitions),
        definitions,
        lambda: topic_space(text_vectors(texts)),
        settings or ThemeSettings(),
        None if meaning is None else (lambda: meaning),
    )
    return found


def themes_of(
    keys: list[str], texts: list[str], candidates: list[tuple[Keyword, ...]], **changes: float
) -> dict[str, tuple[str, ...]]:
    settings = ThemeSettings(**changes)  # type: ignore[arg-type]
    return {t.key: t.papers for t in built(keys, texts, candidates, settings)}


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


def test_a_phrase_one_paper_short_of_a_theme_seeds_one_its_topic_joins_by_meaning() -> None:
    # 70 papers: a theme needs 3. Two write "energy landscape"; a third is on their topic
    # in other words.
    keys, texts, candidates = library([("fold", "energy landscape", 3)], extra=67)
    texts[2] = texts[2].replace("energy landscape", "")
    candidates[2] = kw("something else")
    assert themes_of(keys, texts, candidates)["energy landscape"] == tuple(keys[:3])
    assert "energy landscape" not in themes_of(keys, texts, candidates, seed_cohesion=1e9)


def test_a_theme_whose_papers_share_words_but_not_meaning_goes() -> None:
    keys, texts, candidates = library(
        [("splat", "gaussian splatting", 4), ("fold", "protein folding", 4)]
    )
    # The folding papers mean one thing; the splatting papers and the fillers each another.
    meaning = np.eye(len(keys), len(keys) + 1)
    meaning[4:8] = np.eye(1, len(keys) + 1, len(keys))
    found = built(keys, texts, candidates, meaning=meaning)
    assert {t.key: t.papers for t in found} == {"protein folding": tuple(keys[4:8])}
    assert set(themes_of(keys, texts, candidates)) == {"gaussian splatting", "protein folding"}


@pytest.mark.parametrize("seed", range(5))
def test_the_meaning_floor_is_the_mean_pair_similarity_plus_deviations(seed: int) -> None:
    rows = np.random.default_rng(seed).normal(size=(30, 6))
    pairs = [float(rows[i] @ rows[j]) for i, j in combinations(range(30), 2)]
    expected = float(np.mean(pairs) + 0.7 * np.std(pairs))
    assert meaning_floor(rows, 0.7) == pytest.approx(expected)


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
    every theme's papers are more alike than chance by the set margin, in their words and in
    their meaning, every member is alike to the others, no theme is a generic word or a
    spelling of another."""
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
    pairs = CandidateMatrix.of(
        [sorted(position[p] for p in t.papers) for t in index.themes], len(keys)
    )
    kept = np.ones(len(pairs.theme), dtype=bool)
    scores, members, sizes, alike = measure(space, pairs, kept)
    assert (alike >= theme_settings.cohesion * base).all()
    meaning = meaning_vectors(similarity_texts([by_key[k].paper for k in keys]))
    floor = meaning_floor(meaning, theme_settings.meaning_cohesion)
    assert (cohesion(meaning, members) >= floor).all()
    assert (scores >= theme_settings.fill * base).all()
    fewest, most = theme_settings.sizes(len(keys))
    assert ((sizes >= fewest) & (sizes <= most)).all()
    for theme in index.themes:
        assert can_name_theme(theme.key), theme.key
        assert all(theme.key in by_key[p].themes for p in theme.papers)
    assert len({variant_key(t.key) for t in index.themes}) == len(index.themes)
    covered = sum(1 for e in index.entries if len(e.themes) >= 2) / len(index.entries)
    assert covered >= 0.85
    assert_reader_names([t.label for t in index.themes])


def assert_reader_names(labels: list[str]) -> None:
    """No everyday word alone, no stray quote or punctuation, no verb phrase, no two names
    of the same words in another order or form."""
    for label in labels:
        word = bare(label)
        # wordfreq itself, not the stage's own test of it (`names_alone`).
        one_word = re.fullmatch(r"[^\W_]+", word) and word == word.lower()
        assert not one_word or zipf_frequency(word, "en") < 4, label
        assert is_noun_phrase(bare(label)), label
        assert not re.search(f"[{QUOTES}](\\s|$)|(^|\\s)[{QUOTES}]", label), label
        assert re.match(r"\w", label) and re.search(r"[\w)]$", label), label
        assert not re.match(r"\d+\s", label), label  # a count, not a topic
        assert word.lower() != "mitigating", label  # written as a verb in every text
    stem = Stemmer.Stemmer("english").stemWord
    concepts = [
        tuple(
            sorted(stem(w) for w in re.findall(r"[a-z0-9]+", bare(label).lower()) if w not in STOP)
        )
        for label in labels
    ]
    assert len(set(concepts)) == len(concepts), [
        label for label, c in zip(labels, concepts, strict=True) if concepts.count(c) > 1
    ]


STOP = {"and", "of", "for", "in", "the", "a", "an", "on", "to", "with", "by"}

HOMONYM = {
    "optical": "optical flow estimation between video frames pixel motion correspondence",
    "rectified": "rectified flow generative sampling trajectories noise to image transport",
}


def test_a_word_used_in_two_senses_does_not_join_them() -> None:
    """Flow: optical flow and rectified flow papers share the word, not a topic."""
    texts, candidates = [], []
    for sense, words in HOMONYM.items():
        for i in range(5):
            texts.append(f"{sense} flow. {words} flow variant{i} about {sense} flow")
            candidates.append(kw("flow", f"{sense} flow"))
    for i in range(8):
        texts.append(f"unrelated filler words number{i} about topic{i} and subject{i}")
        candidates.append(kw(f"filler{i}"))
    keys = [f"p{i:03d}" for i in range(len(texts))]
    found = themes_of(keys, texts, candidates)
    assert "flow" not in found
    assert found["optical flow"] == tuple(keys[:5])
    assert found["rectified flow"] == tuple(keys[5:10])


def test_a_gerund_written_as_a_verb_names_no_theme() -> None:
    """ "Pruning" after the word it qualifies is a method; "mitigating" before its object is
    a verb, however alike its papers."""
    texts, candidates = [], []
    for i in range(5):
        texts.append(f"Structured pruning. {TOPICS['graph']} token pruning variant{i}")
        candidates.append(kw("pruning"))
    for i in range(5):
        texts.append(f"Mitigating the drift. {TOPICS['fold']} for mitigating it, variant{i}")
        candidates.append(kw("mitigating"))
    texts += [f"unrelated filler words number{i} about topic{i}" for i in range(8)]
    candidates += [kw(f"filler{i}") for i in range(8)]
    keys = [f"p{i:03d}" for i in range(len(texts))]
    found = themes_of(keys, texts, candidates)
    assert found == {"pruning": tuple(keys[:5])}


def test_an_everyday_words_phrase_inside_a_longer_one_is_named_by_it() -> None:
    """ "acyclic graph" is only ever the end of "directed acyclic graph"; "optical flow",
    written on its own too, is a phrase of its own."""
    dag = ["A directed acyclic graph of tasks.", "We learn a directed acyclic graph, fast."]
    assert longer_form(("acyclic", "graph"), [0, 1], dag) == "directed acyclic graph"
    team = ["Human-AI collaboration in teams.", "Studies of human-AI collaboration."]
    assert longer_form(("ai", "collaboration"), [0, 1], team) == "human-AI collaboration"
    flow = ["Dense optical flow estimation.", "Optical flow is hard."]
    assert longer_form(("optical", "flow"), [0, 1], flow) == ""
    once = ["A directed acyclic graph of tasks.", "An acyclic graph of tasks."]
    assert longer_form(("acyclic", "graph"), [0, 1], once) == ""


def test_a_name_its_writers_only_write_inside_a_longer_phrase_takes_that_phrase() -> None:
    """YAKE may offer "city challenge" of "AI City Challenge"; a theme named by it shows the
    whole phrase, unless another theme has that name or the name is a defined term."""
    texts = ["Our entry to the AI City Challenge.", "Results on the 2025 AI City Challenge."]
    labels = {0: "city challenge", 1: "traffic video"}
    whole = whole_names(labels, {0: (0, 1), 1: (0, 1)}, texts)
    assert whole == {0: "AI city challenge", 1: "traffic video"}
    taken = {0: "city challenge", 1: "AI city challenge"}
    assert whole_names(taken, {0: (0, 1), 1: (0, 1)}, texts) == taken
    defined = {0: "city challenge (CC)"}
    assert whole_names(defined, {0: (0, 1)}, texts) == defined


def test_research_prose_names_no_theme_even_in_two_words() -> None:
    """ "Recent advancements in…" opens many abstracts; it is how they speak, not a topic."""
    for key in ["recent advancement", "rapid advancement", "evaluation metrics", "inconsistency"]:
        assert not can_name_theme(key), key
    assert can_name_theme("llm evaluation") and can_name_theme("rapid prototyping")


def test_a_count_names_no_theme() -> None:
    """ "10 languages" is how many, not what about; "3D" and "5G" are names."""
    assert not can_name_theme("10 languages") and not can_name_theme("000 hours")
    assert can_name_theme("3d reconstruction") and can_name_theme("5g network")


def test_an_everyday_word_takes_the_phrase_most_of_its_papers_use() -> None:
    """ "Memory" alone names nothing; "neural memory", used by all of its papers, does."""
    texts = [f"neural memory. {TOPICS['graph']} with a neural memory, number{i}" for i in range(5)]
    texts += [f"unrelated filler words number{i} about topic{i}" for i in range(8)]
    candidates = [kw("memory") for _ in range(5)] + [kw(f"filler{i}") for i in range(8)]
    keys = [f"p{i:03d}" for i in range(len(texts))]
    found = themes_of(keys, texts, candidates)
    assert found == {"neural memory": tuple(keys[:5])}


def test_the_same_words_in_another_order_are_one_theme() -> None:
    texts, candidates = [], []
    for i, form in enumerate(["knowledge transfer", "transfer knowledge"] * 3):
        texts.append(f"{form}. {TOPICS['fold']} variant{i} {form} study")
        candidates.append(kw(form))
    texts += [f"unrelated filler words number{i} about topic{i}" for i in range(8)]
    candidates += [kw(f"filler{i}") for i in range(8)]
    keys = [f"p{i:03d}" for i in range(len(texts))]
    found = themes_of(keys, texts, candidates)
    assert list(found) == ["knowledge transfer"] and len(found["knowledge transfer"]) == 6


FORMS = [
    "image alignment",
    "align images",
    "fine-tuned LLMs",
    "LLM fine-tuning",
    "agents interact",
    "answering questions",
    "question answering",
    "physicians'",
    "absent\u2019",
    "optical flow",
    "tests sets",
    "memory-efficient training",
]


@given(st.lists(st.sampled_from(FORMS), min_size=1, max_size=6))
def test_a_label_is_the_noun_phrase_among_its_forms(forms: list[str]) -> None:
    from collections import Counter

    label = theme_label(Counter(forms), ())
    assert not re.search(r"[’'](\s|$)", label)
    if any(is_noun_phrase(unquoted(f)) for f in forms):
        assert is_noun_phrase(label), (forms, label)


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


PHRASES = [
    "flow",
    "optical flow",
    "rectified flow",
    "memory",
    "object",
    "align images",
    "image alignment",
    "knowledge transfer",
    "transfer knowledge",
    "physicians'",
    "hypernetwork",
    "LLM fine-tuning",
    "fine-tuned LLMs",
    "agents interact",
    "mitigating",
    "12 languages",
]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(PHRASES), st.sampled_from(sorted(TOPICS))),
        min_size=6,
        max_size=24,
    )
)
def test_names_of_any_library_are_names_a_reader_would_use(
    papers: list[tuple[str, str]],
) -> None:
    """Whatever mix of everyday words, word orders, verb phrases and quotes papers share,
    no theme is named by an everyday word alone, a verb phrase, a stray quote, or the same
    words as another theme."""
    texts = [
        f"{phrase}. {TOPICS[topic]} paper{i} about the {phrase} and {phrase}"
        for i, (phrase, topic) in enumerate(papers)
    ]
    candidates = [kw(phrase.lower().strip("'")) for phrase, _ in papers]
    keys = [f"p{i:03d}" for i in range(len(texts))]
    assert_reader_names([t.label for t in built(keys, texts, candidates)])


LABELS = ["document parsing", "table extraction", "optical character recognition", "forms"]


def test_a_theme_is_named_by_what_its_papers_write() -> None:
    # Theme 0's phrase is written by one of its four papers; phrase 1 by three of them.
    users_of = [{0}, {1, 2, 3}, {1}, {1, 2}]
    assert shared_names({0: [0, 1, 2, 3]}, users_of, LABELS.__getitem__, most=30) == {0: 1}


def test_a_theme_keeps_a_phrase_half_its_papers_write() -> None:
    users_of = [{0, 1}, {0, 1, 2, 3}]
    assert shared_names({0: [0, 1, 2, 3]}, users_of, LABELS.__getitem__, most=30) == {0: 0}


def test_a_theme_never_takes_another_themes_name_or_a_rare_one() -> None:
    # Phrase 1 names a theme of its own; phrase 2 is written by one paper only.
    users_of = [{0}, {1, 2, 3}, {2}]
    members = {0: [0, 1, 2, 3], 1: [1, 2, 3]}
    assert shared_names(members, users_of, LABELS.__getitem__, most=30) == {0: 0, 1: 1}


def test_a_phrase_too_broad_for_a_theme_names_none() -> None:
    users_of = [{0}, set(range(100))]
    assert shared_names({0: [0, 1, 2, 3]}, users_of, LABELS.__getitem__, most=10) == {0: 0}


def test_a_theme_named_by_a_modifier_takes_the_noun_phrase_its_papers_write() -> None:
    labels = ["multi-agent", "gaussian", "multi-agent systems"]
    users_of = [{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2}]
    assert shared_names({0: [0, 1, 2, 3]}, users_of, labels.__getitem__, most=30) == {0: 2}


def test_modifiers_name_no_theme() -> None:
    assert (
        qualifies_only("multi-agent") and qualifies_only("low-rank") and qualifies_only("gaussian")
    )
    assert qualifies_only("incomplete") and qualifies_only("text-to-image")
    for noun in ("fine-tuning", "chain-of-thought (CoT)", "LLM", "distillation", "3D"):
        assert not qualifies_only(noun)
