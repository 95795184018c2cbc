"""Reading stage: CSL-JSON (`generator.sources.csl_json`), told from other `.json` by content.

A small export of our own (`fixtures/zotero-csl.json`), then the real Zotero export in
../shared/corpora/bib, read in place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.sources import csl_json, json_records, read_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ZOTERO = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpora"
    / "bib"
    / "MarisaIsabell-marisaisabell.github.io-zotero-csl.json"
)


def test_items_become_papers() -> None:
    papers, problems = read_file(FIXTURES / "zotero-csl.json")
    first, preprint = papers
    assert first.title == "Gut Microbes and the Liver"
    assert first.abstract.startswith("Background")
    # Particles kept, a literal name as written, a name listed twice kept once.
    assert first.authors == (
        "Marisa Isabell Keller",
        "Andressa de Zawadzki",
        "The Example Consortium",
    )
    assert first.date == "2024-11-13"  # ["2024", 11, 13]: a string year, number month and day
    assert first.doi == "10.5555/jex.2024.7"
    assert first.url == "https://example.org/jex/7"
    assert first.origin.line == 2
    assert preprint.abstract == ""  # no abstract: still a paper
    assert preprint.id == "2405.01234"  # from its arxiv.org URL
    assert preprint.date == "2024"
    assert [str(p) for p in problems] == [f"{FIXTURES / 'zotero-csl.json'}:27: item 3 has no title"]


def test_plain_records_with_a_type_are_not_csl() -> None:
    records = [{"type": "paper", "title": "T", "abstract": "A full abstract."}]
    assert not csl_json.looks_like_csl(records)
    papers, problems = json_records.parse_json("x.json", json.dumps(records))
    assert [p.title for p in papers] == ["T"] and problems == []


def test_a_csl_list_inside_an_object_is_read_too() -> None:
    items = [{"type": "book", "title": "A Book", "issued": {"date-parts": [[1999, 2]]}}]
    papers, problems = json_records.parse_json("x.json", json.dumps({"items": items}))
    assert problems == []
    assert (papers[0].title, papers[0].abstract, papers[0].date) == ("A Book", "", "1999-02")


PART = st.one_of(st.integers(-5, 3000), st.integers(1000, 2999).map(str), st.text(max_size=4))


@given(st.lists(PART, max_size=4))
def test_any_date_parts_give_a_date_or_nothing(parts: list[object]) -> None:
    date = csl_json.issued({"date-parts": [parts]})
    assert date == "" or date[:4] == str(parts[0])
    assert len(date) in (0, 4, 7, 10)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.just("article-journal"),
                "title": st.text(max_size=20),
                "issued": st.fixed_dictionaries({"date-parts": st.lists(st.lists(PART))}),
            },
            optional={
                "author": st.lists(
                    st.fixed_dictionaries(
                        {}, optional={"family": st.text(max_size=8), "given": st.text(max_size=8)}
                    )
                ),
                "DOI": st.text(max_size=20),
            },
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_csl_list_gives_a_paper_or_a_problem_per_item(items: list[dict[str, object]]) -> None:
    assert csl_json.looks_like_csl(items)
    text = json.dumps(items, indent="\t")
    papers, problems = json_records.parse_json("x.csl.json", text)
    assert len(papers) + len(problems) == len(items)
    assert [p.origin.line for p in papers] == sorted(p.origin.line for p in papers)


@pytest.mark.corpus
@pytest.mark.skipif(not ZOTERO.is_file(), reason="needs ../shared/corpora/bib")
def test_the_real_zotero_export() -> None:
    papers, problems = read_file(ZOTERO)
    assert problems == []
    assert len(papers) == 13  # items in the file
    assert sum(1 for p in papers if p.abstract) == 12
    assert all(p.doi and p.date[:2] in ("20",) for p in papers)
    names = {a for p in papers for a in p.authors}
    assert "Simon Y. Graeber" in names  # a person stored as a literal
    assert any("Bæk" in n for n in names) and any("Mücke" in n for n in names)
    # Three items list the same authors twice; each name appears once per paper.
    assert all(len(set(p.authors)) == len(p.authors) for p in papers)
    years_only = [p for p in papers if len(p.date) == 4]  # [["2024"]]
    assert years_only


def test_date_parts_that_are_digits_but_not_numbers_are_not_a_date() -> None:
    from generator.sources.bibliographic import month_number, partial_date

    # "²" and "٣" pass str.isdigit(); int() refuses the first, and neither is a date here.
    assert month_number("²") == 0
    assert partial_date("2024", "8", "²") == "2024-08"
    assert partial_date("٢٠٢٤", "8", "1") == ""
    assert partial_date("2024", "8", "15") == "2024-08-15"
