"""A library's memory: a day's new papers change what they touch, and a re-fit keeps every
theme address answering."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import feedparser
import pytest

from generator.cache import Cache
from generator.index.build import Linked, Settings, index_library
from generator.index.memory import grown_too_far, moved, refit
from generator.model import Index, Theme
from generator.pages.feeds import feeds
from generator.pages.themes import retired_page
from generator.site import incremental
from generator.sources import read_library
from tests.conftest import SHARED

DAY = SHARED / "eval" / "day-2025-10-15.topics.json"


def theme(key: str, *papers: str) -> Theme:
    return Theme(key, key, key.replace(" ", "-"), tuple(papers))


LAST = Linked(
    keys=("a", "b", "c"),
    themes=(theme("graphs", "a", "b"), theme("speech", "b", "c")),
    paper_themes=[("graphs",), ("graphs", "speech"), ("speech",)],
    shown=[(), (), ()],
    related=[[(1, 0.5, ())], [(0, 0.5, ()), (2, 0.3, ())], [(1, 0.3, ())]],
)


def retired_of(linked: Linked) -> dict[str, tuple[str, str]]:
    return {slug: (label, to) for slug, label, to in linked.retired}


def test_a_library_grown_past_the_share_refits() -> None:
    hundred = [str(n) for n in range(100)]
    assert moved(hundred, [*hundred[5:], "a", "b"]) == 7
    assert not grown_too_far(10, 100)
    assert grown_too_far(11, 100)


@pytest.mark.skipif(not DAY.exists(), reason="needs ../shared")
def test_days_added_one_by_one_refit_once_they_pass_the_share(tmp_path: Path) -> None:
    papers, _, _ = read_library([DAY])
    cache = Cache(tmp_path / "cache.sqlite")
    notes = io.StringIO()
    stage = incremental.cached_link_stage(cache, notes, library="day")
    index_library(papers[:170], link=stage)
    for size in (180, 187):  # 17 since the fit of 170: kept
        index_library(papers[:size], link=stage)
    assert "fitted afresh" not in notes.getvalue()
    index_library(papers[:190], link=stage)  # 20 since the fit: more than 10%
    assert "fitted afresh (the library changed by more than 10%" in notes.getvalue()


def test_a_refit_keeps_each_dropped_address_pointing_to_its_papers() -> None:
    fresh = Linked(
        keys=("a", "b", "c"),
        themes=(theme("networks", "a", "b", "c"),),
        paper_themes=[("networks",), ("networks",), ("networks",)],
        shown=[(), (), ()],
        related=[[], [], []],
    )
    fitted = refit(LAST, fresh)
    assert retired_of(fitted) == {
        "graphs": ("graphs", "networks"),
        "speech": ("speech", "networks"),
    }
    again = refit(
        fitted,
        dataclasses.replace(
            fresh,
            themes=(theme("graphs", "a", "b"), theme("networks", "c")),
            paper_themes=[("graphs",), ("graphs",), ("networks",)],
        ),
    )
    assert "graphs" not in retired_of(again)  # the address is a theme again
    assert retired_of(again)["speech"] == ("speech", "networks")
    # What the build keeps of the last result through a fit is enough for the same re-fit.
    assert refit(incremental.addresses_of(fitted), fresh) == refit(fitted, fresh)
    assert refit(incremental.addresses_of(LAST), fresh) == fitted


def test_a_retired_address_answers_with_its_successor() -> None:
    page = retired_page("graphs", "graphs", theme("networks", "a"))
    assert "[networks](networks.md)" in page["themes/graphs.md"]
    assert "other themes" in retired_page("graphs", "graphs", None)["themes/graphs.md"]


def test_a_retired_themes_feed_answers_and_names_its_successor() -> None:
    networks = theme("networks", "a")
    index = Index(
        entries=(),
        themes=(networks,),
        retired=(("graphs", "graphs", "networks"), ("speech", "speech", "")),
    )
    out = feeds(index, "https://example.org/site/")
    moved_to = feedparser.parse(out["feeds/themes/graphs.xml"])
    assert not moved_to.bozo
    (entry,) = moved_to.entries
    assert entry.title == "The theme graphs is now networks"
    assert entry.link == "https://example.org/site/themes/networks/"
    assert "https://example.org/site/feeds/themes/networks.xml" in entry.summary
    gone = feedparser.parse(out["feeds/themes/speech.xml"])
    assert not gone.bozo and "no longer kept" in gone.entries[0].title
    assert gone.entries[0].link == "https://example.org/site/themes/speech/"


@pytest.mark.skipif(not DAY.exists(), reason="needs ../shared")
def test_a_day_added_leaves_older_papers_themes_alone(tmp_path: Path) -> None:
    papers, _, _ = read_library([DAY])
    first, added = papers[:190], papers
    cache = Cache(tmp_path / "cache.sqlite")
    notes = io.StringIO()
    stage = incremental.cached_link_stage(cache, notes, library="day")
    before, _ = index_library(first, link=stage)
    after, _ = index_library(added, link=stage)
    assert "10 new or edited paper(s) placed in the kept themes" in notes.getvalue()
    themes_before = {e.key: set(e.themes) for e in before.entries}
    assert all(
        set(e.themes) == themes_before[e.key] for e in after.entries if e.key in themes_before
    )
    addresses = {t.slug for t in after.themes}
    assert {t.slug for t in before.themes} <= addresses
    # The search index holds the day's papers apart until a fit, in every build until then.
    new = {e.key for e in after.entries} - themes_before.keys()
    assert not before.added and after.added == new and len(new) == 10
    assert index_library(added, link=stage)[0].added == new
    refitted, _ = index_library(added, Settings(refit=True), link=stage)
    assert not refitted.added
    answering = {t.slug for t in refitted.themes} | {slug for slug, _, _ in refitted.retired}
    assert addresses <= answering
    assert refitted.themes == index_library(added)[0].themes
