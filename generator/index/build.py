"""The pipeline between reading and writing: clean → merge → keywords → themes → related.

Nothing here touches the file system; every stage sees the whole library before any page
is written, so cross-links can point anywhere.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from generator.errors import InputError
from generator.index.acronyms import acronym_definitions, canonical
from generator.index.clean import clean_fields, clean_paper
from generator.index.identity import merge_duplicates, paper_slug
from generator.index.keywords import KeywordSettings, candidate_keywords, shown_keywords
from generator.index.listing_days import with_listing_years
from generator.index.meaning import mean_token_vectors
from generator.index.overrides import apply_overrides
from generator.index.phrases import can_show
from generator.index.related import (
    RelatedSettings,
    as_links,
    fit_words,
    related_papers,
    similarity_texts,
)
from generator.index.similarity import Spaces, spaces_of
from generator.index.themes import ThemeSettings, build_themes, generic_keys, phrase_texts
from generator.index.workers import background_result
from generator.model import Entry, Index, Keyword, Paper, Theme, ThemeOverrides
from generator.processes import hand_back_freed_memory

KeywordStage = Callable[[Sequence[Paper], KeywordSettings], list[tuple[Keyword, ...]]]
CleanStage = Callable[[Sequence[Paper]], list[Paper]]


@dataclass(frozen=True)
class Settings:
    keywords: KeywordSettings = field(default_factory=KeywordSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    related: RelatedSettings = field(default_factory=RelatedSettings)
    overrides: ThemeOverrides = field(default_factory=ThemeOverrides)
    # Take a fresh fit of themes and related papers, not the last build's (`index.memory`).
    refit: bool = False


@dataclass
class Timings:
    """Seconds per stage, in the order the stages ran."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def extract_serially(
    papers: Sequence[Paper], settings: KeywordSettings
) -> list[tuple[Keyword, ...]]:
    return [candidate_keywords(p.title, p.abstract, settings) for p in papers]


def clean_serially(papers: Sequence[Paper]) -> list[Paper]:
    return [clean_paper(p) for p in papers]


@dataclass(frozen=True)
class Linked:
    """What the themes and related stages add, by the papers' position in key order."""

    themes: tuple[Theme, ...]
    paper_themes: list[tuple[str, ...]]
    shown: list[tuple[Keyword, ...]]
    related: list[list[tuple[int, float, tuple[str, ...]]]]
    retired: tuple[tuple[str, str, str], ...] = ()
    # The papers' keys, in the order of the lists above, where the result was kept.
    keys: tuple[str, ...] = ()
    # The papers placed since the last fit, by key: none when this result is a fit.
    added: tuple[str, ...] = ()
    # The spaces the result was measured in, where this build made or carried them.
    spaces: Spaces | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Keyworded:
    """The cleaned library in key order with each paper's candidate keywords: what the
    link stage (themes, related papers) is made from."""

    keys: Sequence[str]
    papers: Sequence[Paper]
    candidates: Sequence[tuple[Keyword, ...]]


def link_library(
    library: Keyworded, settings: Settings, timings: Timings, workers: int = 1
) -> Linked:
    """Themes from the keywords the papers share, then each paper's nearest others.

    The TF-IDF rows (11 s at 35,000 papers) and the meaning vectors (12 s) are made in
    processes of their own while acronyms and the themes' phrases are found, which do not
    need them; the themes then judge their papers by both."""
    keys, ordered, candidates = library.keys, library.papers, library.candidates
    weighted = similarity_texts(ordered)
    making_words = background_result(fit_words, weighted, workers=workers, papers=len(ordered))
    making_meaning = background_result(
        mean_token_vectors, weighted, workers=workers, papers=len(ordered)
    )
    del weighted  # the processes hold the texts until they answer, then they go
    with timings.stage("themes"), making_words as words, making_meaning as raw_meaning:
        spaces = functools.cache(lambda: spaces_of(keys, words(), raw_meaning()))
        texts = phrase_texts(ordered, settings.keywords.max_chars)
        definitions = acronym_definitions(texts)
        folded = canonical(candidates, definitions)
        themes, paper_themes = build_themes(
            keys,
            texts,
            folded,
            definitions,
            lambda: spaces().topics.rows,
            settings.themes,
            lambda: spaces().meaning,
        )
        tags = [p.tags for p in ordered]
        themes, paper_themes, problems = apply_overrides(
            themes, paper_themes, keys, texts, tags, settings.overrides
        )
        if problems:
            raise InputError(problems)
        generic = generic_keys(folded, settings.themes)
        readable = [tuple(k for k in c if can_show(k.text, k.key)) for c in folded]
        shown = [shown_keywords(c, generic, settings.keywords.shown) for c in readable]
        fitted = spaces()
    del texts, folded, readable
    hand_back_freed_memory()  # the themes' phrases and papers: the related stage reuses none
    with timings.stage("related"):
        sizes = {t.key: len(t.papers) for t in themes}
        found = related_papers(
            fitted.words.rows, fitted.meaning, paper_themes, sizes, settings.related
        )
    hand_back_freed_memory()  # the related stage's candidates, before the result is stored
    return Linked(themes, paper_themes, shown, found, spaces=fitted)


LinkStage = Callable[[Keyworded, Settings, Timings, int], Linked]


def index_library(
    papers: Sequence[Paper],
    settings: Settings | None = None,
    extract: KeywordStage = extract_serially,
    timings: Timings | None = None,
    clean: CleanStage | None = None,
    link: LinkStage | None = None,
    workers: int = 1,
) -> tuple[Index, int]:
    """The whole index from raw papers, and how many records were merged as duplicates.

    `clean`, `extract` and `link` may be swapped for parallel or cached versions of the same
    stages; `workers` is how many processes the link stage may use.
    """
    settings = settings or Settings()
    timings = timings or Timings()
    with timings.stage("clean"):
        if clean is None:
            cleaned = clean_serially(papers)
        else:
            cleaned = [clean_fields(p) for p in clean(papers)]
        by_key, merged = merge_duplicates(cleaned)
        keys = sorted(by_key)
        ordered = with_listing_years([by_key[k] for k in keys])
    with timings.stage("keywords"):
        candidates = extract(ordered, settings.keywords)
    keyworded = Keyworded(keys, ordered, candidates)
    linked = (link or link_library)(keyworded, settings, timings, workers)
    entries = tuple(
        Entry(
            key=key,
            slug=paper_slug(paper, key),
            paper=paper,
            keywords=linked.shown[i],
            themes=linked.paper_themes[i],
            related=as_links(linked.related[i], keys),
        )
        for i, (key, paper) in enumerate(zip(keys, ordered, strict=True))
    )
    index = Index(entries, linked.themes, linked.retired, frozenset(linked.added))
    return index, merged
