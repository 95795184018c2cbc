"""Reading stage: the Daily Papers API answer (`generator.sources.daily_api`), a `.json` list
of `{"paper": {...}}` told from other JSON by content."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.index.clean import clean_paper
from generator.index.identity import merge_duplicates, merge_papers
from generator.model import Origin
from generator.site.config import read_config
from generator.site.incremental import FileDigests, build_key
from generator.sources import daily_api, json_records, library_files, read_file, read_library
from tests.conftest import ROOT, SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures"
API = FIXTURES / "daily-api.json"


def test_listing_items_become_papers() -> None:
    papers, problems = read_file(API)
    engines, no_summary = papers
    assert engines.title == "Engines That Weave Algebraic Patterns"
    assert engines.abstract.startswith("We show that an analytical engine")
    assert engines.authors == ("Ada Lovelace", "Alan Turing")
    assert engines.id == "2510.09842"
    assert engines.url == "https://arxiv.org/abs/2510.09842"
    assert engines.date == "2025-10-10"  # the paper's date, not the listing's
    assert engines.code == "https://github.com/example/engine"
    assert engines.origin.line == 2
    assert no_summary.abstract == ""  # no abstract: still a paper
    assert [str(p) for p in problems] == [f"{API}:26: item 3 has no title"]


def test_api_papers_merge_with_other_records_by_arxiv_id(tmp_path: Path) -> None:
    title = "Engines that weave algebraic patterns"
    record = {"id": "2510.09842v2", "title": title, "abstract": "An abstract."}
    (tmp_path / "more.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    papers = read_file(API)[0] + read_file(tmp_path / "more.jsonl")[0]
    by_key, merged = merge_duplicates([clean_paper(p) for p in papers])
    assert merged == 1
    assert sorted(by_key) == ["arxiv:2510.09842", "arxiv:2510.11111"]
    assert by_key["arxiv:2510.09842"].sources == (str(API), str(tmp_path / "more.jsonl"))


def test_other_lists_are_not_the_api() -> None:
    assert not daily_api.looks_like_daily_api([{"title": "T", "paper": "not an object"}])
    assert not daily_api.looks_like_daily_api([])
    assert daily_api.looks_like_daily_api([{"paper": {}}, "stray"])


NAME = st.text(min_size=1, max_size=10)
ITEM = st.fixed_dictionaries(
    {
        "paper": st.fixed_dictionaries(
            {"title": st.text(max_size=30)},
            optional={
                "id": st.text(max_size=12),
                "summary": st.text(max_size=60),
                "authors": st.lists(st.fixed_dictionaries({"name": NAME})),
                "publishedAt": st.text(max_size=24),
            },
        )
    },
    optional={"publishedAt": st.text(max_size=24), "numComments": st.integers()},
)


@given(st.lists(ITEM, min_size=1, max_size=5))
def test_any_answer_gives_a_paper_or_a_problem_per_item(items: list[dict[str, object]]) -> None:
    papers, problems = json_records.parse_json("api.json", json.dumps(items, indent=2))
    assert len(papers) + len(problems) == len(items)
    assert all(p.title.strip() for p in papers)
    assert all(len(p.date) in (0, 4, 7, 10) for p in papers)


def test_an_items_upvotes_are_the_papers() -> None:
    engines, no_summary = read_file(API)[0]
    assert (engines.upvotes, no_summary.upvotes) == (42, 0)


def day_with_counts(folder: Path, counts: str) -> Path:
    """A fetched day: the API's items with the day asked for, and its counts beside it."""
    items = json.loads(API.read_text("utf-8"))[:2]
    for item in items:
        item["listed"] = "2025-10-13"
    day = folder / "2025-10-13.json"
    day.write_text(json.dumps(items), "utf-8")
    (folder / "2025-10-13.counts.json").write_text(counts, "utf-8")
    return day


def test_a_days_counts_are_read_with_it_and_not_as_papers(tmp_path: Path) -> None:
    counts = '{\n"2510.09842": {"comments": 5, "stars": 7, "upvotes": 50}\n}\n'
    day_with_counts(tmp_path, counts)
    papers, problems, files = read_library([tmp_path])
    assert problems == [] and files == 1
    assert [(p.id, p.listed, p.upvotes) for p in papers] == [
        ("2510.09842", ("2025-10-13",), 50),
        ("2510.11111", ("2025-10-13",), 0),  # as the item has it
    ]
    assert library_files(tmp_path) == [tmp_path / "2025-10-13.json"]
    # Alone, a counts file is no one's: read as a list of papers, it is a problem, not lost.
    (tmp_path / "2025-10-13.json").unlink()
    _, problems, _ = read_library([tmp_path])
    assert [p.file for p in problems] == [str(tmp_path / "2025-10-13.counts.json")]


def test_a_wrong_count_is_a_problem_naming_the_file_and_the_paper(tmp_path: Path) -> None:
    day_with_counts(tmp_path, '{"2510.09842": {"upvotes": -1, "likes": 3}, "x": 4}')
    papers, problems = read_file(tmp_path / "2025-10-13.json")
    where = str(tmp_path / "2025-10-13.counts.json")
    assert [(p.file, p.message) for p in problems] == [
        (where, "2510.09842: not a count: upvotes, likes"),
        (where, "x: not a count: (not an object)"),
    ]
    assert len(papers) == 2
    day_with_counts(tmp_path, "{")
    _, problems = read_file(tmp_path / "2025-10-13.json")
    assert [(p.file, p.message) for p in problems] == [(where, "invalid JSON: Expecting "
        "property name enclosed in double quotes")]  # fmt: skip


def test_copies_of_a_paper_keep_its_larger_upvotes() -> None:
    paper = read_file(API)[0][0]
    earlier, later, none = (dataclasses.replace(paper, upvotes=n) for n in (41, 45, None))
    assert merge_papers(earlier, later).upvotes == 45 == merge_papers(later, earlier).upvotes
    assert merge_papers(none, earlier).upvotes == 41


def test_the_counts_are_part_of_what_a_build_reads(tmp_path: Path) -> None:
    library = tmp_path / "papers"
    library.mkdir()
    day_with_counts(library, '{"2510.09842": {"upvotes": 41}}')
    config = read_config(ROOT / "mkdocs.yml")

    def key() -> str:
        return build_key([library], config, tmp_path / "site", "", False, FileDigests())

    before = key()
    day_with_counts(library, '{"2510.09842": {"upvotes": 45}}')
    assert key() != before


RECORDED = SHARED / "corpora" / "recorded-api" / "hf"


@pytest.mark.skipif(not RECORDED.is_dir(), reason="needs ../shared/corpora/recorded-api")
def test_a_real_answer_gives_upvotes_and_the_project_page() -> None:
    [paper], problems = read_file(RECORDED / "daily_papers-2026-03-06.one-item.compact.json")
    assert problems == []
    assert paper.upvotes == 10
    assert paper.project == "https://circle-lmm.github.io/"
    assert paper.code == "https://github.com/marco-garosi/CIRCLE"
    assert paper.listed == ("2026-03-06",)


def test_upvotes_are_a_count_or_none() -> None:
    def upvotes(value: object) -> int | None:
        item = {"paper": {"title": "T", "upvotes": value, "projectPage": "javascript:x()"}}
        paper, problem = daily_api.paper_from_item(item, Origin("a.json", 1), 1)
        assert paper and problem is None and paper.project == ""
        return paper.upvotes

    assert [upvotes(v) for v in (0, 74, -1, True, "12", 1.5, None)] == [
        0, 74, None, None, None, None, None
    ]  # fmt: skip
