"""Reading stage: the Daily Papers text dump (`generator.sources.daily_text` via `read_file`).

Covers the seed file, byte-level variants of it (CRLF, BOM, trailing spaces, no final
newline), problems that name the file and line, and a round-trip property over generated dumps.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.model import Paper
from generator.sources import daily_text, read_file, read_library

SEED = Path(__file__).resolve().parents[1] / "papers" / "daily-papers.txt"
SEED_COUNT = 121
HEADER = [
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
    "Jul 29",
]


def as_tuples(papers: list[Paper]) -> list[tuple[str, str, int]]:
    """What a paper is, minus the file name (which differs between tmp copies)."""
    return [(p.title, p.abstract, p.origin.line) for p in papers]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


ABSTRACT = (
    "We study a problem that matters. Our method improves results on several benchmarks "
    "while using fewer resources than earlier approaches. Experiments on three datasets show "
    "consistent gains, and we release code and models for the community to build on."
)


def dump(*paragraphs: str) -> str:
    return "\n\n".join([*HEADER, *paragraphs]) + "\n"


# --- the seed file -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[list[Paper], list[Problem]]:
    return read_file(SEED)


def test_seed_reads_every_paper_without_problems(seed: tuple[list[Paper], list[Problem]]) -> None:
    papers, problems = seed
    assert problems == []
    assert len(papers) == SEED_COUNT
    assert all(p.title.strip() and p.abstract.strip() for p in papers)
    assert all(p.origin.file == str(SEED) for p in papers)


def test_seed_origin_lines_point_at_title_then_abstract(
    seed: tuple[list[Paper], list[Problem]],
) -> None:
    papers, _ = seed
    lines = seed_text().split("\n")
    for paper in papers:
        assert lines[paper.origin.line - 1].strip() == paper.title
        # The dump keeps each abstract on one line, after one blank line.
        assert lines[paper.origin.line].strip() == ""
        assert lines[paper.origin.line + 1].strip() == paper.abstract
    assert [p.origin.line for p in papers] == sorted({p.origin.line for p in papers})


def test_seed_header_paragraphs_are_skipped(seed: tuple[list[Paper], list[Problem]]) -> None:
    papers, _ = seed
    lines = [line.strip() for line in seed_text().split("\n")]
    header_lines = [lines.index(h) + 1 for h in HEADER]  # every header line is in the file
    header = {h.casefold() for h in HEADER}
    for paper in papers:
        assert paper.title.casefold() not in header
        assert paper.abstract.casefold() not in header
    assert papers[0].origin.line > max(header_lines)
    # Everything that is not header is a title or an abstract of some paper.
    content = [line for line in lines[max(header_lines) :] if line]
    assert len(content) == 2 * len(papers)


# --- byte-level variants give the same papers ------------------------------------------------


VARIANTS: dict[str, Callable[[str], bytes]] = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "trailing-spaces": lambda t: "\n".join(line + "   " for line in t.split("\n")).encode(),
    "no-final-newline": lambda t: t.rstrip("\n").encode("utf-8"),
    "old-mac-cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "all-at-once": lambda t: (
        b"\xef\xbb\xbf"
        + "\r\n".join(line + " \t " for line in t.rstrip("\n").split("\n")).encode("utf-8")
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_encoding_variants_read_as_the_clean_text(tmp_path: Path, variant: str) -> None:
    clean = tmp_path / "clean" / "daily.txt"
    messy = tmp_path / "messy" / "daily.txt"
    clean.parent.mkdir()
    messy.parent.mkdir()
    text = seed_text().rstrip("\n") + "\n"  # the clean form: LF, one final newline
    clean.write_bytes(text.encode("utf-8"))
    messy.write_bytes(VARIANTS[variant](text))
    assert messy.read_bytes() != clean.read_bytes()

    expected, expected_problems = read_file(clean)
    papers, problems = read_file(messy)
    assert expected_problems == problems == []
    assert len(papers) == SEED_COUNT
    assert as_tuples(papers) == as_tuples(expected)
    assert all(p.origin.file == str(messy) for p in papers)

    library, library_problems, count = read_library([messy.parent])
    assert count == 1
    assert library_problems == []
    assert as_tuples(library) == as_tuples(expected)


# --- problems name the file and line --------------------------------------------------------


def test_title_without_abstract_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    text = dump("First Paper", ABSTRACT, "Orphan Title", "Third Paper", ABSTRACT)
    path.write_text(text, encoding="utf-8")
    orphan_line = text.split("\n").index("Orphan Title") + 1

    papers, problems = read_file(path)

    assert [p.title for p in papers] == ["First Paper", "Third Paper"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == str(path)
    assert problem.line == orphan_line
    assert "Orphan Title" in problem.message
    assert str(problem).startswith(f"{path}:{orphan_line}:")


def test_title_without_abstract_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    text = dump("First Paper", ABSTRACT, "Second Paper", ABSTRACT, "Trailing Title")
    path.write_text(text.rstrip("\n"), encoding="utf-8")
    last_line = text.rstrip("\n").count("\n") + 1

    papers, problems = read_file(path)

    assert [p.title for p in papers] == ["First Paper", "Second Paper"]
    assert [(p.file, p.line) for p in problems] == [(str(path), last_line)]
    assert "Trailing Title" in problems[0].message


def test_abstract_without_title_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    text = dump("First Paper", ABSTRACT, ABSTRACT, "Third Paper", ABSTRACT)
    path.write_text(text, encoding="utf-8")
    stray_line = [i for i, line in enumerate(text.split("\n"), 1) if line == ABSTRACT][1]

    papers, problems = read_file(path)

    assert [p.title for p in papers] == ["First Paper", "Third Paper"]
    assert [(p.file, p.line) for p in problems] == [(str(path), stray_line)]


def test_a_one_sentence_abstract_is_an_abstract(tmp_path: Path) -> None:
    """Withdrawn papers have abstracts of one short sentence; the pairs after them stay put."""
    path = tmp_path / "daily.txt"
    withdrawn = "This paper has been withdrawn."
    text = dump("First Paper", ABSTRACT, "Withdrawn Paper", withdrawn, "Third Paper", ABSTRACT)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")

    papers, problems = read_file(path)

    assert problems == []
    assert as_tuples(papers) == [
        ("First Paper", ABSTRACT, lines.index("First Paper") + 1),
        ("Withdrawn Paper", withdrawn, lines.index("Withdrawn Paper") + 1),
        ("Third Paper", ABSTRACT, lines.index("Third Paper") + 1),
    ]


def test_short_abstracts_in_a_row_keep_the_alternation(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    shorts = [f"Short abstract number {n}." for n in range(5)]
    pairs = [(f"Paper {n}", shorts[n]) for n in range(5)]
    path.write_text(dump(*[p for pair in pairs for p in pair], "Last Paper", ABSTRACT), "utf-8")

    papers, problems = read_file(path)

    assert problems == []
    assert [(p.title, p.abstract) for p in papers] == [*pairs, ("Last Paper", ABSTRACT)]


def test_resynchronised_on_an_abstract_and_reported(tmp_path: Path) -> None:
    """A paragraph went missing before a long abstract: only the paper that lost it is
    reported, the pairs before and after are read."""
    path = tmp_path / "daily.txt"
    text = dump(
        "First Paper", "A short one.", "Lost Paper", "Fourth Paper", ABSTRACT, "Fifth", "Bye."
    )
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")

    papers, problems = read_file(path)

    assert [(p.title, p.abstract) for p in papers] == [
        ("First Paper", "A short one."),
        ("Fourth Paper", ABSTRACT),
        ("Fifth", "Bye."),
    ]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (lines.index("Lost Paper") + 1, "title without an abstract")
    ]
    assert f"line {lines.index(ABSTRACT) + 1}" in problems[0].message


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    good = dump("First Paper", ABSTRACT).encode("utf-8")
    data = good + b"Bad \xff title\n"
    path.write_bytes(data)
    offset = data.index(b"\xff")

    papers, problems = read_file(path)

    assert papers == []
    assert len(problems) == 1
    assert problems[0].file == str(path)
    assert problems[0].line == good.count(b"\n") + 1
    assert f"byte offset {offset}" in problems[0].message


def test_nul_byte_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "daily.txt"
    text = dump("First Paper", ABSTRACT)
    path.write_text(text + "Second\x00Paper\n", encoding="utf-8")

    papers, problems = read_file(path)

    assert papers == []
    assert [(p.file, p.line) for p in problems] == [(str(path), text.count("\n") + 1)]
    assert "NUL" in problems[0].message


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "daily.txt"
    path.write_bytes(content)

    papers, problems = read_file(path)

    assert papers == []
    assert len(problems) == 1
    assert problems[0].file == str(path)
    assert "empty" in problems[0].message


# --- round trip over generated dumps --------------------------------------------------------

HEADER_KEYS = {h.casefold() for h in HEADER}
word = st.text(string.ascii_letters, min_size=1, max_size=12)
title = (
    st.lists(word, min_size=1, max_size=15)
    .map(" ".join)
    # A one-word title "New" or "Subscribe" straight after the header is indistinguishable
    # from the header itself; real titles never are.
    .filter(lambda t: t.casefold() not in HEADER_KEYS)
)


@st.composite
def abstract(draw: st.DrawFn) -> str:
    """30-80 words in sentences: capitalised words, each sentence ending in a period."""
    words = draw(st.lists(word, min_size=30, max_size=80))
    sentences, start = [], 0
    while start < len(words):
        end = start + draw(st.integers(4, 15))
        chunk = words[start:end]
        sentences.append(" ".join([chunk[0].capitalize(), *chunk[1:]]) + ".")
        start = end
    return " ".join(sentences)


@st.composite
def short_abstract(draw: st.DrawFn) -> str:
    """One short sentence, as a withdrawn paper's abstract or a one-line comment."""
    words = draw(st.lists(word, min_size=1, max_size=10))
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


