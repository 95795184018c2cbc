"""Browse by date: parsing, month pages newest first, and no archive without dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dates import PaperDate, parse_date
from generator.model import Entry, Origin, Paper
from generator.pages.archive import archive_pages, date_page, month_counts
from generator.site.navigation import with_sections


def entry(key: str, date: str, title: str = "") -> Entry:
    paper = Paper(title=title or key, abstract="A.", origin=Origin("x"), date=date)
    return Entry(key=key, slug=key, paper=paper)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025-10-15", PaperDate(2025, 10, 15)),
        ("2025-10", PaperDate(2025, 10)),
        (" 2025 ", PaperDate(2025)),
        ("2025-13", None),
        ("2025-02-30", None),
        ("15 Oct 2025", None),
        ("", None),
    ],
)
def test_parse_date(text: str, date: PaperDate | None) -> None:
    assert parse_date(text) == date


def test_dates_show_and_page() -> None:
    assert PaperDate(2025, 3, 4).shown() == "4 March 2025"
    assert date_page(PaperDate(2025, 3)) == "archive/2025-03.md"
    assert date_page(PaperDate(2025)) == "archive/2025.md"
    assert PaperDate(2025, 3).timestamp() == "2025-03-01T00:00:00Z"


def test_no_dates_no_archive() -> None:
    assert archive_pages([entry("a", ""), entry("b", "someday")]) == {}


def test_months_newest_first_with_neighbours() -> None:
    entries = [
        entry("a", "2024-12-01"),
        entry("b", "2025-02-03"),
        entry("c", "2025-02-10"),
        entry("d", "2024"),
        entry("e", ""),
    ]
    pages = archive_pages(entries)
    assert sorted(pages) == sorted(
        ["archive/index.md", "archive/2025-02.md", "archive/2024-12.md", "archive/2024.md"]
    )
    february = pages["archive/2025-02.md"]
    assert february.index('"../../papers/c/"') < february.index('"../../papers/b/"')
    assert "Older: [December 2024](../archive/2024-12.md)" in february
    index = pages["archive/index.md"]
    assert index.index("## 2025") < index.index("## 2024")
    assert "4 of 5 papers" in index and "1 papers have no date" in index


def test_month_counts_fill_gaps() -> None:
    counts = month_counts([entry("a", "2024-11-01"), entry("b", "2025-01-05"), entry("c", "2025")])
    assert [(d.iso(), n) for d, n in counts] == [("2024-11", 1), ("2024-12", 0), ("2025-01", 1)]


def test_navigation_gets_only_the_sections_that_exist() -> None:
    nav = [{"Home": "index.md"}, {"Themes": "themes/index.md"}, {"About": "about.md"}]
    found = with_sections(nav, lambda path: path == "map.md")
    assert found == [
        {"Home": "index.md"},
        {"Themes": "themes/index.md"},
        {"Map": "map.md"},
        {"About": "about.md"},
    ]
    assert with_sections(None, lambda path: True) is None
    assert with_sections([{"Map": "map.md"}], lambda path: path == "map.md") == [{"Map": "map.md"}]


def tabs(site: Path) -> list[str]:
    html = (site / "index.html").read_text("utf-8")
    return [part.split('"', 1)[0] for part in html.split('class="md-tabs__link">')[1:]]


@pytest.mark.e2e
def test_seed_without_dates_has_no_archive(seed_site: Path) -> None:
    assert not (seed_site / "archive").exists()
    html = (seed_site / "index.html").read_text("utf-8")
    assert 'href="archive/"' not in html
    assert "None of the papers in this index has a date" in (
        seed_site / "map" / "index.html"
    ).read_text("utf-8")


@pytest.mark.e2e
def test_dated_site_has_archive_in_nav_and_dates_on_pages(dated_site: Path) -> None:
    html = (dated_site / "index.html").read_text("utf-8")
    assert 'href="archive/"' in html and 'href="authors/"' in html
    month = (dated_site / "archive" / "2025-03" / "index.html").read_text("utf-8")
    assert "March 2025" in month
    paper = (dated_site / "papers" / "2501.10000" / "index.html").read_text("utf-8")
    assert '<a href="../../archive/2025-03/">14 March 2025</a>' in paper
