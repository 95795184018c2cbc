"""Bounded work: a 2 MB abstract or a 10,000-author list neither stalls the build nor bloats
the page. Keyword extraction reads at most `KeywordSettings.max_chars` of a paper; telling
authors apart costs work and memory in proportion to the names, not to their pairs; a page
shows the first `caps.MAX_ABSTRACT` characters and `caps.MAX_AUTHORS` names and says so.
Abstracts under the cap are always shown whole.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from itertools import product
from pathlib import Path
from string import ascii_lowercase
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator import pipeline
from generator.index import keywords, people
from generator.index.acronyms import acronym_definitions
from generator.index.build import index_library
from generator.index.keywords import KeywordSettings, candidate_keywords
from generator.model import Index, Origin, Paper
from generator.pages import caps
from generator.pages.build import site_pages
from generator.site.config import read_config
from tests.conftest import FIXTURES, make_project
from tests.hostile import Article, folded

PAGE_BYTES = 120_000  # a built paper page, Material's header and navigation included
MARKDOWN_BYTES = 40_000
WORDS = (
    "diffusion model graph network attention sparse training robust data https://x.org/a".split()
)


def huge_abstract(size: int) -> str:
    rng = random.Random(7)
    words = (rng.choice(WORDS) + ("." if i % 13 == 12 else "") for i in range(size // 4))
    return " ".join(words)[:size]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    where = tmp_path_factory.mktemp("big")
    library = where / "big.jsonl"
    records = [
        {
            "id": "2504.00001",
            "title": "A paper with a two-megabyte abstract",
            "abstract": huge_abstract(2_000_000),
            "date": "2025-04-01",
        },
        {
            "id": "2504.00002",
            "title": "A paper with ten thousand authors",
            "abstract": "Large collaborations write diffusion model papers with many authors.",
            "authors": [f"Author Number{i}" for i in range(10_000)],
            "date": "2025-04-02",
        },
    ]
    library.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    project = make_project(where / "project")
    config = read_config(project / "mkdocs.yml")
    index, _ = pipeline.build([library, FIXTURES / "dated.jsonl"], config, project / "site")
    assert index is not None
    return project, index


@pytest.mark.e2e
def test_pages_stay_small(big: tuple[Path, Index]) -> None:
    project, _ = big
    for slug in ("2504.00001", "2504.00002"):
        assert (project / "docs" / "papers" / f"{slug}.md").stat().st_size < MARKDOWN_BYTES
        assert (project / "site" / "papers" / slug / "index.html").stat().st_size < PAGE_BYTES


@pytest.mark.e2e
def test_the_page_shows_the_start_of_a_long_abstract_and_says_so(
    big: tuple[Path, Index],
) -> None:
    project, index = big
    abstract = next(e.paper.abstract for e in index.entries if e.slug == "2504.00001")
    assert len(abstract) > 1_900_000  # the index keeps it whole
    page = Article((project / "site" / "papers" / "2504.00001" / "index.html").read_text("utf-8"))
    shown = folded(page.sections["Abstract"])
    note = f"Abstract shortened from {len(abstract):,} characters: the first"
    assert note in shown
    text = shown[: shown.index(note)].removesuffix(" ").removesuffix(" …")
    assert abstract.startswith(text)
    assert caps.MAX_ABSTRACT - caps.WORD_BREAK <= len(text) <= caps.MAX_ABSTRACT


@pytest.mark.e2e
def test_the_page_lists_the_first_authors_and_counts_the_rest(
    big: tuple[Path, Index],
) -> None:
    project, _ = big
    html = (project / "site" / "papers" / "2504.00002" / "index.html").read_text("utf-8")
    assert "Author Number49</a> and 9,950 more" in html
    assert "Author Number50" not in html
    assert "too many to show here" in html  # the 10,000-name BibTeX entry is in papers.bib
    assert "Author Number9999" in (project / "site" / "papers.bib").read_text("utf-8")
    # Every shown author has a page in a small library, the 9,950 not shown none.
    pages = list((project / "docs" / "authors").glob("*.md"))
    assert (project / "docs" / "authors" / "author-number49.md").is_file()
    assert len(pages) < 10 * caps.MAX_AUTHORS


def test_keyword_extraction_reads_at_most_max_chars(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    class Recorder:
        def get_n_best(self, text: str, *, n: int) -> list[tuple[str, float]]:
            seen.append(text)
            return []

    monkeypatch.setattr(keywords, "extractor", lambda max_words: Recorder())
    settings = KeywordSettings()
    for title, abstract in [
        ("T" * 50_000, "a" * 50_000),
        ("Short title", "word " * 100_000),
        ("x " * 30_000, ""),
    ]:
        candidate_keywords(title, abstract, settings)
    assert [len(t) <= settings.max_chars for t in seen] == [True, True, True]


def test_telling_ten_thousand_authors_apart_costs_work_in_proportion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paper's authors are not compared pairwise nor given a set of co-authors each: the
    spellings compared and the memory grow with the names. 1,500 of them share a family name
    and an initial ("Author Number1"...), 676 are a full name and its initial beside it."""
    families = ["Fam" + "".join(pair) for pair in product(ascii_lowercase, repeat=2)]
    names = [f"Author Number{i}" for i in range(1_500)]
    names += [name for family in families for name in (f"Jun {family}", f"J. {family}")]
    compared = 0
    original = people.agree

    def counting(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
        nonlocal compared
        compared += 1
        assert compared <= len(names), "spellings compared pairwise"
        return original(short, full)

    monkeypatch.setattr(people, "agree", counting)
    tracemalloc.start()
    try:
        person = people.same_people([names], ["big.jsonl"], {"big.jsonl": 1})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak:,} bytes for {len(names):,} names"
    assert person[people.name_key("J. Famab")] == people.name_key("Jun Famab")
    assert len(set(person.values())) == 1_500 + len(families)


