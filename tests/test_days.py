"""The days of the daily listings: the home page leads with the newest day's papers, every day
has pages (ranked by upvotes or grouped by arXiv category, at most 50 papers a page), a paper's
page links its days and its neighbours there; a library without days lists every paper on the
home page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.index.build import index_library
from generator.model import Index
from generator.pages import lists
from generator.pages.build import site_pages
from generator.sources import read_library
from tests.conftest import FIXTURES, SEED, SHARED
from tests.fetch_fakes import DAY1, DAY2, DAY3, hf_answer, hf_item

PUBLIC_DAY = SHARED / "eval" / "day-2025-10-15.topics.json"


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
    assert "3 papers listed on this day, ranked by upvotes on Hugging Face" in newest
    titles = re.findall(r'<strong><a href="papers/[^"]+/">([^<]+)</a></strong>', newest)
    assert titles == [  # equal upvotes: A–Z by title
        "Diffusion Policies for Robots",
        "Mixture of Experts Routing",
        "Sparse Attention for &lt;script&gt;alert(1)&lt;/script&gt; Video",
    ]
    assert newest.count('<a href="authors/ada-lovelace/">Ada Lovelace</a>') == 3
    assert newest.count(" · 12 upvotes<br>") == 3
    assert "<br>\nWe study diffusion policies for robots at length.<br>\n" in newest
    assert '<a href="https://arxiv.org/abs/2510.00006">arXiv abstract</a> · ' in newest
    assert '<a href="https://arxiv.org/pdf/2510.00006">PDF</a>' in newest
    assert '<em>Themes:</em> <a href="themes/' in newest
    assert "<em>Keywords:</em>" not in newest
    assert "Previous day: [13 October 2025](days/2025-10-13.md)" in newest
    assert "[All days](days/index.md)" in newest and "(archive/index.md)" in newest
    assert "Tiny Agents" not in newest and "## Papers" not in home
    assert "<script>" not in home


def test_every_day_has_a_page_linked_to_the_days_around_it_at_the_top_and_bottom(
    pages: dict[str, str],
) -> None:
    middle = pages["days/2025-10-13.md"]
    assert "# 13 October 2025" in middle and "2 papers listed on this day" in middle
    before = "Previous day: [12 October 2025](../days/2025-10-12.md)"
    after = "Next day: [14 October 2025](../days/2025-10-14.md)"
    assert middle.count(before) == 2 and middle.count(after) == 2
    top, bottom = middle.index(before), middle.rindex(before)
    assert top < middle.index('<ol class="pi-day">') < middle.index("</ol>") < bottom
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
    # Newest day first; each day with the papers before and after this one that day (A–Z).
    assert (
        '<p><strong>Listed:</strong> <a href="../../days/2025-10-13/">13 October 2025</a> '
        '(paper 1 of 2) · <a href="../2510.00003/">next paper →</a><br>\n'
        '<a href="../../days/2025-10-12/">12 October 2025</a> (paper 2 of 2) · '
        '<a href="../2510.00001/">← previous paper</a></p>'
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


def build(folder: Path) -> dict[str, str]:
    papers, problems, _ = read_library([folder])
    assert problems == []
    return site_pages(index_library(papers)[0])


def voted(arxiv: str, title: str, upvotes: int, **fields: str) -> dict[str, Any]:
    item = hf_item(arxiv, title, DAY3)
    item["paper"].update(upvotes=upvotes, **fields)
    return item


def arxiv_record(arxiv: str, title: str, categories: list[str], day: str = "2025-10-15") -> str:
    summary = (
        f"We present {title.lower()}. On three benchmarks it outperforms strong baselines, "
        "and an ablation study explains why it works."
    )
    record = {"id": arxiv, "title": title, "summary": summary, "authors": ["Grace Hopper"]}
    return json.dumps({**record, "categories": categories, "listed": day}) + "\n"


def titles_in(text: str) -> list[str]:
    return re.findall(r"<li><strong><a href=\"[^\"]+\">([^<]+)</a></strong>", text)


def test_a_hugging_face_day_is_ranked_by_upvotes(tmp_path: Path) -> None:
    items = [
        voted("2510.00011", "Middling Paper", 12),
        voted("2510.00012", "Popular Paper", 140),
        voted("2510.00013", "Quiet Paper", 0),
        voted("2510.00014", "Another Middling Paper", 12),
    ]
    (tmp_path / f"{DAY3}.json").write_bytes(hf_answer(items))
    pages = build(tmp_path)
    day = pages["days/2025-10-14.md"]
    order = ["Popular Paper", "Another Middling Paper", "Middling Paper", "Quiet Paper"]
    assert titles_in(day) == order
    assert titles_in(section(pages["index.md"], "## 14 October 2025")) == order
    assert "Popular Paper</a></strong> · 140 upvotes<br>" in day
    assert "Quiet Paper</a></strong> · 0 upvotes<br>" in day
    assert "ranked by upvotes on Hugging Face (as fetched)" in day
    assert "\n## " not in day  # one ranking, no group headings


def test_an_arxiv_day_is_grouped_by_primary_category_each_with_its_count(tmp_path: Path) -> None:
    records = [
        arxiv_record("2510.10001", "Zebra Vision", ["cs.CV", "cs.AI"]),
        arxiv_record("2510.10002", "Apple Vision", ["cs.CV"]),
        arxiv_record("2510.10003", "Parsing Text", ["cs.CL", "cs.CV"]),
        arxiv_record("2510.10004", "Mind Agents", ["cs.AI"]),
        arxiv_record("2510.10005", "Bee Vision", ["cs.CV"]),
        arxiv_record("2510.10006", "Alpha Agents", ["cs.AI", "cs.CL"]),
    ]
    (tmp_path / "2025-10-15.jsonl").write_text("".join(records), "utf-8")
    day = build(tmp_path)["days/2025-10-15.md"]
    assert "6 papers listed on this day, grouped by primary arXiv category." in day
    headings = re.findall(r"^## (.+)$", day, re.M)
    assert headings == ["cs\\.CV (3)", "cs\\.AI (2)", "cs\\.CL (1)"]  # largest first
    groups = re.split(r"^## .+$", day, flags=re.M)[1:]
    assert [titles_in(g) for g in groups] == [
        ["Apple Vision", "Bee Vision", "Zebra Vision"],
        ["Alpha Agents", "Mind Agents"],
        ["Parsing Text"],
    ]


def test_a_day_on_both_services_lists_the_ranked_papers_then_the_categories(
    tmp_path: Path,
) -> None:
    (tmp_path / f"{DAY3}.json").write_bytes(hf_answer([voted("2510.00021", "Voted Paper", 3)]))
    records = [
        arxiv_record("2510.10001", "Vision Paper", ["cs.CV"], str(DAY3)),
        arxiv_record("2510.10002", "Uncategorised Paper", [], str(DAY3)),
    ]
    (tmp_path / f"{DAY3}.jsonl").write_text("".join(records), "utf-8")
    day = build(tmp_path)["days/2025-10-14.md"]
    headings = re.findall(r"^## (.+)$", day, re.M)
    assert headings == [
        "Hugging Face Daily Papers, by upvotes (1)",
        "cs\\.CV (1)",
        "No arXiv category (1)",
    ]


@pytest.fixture(scope="module")
def long_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """One arXiv day of 120 papers: 70 in cs.CV, 50 in cs.CL; and the day before it."""
    folder = tmp_path_factory.mktemp("long-day")
    records = [
        arxiv_record(f"2510.2{n:04d}", f"Vision paper {n:03d}", ["cs.CV"]) for n in range(1, 71)
    ]
    records += [
        arxiv_record(f"2510.3{n:04d}", f"Language paper {n:03d}", ["cs.CL"]) for n in range(1, 51)
    ]
    records.append(arxiv_record("2510.40001", "Yesterday's paper", ["cs.CL"], "2025-10-14"))
    (folder / "listings.jsonl").write_text("".join(records), "utf-8")
    papers, problems, _ = read_library([folder])
    assert problems == []
    return index_library(papers)[0]


@pytest.fixture(scope="module")
def long_day(long_index: Index) -> dict[str, str]:
    return site_pages(long_index)


def test_a_long_day_is_split_into_pages_of_at_most_fifty(long_day: dict[str, str]) -> None:
    paths = sorted(p for p in long_day if p.startswith("days/2025-10-15"))
    assert paths == [
        "days/2025-10-15.md",
        "days/2025-10-15/page-2.md",
        "days/2025-10-15/page-3.md",
    ]
    one, two, three = (long_day[p] for p in paths)
    shown = [titles_in(page) for page in (one, two, three)]
    assert [len(s) for s in shown] == [50, 50, 20]
    vision = [f"Vision paper {n:03d}" for n in range(1, 71)]
    language = [f"Language paper {n:03d}" for n in range(1, 51)]
    assert shown[0] + shown[1] + shown[2] == vision + language
    # A group that runs over a page says so and numbers on.
    assert re.findall(r"^## (.+)$", two, re.M) == ["cs\\.CV (70, continued)", "cs\\.CL (50)"]
    assert '<ol class="pi-day" start="51">' in two and '<ol class="pi-day" start="31">' in three
    for number, page in enumerate((one, two, three), start=1):
        pager = re.findall(r"^Page (\d) of 3: .+$", page, re.M)
        assert pager == [str(number)] * 2  # above and below the list
        assert page.count("Previous day: [14 October 2025]") == 2
        assert page.index("Previous day") < page.index("<ol") < page.rindex("Previous day")
    assert "Page 2 of 3: [1](../../days/2025-10-15.md) · **2** · " in two
    assert "[3](../../days/2025-10-15/page-3.md)" in two
    # The home page shows the whole day, which is not longer than a list page holds.
    home = long_day["index.md"]
    newest = home[home.index("## 15 October 2025") : home.index("## Top themes")]
    assert len(titles_in(newest)) == 120
    assert re.findall(r"^#+ cs.+$", newest, re.M) == ["### cs\\.CV (70)", "### cs\\.CL (50)"]


def test_a_day_longer_than_a_list_page_shows_its_first_page_on_the_home_page(
    long_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "LIST_LIMIT", 100)
    home = site_pages(long_index)["index.md"]
    newest = home[home.index("## 15 October 2025") : home.index("## Top themes")]
    assert titles_in(newest) == [f"Vision paper {n:03d}" for n in range(1, 51)]
    assert "The first 50 are here; [all 120 on the day's pages](days/2025-10-15.md)." in newest


def test_a_paper_page_links_its_day_page_and_its_neighbours_that_day(
    long_day: dict[str, str],
) -> None:
    page = long_day["papers/2510.20060.md"]
    assert (
        '<strong>Listed:</strong> <a href="../../days/2025-10-15/page-2/">15 October 2025</a> '
        '(paper 60 of 120) · <a href="../2510.20059/">← previous paper</a> · '
        '<a href="../2510.20061/">next paper →</a></p>'
    ) in page
    first_of_page_two = long_day["papers/2510.20051.md"]
    assert '<a href="../2510.20050/">← previous paper</a>' in first_of_page_two
    last = long_day["papers/2510.30050.md"]
    assert "(paper 120 of 120)" in last and "next paper" not in last
    assert '<a href="../../days/2025-10-15/page-3/">' in last
    assert '<a href="../../days/2025-10-15/">' in long_day["papers/2510.20001.md"]


def test_a_day_links_each_paper_s_code_and_project_page_but_no_script(tmp_path: Path) -> None:
    items = [
        voted(
            "2510.00031",
            "Linked Paper",
            5,
            githubRepo="https://github.com/example/linked",
            projectPage="https://example.github.io/linked/",
        ),
        voted("2510.00032", "Hostile Paper", 4, projectPage="javascript:alert(1)"),
    ]
    (tmp_path / f"{DAY3}.json").write_bytes(hf_answer(items))
    day = build(tmp_path)["days/2025-10-14.md"]
    assert '<a href="https://github.com/example/linked">Code</a>' in day
    assert '<a href="https://example.github.io/linked/">Project page</a>' in day
    assert "javascript:" not in day and day.count("Project page") == 1


def dump(day: str, titles: list[str]) -> str:
    header = ["Daily Papers", "byAK and the research community", day]
    body = [
        part
        for title in titles
        for part in (
            title,
            f"We study {title.lower()} in depth. Experiments on several benchmarks show clear "
            "gains over strong baselines, and we release our code for others to build on.",
        )
    ]
    return "\n\n".join(header + body) + "\n"


def test_a_dump_s_day_takes_its_year_from_the_newest_arxiv_id(tmp_path: Path) -> None:
    (tmp_path / "dump.txt").write_text(
        dump("Jan 3", ["Old Paper", "New Paper", "Unknown Paper"]), "utf-8"
    )
    # The same papers elsewhere with their arXiv ids: December 2025 is the newest.
    records = [
        {"id": "2407.01234", "title": "Old Paper", "abstract": "An old paper, long ago."},
        {"id": "2512.04321", "title": "New Paper", "abstract": "A new paper, just out."},
    ]
    (tmp_path / "ids.json").write_text(json.dumps(records), "utf-8")
    pages = build(tmp_path)
    assert sorted(p for p in pages if p.startswith("days/")) == [
        "days/2026-01-03.md",
        "days/index.md",
    ]
    assert "## 3 January 2026" in pages["index.md"]
    assert len(titles_in(pages["days/2026-01-03.md"])) == 3


def test_a_dump_without_arxiv_ids_keeps_its_day_without_a_year(tmp_path: Path) -> None:
    (tmp_path / "dump.txt").write_text(dump("Jul 29", ["First Paper", "Second Paper"]), "utf-8")
    pages = build(tmp_path)
    assert sorted(p for p in pages if p.startswith("days/")) == [
        "days/07-29.md",
        "days/index.md",
    ]
    assert "# 29 July\n" in pages["days/07-29.md"]
    assert "## July, year not known\n\n- [29 July](../days/07-29.md) (2)" in pages["days/index.md"]
    assert '<a href="../../days/07-29/">29 July</a>' in pages["papers/first-paper.md"]


def test_the_seed_home_opens_on_its_121_papers_of_29_july() -> None:
    papers, _, _ = read_library([SEED])
    pages = site_pages(index_library(papers)[0])
    home = pages["index.md"]
    newest = section(home, "## 29 July\n")
    assert home.index("## 29 July\n") < home.index("## Top themes")
    assert "121 papers listed on this day, A–Z by title." in newest
    items = re.findall(r"<li>(.*?)</li>", newest, re.S)
    assert len(items) == 121 and len(titles_in(newest)) == 121
    # Each with the first sentence of its abstract under the title.
    first = "Training competitive deep video models is an order of magnitude slower than "
    assert any(f"</strong><br>\n{first}" in item for item in items)
    assert all(re.search(r"</strong><br>\n[^<]+[.!?…]", item) for item in items)


def home_titles(home: str) -> list[str]:
    return re.findall(r"<li><a href=\"[^\"]+\">([^<]+)</a><br>", home)


def test_a_library_without_days_lists_its_papers_on_the_home_page(tmp_path: Path) -> None:
    records = [
        {"title": "Beta Undated", "abstract": "Undated, second by title. More text."},
        {"title": "Old Paper", "abstract": "The older one. More text.", "date": "2024-01-02"},
        {"title": "Alpha Undated", "abstract": "Undated, first by title. More text."},
        {"title": "New Paper", "abstract": "The newer one. More text.", "date": "2025-03-04"},
    ]
    (tmp_path / "papers.json").write_text(json.dumps(records), "utf-8")
    pages = build(tmp_path)
    home = pages["index.md"]
    assert not [p for p in pages if p.startswith("days/")]
    listed = section(home, "## Papers")
    assert "4 papers, newest first, then those without a date A–Z by title." in listed
    order = ["New Paper", "Old Paper", "Alpha Undated", "Beta Undated"]
    assert home_titles(listed) == order
    assert "New Paper</a><br>\nThe newer one.</li>" in listed
    assert home.index("## Papers") < home.index("## Top themes")


def test_a_home_list_longer_than_a_list_page_goes_on_in_the_paged_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lists, "LIST_LIMIT", 4)
    monkeypatch.setattr(lists, "PAPERS_PER_PAGE", 3)
    papers, _, _ = read_library([FIXTURES / "dated.jsonl"])
    index = index_library(papers)[0]
    pages = site_pages(index)
    listed = section(pages["index.md"], "## Papers")
    dated = [e for e in index.entries if re.fullmatch(r"\d{4}(-\d\d){0,2}", e.paper.date)]
    newest = sorted(
        sorted(dated, key=lambda e: e.paper.title.casefold()),
        key=lambda e: e.paper.date,
        reverse=True,
    )
    assert home_titles(listed) == [html.escape(e.paper.title, quote=False) for e in newest[:3]]
    assert f"{len(index.entries)} papers, newest first, then those without" in listed
    assert (
        "The first 3 are here; [all papers A–Z](papers/index.md) and [by month](archive/index.md)."
    ) in listed
    assert any(p.startswith("papers-a-z/") for p in pages) and "archive/index.md" in pages


@pytest.mark.corpus
@pytest.mark.skipif(not PUBLIC_DAY.exists(), reason="needs ../shared/eval")
def test_the_public_day_set_home_lists_its_200_papers() -> None:
    papers, problems, _ = read_library([PUBLIC_DAY])
    assert problems == []
    pages = site_pages(index_library(papers)[0])
    listed = section(pages["index.md"], "## Papers")
    assert "200 papers, A–Z by title." in listed
    assert len(home_titles(listed)) == 200
    assert not [p for p in pages if p.startswith("days/")]
