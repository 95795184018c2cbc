"""Atom feeds: valid Atom 1.0 (feedparser and our own checks), stable, escaped, linked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from generator.dates import UNDATED, paper_time
from generator.index.build import index_library
from generator.model import Index, Origin, Paper, Theme
from generator.pages.feeds import FEED, feeds, followed_themes
from generator.sources import read_library
from tests.conftest import FIXTURES

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
HOSTILE = "<script>alert(1)</script> ]]> &amp; \x00\x08 \ud800 {{ x }}"


def check_atom(text: str) -> list[ET.Element]:
    """The Atom 1.0 (RFC 4287) requirements we rely on; returns the entries."""
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert RFC3339.match(feed.findtext(f"{A}updated", ""))
    assert feed.find(f"{A}author/{A}name") is not None
    assert feed.find(f"{A}link[@rel='self']") is not None
    entries = feed.findall(f"{A}entry")
    for item in entries:
        for name in ("id", "title", "updated"):
            assert len(item.findall(f"{A}{name}")) == 1, name
        assert item.findtext(f"{A}id", "").startswith(("urn:", "tag:"))
        assert RFC3339.match(item.findtext(f"{A}updated", ""))
        link = item.find(f"{A}link[@rel='alternate']")
        assert link is not None and link.get("href")
        assert item.find(f"{A}title").get("type") == "text"  # type: ignore[union-attr]
        summary = item.find(f"{A}summary")
        assert summary is None or summary.get("type") == "text"
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(ids) == len(set(ids))
    return entries


@pytest.fixture(scope="module")
def dated_index() -> Index:
    papers, problems, _ = read_library([FIXTURES / "dated.jsonl"])
    assert problems == []
    return index_library(papers)[0]


def test_every_feed_is_valid_atom(dated_index: Index) -> None:
    found = feeds(dated_index)
    assert FEED in found and len(found) == 1 + len(dated_index.themes)
    for text in found.values():
        assert check_atom(text)


def test_newest_first_and_undated_get_a_fixed_time(dated_index: Index) -> None:
    entries = check_atom(feeds(dated_index)[FEED])
    times = [e.findtext(f"{A}updated", "") for e in entries]
    assert all(times) and times == sorted(times, reverse=True)
    undated = replace(
        dated_index.entries[0], key="title:x", paper=replace(dated_index.entries[0].paper, date="")
    )
    assert paper_time(undated) == UNDATED
    arxiv = replace(undated, key="arxiv:2510.01234")
    assert paper_time(arxiv) == "2025-10-01T00:00:00Z"


def test_same_input_same_bytes(dated_index: Index) -> None:
    again = Index(entries=tuple(reversed(dated_index.entries)), themes=dated_index.themes)
    assert feeds(dated_index) == feeds(
        Index(entries=tuple(sorted(again.entries, key=lambda e: e.key)), themes=again.themes)
    )
    assert feeds(dated_index) == feeds(dated_index)


def test_links_are_relative_without_site_url_and_absolute_with_it(dated_index: Index) -> None:
    relative = feeds(dated_index)[FEED]
    assert "site_url is not set" in relative
    assert 'href="papers/' in relative
    absolute = feeds(dated_index, "https://example.org/repo/")[FEED]
    assert "site_url is not set" not in absolute
    assert 'href="https://example.org/repo/papers/' in absolute
    assert (
        'rel="self" type="application/atom+xml" href="https://example.org/repo/feed.xml"'
        in absolute
    )


def test_hostile_text_is_escaped(dated_index: Index) -> None:
    first = dated_index.entries[0]
    paper = replace(first.paper, title=HOSTILE, abstract=HOSTILE, authors=(HOSTILE, "\x01"))
    rest = dated_index.entries[1:]
    index = Index(entries=(replace(first, paper=paper), *rest), themes=dated_index.themes)
    text = feeds(index)[FEED]
    item = next(e for e in check_atom(text) if "script" in e.findtext(f"{A}title", ""))
    assert "<script>" not in text
    assert item.findtext(f"{A}title") == "<script>alert(1)</script> ]]> &amp;   {{ x }}"
    titles = [e.title for e in feedparser.parse(text).entries]
    assert any(t.startswith("<script>") for t in titles)


def test_a_paper_keeps_its_id_across_feeds(dated_index: Index) -> None:
    found = feeds(dated_index)
    ids: dict[str, set[str]] = {}
    for text in found.values():
        for item in ET.fromstring(text.encode()).findall(f"{A}entry"):
            link = item.find(f"{A}link").get("href", "")  # type: ignore[union-attr]
            ids.setdefault(link.rsplit("papers/", 1)[1], set()).add(item.findtext(f"{A}id", ""))
    assert all(len(v) == 1 for v in ids.values())


@pytest.mark.e2e
def test_built_feeds_parse_and_are_linked(seed_site: Path) -> None:
    feed_files = [seed_site / "feed.xml", *sorted((seed_site / "feeds").rglob("*.xml"))]
    assert len(feed_files) > 10
    for path in feed_files:
        check_atom(path.read_text("utf-8"))
    home = (seed_site / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="feed.xml"' in home
    theme = next((seed_site / "themes").glob("*/index.html"))
    html = theme.read_text("utf-8")
    own = f'href="../../feeds/themes/{theme.parent.name}.xml"'
    assert html.count(own) == 1  # visible; in <head> it would cost a 404 (overrides/main.html)


@pytest.mark.e2e
def test_entry_links_resolve_in_the_built_site(dated_site: Path) -> None:
    feed = dated_site / "feeds" / "themes"
    for path in feed.glob("*.xml"):
        for item in check_atom(path.read_text("utf-8")):
            href = item.find(f"{A}link").get("href", "")  # type: ignore[union-attr]
            assert (path.parent / href / "index.html").resolve().is_file(), href


def test_paper_with_no_fields_beyond_title() -> None:
    paper = Paper(title="Only a title", abstract="", origin=Origin("x"))
    index, _ = index_library([paper])
    assert check_atom(feeds(index)[FEED])


def test_a_theme_keeps_its_feed_as_other_themes_grow() -> None:
    def theme(key: str, size: int) -> Theme:
        return Theme(key, key, key, tuple(f"p{n}" for n in range(size)))

    mine = theme("mine", 32)
    assert followed_themes([mine], 35_000) == [mine]
    larger = [theme(f"t{n}", 100) for n in range(1500)]
    assert mine in followed_themes([mine, *larger], 35_000)
    assert followed_themes([theme("small", 31)], 35_000) == []
    assert followed_themes([theme("pair", 2)], 121) != []  # every theme, in a small library
