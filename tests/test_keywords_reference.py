"""yake-rust runs YAKE for the keyword stage: held against the `yake` package it ports.

The reference path is the `yake` package itself, called as the keyword stage called it before
(`n` words, no de-duplication, the top `candidates`, lower-case phrases), through the same
`candidate_keywords`; then the shown keywords as a build makes them.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pytest
import yake

from generator.index.acronyms import acronym_definitions, canonical
from generator.index.build import clean_serially
from generator.index.keywords import (
    KeywordSettings,
    PhraseExtractor,
    candidate_keywords,
    ranked_phrases,
    shown_keywords,
)
from generator.index.themes import ThemeSettings, generic_keys
from generator.model import Keyword, Paper
from generator.sources import read_library

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "papers" / "daily-papers.txt"
CORPUS = ROOT.parent / "shared" / "corpora" / "arxiv-cs-2025.jsonl.gz"
SAMPLE = 300
SETTINGS = KeywordSettings()
# Shown keywords must be the same for at least this share of papers.
AGREEMENT = 0.95


@lru_cache(maxsize=4)
def reference_extractor(max_words: int, top: int) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(lan="en", n=max_words, dedup_lim=1.0, top=top)


def reference_phrases(text: str, settings: KeywordSettings) -> list[str]:
    """The `yake` package's phrases, lower case, best first."""
    extractor = reference_extractor(settings.max_words, settings.candidates)
    return [phrase for phrase, _ in extractor.extract_keywords(text)]


def candidates(papers: Sequence[Paper], phrases: PhraseExtractor) -> list[tuple[Keyword, ...]]:
    return [candidate_keywords(p.title, p.abstract, SETTINGS, phrases) for p in papers]


def shown(papers: Sequence[Paper], found: list[tuple[Keyword, ...]]) -> list[tuple[str, ...]]:
    """Each paper's shown keywords, as `build.link_library` makes them."""
    texts = [(p.title + ". " + p.abstract)[: SETTINGS.max_chars] for p in papers]
    folded = canonical(found, acronym_definitions(texts))
    generic = generic_keys(folded, ThemeSettings())
    return [tuple(k.text for k in shown_keywords(c, generic, SETTINGS.shown)) for c in folded]


def agreement(papers: Sequence[Paper]) -> tuple[float, float]:
    """Shares of papers with the same candidates and with the same shown keywords."""
    ours = candidates(papers, ranked_phrases)
    theirs = candidates(papers, reference_phrases)
    same_candidates = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(papers)
    same_shown = sum(
        a == b for a, b in zip(shown(papers, ours), shown(papers, theirs), strict=True)
    ) / len(papers)
    return same_candidates, same_shown


def spread_sample(corpus: Path, count: int, out: Path) -> Path:
    """`count` records taken at even steps over the whole file."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        records = sum(1 for _ in lines)
    step = max(records // count, 1)
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        chosen = list(itertools.islice(lines, 0, None, step))[:count]
    assert all(json.loads(line).get("title") for line in chosen)
    out.write_text("".join(chosen), "utf-8")
    return out


def cleaned(library: Path) -> list[Paper]:
    papers, _, _ = read_library([library])
    return clean_serially(papers)


def test_seed_library_keeps_yakes_keywords() -> None:
    papers = cleaned(SEED)
    assert len(papers) >= 30
    same_candidates, same_shown = agreement(papers)
    print(f"seed: {len(papers)} papers, candidates {same_candidates:.1%}, shown {same_shown:.1%}")
    assert same_shown >= AGREEMENT


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_file(), reason="needs ../shared/corpora/arxiv-cs-2025.jsonl.gz")
def test_corpus_sample_keeps_yakes_keywords(tmp_path: Path) -> None:
    papers = cleaned(spread_sample(CORPUS, SAMPLE, tmp_path / "sample.jsonl"))
    assert len(papers) >= SAMPLE * 0.9
    same_candidates, same_shown = agreement(papers)
    print(f"corpus: {len(papers)} papers, candidates {same_candidates:.1%}, shown {same_shown:.1%}")
    assert same_shown >= AGREEMENT


def test_phrases_are_yakes_on_a_known_abstract() -> None:
    text = (
        "Low-Rank Adaptation for efficient fine-tuning of large language models. Large language "
        "models (LLMs) are expensive to fine-tune. Low-rank adaptation (LoRA) trains small "
        "low-rank matrices instead of full weights."
    )
    ours = ranked_phrases(text, SETTINGS)
    assert ours == reference_phrases(text, SETTINGS)
    assert ours[0] == "large language models"
    assert all(p == p.lower() for p in ours)


def test_phrases_are_deterministic_and_bounded() -> None:
    # yake-rust's scores of one text vary in their last bits from call to call.
    for paper in cleaned(SEED):
        text = paper.title + ". " + paper.abstract
        first = ranked_phrases(text, SETTINGS)
        assert first == ranked_phrases(text, SETTINGS) == ranked_phrases(text, SETTINGS)
        assert len(first) == len(set(first)) <= SETTINGS.candidates
        assert ranked_phrases(text, KeywordSettings(candidates=5)) == first[:5]


def test_no_phrase_with_a_word_yake_calls_unusual() -> None:
    text = (
        "End-to-end training of state-of-the-art speech models. We study end-to-end training "
        "of speech models with state-of-the-art encoders; end-to-end training is hard."
    )
    ours = ranked_phrases(text, SETTINGS)
    assert "speech models" in ours
    assert not [p for p in ours if "end-to-end" in p or "state-of-the-art" in p]
    assert set(ours) <= set(reference_phrases(text, KeywordSettings(candidates=100)))


def test_cache_key_names_the_engine_and_its_version() -> None:
    key = SETTINGS.fingerprint()
    assert key.startswith(f"yake-rust-{version('yake-rust')}-")
