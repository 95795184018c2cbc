"""The search index's files (generator/pages/search.py), read back here the way
paper-search.js reads them: the table, the ranges a word falls in, postings and results."""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.index.workers import background_result
from generator.model import Entry, Index, Origin, Paper, Theme
from generator.pages import search
from generator.pages.search import (
    FOLDER,
    RESULTS_PER_FILE,
    TABLE,
    WEIGHT_SCALE,
    document,
    index_files,
    search_documents,
    separator,
    utf16,
)
from generator.pages.search_terms import stems, terms, words

SEED = Path(__file__).resolve().parents[1] / "papers" / "daily-papers.txt"


def read(files: dict[str, bytes], name: str) -> Any:
    """A file of the index, as its JSON."""
    data = files[f"{FOLDER}/{name}"]
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def postings(flat: list[int]) -> dict[int, int]:
    """Paper number: value (weight + WEIGHT_SCALE * (1 + first place in the title, or 0))."""
    papers, number = {}, 0
    for gap, value in zip(flat[0::2], flat[1::2], strict=True):
        number += gap
        papers[number] = value
    return papers


def chunk_of(files: dict[str, bytes], key: str, kind: str = "words") -> dict[str, Any]:
    table = read(files, TABLE)[kind]
    begins, names = table[0::2], table[1::2]
    at = max(i for i, first in enumerate(begins) if utf16(first) <= utf16(key))
    chunk: dict[str, Any] = read(files, f"{kind[0]}-{names[at]}.json.gz")
    return chunk


def found(files: dict[str, bytes], word: str, kind: str = "words") -> dict[int, int]:
    """The papers (number: weight) a whole written word finds: its range, its stem, its
    postings, as paper-search.js looks them up."""
    stem = chunk_of(files, word, kind)["words"].get(word)
    if stem is None:
        return {}
    return {
        n: v % WEIGHT_SCALE for n, v in postings(chunk_of(files, stem, kind)["stems"][stem]).items()
    }