@st.composite
def rendered_dump(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, int]]]:
    """A dump of generated papers and, for each, (title, abstract, line of the title); some
    abstracts are one short sentence."""
    pairs = draw(st.lists(st.tuples(title, st.one_of(abstract(), short_abstract())), max_size=12))
    lines: list[str] = []
    for paragraph in HEADER:
        lines += [paragraph, ""]
    expected = []
    for t, a in pairs:
        expected.append((t, a, len(lines) + 1))
        lines += [t, ""]
        # Some dumps wrap abstracts over several lines; a paragraph is still one abstract.
        words = a.split(" ")
        width = draw(st.sampled_from([len(words), 7, 20]))
        lines += [" ".join(words[i : i + width]) for i in range(0, len(words), width)]
        lines += [""] * draw(st.integers(1, 3))
    return "\n".join(lines), expected


@settings(max_examples=200, deadline=None)
@given(rendered_dump())
def test_generated_dump_round_trips(case: tuple[str, list[tuple[str, str, int]]]) -> None:
    text, expected = case
    papers, problems = daily_text.parse("generated.txt", text)
    assert problems == []
    assert as_tuples(papers) == expected
    assert all(p.origin.file == "generated.txt" for p in papers)


# --- the header's day ------------------------------------------------------------------------


def test_every_seed_paper_is_listed_on_the_header_s_day(
    seed: tuple[list[Paper], list[Problem]],
) -> None:
    papers, _ = seed
    assert {p.listed for p in papers} == {("--07-29",)}  # "Jul 29": no year in the dump


