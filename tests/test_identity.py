"""Identity stage: `generator.index.identity` decides which records are one paper and its URL slug.

Covers arXiv id normalisation, `paper_key`, slug shape and uniqueness (properties over random
titles), and `merge_duplicates`.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.identifiers import arxiv_id, paper_key
from generator.index.identity import merge_duplicates, paper_slug, slug_for
from generator.model import Origin, Paper

ABSTRACT = "We propose a method and evaluate it on several benchmarks with good results."
SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)
}


def paper(title: str = "A Paper", abstract: str = ABSTRACT, **fields: Any) -> Paper:
    return Paper(title=title, abstract=abstract, origin=Origin("list.jsonl", 1), **fields)


def slug_of(p: Paper) -> str:
    return paper_slug(p, paper_key(p))


# --- arxiv_id -----------------------------------------------------------------------------


# Each id and the ways it is written: with a prefix or a version, in a URL, in any case.
WRITTEN_AS = {
    "2501.01234": [
        "arXiv:2501.01234v2",
        "ARXIV:2501.01234",
        "2501.01234",
        "  2501.01234v12  ",
        "https://arxiv.org/abs/2501.01234",
        "http://arxiv.org/abs/2501.01234v1",
        "https://www.arxiv.org/abs/2501.01234",
        "https://export.arxiv.org/abs/2501.01234",
        "https://arxiv.org/pdf/2501.01234v3.pdf",
        "https://arxiv.org/pdf/2501.01234",
    ],
    "1207.5678": ["1207.5678"],
    "hep-th/9901001": ["hep-th/9901001v1", "https://arxiv.org/abs/hep-th/9901001"],
    "math.GT/0309136": ["math.GT/0309136"],
}


@pytest.mark.parametrize(
    ("value", "expected"), [(value, key) for key, values in WRITTEN_AS.items() for value in values]
)
def test_arxiv_id_normalises(value: str, expected: str) -> None:
    assert arxiv_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "hello world",
        "A Paper About 2501.01234",
        "2501.01234extra",
        "x2501.01234",
        "2501.012345",
        "2501.01234v",
        "https://example.com/abs/2501.01234",
        "https://openreview.net/forum?id=abc123",
        "10.1145/3580305.3599256",
        "../../x",
        "hep-th/990100",
    ],
)
def test_non_ids_give_empty(value: str) -> None:
    assert arxiv_id(value) == ""


def test_hyphen_only_archive_is_not_an_id() -> None:
    assert arxiv_id("-/1234567") == ""


# --- paper_key ----------------------------------------------------------------------------


def test_paper_key_prefers_arxiv_id_from_any_field() -> None:
    by_id = paper("Title One", id="arXiv:2501.01234v2")
    by_url = paper("Title Two", url="https://arxiv.org/abs/2501.01234v1")
    by_pdf = paper("Title Three", pdf="https://arxiv.org/pdf/2501.01234v3.pdf")
    assert paper_key(by_id) == paper_key(by_url) == paper_key(by_pdf) == "arxiv:2501.01234"


def test_paper_key_id_field_wins_over_url() -> None:
    p = paper(id="2501.00001", url="https://arxiv.org/abs/2501.00002")
    assert paper_key(p) == "arxiv:2501.00001"


def test_paper_key_falls_back_to_title() -> None:
    a = paper("Attention Is All You Need", url="https://example.org/paper")
    b = paper("  attention is all you NEED ", id="not-an-id")
    assert paper_key(a).startswith("title:")
    assert paper_key(a) == paper_key(b)
    assert paper_key(paper("Attention Is Not All You Need")) != paper_key(a)


# --- slugs --------------------------------------------------------------------------------

# fmt: off
weird = st.sampled_from([
    "???", "../../x", "..", "/", "\\", "index", "Index", "con", "NUL", "\u200b", "\u202e",
    "\ufeff", "ß", "İ", "ﬁ", "Å", "\u03b1", "模型", "🙂", "-", "_", ".", " ", "\t", "1",
    "a" * 1500,
])
# fmt: on
titles = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.one_of(weird, st.text(string.ascii_letters + string.digits, max_size=12)), max_size=12
    ).map(" ".join),
    st.lists(st.one_of(weird, st.text(max_size=5)), max_size=8).map("".join),
    st.text(string.ascii_letters + " ", min_size=1400, max_size=1600),
)
arxiv_ids = st.one_of(
    st.from_regex(r"\A[0-9]{4}\.[0-9]{4,5}(v[0-9]{1,2})?\Z"),
    st.from_regex(r"\A(hep-th|math|cs|astro-ph|cond-mat|math\.GT)/[0-9]{7}\Z"),
)
papers = st.one_of(
    titles.map(lambda t: paper(t)),
    st.builds(lambda t, i: paper(t, id=i), titles, arxiv_ids),
    st.builds(lambda t, i: paper(t, url=f"https://arxiv.org/abs/{i}"), titles, arxiv_ids),
)


def check_slug_shape(slug: str) -> None:
    assert slug == slug.lower()
    assert SLUG.match(slug), slug
    assert len(slug) <= 100
    assert len(slug.encode("utf-8")) <= 255
    assert slug != "index"
    # com2-com9 and lpt2-lpt9 are left to test_slug_is_never_a_reserved_name (a known bug).
    assert slug not in {"index", "con", "prn", "aux", "nul", "com1", "lpt1"}


@settings(max_examples=400, deadline=None)
@given(papers)
@example(paper("a" * 1500))
@example(paper("???"))
@example(paper("../../x"))
@example(paper("\u200b\u200b"))
@example(paper("Index"))
@example(paper("CON"))
def test_paper_slug_shape(p: Paper) -> None:
    slug = slug_of(p)
    check_slug_shape(slug)
    # Depends on the paper alone: the same input gives the same slug, every time.
    assert slug_of(dataclasses.replace(p)) == slug


def assert_no_shared_slugs(batch: list[Paper]) -> None:
    slug_to_key: dict[str, str] = {}
    for p in batch:
        key, slug = paper_key(p), slug_of(p)
        assert slug_to_key.setdefault(slug, key) == key, (slug, key, slug_to_key[slug])


# Characters unidecode can spell in ASCII (or that the key drops too), mixed with ASCII.
transliterable = st.sampled_from(
    ["ß", "é", "Å", "\u03b1", "β", "模型", "İ", "ﬁ", "ж", "\u200b", "\u202e", "\ufeff", "🙂"]
)
spellable_titles = st.one_of(
    st.text(string.printable, max_size=40),
    st.lists(st.one_of(transliterable, st.text(string.printable, max_size=10)), max_size=10).map(
        " ".join
    ),
    st.lists(st.one_of(transliterable, st.text(string.ascii_letters, max_size=4)), max_size=10).map(
        "".join
    ),
)
spellable_papers = st.one_of(
    spellable_titles.map(lambda t: paper(t)),
    st.builds(lambda t, i: paper(t, id=i), spellable_titles, arxiv_ids),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(spellable_papers, min_size=2, max_size=40))
def test_distinct_keys_never_share_a_slug(batch: list[Paper]) -> None:
    assert_no_shared_slugs(batch)


@settings(max_examples=300, deadline=None)
@given(st.lists(papers, min_size=2, max_size=40))
@example([paper("Dont Stop Pretraining"), paper("Don\u02bct Stop Pretraining")])
@example([paper("0"), paper("0\U00017000")])
def test_distinct_keys_never_share_a_slug_any_unicode(batch: list[Paper]) -> None:
    assert_no_shared_slugs(batch)


def test_many_similar_titles_do_not_collide() -> None:
    """Titles that slugify alike (case, accents, punctuation, unicode, truncation)."""
    base = "Scaling Laws for Neural Language Models"
    variants = [
        base,
        base + "?",
        base + " 2",
        base.upper(),
        "Ŝcaling Laws for Neural Language Models",
        base + " \u03b1",
        base + " β",
        base + " 模型",
        base + " 模",
        "???",
        "!!!x",
        "x",
        base * 20,
        base * 20 + " tail",
        base * 21,
        "../../" + base,
        base.replace(" ", "\u200b "),
        *(f"{base} {c}" for c in "абвгдеж"),
    ]
    by_slug: dict[str, set[str]] = {}
    for title in variants:
        p = paper(title)
        check_slug_shape(slug_of(p))
        by_slug.setdefault(slug_of(p), set()).add(paper_key(p))
    assert all(len(keys) == 1 for keys in by_slug.values()), by_slug


def test_a_title_cannot_take_another_papers_hashed_slug() -> None:
    first = paper("foo \u03b1")
    hashed = slug_of(first)
    second = paper(hashed.replace("-", " "))
    assert paper_key(first) != paper_key(second)
    assert slug_of(second) != hashed


@pytest.mark.parametrize(
    "name",
    [name for name in sorted(WINDOWS_RESERVED | {"index"})],
)
def test_slug_is_never_a_reserved_name(name: str) -> None:
    for title in (name, name.upper(), f"  {name.capitalize()} "):
        slug = slug_of(paper(title))
        assert slug != name
        assert slug not in WINDOWS_RESERVED | {"index"}


@pytest.mark.parametrize("archive", sorted(n for n in WINDOWS_RESERVED if n.isalpha()))
def test_an_old_arxiv_id_is_never_a_device_name_before_its_dot(archive: str) -> None:
    """Windows reads `prn.0000000.md` as the device PRN, whatever follows the dot (an old
    archive's name is letters only: `com1/…` is no arXiv id)."""
    slug = slug_of(paper("Any", id=f"arXiv:{archive}/0000000"))
    assert slug.split(".")[0] not in WINDOWS_RESERVED
    assert slug.endswith(f"{archive}.0000000")


@given(st.text(max_size=60), st.text(max_size=200))
def test_slug_for_shape_for_any_key_and_words(tail: str, words: str) -> None:
    slug = slug_for("title:" + tail, words)
    assert SLUG.match(slug)
    assert len(slug) <= 100
    assert slug == slug_for("title:" + tail, words)


# --- merge_duplicates ---------------------------------------------------------------------


def test_merge_duplicates_merges_versions_and_url_forms() -> None:
    sparse = paper("Same Paper", id="2501.01234v1", abstract="Short.")
    rich = paper(
        "Same Paper",
        url="https://arxiv.org/abs/2501.01234v3",
        pdf="https://arxiv.org/pdf/2501.01234v3.pdf",
        authors=("A. Author", "B. Author"),
        date="2025-01-02",
        categories=("cs.CL",),
    )
    third = paper("Same paper", pdf="https://arxiv.org/pdf/2501.01234.pdf", authors=("A",))
    other = paper("Other Paper", id="2501.99999")

    merged, count = merge_duplicates([sparse, rich, other, third])

    assert count == 2
    assert list(merged) == ["arxiv:2501.01234", "arxiv:2501.99999"]
    one = merged["arxiv:2501.01234"]
    assert one.abstract == rich.abstract
    assert one.id == sparse.id
    assert (one.url, one.pdf, one.date) == (rich.url, rich.pdf, rich.date)
    assert one.authors == rich.authors
    assert one.categories == rich.categories
    assert one.origin == sparse.origin
    kept = merged["arxiv:2501.99999"]
    assert (kept.title, kept.abstract, kept.id) == (other.title, other.abstract, other.id)


def test_merge_duplicates_merges_same_title_without_ids() -> None:
    a = paper("Graph Neural Networks: A Review", abstract="Short.")
    b = paper("graph neural networks - a review", url="https://example.org/gnn")
    merged, count = merge_duplicates([a, b])
    assert count == 1
    (one,) = merged.values()
    assert one.abstract == ABSTRACT
    assert one.url == "https://example.org/gnn"


word = st.text(string.ascii_lowercase, min_size=1, max_size=8)


@given(st.lists(st.lists(word, min_size=1, max_size=8).map(tuple), min_size=1, max_size=30))
def test_different_titles_never_merge(word_lists: list[tuple[str, ...]]) -> None:
    distinct = sorted(set(word_lists))
    papers = [paper(" ".join(w).title()) for w in distinct]
    # Titles whose letters run together identically ('ab c' / 'a bc') are one title to
    # normal_title; the property is about titles that differ in their letters.
    letters = {"".join(w) for w in distinct}
    merged, count = merge_duplicates(papers)
    assert len(merged) == len(letters)
    assert count == len(papers) - len(letters)


def test_titles_without_letters_do_not_merge() -> None:
    merged, count = merge_duplicates([paper("???"), paper("!!!"), paper("...")])
    assert count == 0
    assert len(merged) == 3