def places(files: dict[str, bytes], word: str) -> dict[int, int]:
    """The first place in each paper's title of the stem of `word`, where it is there."""
    stem = chunk_of(files, word)["words"][word]
    flat = chunk_of(files, stem)["stems"][stem]
    return {n: v // WEIGHT_SCALE - 1 for n, v in postings(flat).items() if v >= WEIGHT_SCALE}


def result(files: dict[str, bytes], number: int) -> dict[str, Any]:
    """A paper's result data, found as paper-search.js finds it: the table says how many
    papers a result file holds."""
    per_file: int = read(files, TABLE)["resultsPerFile"]
    group: list[dict[str, Any]] = read(files, f"p/{number // per_file}.json.gz")
    paper: dict[str, Any] = group[number % per_file]
    return paper


def search_files(index: Index) -> dict[str, bytes]:
    """Every file of the search index, by its path under docs/, made as `pipeline` makes it."""
    return index_files(search_documents(index))


def library_files(*entries: Entry) -> dict[str, bytes]:
    """The search index of a library of just these papers, without themes."""
    return search_files(Index(entries=entries, themes=()))


@pytest.fixture(scope="module")
def seed() -> Index:
    index, _, _ = pipeline.prepare([SEED])
    return index


@pytest.fixture(scope="module")
def seed_files(seed: Index) -> dict[str, bytes]:
    return search_files(seed)


def paper(key: str, title: str, abstract: str = "", date: str = "", **more: object) -> Entry:
    made = Paper(title=title, abstract=abstract, origin=Origin("list.yaml"), date=date, **more)  # type: ignore[arg-type]
    return Entry(key=key, slug=key, paper=made)


def test_every_paper_is_found_by_each_word_of_its_title(
    seed: Index, seed_files: dict[str, bytes]
) -> None:
    urls = {result(seed_files, n)["url"]: n for n in range(len(seed.entries))}
    assert len(urls) == len(seed.entries) == read(seed_files, TABLE)["papers"]
    for entry in seed.entries:
        number = urls[f"papers/{entry.slug}/"]
        assert result(seed_files, number)["title"] == entry.paper.title
        for word in words(entry.paper.title):
            assert number in found(seed_files, word), (entry.paper.title, word)


def test_a_paper_is_found_by_its_own_words_only(seed: Index, seed_files: dict[str, bytes]) -> None:
    """Every paper a stem lists has a word of that stem in what it shows: not in its related
    papers' titles, its citation or the page's headings."""
    labels = {t.key: t.label for t in seed.themes}
    stems_of = {}
    for entry in seed.entries:
        doc = document(entry, labels)
        own = [w for _, text in doc.fields for w in terms(text)]
        stems_of[doc.url] = set(stems(own))
    table = read(seed_files, TABLE)["words"]
    listed = 0
    for name in table[1::2]:
        for stem, flat in read(seed_files, f"w-{name}.json.gz")["stems"].items():
            for number in postings(flat):
                assert stem in stems_of[result(seed_files, number)["url"]], stem
                listed += 1
    assert listed > 10 * len(seed.entries)


def test_a_word_in_the_title_outweighs_the_same_word_in_an_abstract() -> None:
    files = library_files(
        paper("a", "Sparse attention", "We study graphs.", "2025-01-01"),
        paper("b", "Graph learning", "Sparse methods are studied here.", "2025-01-02"),
    )
    weights = found(files, "sparse")
    assert set(weights) == {0, 1}
    assert weights[0] > weights[1]
    assert found(files, "studied") == found(files, "study")  # one stem
    assert set(found(files, "study")) == {0, 1}
    assert found(files, "studies") == {}  # a form no paper has: the browser stems it
    assert found(files, "absent") == {}
    assert places(files, "sparse") == {0: 0}
    assert places(files, "learning") == {1: 1}


def test_the_same_library_in_any_order_gives_the_same_bytes(seed: Index) -> None:
    shuffled = list(seed.entries)
    random.Random(7).shuffle(shuffled)
    assert search_files(dataclasses.replace(seed, entries=tuple(shuffled))) == search_files(seed)


def test_a_newer_paper_leaves_the_older_papers_results_as_they_were() -> None:
    """Papers are numbered oldest first: a day's new papers add to the last result file and
    add files, and the files of the papers before them keep their bytes."""
    older = [
        paper("b", "Vision transformers", "Patches.", "2025-01-02"),
        paper("a", "Speech models", "Audio.", "2025-01-01"),
        paper("u", "Undated note", "Text."),
    ]
    older += [paper(f"d{i}", f"Day {i}", "More.", f"2025-01-0{3 + i}") for i in range(6)]
    before = library_files(*older)
    newer = paper("c", "Speech", "New.", "2025-02-01")
    after = library_files(*older, newer)
    last = 8 // RESULTS_PER_FILE  # the file of the newest older paper, number 8
    for group in range(last):
        assert after[f"{FOLDER}/p/{group}.json.gz"] == before[f"{FOLDER}/p/{group}.json.gz"]
    assert after[f"{FOLDER}/p/{last}.json.gz"] != before[f"{FOLDER}/p/{last}.json.gz"]  # + 9
    urls = [result(after, n)["url"] for n in range(10)]
    assert urls[:3] == ["papers/u/", "papers/a/", "papers/b/"]
    assert urls[-1] == "papers/c/"
    assert set(found(after, "speech")) == {1, 9}


def test_papers_added_since_the_fit_leave_every_word_range_as_it_was() -> None:
    """A day's papers have word ranges of their own, numbered after the fitted papers even
    when older, and weighed against the fitted papers' field lengths: the library's ranges
    keep their bytes, and a word finds its papers in both."""
    fitted = [
        paper("a", "Speech models", "Audio for speech.", "2025-01-01"),
        paper("b", "Vision transformers", "Patches of images.", "2025-01-02"),
        paper("c", "Graph networks", "Nodes and edges.", "2025-01-03"),
    ]
    before = library_files(*fitted)
    day = [
        paper("d", "Speech models", "Audio for speech.", "2025-02-01"),
        paper("e", "Speech in the wild", "Older, found today.", "2024-06-01"),
    ]
    after = search_files(Index(entries=(*fitted, *day), themes=(), added=frozenset({"d", "e"})))
    ranges = {name for name in before if name.startswith(f"{FOLDER}/w-")}
    assert ranges and {name: after[name] for name in ranges} == {n: before[n] for n in ranges}
    assert read(after, TABLE)["words"] == read(before, TABLE)["words"]
    assert read(before, TABLE)["added"] == []
    assert [result(after, n)["url"] for n in range(5)] == [
        *(f"papers/{k}/" for k in "abced"),
    ]
    assert found(after, "speech") == found(before, "speech")
    assert set(found(before, "speech")) == {0}
    assert set(found(after, "speech", "added")) == {3, 4}
    assert found(after, "speech", "added")[4] == found(after, "speech")[0]  # same text, weight
    assert found(after, "wild", "added").keys() == {3} and not found(after, "wild")


def test_each_papers_themes_and_years_runs_of_numbers_and_both_show_in_the_result() -> None:
    """The theme table numbers the themes of most papers first; papers are numbered oldest
    first (undated, 2024, 2025)."""
    entry = dataclasses.replace(
        paper("a", "Speech", "Audio.", "2024-05-01", authors=("A. One", "B. Two", "C. Three")),
        themes=("t1",),
    )
    other = dataclasses.replace(
        paper(
            "b", "Vision", "Images.", "2025-05-01", authors=tuple(f"Author {i}" for i in range(5))
        ),
        themes=("t1", "t2"),
    )
    undated = dataclasses.replace(paper("c", "Text", "Words."), themes=("t2", "t3"))
    themes = (
        Theme(key="t1", label="Speech & <audio>", slug="speech", papers=("a", "b")),
        Theme(key="t2", label="Vision", slug="vision", papers=("b", "c")),
        Theme(key="t3", label="Text", slug="text", papers=("c",)),
    )
    files = search_files(Index(entries=(entry, other, undated), themes=themes))
    table = read(files, TABLE)
    assert read(files, table["themes"]) == {
        "themes": ["Speech & <audio>", "Vision", "Text"],
        "papers": [[1, 2], [0], [0, 1]],
    }
    assert table["years"] == [["", 0], ["2024", 1], ["2025", 2]]
    assert result(files, 1) == {
        "url": "papers/a/",
        "title": "Speech",
        "year": "2024",
        "day": "2024-05-01",
        "authors": ["A. One", "B. Two", "C. Three"],
        "more": 0,
        "themes": ["Speech & <audio>"],
        "text": "Audio.",
    }
    assert result(files, 2)["authors"] == ["Author 0", "Author 1", "Author 2"]
    assert result(files, 2)["more"] == 2


@given(st.text())
def test_words_are_bare_lower_case_and_stable(text: str) -> None:
    out = words(text)
    assert words(" ".join(out)) == out
    assert words(unicodedata.normalize("NFC", text)) == words(unicodedata.normalize("NFD", text))
    for word in out:
        assert word and not any(unicodedata.category(c).startswith("M") for c in word)
        assert "_" not in word and word == word.lower()


def test_words_fold_accents_and_case() -> None:
    assert words("Zéro-shot ÜBER_models, GPT-4o!") == [
        "zero",
        "shot",
        "uber",
        "models",
        "gpt",
        "4o",
    ]


@given(st.lists(st.text(min_size=1), min_size=2, max_size=2, unique=True))
def test_a_range_begins_where_its_first_word_sorts_after_the_last_range(pair: list[str]) -> None:
    before, first = sorted(pair, key=utf16)
    begins = separator(before, first)
    assert first.startswith(begins)
    assert utf16(before) < utf16(begins) <= utf16(first)


def test_the_index_made_in_another_process_is_the_same(seed: Index) -> None:
    docs = search_documents(seed)
    with background_result(index_files, docs, workers=2) as made:
        assert made() == index_files(docs)


def test_weights_are_bm25f_with_saturation_and_length_per_field() -> None:
    """By hand, with title weight 7, b 0.3 and abstract weight 1, b 0.75, k1 1.5. Mean
    lengths: titles (2 + 3) / 2 = 2.5 words, abstracts (4 + 4) / 2 = 4.
    a, "sparse": title 7 * 1 / (1 - 0.3 + 0.3 * 2 / 2.5) = 7.4468, abstract 1 * 2 / 1 = 2;
    tf 9.4468, weight 9.4468 / (1.5 + 9.4468) = 0.863: 86, first in the title: + 100 * 1.
    b, "sparse": abstract 1 * 1 / 1 = 1; 1 / 2.5 = 0.4: 40, not in the title."""
    files = library_files(
        paper("a", "Sparse attention", "Sparse sparse graphs here.", "2025-01-01"),
        paper("b", "Graph learning methods", "We study sparse methods.", "2025-01-02"),
    )
    assert postings(chunk_of(files, "spars")["stems"]["spars"]) == {0: 186, 1: 40}


def test_a_word_said_in_every_field_counts_far_less_than_its_repeats() -> None:
    """Saturation: a paper that repeats a word in title, keywords and abstract weighs it
    less than twice the paper that has it once in the title (it was 16 times before)."""
    everywhere = paper("a", "Video video", "Video video video video video.", "2025-01-01")
    once = paper("b", "Video", "Other words entirely here.", "2025-01-02")
    weights = found(library_files(everywhere, once), "video")
    assert weights[0] < 1.2 * weights[1]


def test_a_stem_is_found_in_the_range_where_it_sorts(
    seed: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browser stems a query word the library lacks ("studies"), and reads the stem's
    postings from the range where the stem sorts, which need not hold any of its words."""
    monkeypatch.setattr(search, "CHUNK_BYTES", 300)
    files = search_files(seed)
    assert len(read(files, TABLE)["words"]) > 100
    stems_seen = 0
    for name in read(files, TABLE)["words"][1::2]:
        for stem in read(files, f"w-{name}.json.gz")["words"].values():
            assert stem in chunk_of(files, stem)["stems"], stem
            stems_seen += 1
    assert stems_seen > 1000


def test_the_forms_of_a_stem_share_one_range_holding_its_postings_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A query word matches the longer words it begins, from the ranges that begin with it:
    were each form of a common stem a range of its own, each repeating the stem's postings,
    "generation" would fetch those postings once for every range of its longer forms."""
    monkeypatch.setattr(search, "CHUNK_BYTES", 300)
    forms = "generate generated generates generating generation generations generative"
    papers = [paper(f"g{i}", f"{forms} number{i}", "", "2025-01-01") for i in range(40)]
    papers += [
        paper(f"o{i}", f"general genes genetic other{i}", "", "2025-01-02") for i in range(40)
    ]
    files = search_files(Index(entries=tuple(papers), themes=()))
    names = read(files, TABLE)["words"][1::2]
    holding = [n for n in names if "generat" in read(files, f"w-{n}.json.gz")["stems"]]
    assert len(names) > 10  # small ranges: the stem's postings alone fill one
    assert len(holding) == 1
    assert set(forms.split()) <= read(files, f"w-{holding[0]}.json.gz")["words"].keys()
    assert set(found(files, "generations")) == set(range(40))


def test_an_acronyms_plural_is_the_acronym() -> None:
    """Snowball keeps the s of "LLMs" (no vowel before it): the index does not."""
    assert stems(["llms", "cnns", "3ds", "llm", "gans", "this", "has", "ms", "class"]) == [
        "llm",
        "cnn",
        "3d",
        "llm",
        "gan",
        "this",
        "has",
        "ms",
        "class",
    ]
    files = library_files(
        paper("a", "LLMs as judges", "", "2025-01-01"),
        paper("b", "An LLM judge", "", "2025-01-02"),
    )
    assert set(found(files, "llm")) == {0, 1}


def test_hyphenated_terms_and_authors_names_are_words_too() -> None:
    entry = paper(
        "a",
        "Neural Network-based Study of Chain-of-Visual-Thought",
        "",
        "2025-01-01",
        authors=("Yan J. Zhang", "Wei Li"),
    )
    files = library_files(entry)
    for word in ("network", "based", "networkbased", "chainofvisualthought", "visualthought"):
        assert found(files, word) == {0: found(files, word)[0]}, word
    assert set(found(files, "yanjzhang")) == set(found(files, "yanzhang")) == {0}
    assert found(files, "weili") and not found(files, "zhangwei")
    assert places(files, "study") == {0: 3}  # places count the parts, not the joined forms
    # A joined form stands where its first part does.
    assert places(files, "networkbased") == {0: 1}
    assert places(files, "chainofvisualthought") == places(files, "chainof") == {0: 5}
    assert places(files, "visualthought") == {0: 7}


def test_the_search_page_is_made_with_the_index(seed_files: dict[str, bytes]) -> None:
    """search/index.md: the page whose address (search/?q=...) paper-search.js opens with."""
    page = seed_files[f"{FOLDER}/index.md"].decode("utf-8")
    assert page.startswith('---\ntitle: "Search"\n---\n\n# Search\n')
    assert "search/?q=" in page
