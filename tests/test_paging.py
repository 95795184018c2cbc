"""Long lists are split into pages, and every paper stays reachable exactly once."""

from __future__ import annotations

import re

import pytest

from generator.index.build import index_library
from generator.pages import lists, paging, themes
from generator.pages.library import Site
from generator.sources import read_library
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_index():  # type: ignore[no-untyped-def]
    papers, _, _ = read_library([SEED])
    return index_library(papers)[0]


def linked_papers(text: str) -> list[str]:
    return re.findall(r'href="(?:\.\./)+papers/([^"/]+)/"', text)


def test_initials() -> None:
    assert paging.initial("Émile") == "e"
    assert paging.initial("3D scenes") == "0-9"
    assert paging.initial("«Ω»") == "other"
    assert paging.initial("???") == "other"


def test_small_library_has_one_list(seed_index) -> None:  # type: ignore[no-untyped-def]
    site = Site(seed_index)
    assert list(lists.papers_index(site)) == ["papers/index.md"]


def test_large_library_is_listed_by_letter_in_pages(seed_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lists, "LIST_LIMIT", 50)
    monkeypatch.setattr(lists, "PAPERS_PER_PAGE", 5)
    listing = lists.papers_index(Site(seed_index))
    letter_pages = {p: t for p, t in listing.items() if p.startswith("papers-a-z/")}
    assert len(letter_pages) > 10
    listed = [slug for text in letter_pages.values() for slug in linked_papers(text)]
    assert sorted(listed) == sorted(e.slug for e in seed_index.entries)
    for path, text in letter_pages.items():
        assert len(linked_papers(text)) <= 5
        for target in re.findall(r"\]\(((?:\.\./)+papers-a-z/[^)]+)\)", text):
            resolved = target.lstrip("./")
            assert resolved in listing, (path, target)


def test_big_theme_is_paged(seed_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lists, "PAPERS_PER_PAGE", 3)
    site = Site(seed_index)
    theme = max(seed_index.themes, key=lambda t: len(t.papers))
    split = themes.theme_pages(site, theme)
    assert len(split) == -(-len(theme.papers) // 3)
    listed = [slug for text in split.values() for slug in linked_papers(text)]
    assert sorted(listed) == sorted(site.entries[k].slug for k in theme.papers)


def test_page_thresholds_grow_with_the_library_in_rare_steps() -> None:
    from generator.scale import pages_threshold

    sizes = (121, 10_000, 10_001, 20_000, 20_001, 34_820, 35_020, 40_001)
    assert [pages_threshold(n) for n in sizes] == [2, 2, 4, 4, 8, 8, 8, 16]
    # A day of papers moves it only where the library passes a doubling.
    steps = [n for n in range(100, 100_000, 200) if pages_threshold(n) != pages_threshold(n + 200)]
    assert [pages_threshold(n + 200) for n in steps] == [4, 8, 16, 32]


def test_only_themes_of_the_size_the_library_asks_get_feeds(seed_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.pages import feeds

    monkeypatch.setattr(feeds, "pages_threshold", lambda papers: 4)  # as at 10,000-20,000
    written = [p for p in feeds.feeds(seed_index) if p.startswith("feeds/themes/")]
    large = [t for t in seed_index.themes if len(t.papers) >= 8]
    assert 0 < len(large) < len(seed_index.themes)
    assert sorted(written) == sorted(feeds.theme_feed_path(t) for t in large)


def test_many_themes_are_listed_by_letter_with_working_links(seed_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lists, "LIST_LIMIT", 20)
    listing = themes.themes_index(Site(seed_index))
    assert len(listing) > 5
    for path, text in listing.items():
        for target in re.findall(r"\]\(([^)]*themes-a-z/[^)]+)\)", text):
            depth = path.count("/")
            assert target.startswith("../" * depth), (path, target)
            assert target[3 * depth :] in listing, (path, target)
