"""The days of the daily listings: the home page leads with the newest day's papers, every day
has a page, a paper listed on two days has one page of its own; undated libraries are as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.index.build import index_library
from generator.pages.build import site_pages
from generator.sources import read_library
from tests.conftest import FIXTURES, SEED
from tests.fetch_fakes import DAY1, DAY2, DAY3, hf_answer, hf_item


def library(tmp_path: Path) -> Path:
    """Three Daily Papers days; `Tiny Agents` is listed on two of them."""
    folder = tmp_path / "papers" / "daily"
    folder.mkdir(parents=True)
    days = {
        DAY1: [("2510.00001", "Sparse Attention Kernels"), ("2510.00002", "Tiny Agents")],
        DAY2: [("2510.00003", "Weather Models"), ("2510.00002", "Tiny Agents")],
        DAY3: [
            ("2510.00004", "Mixture of Experts Routing"),
            ("2510.00005", "Sparse Attention for <script>alert(1)</script> Video"),
            ("2510.00006", "Diffusion Policies for Robots"),
        ],
    }
    for day, papers in days.items():
        items = [hf_item(arxiv, title, day) for arxiv, title in papers]
        (folder / f"{day}.json").write_bytes(hf_answer(items))
    return folder.parent


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, str]:
    papers, problems, _ = read_library([library(tmp_path)])
    assert problems == []
    index, merged = index_library(papers)
    assert merged == 1
    return site_pages(index)


def section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start : end if end > 0 else None]


def test_home_leads_with_every_paper_of_the_newest_day(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    newest = section(home, "## 14 October 2025")
    assert home.index("## 14 October 2025") < home.index("## Top themes")
    assert "3 papers listed on this day." in newest
    titles = re.findall(r'<strong><a href="papers/[^"]+/">([^<]+)</a></strong>', newest)
    assert titles == [
        "Diffusion Policies for Robots",
        "Mixture of Experts Routing",
        "Sparse Attention for &lt;script&gt;alert(1)&lt;/script&gt; Video",
    ]
    assert newest.count('<a href="authors/ada-lovelace/">Ada Lovelace</a>') == 3
    assert newest.count("<em>Keywords:</em> ") == 3
    assert '<em>Themes:</em> <a href="themes/' in newest
    assert "Previous day: [13 October 2025](days/2025-10-13.md)" in newest
    assert "[All days](days/index.md)" in newest and "(archive/index.md)" in newest
    assert "Tiny Agents" not in newest and "## Newest papers" not in home
    assert "<script>" not in home


def test_every_day_has_a_page_linked_to_the_days_around_it(pages: dict[str, str]) -> None:
    middle = pages["days/2025-10-13.md"]
    assert "# 13 October 2025" in middle and "2 papers listed on this day." in middle
    assert "Previous day: [12 October 2025](../days/2025-10-12.md)" in middle
    assert "Next day: [14 October 2025](../days/2025-10-14.md)" in middle
    assert "Previous day" not in pages["days/2025-10-12.md"]
    assert "Next day" not in pages["days/2025-10-14.md"]
    listing = pages["days/index.md"]
    assert listing.index("2025-10-14.md") < listing.index("2025-10-13.md")
    assert "[12 October 2025](../days/2025-10-12.md) (2)" in listing


def test_a_paper_listed_on_two_days_has_one_page_on_both_days(pages: dict[str, str]) -> None:
    assert [p for p in pages if "2510.00002" in p] == ["papers/2510.00002.md"]
    for day in ("2025-10-12", "2025-10-13"):
        assert '<a href="../../papers/2510.00002/">Tiny Agents</a>' in pages[f"days/{day}.md"]
    page = pages["papers/2510.00002.md"]
    assert (
        '<strong>Listed:</strong> <a href="../../days/2025-10-12/">12 October 2025</a> · '
        '<a href="../../days/2025-10-13/">13 October 2025</a>'
    ) in page


def test_a_paper_on_both_services_is_one_paper_listed_on_both_days(tmp_path: Path) -> None:
    folder = library(tmp_path)
    (folder / "arxiv").mkdir()
    record = (
        '{"id": "2510.00003", "title": "Weather Models", "summary": "We forecast weather with '
        'learned models and compare them with numerical weather prediction at scale.", '
        '"authors": ["Ada Lovelace"], "listed": "2025-10-11"}\n'
    )
    (folder / "arxiv" / "2025-10-11.jsonl").write_text(record, "utf-8")
    papers, _, _ = read_library([folder])
    index, _ = index_library(papers)
    [entry] = [e for e in index.entries if e.key == "arxiv:2510.00003"]
    assert entry.paper.listed == ("2025-10-11", "2025-10-13")


def test_same_library_in_any_order_gives_the_same_pages(
    tmp_path: Path, pages: dict[str, str]
) -> None:
    papers, _, _ = read_library([library(tmp_path / "again")])
    index, _ = index_library(list(reversed(papers)))
    assert site_pages(index) == pages


def test_libraries_without_listing_days_keep_the_home_page_and_get_no_day_pages() -> None:
    for path in (SEED, FIXTURES / "dated.jsonl"):
        papers, _, _ = read_library([path])
        pages = site_pages(index_library(papers)[0])
        assert not [p for p in pages if p.startswith("days/")]
        assert "listed on this day" not in pages["index.md"]
        assert "## Top themes" in pages["index.md"]
    assert "## Newest papers" in pages["index.md"]  # the dated one: by date, as before
