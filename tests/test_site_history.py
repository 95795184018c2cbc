"""Same site whatever the build history: a library reached by any sequence of additions,
edits and removals, each built on the last (rendering only what changed), gives the site a
build of that library in one go gives, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.sources import read_library
from tests.conftest import SEED, make_project
from tests.test_deterministic_build import files

pytestmark = pytest.mark.e2e

POOL = read_library([SEED])[0]
DAYS = ("2025-10-13", "2025-10-14", "2025-10-15")


def record(number: int, edited: bool) -> dict[str, object]:
    paper = POOL[number]
    abstract = paper.abstract + (" We also release the benchmark." if edited else "")
    return {
        "id": f"2510.{number:05d}",
        "title": paper.title,
        "abstract": abstract,
        "authors": list(paper.authors),
        "listed": [DAYS[number % len(DAYS)]],
    }


def write_library(path: Path, library: dict[int, bool]) -> None:
    lines = [json.dumps(record(n, edited)) for n, edited in sorted(library.items())]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def build(project: Path, library: dict[int, bool]) -> str:
    write_library(project / "library.jsonl", library)
    args = ["build", "--papers", str(project / "library.jsonl"), "--docs", str(project / "docs")]
    args += ["--site", str(project / "site"), "--config", str(project / "mkdocs.yml")]
    args += ["--cache", str(project / ".cache")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def site_files(project: Path) -> dict[str, bytes]:
    return files(project / "site")


papers = st.sets(st.integers(0, len(POOL) - 1), min_size=20, max_size=60)
step = st.tuples(papers, st.sets(st.integers(0, len(POOL) - 1), max_size=3))


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=papers, steps=st.lists(step, min_size=2, max_size=2))
def test_any_history_gives_the_site_of_one_build(
    tmp_path_factory: pytest.TempPathFactory,
    start: set[int],
    steps: list[tuple[set[int], set[int]]],
) -> None:
    grown = make_project(tmp_path_factory.mktemp("history"))
    once = make_project(tmp_path_factory.mktemp("once"))
    library = dict.fromkeys(start, False)
    build(grown, library)
    rendered = []
    for kept, edited in steps:
        # The step's papers: those kept, new ones, with a few abstracts edited.
        before = library
        library = {n: library.get(n, False) for n in kept}
        library.update(dict.fromkeys(edited & kept, True))
        # The one-shot build starts from the library's memory as the last step does: what
        # the themes carry is the memory's (tests/test_memory.py); here, the site's paths.
        shutil.rmtree(once / ".cache", ignore_errors=True)
        shutil.copytree(grown / ".cache", once / ".cache")
        said = build(grown, library)
        rendered.append(library == before or "changed page(s) rendered" in said)
    build(once, library)
    assert site_files(grown) == site_files(once)
    # Each step that changed the library took the path under test, not a whole rebuild.
    assert all(rendered)


def paper_pages(project: Path) -> dict[str, tuple[bytes, int]]:
    """Each paper page's source and the inode of its published file."""
    found = {}
    for source in (project / "docs" / "papers").glob("*.md"):
        if source.name != "index.md":
            html = project / "site" / "papers" / source.stem / "index.html"
            found[source.stem] = (source.read_bytes(), html.stat().st_ino)
    return found


def test_only_changed_pages_are_rendered_and_removed_pages_go(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    library = dict.fromkeys(range(40), False)
    build(project, library)
    before = paper_pages(project)
    del library[39]
    library[5] = True
    assert "changed page(s) rendered" in build(project, library)
    after = paper_pages(project)
    assert "2510.00039" not in after
    assert not (project / "site" / "papers" / "2510.00039").exists()
    same = [slug for slug in after if after[slug][0] == before[slug][0]]
    changed = [slug for slug in after if after[slug][0] != before[slug][0]]
    assert same and "2510.00005" in changed
    # Unchanged sources keep their published file (the same inode, not rendered again);
    # changed ones get a new one.
    assert all(after[slug][1] == before[slug][1] for slug in same)
    assert all(after[slug][1] != before[slug][1] for slug in changed)


def test_a_build_of_the_same_inputs_does_nothing_until_one_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    library = dict.fromkeys(range(30), False)
    build(project, library)
    site = files(project / "site")
    assert "nothing changed" in build(project, library)
    assert files(project / "site") == site
    # Any input read again: a hand-written page, then the site itself edited by hand.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nMore.\n", "utf-8")
    assert "nothing changed" not in build(project, library)
    assert "nothing changed" in build(project, library)
    (project / "site" / "index.html").write_text("edited", "utf-8")
    assert "nothing changed" not in build(project, library)
    assert (project / "site" / "index.html").read_text("utf-8") != "edited"
    library[3] = True
    assert "nothing changed" not in build(project, library)


def test_the_build_right_after_a_change_finds_nothing_changed_with_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `make build` runs it (`--site site`, relative): the site's state was recorded by
    its absolute path and checked by the relative one, so every build after a change
    missed the check once."""
    project = make_project(tmp_path)
    library = dict.fromkeys(range(30), False)
    write_library(project / "library.jsonl", library)
    monkeypatch.chdir(project)
    args = ["build", "--papers", "library.jsonl", "--site", "site", "--cache", ".cache"]
    assert CliRunner().invoke(main, args).exit_code == 0
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "nothing changed" in again.output
