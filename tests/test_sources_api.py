"""Reading stage: the Daily Papers API answer (`generator.sources.daily_api`), a `.json` list
of `{"paper": {...}}` told from other JSON by content."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.index.clean import clean_paper
from generator.index.identity import merge_duplicates
from generator.sources import daily_api, json_records, read_file

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