def test_theme_stage_reads_at_most_max_chars(monkeypatch: pytest.MonkeyPatch) -> None:
    """Acronym definitions are looked for where the keywords are: in the first max_chars."""
    seen: list[str] = []
    original = acronym_definitions

    def recording(texts: list[str]) -> Any:
        seen.extend(texts)
        return original(texts)

    monkeypatch.setattr("generator.index.build.acronym_definitions", recording)
    papers = [
        Paper("Long", "A Large Language Model (LLM) here. " * 20_000, Origin("x")),
        Paper("Short", "Another abstract.", Origin("x")),
    ]
    index_library(papers, extract=lambda ps, s: [() for _ in ps])
    assert max(len(t) for t in seen) <= KeywordSettings().max_chars


@given(st.text(max_size=50).map(lambda t: t * 500) | st.text(max_size=caps.MAX_ABSTRACT + 5))
@example("x" * caps.MAX_ABSTRACT)
@example("x" * (caps.MAX_ABSTRACT + 1))
@example(("word " * caps.MAX_ABSTRACT)[: caps.MAX_ABSTRACT + 1])
def test_shown_abstract_is_the_whole_or_a_marked_start(abstract: str) -> None:
    shown, note = caps.shown_abstract(abstract)
    if len(abstract) <= caps.MAX_ABSTRACT:
        assert (shown, note) == (abstract, "")
    else:
        start = shown.removesuffix(" …")
        assert shown.endswith(" …") and abstract.startswith(start)
        assert caps.MAX_ABSTRACT - caps.WORD_BREAK <= len(start) <= caps.MAX_ABSTRACT
        assert f"from {len(abstract):,} characters" in note


def test_abstracts_up_to_the_cap_are_shown_whole() -> None:
    """Measured on the page: the cap leaves every abstract of real size alone."""
    texts = {
        "2501.00001": "Exactly at the cap. " * (caps.MAX_ABSTRACT // 20),
        "2501.00002": "A normal abstract about diffusion models and their training data.",
        "2501.00003": "Just over the cap. " * (caps.MAX_ABSTRACT // 19 + 1),
    }
    papers = [Paper(f"Paper {i}", text, Origin("x"), id=i) for i, text in texts.items()]
    index, _ = index_library(papers, extract=lambda ps, s: [() for _ in ps])
    pages = site_pages(index)
    for arxiv, text in texts.items():
        page = pages[f"papers/{arxiv}.md"]
        shortened = "Abstract shortened" in page
        assert shortened == (len(text.strip()) > caps.MAX_ABSTRACT), arxiv
    assert "Exactly at the cap. " * 3 in pages["papers/2501.00001.md"]
