"""Reading stage: YAML reading lists (`generator.sources.yaml_list`).

Covers the documented example, both file shapes, every field, values read as written, and
problems that point at the line and column of the value at fault, all reported at once.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.index.clean import clean_paper
from generator.model import Paper
from generator.sources import read_file, yaml_list

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reading-list.yaml"


def parse(text: str) -> tuple[list[Paper], list[str]]:
    papers, problems = yaml_list.parse("list.yaml", text)
    return papers, [str(p) for p in problems]


def test_the_documented_example_reads_cleanly() -> None:
    papers, problems = read_file(EXAMPLE)
    assert problems == []
    attention, bert, lstm = (clean_paper(p) for p in papers)
    assert attention.title == "Attention Is All You Need"
    assert attention.id == "1706.03762"
    assert attention.authors[:2] == ("Ashish Vaswani", "Noam Shazeer")
    assert attention.date == "2017-06-12"
    assert attention.tags == ("transformers", "attention")
    assert attention.code == "https://github.com/tensorflow/tensor2tensor"
    assert attention.note.startswith("Start here")
    assert attention.abstract.startswith("Replaces recurrence")
    assert attention.sources == (str(EXAMPLE),)
    assert bert.id == "1810.04805"
    assert bert.doi == "10.18653/v1/n19-1423"
    assert bert.authors == ("Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova")
    assert bert.tags == ("transformers", "pre-training")
    assert lstm.abstract == ""
    assert lstm.authors == ("Sepp Hochreiter", "Jürgen Schmidhuber")
    assert lstm.url == "https://doi.org/10.1162/neco.1997.9.8.1735"


def test_a_bare_list_and_a_papers_mapping_are_both_lists() -> None:
    bare, _ = parse("- title: One\n- title: Two\n")
    mapped, _ = parse("name: my list\npapers:\n  - title: One\n  - title: Two\n")
    assert [p.title for p in bare] == [p.title for p in mapped] == ["One", "Two"]
    assert [p.origin.line for p in mapped] == [3, 4]


def test_values_are_read_as_written() -> None:
    lines = ["- title: 1984", "  arxiv: 2401.10230", "  date: 2024-02-29", "  note: yes"]
    papers, problems = parse("\n".join([*lines, "  tags: [no, on]", ""]))
    assert problems == []
    assert papers[0].title == "1984"
    assert papers[0].id == "2401.10230"  # not the float 2401.1023
    assert papers[0].date == "2024-02-29"
    assert papers[0].note == "yes"
    assert papers[0].tags == ("no", "on")


def test_aliases_and_null_values() -> None:
    papers, problems = parse(
        "- title: T\n  author: Doe, Jane and John Smith\n  summary: S.\n  year: 2020\n"
        "  keywords: a, b\n  doi: ~\n"
    )
    assert problems == []
    assert papers[0].authors == ("Jane Doe", "John Smith")
    assert papers[0].abstract == "S."
    assert papers[0].date == "2020"
    assert papers[0].tags == ("a", "b")
    assert papers[0].doi == ""


def test_every_problem_is_named_with_line_and_column() -> None:
    papers, problems = parse(
        "papers:\n"
        "  - title: Fine\n"
        "  - title: Bad date\n"
        "    date: June 2020\n"
        "  - abstarct: misspelt\n"
        "    title: Typo\n"
        "  - abstract: no title here\n"
        "  - title: [a, list]\n"
        "  - title: Bad ids\n"
        "    arxiv: not-an-id\n"
        "    doi: 11.1/x\n"
        "    url: javascript:alert(1)\n"
        "  - title: Twice\n"
        "    title: Again\n"
        "  - just a string\n"
    )
    assert [p.title for p in papers] == ["Fine"]
    assert problems == [
        "list.yaml:4:11: date: expected YYYY, YYYY-MM or YYYY-MM-DD",
        "list.yaml:5:5: unknown field `abstarct`: did you mean `abstract`?",
        "list.yaml:7:5: paper 4 has no title",
        "list.yaml:8:12: title: expected text",
        "list.yaml:10:12: arxiv: not an arXiv id (2401.01234, arXiv:2401.01234v2 or its URL)",
        "list.yaml:11:10: doi: not a DOI (10.1234/abc, doi:10.1234/abc or https://doi.org/…)",
        "list.yaml:12:10: url: not an http(s) address",
        "list.yaml:14:5: `title` given twice",
        "list.yaml:15:5: paper 8: expected a mapping of fields",
    ]


def test_syntax_errors_and_wrong_shapes() -> None:
    assert parse("- title: [unclosed\n")[1] == [
        "list.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>'"
    ]
    assert parse("title: A paper, not a list\n")[1] == [
        "list.yaml:1:1: expected a list of papers, or `papers:` holding one"
    ]
    assert parse("papers: 3\n")[1] == [
        "list.yaml:1:9: expected a list of papers, or `papers:` holding one"
    ]
    assert parse("# only a comment\n")[1] == ["list.yaml: no papers in this file"]
    assert parse("---\n- title: a\n---\n- title: b\n")[1][0].startswith("list.yaml:3:1: invalid")


NAME = st.text(st.characters(categories=["L"]), min_size=1, max_size=12)
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=60).map(
    str.strip
)


@given(
    title=TEXT.filter(bool),
    abstract=TEXT,
    authors=st.lists(st.tuples(NAME, NAME).map(" ".join), max_size=4),
    tags=st.lists(TEXT.filter(lambda t: t and "," not in t), max_size=4),
    note=TEXT,
)
def test_what_yaml_writes_is_what_is_read(
    title: str, abstract: str, authors: list[str], tags: list[str], note: str
) -> None:
    record = {"title": title, "abstract": abstract, "authors": authors, "tags": tags, "note": note}
    papers, problems = parse(yaml.safe_dump({"papers": [record]}, allow_unicode=True))
    assert problems == []
    paper = papers[0]
    assert (paper.title, paper.abstract, paper.note) == (title, abstract, note)
    assert paper.authors == tuple(authors)
    assert paper.tags == tuple(tags)


@given(st.text(max_size=200))
def test_any_text_gives_papers_or_problems_never_an_exception(text: str) -> None:
    papers, problems = yaml_list.parse("list.yaml", text)
    assert all(p.title for p in papers)
    assert all(p.file == "list.yaml" for p in problems)


def test_tags_and_note_reach_the_page_as_text(tmp_path: Path) -> None:
    from generator.pipeline import generate

    hostile = tmp_path / "list.yaml"
    hostile.write_text(
        "- title: A Hostile Curator\n"
        "  arxiv: 2501.09999\n"
        "  tags: ['<script>alert(1)</script>', '**bold**']\n"
        "  note: '[click](javascript:alert(1)) <img src=x onerror=alert(2)> # not a heading'\n",
        "utf-8",
    )
    # With the seed list: related.py's TF-IDF needs a library of four papers or more.
    generate([ROOT / "papers" / "daily-papers.txt", hostile], tmp_path / "docs")
    page = (tmp_path / "docs" / "papers" / "2501.09999.md").read_text("utf-8")
    assert "<strong>Tags:</strong> &lt;script&gt;alert(1)&lt;/script&gt; · **bold**" in page
    assert "<strong>Note:</strong> [click](javascript:alert(1)) &lt;img" in page
    assert "The library has no abstract for this paper" in page
    assert "<script" not in page and "<img" not in page