@pytest.mark.parametrize(
    ("header", "listed"),
    [
        ("Jul 29, 2025", ("2025-07-29",)),
        ("July 29", ("--07-29",)),
        ("Sept. 3", ("--09-03",)),
        ("Feb 29", ("--02-29",)),
        ("Feb 29, 2024", ("2024-02-29",)),
    ],
)
def test_a_header_day_with_or_without_its_year(header: str, listed: tuple[str, ...]) -> None:
    text = dump("Some Title", ABSTRACT).replace("\n\nJul 29\n\n", f"\n\n{header}\n\n")
    papers, problems = daily_text.parse("d.txt", text)
    assert problems == [] and [p.listed for p in papers] == [listed]


@pytest.mark.parametrize("header", ["Feb 30", "Feb 29, 2025", "Jun 31"])
def test_a_header_day_that_is_no_calendar_day_is_a_problem(header: str) -> None:
    text = dump("Some Title", ABSTRACT).replace("\n\nJul 29\n\n", f"\n\n{header}\n\n")
    papers, problems = daily_text.parse("d.txt", text)
    assert [p.listed for p in papers] == [()]
    assert problems == [Problem("d.txt", 11, f"header day {header!r} is not a calendar day")]


def test_a_dump_without_a_header_day_lists_its_papers_on_no_day() -> None:
    papers, problems = daily_text.parse("d.txt", f"Some Title\n\n{ABSTRACT}\n")
    assert problems == [] and [p.listed for p in papers] == [()]
