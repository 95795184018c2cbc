"""Rebuilds skip what has not changed, and give exactly what a full build gives."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from pathlib import Path

import numpy as np
import pytest

from generator.cache import Cache
from generator.index import daily, workers
from generator.index.build import Settings, index_library
from generator.model import Paper
from generator.pipeline import Run, build
from generator.site import incremental
from generator.site.config import read_config
from generator.site.incremental import FileDigests
from generator.site.spaces_store import load_spaces, spaces_path
from generator.sources import read_library
from tests.conftest import SEED, make_project, record_calls


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    found, _, _ = read_library([SEED])
    return found[:40]


def test_kept_themes_and_links_equal_computed_ones(papers: list[Paper], tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    stage = incremental.cached_link_stage(cache, io.StringIO())
    first, _ = index_library(papers, link=stage)
    kept, _ = index_library(papers, link=stage)
    assert kept == first == index_library(papers)[0]


def test_tf_idf_made_in_another_process_gives_the_same_index(
    papers: list[Paper], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link stage makes the TF-IDF rows beside the themes' phrases when it may use two
    processes (from BACKGROUND_MIN_PAPERS papers; here from any number)."""
    monkeypatch.setattr(workers, "BACKGROUND_MIN_PAPERS", 0)
    assert index_library(papers, workers=2) == index_library(papers, workers=1)


def test_a_library_that_only_loses_papers_keeps_the_others_themes(
    papers: list[Paper], tmp_path: Path
) -> None:
    """No paper to place: the kept spaces lose the removed paper's rows and make none."""
    cache = Cache(tmp_path / "cache.sqlite")
    notes = io.StringIO()
    stage = incremental.cached_link_stage(cache, notes)
    before, _ = index_library(papers, link=stage)
    after, _ = index_library(papers[1:], link=stage)
    assert "0 new or edited paper(s) placed in the kept themes" in notes.getvalue()
    themes = {e.key: e.themes for e in before.entries}
    assert len(after.entries) == len(papers) - 1
    assert all(e.themes == themes[e.key] for e in after.entries)


def test_a_changed_abstract_is_placed_again(
    papers: list[Paper], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache.sqlite")
    notes = io.StringIO()
    stage = incremental.cached_link_stage(cache, notes)
    index_library(papers, link=stage)
    calls = record_calls(monkeypatch, daily, "add_papers")
    index_library(papers, link=stage)
    assert calls == []
    changed = [dataclasses.replace(papers[0], abstract=papers[0].abstract + " Graphs.")]
    index_library(changed + papers[1:], link=stage)
    assert len(calls) == 1 and len(calls[0]["edited"]) == 1
    assert "1 new or edited paper(s) placed in the kept themes" in notes.getvalue()


def test_a_day_is_measured_in_the_last_fits_spaces(
    papers: list[Paper], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words' vocabulary and IDF, the topic space and the meaning centre stay those of
    the last fit: a day's build fits none of them again, and an older paper's rows are as
    they were."""
    cache = Cache(tmp_path / "cache.sqlite")
    stage = incremental.cached_link_stage(cache, io.StringIO(), library="seed")
    index_library(papers[:36], link=stage)
    path = spaces_path(cache.path, "seed")
    fit = incremental.fit_hash(dataclasses.replace(Settings(), refit=False))
    first = load_spaces(path, fit)
    assert first is not None and len(first.keys) == 36
    fits = record_calls(monkeypatch, daily, "fit_spaces")
    index_library(papers[:38], link=stage)  # fewer than `memory.REFIT_GROWTH` more
    assert fits == []
    after = load_spaces(path, fit)
    assert after is not None and len(after.keys) == 38
    assert after.words.terms == first.words.terms
    for key in first.keys:
        i, j = first.keys.index(key), after.keys.index(key)
        assert (first.words.rows[i] != after.words.rows[j]).nnz == 0
        assert np.array_equal(first.meaning[i], after.meaning[j])
        assert np.array_equal(first.topics.rows[i], after.topics.rows[j])
    # Without the kept file, a day fits its spaces afresh, and keeps them again.
    path.unlink()
    index_library(papers[:39], link=stage)
    assert len(fits) == 1
    assert (kept := load_spaces(path, fit)) is not None and len(kept.keys) == 39


def test_an_unchanged_site_is_not_rebuilt(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    cache = tmp_path / "cache"
    site = project / "site"

    def built() -> bool:
        config = read_config(project / "mkdocs.yml")
        return build([SEED], config, site, Run(cache_dir=cache))[0] is not None

    assert built()
    home = (site / "index.html").stat().st_mtime_ns
    assert not built()
    assert (site / "index.html").stat().st_mtime_ns == home
    # A hand-written page changed: the site is built again, with the change.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nA line added by hand.\n", "utf-8")
    assert built()
    assert "A line added by hand." in (site / "about" / "index.html").read_text("utf-8")
    # A built file touched by hand: built again rather than trusted.
    (site / "about" / "index.html").write_text("broken", "utf-8")
    assert built()
    assert "A line added by hand." in (site / "about" / "index.html").read_text("utf-8")


def test_a_files_digest_is_recalled_by_the_next_build_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    page.write_text("first", "utf-8")
    cache = Cache(tmp_path / "cache.sqlite")
    first = FileDigests()
    digest = first.of(str(page))
    first.keep(cache)

    # The next build, another process: nothing in memory, the file not read again.
    following = FileDigests()
    following.recall(cache)
    with monkeypatch.context() as unread:
        unread.setattr(hashlib, "file_digest", lambda *a, **k: pytest.fail("read"))
        assert following.of(str(page)) == digest
    before = page.stat()
    page.write_text("other", "utf-8")  # the same size, written a second later
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert following.of(str(page)) != digest


def test_the_fit_is_kept_through_a_change_above_it_and_not_through_one_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to a page's code must not re-fit the themes (a re-fit may rename the pages
    readers link to); a change to the index's code, or to a module it builds on, must."""
    package = tmp_path / "generator"
    for name in ("index/themes.py", "pages/paper.py", "site/output.py", "text.py", "cli.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# one\n", "utf-8")
    monkeypatch.setattr(incremental, "PACKAGE", package)
    settings = Settings()
    first = incremental.fit_hash(settings)
    for name in ("pages/paper.py", "site/output.py", "cli.py"):
        (package / name).write_text("# two\n", "utf-8")
        assert incremental.fit_hash(settings) == first, name
    for name in ("index/themes.py", "text.py"):
        (package / name).write_text(f"# changed {name}\n", "utf-8")
        changed = incremental.fit_hash(settings)
        assert changed != first, name
        first = changed
