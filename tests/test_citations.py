"""BibTeX for every paper: stable unique keys, escaped fields, originals kept, papers.bib."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Entry, Origin, Paper
from generator.pages.citations import base_key, bibliography, citations


def entry(key: str, **fields: object) -> Entry:
    base: dict[str, object] = {"title": "A Title", "abstract": "A.", "origin": Origin("x")}
    paper = Paper(**(base | fields))  # type: ignore[arg-type]
    return Entry(key=key, slug=key.replace(":", "-"), paper=paper)


def parsed(text: str) -> Library:
    library = parse_string(text)
    assert library.failed_blocks == []
    return library


def test_key_is_author_year_and_first_title_word() -> None:
    paper = entry("k", authors=("Hans Müller", "Jane Doe"), date="2020-05", title="The Big Model")
    assert base_key(paper.paper) == "muller2020big"
    assert base_key(entry("k", authors=("Doe, Jane",), title="On Things").paper) == "doethings"


def test_generated_entry_has_the_fields() -> None:
    e = entry(
        "arxiv:2501.01234",
        id="2501.01234",
        authors=("Jane Doe", "Tom and Jerry Lab"),
        date="2025-01-02",
        categories=("cs.CL",),
        doi="10.1234/ABC",
    )
    library = parsed(citations([e])[e.key])
    (only,) = library.entries
    fields = {f.key: f.value for f in only.fields}
    assert only.key == "doe2025title"
    assert fields["title"] == "A Title"
    assert fields["author"] == "Jane Doe and {Tom and Jerry Lab}"
    assert fields["eprint"] == "2501.01234" and fields["archiveprefix"] == "arXiv"
    assert fields["doi"] == "10.1234/ABC"
    assert fields["url"] == "https://arxiv.org/abs/2501.01234"


def test_keys_are_unique_and_stable() -> None:
    entries = [
        entry(f"title:{i}", authors=("Jane Doe",), date="2024", title="Same") for i in range(3)
    ]
    keys = [parsed(text).entries[0].key for text in citations(entries).values()]
    assert keys == ["doe2024same", "doe2024sameb", "doe2024samec"]
    assert citations(entries) == citations(list(entries))


def test_original_entry_is_kept_and_rekeyed_when_taken() -> None:
    original = "@article{smith2020,\n  title = {Original {T}itle},\n  journal = {J},\n}"
    first = entry("a", bibtex=original)
    second = entry("b", bibtex=original.replace("Original", "Other"))
    cited = citations([first, second])
    assert cited["a"].strip() == original
    assert cited["b"].startswith("@article{smith2020b,")
    library = parsed(bibliography([first, second], cited))
    assert [e.key for e in library.entries] == ["smith2020", "smith2020b"]


def test_broken_original_falls_back_to_a_generated_entry() -> None:
    broken = entry(
        "a", bibtex="@article{x, title = {unclosed}\n@misc{y, title={two}}", title="Fine"
    )
    text = citations([broken])["a"]
    assert text.startswith("@misc{fine,")


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(min_size=1, max_size=80),
    author=st.text(max_size=30),
    date=st.sampled_from(["", "2024", "2024-02", "1999-12-31", "bad"]),
)
def test_any_fields_give_one_parseable_entry(title: str, author: str, date: str) -> None:
    e = entry("k", title=title, authors=(author,) if author.strip() else (), date=date)
    library = parsed(citations([e])["k"])
    assert len(library.entries) == 1
    assert library.entries[0].key.isascii()


@pytest.mark.e2e
@pytest.mark.parametrize("fixture", ["seed_site", "dated_site"])
def test_papers_bib_has_one_entry_per_paper(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    library = parsed((site / "papers.bib").read_text("utf-8"))
    pages = list((site / "papers").glob("*/index.html"))
    assert len(library.entries) == len(pages)
    assert len({e.key for e in library.entries}) == len(pages)


@pytest.mark.e2e
def test_paper_page_shows_the_entry_in_a_code_block(dated_site: Path) -> None:
    page = (dated_site / "papers" / "2501.10000" / "index.html").read_text("utf-8")
    assert '<h2 id="cite">' in page
    assert "@misc{doe2025scaling," in page
    assert "<pre" in page and "language-bibtex" in page
