"""Through the command line: a failure changes nothing, and a build loses nothing.

A broken file (tests/fixtures/hostile/broken/) stops the build with a message naming file
and place; the previous pages in docs/ and the built site/ stay byte-identical, and so do
the hand-written pages. A failure inside MkDocs leaves site/ as it was. With --skip-invalid,
every valid paper is in the site once, with its whole abstract, and the counts add up.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.pages.build import OWNED
from tests.conftest import FIXTURES, make_project
from tests.hostile import BROKEN, LIBRARY, Article, folded

pytestmark = pytest.mark.e2e

GOOD = FIXTURES / "dated.jsonl"


def build(project: Path, *library: Path, options: tuple[str, ...] = ()) -> Result:
    args = ["build", "--docs", str(project / "docs"), "--site", str(project / "site")]
    args += ["--config", str(project / "mkdocs.yml"), "--no-cache", "--workers", "1"]
    for path in library:
        args += ["--papers", str(path)]
    return CliRunner().invoke(main, [*args, *options])


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of the project but the configuration, by path (empty folders too)."""
    found: dict[str, bytes] = {}
    for path in sorted(project.rglob("*")):
        name = path.relative_to(project).as_posix()
        found[name + ("/" if path.is_dir() else "")] = b"" if path.is_dir() else path.read_bytes()
    return found


