"""A listing day that names no year (a text dump's `Jul 29`) dated by its papers' arXiv ids."""

from __future__ import annotations

import pytest

from generator.index.listing_days import id_month, with_listing_years
from generator.model import Origin, Paper


def paper(title: str, listed: tuple[str, ...], arxiv: str = "") -> Paper:
    return Paper(title=title, abstract="A.", origin=Origin("d.txt"), id=arxiv, listed=listed)


@pytest.mark.parametrize(
    ("arxiv", "month"),
    [
        ("2507.12345", (2025, 7)),
        ("0704.0001", (2007, 4)),
        ("hep-th/9901001", (1999, 1)),
        ("math.GT/0309136", (2003, 9)),
        ("", None),
    ],
)
def test_the_month_an_arxiv_id_was_given(arxiv: str, month: tuple[int, int] | None) -> None:
    assert id_month(arxiv) == month


def test_the_newest_id_gives_the_year_of_every_paper_on_the_day() -> None:
    papers = [
        paper("Old", ("--07-29",), "2307.00001"),
        paper("New", ("--07-29",), "2507.00002"),
        paper("No id", ("--07-29",)),
        paper("Elsewhere", ("2025-07-28",), "2507.00003"),
    ]
    dated = with_listing_years(papers)
    assert [p.listed for p in dated] == [("2025-07-29",)] * 3 + [("2025-07-28",)]


def test_a_day_before_the_newest_id_s_month_is_in_the_next_year() -> None:
    [dated] = with_listing_years([paper("New", ("--01-03",), "2512.00001")])
    assert dated.listed == ("2026-01-03",)


def test_a_day_without_ids_or_without_such_a_date_keeps_no_year() -> None:
    papers = [paper("No id", ("--07-29",)), paper("Leap", ("--02-29",), "2502.00001")]
    assert [p.listed for p in with_listing_years(papers)] == [("--07-29",), ("--02-29",)]


def test_a_paper_listed_with_and_without_the_year_is_listed_once() -> None:
    [dated] = with_listing_years([paper("Both", ("--07-29", "2025-07-29"), "2507.00001")])
    assert dated.listed == ("2025-07-29",)
