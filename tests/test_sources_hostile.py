"""Readers under arbitrary input: any bytes in any format give papers or problems, never an
exception; bad UTF-8 is named by line and byte offset; what JSON Lines and JSON lists write
is what is read, at the line it was written on.

The per-format tests (test_sources_*.py) cover real files and YAML, BibTeX, CSL-JSON and
API answers under random text; these add the byte level and the JSON readers.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.sources import READERS, daily_text, json_records, read_file

SUFFIXES = sorted(READERS)


@contextmanager
def written(data: bytes, suffix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"list{suffix}"
        path.write_bytes(data)
        yield path


def first_bad_byte(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return None


# Bytes that readers meet: text in several encodings, markup, NULs, BOMs, line ends.
fragments = st.one_of(
    st.binary(max_size=20),
    st.text(max_size=20).map(lambda t: t.encode("utf-8")),
    st.text(max_size=10).map(lambda t: t.encode("utf-16")),
    st.sampled_from(
        [b"\xef\xbb\xbf", b"\x00", b"\r\n", b"\r", b"\n", b"{", b"}", b"[", b"]", b'"', b":",
         b"@article{", b"- title: ", b"title = {", b'{"title": "x", "abstract": "y"}\n',
         b"\xe9", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
    ),
)  # fmt: skip
any_bytes = st.lists(fragments, max_size=25).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(any_bytes, st.sampled_from(SUFFIXES))
@example(b"", ".bib")
@example(b"\xef\xbb\xbf", ".yaml")
@example(b"[" * 100_000, ".json")
@example(b'{"title": "x", "abstract": "y"}\n' * 2 + b"\xff", ".jsonl")
@example(b"\xef\xbb\xbfA title\n\nCaf\xe9", ".txt")
def test_any_bytes_give_papers_or_problems(data: bytes, suffix: str) -> None:
    if suffix.endswith(".gz"):
        suffix = ".jsonl"  # compressed input is covered in test_sources_json
    with written(data, suffix) as path:
        papers, problems = read_file(path)
    assert all(p.title.strip() for p in papers)
    assert all(p.file == str(path) for p in problems)
    bad = first_bad_byte(data.removeprefix(b"\xef\xbb\xbf"))
    if bad is not None:
        offset = bad + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, offset) + 1
        assert papers == []
        assert [str(p) for p in problems] == [
            f"{path}:{line}: invalid UTF-8 at byte offset {offset}"
        ]
    elif b"\x00" in data:
        assert papers == [] and [p.message for p in problems] == ["NUL byte in text file"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_dump_gives_papers_or_problems(text: str) -> None:
    papers, problems = daily_text.parse("dump.txt", text)
    assert all(p.title and p.abstract for p in papers)
    assert all(p.file == "dump.txt" and p.line >= 1 for p in problems)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
record_like = st.fixed_dictionaries(
    {},
    optional={
        "title": json_values | st.text(max_size=20),
        "abstract": json_values | st.text(max_size=20),
        "authors": json_values,
        "id": json_values,
        "paper": json_values,
        "type": json_values,
        "URL": json_values,
    },
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, st.lists(record_like | json_values, max_size=6), record_like))
def test_any_json_value_gives_papers_or_problems(value: Any) -> None:
    text = json.dumps(value)
    papers, problems = json_records.parse_json("list.json", text)
    assert all(p.title.strip() for p in papers)
    assert all(p.file == "list.json" for p in problems)
    if not isinstance(value, list | dict):
        assert papers == [] and problems


# Any text a JSON string can hold, markup, separators and lone surrogates included.
field = st.text(st.characters(), min_size=1, max_size=30).filter(str.strip)
records = st.lists(
    st.fixed_dictionaries(
        {"title": field, "abstract": field},
        optional={"authors": st.lists(field, max_size=3), "id": field},
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(records, st.booleans(), st.lists(st.integers(0, 2), min_size=8, max_size=8))
def test_what_json_lines_write_is_what_is_read(
    written_records: list[dict[str, Any]], ascii_only: bool, blanks: list[int]
) -> None:
    lines: list[str] = []
    expected_lines = []
    for record, blank in zip(written_records, blanks, strict=False):
        lines += [""] * blank
        lines.append(json.dumps(record, ensure_ascii=ascii_only))
        expected_lines.append(len(lines))
    papers, problems = json_records.parse_jsonl("list.jsonl", "\n".join(lines) + "\n")
    assert problems == []
    assert [(p.title, p.abstract) for p in papers] == [
        (r["title"], r["abstract"]) for r in written_records
    ]
    assert [p.authors for p in papers] == [tuple(r.get("authors", ())) for r in written_records]
    assert [p.origin.line for p in papers] == expected_lines


@settings(max_examples=200, deadline=None)
@given(records, st.sampled_from([None, 0, 1, 2, 4]))
def test_json_lists_name_the_line_each_record_starts_on(
    written_records: list[dict[str, Any]], indent: int | None
) -> None:
    text = json.dumps(written_records, indent=indent)
    papers, problems = json_records.parse_json("list.json", text)
    assert problems == []
    assert [p.title for p in papers] == [r["title"] for r in written_records]
    lines = text.split("\n")
    for paper in papers:
        assert lines[paper.origin.line - 1].lstrip().startswith(("{", "[{"))
    assert len({p.origin.line for p in papers}) == (1 if indent is None else len(papers))