def hand_written(project: Path) -> dict[str, bytes]:
    docs = project / "docs"
    return {
        k: v
        for k, v in snapshot(docs).items()
        if k.split("/")[0] not in OWNED and not k.startswith(".")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    project = make_project(tmp_path_factory.mktemp("built"))
    result = build(project, GOOD)
    assert result.exit_code == 0, result.output
    return project, snapshot(project)


# Each broken file, and the place and message the build must name.
BROKEN_CASES = {
    # The Latin-1 é of "Café" on line 2: byte 82 of the file.
    "invalid-utf8.jsonl": ":2: invalid UTF-8 at byte offset 82",
    "nul-byte.yaml": ":3: NUL byte in text file",
    "empty.bib": ": empty file: no papers in it",
    "blank.txt": ": empty file: no papers in it",
    "title-without-abstract.txt": ":3: title without an abstract",
    "record-without-abstract.jsonl": ":2: record has no abstract",
    "unparsable.json": ":3:17: invalid JSON",
    "unparsable.yaml": ":4:13: invalid YAML",
    "unparsable.bib": ":8:1: broken entry starting on line 5",
}


def test_every_broken_fixture_is_covered() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(BROKEN_CASES)
    assert (BROKEN / "invalid-utf8.jsonl").read_bytes()[82:83] == b"\xe9"


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_broken_input_is_named_and_changes_nothing(
    built: tuple[Path, dict[str, bytes]], name: str
) -> None:
    project, before = built
    broken = BROKEN / name
    place = BROKEN_CASES[name]
    # With another library than the one built: any page written would show.
    result = build(project, *LIBRARY, broken)
    assert result.exit_code != 0
    assert f"error: {broken}{place}" in result.output
    assert "nothing was changed" in result.output
    assert snapshot(project) == before


def test_a_broken_file_in_a_folder_is_named_too(
    built: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project, before = built
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(LIBRARY[0], library / LIBRARY[0].name)
    shutil.copy(BROKEN / "invalid-utf8.jsonl", library / "sub-bad.jsonl")
    result = build(project, library)
    assert result.exit_code != 0
    assert f"error: {library / 'sub-bad.jsonl'}:2: invalid UTF-8 at byte offset" in result.output
    assert snapshot(project) == before


def test_a_failure_inside_mkdocs_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert build(project, GOOD).exit_code == 0
    site = snapshot(project / "site")
    note = project / "docs" / "notes.md"
    note.write_text("# Notes\n\nSee [the missing page](missing.md).\n", "utf-8")
    kept = hand_written(project)
    result = build(project, GOOD, *LIBRARY)
    assert result.exit_code != 0
    assert "notes.md" in result.output and "missing.md" in result.output
    assert snapshot(project / "site") == site
    assert hand_written(project) == kept
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-new-")]
    note.unlink()
    assert build(project, GOOD, *LIBRARY).exit_code == 0  # and the next build goes through


def test_hand_written_pages_survive_every_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs" / "notes.md").write_text("# My notes\n\nHand-written.\n", "utf-8")
    kept = hand_written(project)
    assert {"about.md", "notes.md", "stylesheets/extra.css"} <= set(kept)
    for library in ([*LIBRARY, GOOD], [GOOD], LIBRARY):
        result = build(project, *library)
        assert result.exit_code == 0, result.output
        assert hand_written(project) == kept
    # The pages of papers no longer in the library are gone with them.
    papers = {p.stem for p in (project / "docs" / "papers").glob("*.md")}
    assert not any(s.startswith(("2501.1", "2502.1", "2503.1")) for s in papers)


# --- no loss ------------------------------------------------------------------------------

SUMMARY = re.compile(
    r"read (\d+) papers from (\d+) file\(s\); merged (\d+) duplicate\(s\); skipped (\d+); "
    r"wrote (\d+) paper pages"
)


def mixed_library(where: Path) -> tuple[list[Path], dict[str, tuple[str, str]], int, int]:
    """Files of distinct papers, copies of some of them and invalid records.

    Returns the files, {arXiv id: (title, the abstract the page must show)}, how many
    records are copies and how many are invalid.
    """
    where.mkdir()
    papers = {
        f"2505.{n:05d}": (
            f"Distinct paper number {n} on topic {'abcdefghij'[n % 10]}",
            f"Abstract {n}. "
            + " ".join(f"word{(n * 7 + i) % 97}" for i in range(20 + n * 3))
            + (" A long tail of text." * (900 if n == 7 else 0)),
        )
        for n in range(1, 21)
    }
    lines = [{"id": k, "title": t, "abstract": a} for k, (t, a) in papers.items()]
    lines.insert(5, {"title": "A record without an abstract"})
    lines.insert(9, {"abstract": "A record without a title."})
    jsonl = where / "papers.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in lines) + "{broken json\n", "utf-8")
    # Copies: by arXiv id with a shorter abstract (the longer one stays), by id in a URL
    # with a longer one (it replaces the first), and by exact title without any id.
    copies = where / "copies.yaml"
    longer = papers["2505.00002"][1] + " And one more sentence only this copy has."
    copies.write_text(
        "papers:\n"
        f"  - title: {papers['2505.00001'][0]}\n    arxiv: 2505.00001\n    abstract: Short.\n"
        f"  - title: {papers['2505.00002'][0]}\n    url: https://arxiv.org/abs/2505.00002v3\n"
        f"    abstract: {longer}\n"
        f"  - title: {papers['2505.00003'][0].upper()}\n    abstract: Other copy.\n"
        "  - title: A paper with a bad date\n    date: yesterday\n",
        "utf-8",
    )
    papers["2505.00002"] = (papers["2505.00002"][0], longer)
    bib = where / "more.bib"
    bib.write_text(
        "@misc{only,\n  title = {A paper only the bibliography has},\n  eprint = {2505.99999},\n"
        "  abstract = {Its abstract, in full, with every word kept.},\n}\n"
        "@misc{nothing,\n  author = {Nobody},\n}\n",
        "utf-8",
    )
    papers["2505.99999"] = (
        "A paper only the bibliography has",
        "Its abstract, in full, with every word kept.",
    )
    return [jsonl, copies, bib], papers, 3, 5


def test_every_valid_paper_is_in_the_site_once_with_its_whole_abstract(tmp_path: Path) -> None:
    files, papers, copies, invalid = mixed_library(tmp_path / "library")
    project = make_project(tmp_path / "project")
    result = build(project, *files, options=("--skip-invalid",))
    assert result.exit_code == 0, result.output
    match = SUMMARY.search(result.output)
    assert match, result.output
    read, count, merged, skipped, written = map(int, match.groups())
    assert count == len(files)
    assert skipped == invalid == result.output.count("\nskipped: ")
    assert merged == copies
    assert written == len(papers) == read - merged
    site = project / "site"
    records = json.loads((site / "papers.json").read_text("utf-8"))
    assert sorted(r["id"] for r in records) == sorted(papers)
    for arxiv, (title, abstract) in papers.items():
        page = Article((site / "papers" / arxiv / "index.html").read_text("utf-8"))
        assert folded(page.sections["Abstract"]) == folded(abstract), arxiv
        assert title in page.sections or title.upper() in page.sections
    pages = [p for p in (site / "papers").glob("*/index.html")]
    assert len(pages) == len(papers)
    titles = [next(iter(Article(p.read_text("utf-8")).sections)) for p in pages]
    assert len(set(titles)) == len(titles)
