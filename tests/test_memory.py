"""A library's memory: a day's new papers change what they touch, and a re-fit keeps every
theme address answering."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.index.build import Settings, index_library
from generator.index.memory import Fit, carry, drift, refit
from generator.model import Theme
from generator.pages.themes import retired_page
from generator.site import incremental
from generator.sources import read_library
from tests.conftest import SHARED

DAY = SHARED / "eval" / "day-2025-10-15.topics.json"


def theme(key: str, *papers: str) -> Theme:
    return Theme(key, key, key.replace(" ", "-"), tuple(papers))


LAST = Fit(
    keys=("a", "b", "c"),
    themes=(theme("graphs", "a", "b"), theme("speech", "b", "c")),
    paper_themes=[("graphs",), ("graphs", "speech"), ("speech",)],
    related=[[(1, 0.5, ())], [(0, 0.5, ()), (2, 0.3, ())], [(1, 0.3, ())]],
)


def test_new_papers_join_kept_themes_and_older_papers_keep_theirs() -> None:
    # The fresh fit moved "a" out of graphs and into a new theme; "d" and "e" are new.
    fresh = Fit(
        keys=("a", "b", "c", "d", "e"),
        themes=(theme("graphs", "b", "d"), theme("proteins", "a", "d", "e")),
        paper_themes=[("proteins",), ("graphs",), (), ("graphs", "proteins"), ("proteins",)],
        related=[[(3, 0.9, ())], [(3, 0.6, ())], [(1, 0.2, ())], [(0, 0.9, ())], [(3, 0.8, ())]],
    )
    kept = carry(LAST, fresh, fewest=2, count=2, shown=3)
    by_key = {t.key: t for t in kept.themes}
    assert by_key["graphs"].papers == ("a", "b", "d")
    assert by_key["speech"].papers == ("b", "c")
    assert by_key["proteins"].papers == ("d", "e")  # made by the new papers alone
    assert kept.paper_themes[:3] == LAST.paper_themes
    assert kept.paper_themes[3] == ("graphs", "proteins")
    # "a" keeps its list, with the new paper that now ranks above its last entry.
    assert [j for j, _, _ in kept.related[0]] == [3, 1]
    assert [j for j, _, _ in kept.related[2]] == [1]  # no new paper ranks in "c"'s list
    assert kept.related[0][0][2] == ("graphs",)


def test_a_theme_needs_enough_new_papers_to_appear_between_refits() -> None:
    fresh = Fit(
        keys=("a", "b", "c", "d"),
        themes=(theme("graphs", "a", "b"), theme("proteins", "a", "c", "d")),
        paper_themes=[("graphs", "proteins"), ("graphs",), ("proteins",), ("proteins",)],
        related=[[], [], [], []],
    )
    kept = carry(LAST, fresh, fewest=2, count=2, shown=3)
    assert "proteins" not in {t.key for t in kept.themes}


def test_drift_is_how_many_more_papers_a_fresh_fit_serves() -> None:
    fresh = dataclasses.replace(LAST, paper_themes=[("x", "y"), ("x", "y"), ("y",)])
    assert drift(LAST, fresh) == pytest.approx(2 / 3 - 1 / 3)


def test_a_refit_keeps_each_dropped_address_pointing_to_its_papers() -> None:
    fresh = Fit(
        keys=("a", "b", "c"),
        themes=(theme("networks", "a", "b", "c"),),
        paper_themes=[("networks",), ("networks",), ("networks",)],
        related=[[], [], []],
    )
    fitted = refit(LAST, fresh)
    assert fitted.retired == {"graphs": ("graphs", "networks"), "speech": ("speech", "networks")}
    again = refit(
        fitted,
        dataclasses.replace(
            fresh,
            themes=(theme("graphs", "a", "b"), theme("networks", "c")),
            paper_themes=[("graphs",), ("graphs",), ("networks",)],
        ),
    )
    assert "graphs" not in again.retired  # the address is a theme again
    assert again.retired["speech"] == ("speech", "networks")


def test_a_retired_address_answers_with_its_successor() -> None:
    page = retired_page("graphs", "graphs", theme("networks", "a"))
    assert "[networks](networks.md)" in page["themes/graphs.md"]
    assert "other themes" in retired_page("graphs", "graphs", None)["themes/graphs.md"]


@pytest.mark.skipif(not DAY.exists(), reason="needs ../shared")
def test_a_day_added_leaves_older_papers_themes_alone(tmp_path: Path) -> None:
    papers, _, _ = read_library([DAY])
    first, added = papers[:180], papers
    cache = Cache(tmp_path / "cache.sqlite")
    notes = io.StringIO()
    stage = incremental.cached_link_stage(cache, notes, library="day")
    before, _ = index_library(first, link=stage)
    after, _ = index_library(added, link=stage)
    assert "kept from the last build" in notes.getvalue()
    themes_before = {e.key: set(e.themes) for e in before.entries}
    assert all(
        set(e.themes) == themes_before[e.key] for e in after.entries if e.key in themes_before
    )
    addresses = {t.slug for t in after.themes}
    assert {t.slug for t in before.themes} <= addresses
    refitted, _ = index_library(added, Settings(refit=True), link=stage)
    answering = {t.slug for t in refitted.themes} | {slug for slug, _, _ in refitted.retired}
    assert addresses <= answering
    assert refitted.themes == index_library(added)[0].themes
