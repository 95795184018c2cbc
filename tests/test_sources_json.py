"""Reading stage: JSON and JSON Lines paper records (`generator.sources.json_records`).

Covers the accepted shapes (list, {"labels"/"papers": [...]}, JSONL, .jsonl.gz), how record
fields map onto `Paper`, and problems that point at the line (and column) of bad input.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from generator.model import Paper
from generator.sources import read_file, read_library

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOPICS = SHARED / "eval" / "day-2025-10-15.topics.json"

ABSTRACT = "We propose a method. It works well on many benchmarks and is simple to use."

FULL: dict[str, Any] = {
    "id": "2501.01234",
    "title": "A Full Record",
    "abstract": ABSTRACT,
    "authors": ["Ada Lovelace", {"name": "Alan Turing"}],
    "date": "2025-01-02T10:11:12Z",
    "url": "https://arxiv.org/abs/2501.01234",
    "pdf": "https://arxiv.org/pdf/2501.01234",
    "categories": ["cs.CL", "cs.LG"],
}


def record(n: int, **extra: Any) -> dict[str, Any]:
    return {"title": f"Paper number {n}", "abstract": f"{ABSTRACT} Variant {n}.", **extra}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(records: list[Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# --- shapes ---------------------------------------------------------------------------------

RECORDS = [record(1), record(2), record(3)]
TITLES = [r["title"] for r in RECORDS]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.json", json.dumps(RECORDS)),
        ("labels.json", json.dumps({"source": "x", "taxonomy": {"a": "b"}, "labels": RECORDS})),
        ("papers.json", json.dumps({"papers": RECORDS, "note": "n"})),
        ("records.jsonl", jsonl(RECORDS)),
        ("crlf.jsonl", jsonl(RECORDS).replace("\n", "\r\n")),
    ],
)
def test_shapes_read_every_record_in_order(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path / name, content)
    papers, problems = read_file(path)
    assert problems == []
    assert [p.title for p in papers] == TITLES
    assert [p.abstract for p in papers] == [r["abstract"] for r in RECORDS]
    assert all(p.origin.file == str(path) for p in papers)


def test_single_object_is_one_record(tmp_path: Path) -> None:
    papers, problems = read_file(write(tmp_path / "one.json", json.dumps(record(7))))
    assert problems == []
    assert [p.title for p in papers] == ["Paper number 7"]


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(RECORDS).encode("utf-8")))
    papers, problems = read_file(path)
    assert problems == []
    assert [p.title for p in papers] == TITLES
    # Lines are counted in the decompressed text.
    assert [p.origin.line for p in papers] == [1, 2, 3]


def test_corrupt_gzip_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(RECORDS).encode("utf-8"))[:-8])
    papers, problems = read_file(path)
    assert papers == []
    assert len(problems) == 1
    assert problems[0].file == str(path)


def test_jsonl_origin_line_skips_blank_lines(tmp_path: Path) -> None:
    text = "\n" + json.dumps(record(1)) + "\n\n   \n" + json.dumps(record(2)) + "\n"
    papers, problems = read_file(write(tmp_path / "gaps.jsonl", text))
    assert problems == []
    assert [p.origin.line for p in papers] == [2, 5]


def test_read_library_reads_json_and_jsonl_in_path_order(tmp_path: Path) -> None:
    write(tmp_path / "b.jsonl", jsonl([record(2)]))
    write(tmp_path / "a.json", json.dumps([record(1)]))
    write(tmp_path / "notes.md", "not a paper list")
    papers, problems, count = read_library([tmp_path])
    assert problems == []
    assert count == 2
    assert [p.title for p in papers] == ["Paper number 1", "Paper number 2"]


# --- field mapping --------------------------------------------------------------------------


@pytest.fixture(params=["json", "jsonl"])
def read_one(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    def read(rec: dict[str, Any]) -> Paper:
        if request.param == "json":
            path = write(tmp_path / "one.json", json.dumps([rec]))
        else:
            path = write(tmp_path / "one.jsonl", jsonl([rec]))
        papers, problems = read_file(path)
        assert problems == []
        assert len(papers) == 1
        return papers[0]

    return read


def test_all_fields_are_mapped(read_one: Any) -> None:
    paper = read_one(FULL)
    assert paper.id == FULL["id"]
    assert paper.title == FULL["title"]
    assert paper.abstract == FULL["abstract"]
    assert paper.authors == ("Ada Lovelace", "Alan Turing")
    assert paper.date == FULL["date"][:10]
    assert paper.url == FULL["url"]
    assert paper.pdf == FULL["pdf"]
    assert paper.categories == tuple(FULL["categories"])


def test_alternative_field_names(read_one: Any) -> None:
    rec = {
        "title": "Alt",
        "summary": ABSTRACT,
        "published": "2024-12-31T23:59:59Z",
        "abs": "https://arxiv.org/abs/2412.00001",
        "authors": "Single Author",
        "categories": "cs.AI",
    }
    paper = read_one(rec)
    assert paper.abstract == rec["summary"]
    assert paper.date == "2024-12-31"
    assert paper.url == rec["abs"]
    assert paper.authors == ("Single Author",)
    assert paper.categories == ("cs.AI",)


def test_abstract_is_preferred_over_summary(read_one: Any) -> None:
    paper = read_one({"title": "Both", "abstract": ABSTRACT, "summary": "the summary"})
    assert paper.abstract == ABSTRACT


def test_blank_abstract_falls_back_to_summary(read_one: Any) -> None:
    paper = read_one({"title": "Blank", "abstract": "   ", "summary": ABSTRACT})
    assert paper.abstract == ABSTRACT


def test_numeric_id_and_odd_author_entries(read_one: Any) -> None:
    rec = record(1, id=2501.01234, authors=[{"name": "A"}, {"name": ""}, 3, "  ", "B"])
    paper = read_one(rec)
    assert paper.id == str(2501.01234)
    assert paper.authors == ("A", "B")


def test_missing_optional_fields_are_empty(read_one: Any) -> None:
    paper = read_one(record(1))
    assert (paper.id, paper.date, paper.url, paper.pdf) == ("", "", "", "")
    assert paper.authors == paper.categories == ()


# --- problems -------------------------------------------------------------------------------


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    text = '[\n  {"title": "A",\n   "abstract": "B",,}\n]\n'
    path = write(tmp_path / "bad.json", text)
    papers, problems = read_file(path)
    assert papers == []
    assert len(problems) == 1
    problem = problems[0]
    column = text.split("\n")[2].index(",,") + 2  # 1-based column of the second comma
    assert (problem.file, problem.line, problem.column) == (str(path), 3, column)
    assert "invalid JSON" in problem.message
    assert str(problem).startswith(f"{path}:3:{problem.column}:")


def test_invalid_jsonl_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    bad = '{"title": "Broken", "abstract": }'
    text = jsonl([record(1)]) + bad + "\n" + jsonl([record(3)])
    path = write(tmp_path / "bad.jsonl", text)
    papers, problems = read_file(path)
    assert [p.title for p in papers] == ["Paper number 1", "Paper number 3"]
    assert [(p.file, p.line, p.column) for p in problems] == [(str(path), 2, bad.index("}") + 1)]


@pytest.mark.parametrize(
    ("bad", "word"),
    [
        ({"abstract": ABSTRACT}, "title"),
        ({"title": "   ", "abstract": ABSTRACT}, "title"),
        ({"title": "No Abstract Here"}, "abstract"),
        ({"title": "Empty Abstract", "abstract": "", "summary": None}, "abstract"),
        (["not", "an", "object"], "object"),
    ],
)
def test_jsonl_record_without_title_or_abstract_is_a_problem(
    tmp_path: Path, bad: Any, word: str
) -> None:
    path = write(tmp_path / "some.jsonl", jsonl([record(1), record(2), bad, record(4)]))
    papers, problems = read_file(path)
    assert [p.title for p in papers] == ["Paper number 1", "Paper number 2", "Paper number 4"]
    assert [(p.file, p.line) for p in problems] == [(str(path), 3)]
    assert word in problems[0].message


def test_json_list_problem_names_the_record(tmp_path: Path) -> None:
    path = write(tmp_path / "some.json", json.dumps([record(1), {"title": "T"}, record(3)]))
    papers, problems = read_file(path)
    assert len(papers) == 2
    assert len(problems) == 1
    assert problems[0].file == str(path)
    assert "record 2" in problems[0].message


def test_json_scalar_is_a_problem(tmp_path: Path) -> None:
    papers, problems = read_file(write(tmp_path / "n.json", "42"))
    assert papers == []
    assert [(p.file, p.line) for p in problems] == [(str(tmp_path / "n.json"), 1)]


# --- the shared evaluation file -------------------------------------------------------------


@pytest.mark.skipif(not TOPICS.is_file(), reason=f"{TOPICS} not present")
def test_shared_topics_file_reads_200_papers() -> None:
    papers, problems = read_file(TOPICS)
    assert problems == []
    assert len(papers) == 200
    assert all(p.title.strip() and p.abstract.strip() for p in papers)
    raw = json.loads(TOPICS.read_text(encoding="utf-8"))["labels"]
    assert [p.id for p in papers] == [str(r["id"]) for r in raw]
    assert len({p.id for p in papers}) == 200
