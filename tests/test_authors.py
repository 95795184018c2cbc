"""Authors with two or more papers: grouping, pages, and links from paper pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Entry, Origin, Paper
from generator.pages import authors
from generator.pages.authors import author_key, author_line, author_pages, index_authors


def entry(key: str, *authors: str, date: str = "") -> Entry:
    paper = Paper(
        title=f"Paper {key}", abstract="A.", origin=Origin("x"), authors=authors, date=date
    )
    return Entry(key=key, slug=key, paper=paper)


def test_names_are_grouped_by_normal_form() -> None:
    assert author_key("Jane\u00a0 Doe ") == author_key("jane doe")
    assert author_key("Jose\u0301") == author_key("José")


def test_in_a_large_library_only_authors_with_two_papers_get_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(authors, "EVERY_AUTHOR", 2)
    entries = [
        entry("a", "Jane Doe", "Solo Writer"),
        entry("b", "jane  doe"),
        entry("c", "Jane Doe"),
    ]
    (jane,) = index_authors(entries)
    assert jane.name == "Jane Doe" and jane.papers == ("a", "b", "c") and jane.slug == "jane-doe"
    lookup = {jane.key: jane}
    line = author_line(("Jane Doe", "Solo Writer"), lookup, "papers/a.md")
    assert line == '<a href="../../authors/jane-doe/">Jane Doe</a>, Solo Writer'


def test_in_a_small_library_every_author_has_a_page() -> None:
    entries = [entry("a", "Jane Doe", "Solo Writer"), entry("b", "Jane Doe")]
    assert [a.name for a in index_authors(entries)] == ["Jane Doe", "Solo Writer"]


def test_spellings_of_one_person_share_one_page_and_every_spelling_links_to_it() -> None:
    entries = [
        entry("a", "H. Botha", "Keith A. Josephs"),
        entry("b", "Hugo Botha", "Keith A. Josephs"),
    ]
    found = {a.name: a for a in index_authors(entries)}
    assert set(found) == {"Hugo Botha", "Keith A. Josephs"}
    hugo = found["Hugo Botha"]
    assert hugo.papers == ("a", "b")
    lookup = {s: a for a in found.values() for s in (a.key, *a.spellings)}
    line = author_line(("H. Botha",), lookup, "papers/a.md")
    assert line == '<a href="../../authors/hugo-botha/">H. Botha</a>'


def test_index_is_a_to_z_by_family_name_and_slugs_do_not_clash() -> None:
    entries = [
        entry("a", "Zoe Adams", "Émile Zola", "Zoë Adams", "A. Adams"),
        entry("b", "Zoe Adams", "Émile Zola", "Zoë Adams", "A. Adams"),
    ]
    authors = index_authors(entries)
    assert [a.name for a in authors] == ["A. Adams", "Zoe Adams", "Zoë Adams", "Émile Zola"]
    assert len({a.slug for a in authors}) == 4
    pages = author_pages(authors, entries)
    index = pages["authors/index.md"]
    assert index.index("## A") < index.index("## Z")
    assert len(pages) == 5


def test_hostile_names_stay_text() -> None:
    entries = [entry("a", "<b>x</b> [y](javascript:z)"), entry("b", "<b>x</b> [y](javascript:z)")]
    pages = author_pages(index_authors(entries), entries)
    for page in pages.values():
        body = page.split("---\n", 2)[2]  # the front matter holds the name as YAML text
        assert "<b>" not in body and "](javascript" not in body


def test_no_repeat_authors_no_pages_in_a_large_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(authors, "EVERY_AUTHOR", 1)
    entries = [entry("a", "One"), entry("b", "Two")]
    assert author_pages(index_authors(entries), entries) == {}


@pytest.mark.e2e
def test_author_pages_are_linked_from_papers(dated_site: Path) -> None:
    paper = (dated_site / "papers" / "2501.10000" / "index.html").read_text("utf-8")
    assert '<a href="../../authors/jane-doe/">Jane Doe</a>' in paper
    jane = (dated_site / "authors" / "jane-doe" / "index.html").read_text("utf-8")
    assert jane.count('href="../../papers/25') == 6
