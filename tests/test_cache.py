"""The build cache: damage and other versions are detected and start it afresh, never trusted
and never a crash; the themes and related results of a few libraries are kept."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cache import Cache
from generator.cli import main
from generator.index.build import index_library
from generator.model import Paper
from generator.site import incremental
from generator.sources import read_library
from tests.conftest import FIXTURES, SEED, record_calls

CACHE = "build-cache.sqlite"


def filled(folder: Path) -> Path:
    """A cache file as a build leaves it."""
    cache = Cache(folder / CACHE, io.StringIO())
    cache.put_many("keywords", [(f"key{i}", [["k", "keyword", 0]] * 20) for i in range(2000)])
    cache.put_recent("linked", "library", {"themes": []})
    cache.close()
    return folder / CACHE


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_a_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[8192:12288] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def not_sqlite(path: Path) -> None:
    path.write_text("this is not a database\n" * 100, "utf-8")


def other_tables(path: Path, columns: str, rows: list[tuple[str, str, str]]) -> None:
    """The cache file replaced by one another version could have written: its four tables
    with these `columns`, holding `rows` (table, key, value)."""
    path.unlink()
    db = sqlite3.connect(path)
    for table in ("clean", "keywords", "linked", "sites"):
        db.execute(f"CREATE TABLE {table} ({columns})")
    for table, key, value in rows:
        db.execute(f"INSERT INTO {table} VALUES (?, ?)", (key, value))
    db.commit()
    db.close()


def older_layout(path: Path) -> None:
    """A file as another version wrote it: other columns, no version number."""
    keywords = ("keywords", "key1", "not what this version stores")
    other_tables(path, "key TEXT PRIMARY KEY, value BLOB", [keywords])


def first_version_layout(path: Path) -> None:
    """The layout of the first cache (hash, data), values of the same keys included."""
    keywords = ("keywords", "key1", '[["stale", "stale", 0]]')
    linked = ("linked", "library", '{"no": "such shape"}')
    other_tables(path, "hash TEXT PRIMARY KEY, data TEXT", [keywords, linked])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "overwritten page": overwrite_a_page,
    "not sqlite": not_sqlite,
    "older layout": older_layout,
    "first version's layout": first_version_layout,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_started_afresh(tmp_path: Path, damage: str) -> None:
    path = filled(tmp_path)
    DAMAGE[damage](path)
    notes = io.StringIO()
    cache = Cache(path, notes)
    assert f"cache: {path} is " in notes.getvalue()
    assert "starting it afresh" in notes.getvalue()
    assert cache.get_many("keywords", ["key1", "key2"]) == {}  # nothing trusted
    assert cache.get_recent("linked", "library") is None
    cache.put_many("keywords", [("key1", ["fresh"])])
    assert cache.get_many("keywords", ["key1"]) == {"key1": ["fresh"]}
    cache.close()
    reopened = io.StringIO()
    Cache(path, reopened).close()
    assert reopened.getvalue() == ""  # sound from then on


def test_a_sound_cache_is_kept(tmp_path: Path) -> None:
    path = filled(tmp_path)
    notes = io.StringIO()
    cache = Cache(path, notes)
    assert notes.getvalue() == ""
    assert cache.get_many("keywords", ["key1"]) == {"key1": [["k", "keyword", 0]] * 20}


def test_a_result_with_any_character_reads_back_as_it_was(tmp_path: Path) -> None:
    """Results are stored escaped to ASCII: text past the Basic Multilingual Plane, a lone
    surrogate and quotes all come back."""
    result = {"shown": [["\U0001d4b3-ray", 'Café \ud800 "quoted"', True]], "related": [[1, 0.5]]}
    Cache(tmp_path / CACHE).put_recent("linked", "library", result)
    assert Cache(tmp_path / CACHE).get_recent("linked", "library") == result


BUILD = ["build", "--papers", str(FIXTURES / "dated.jsonl"), "--no-site", "--workers", "1"]


def pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    docs = tmp_path_factory.mktemp("uncached") / "docs"
    result = CliRunner().invoke(main, [*BUILD, "--docs", str(docs), "--no-cache"])
    assert result.exit_code == 0, result.output
    return pages(docs)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_build_with_a_damaged_cache_goes_through(
    tmp_path: Path, damage: str, uncached: dict[str, bytes]
) -> None:
    folder = tmp_path / "cache"
    first = CliRunner().invoke(
        main, [*BUILD, "--docs", str(tmp_path / "first"), "--cache", str(folder)]
    )
    assert first.exit_code == 0, first.output
    DAMAGE[damage](folder / CACHE)
    docs = tmp_path / "docs"
    result = CliRunner().invoke(main, [*BUILD, "--docs", str(docs), "--cache", str(folder)])
    assert result.exit_code == 0, result.output
    assert "starting it afresh" in result.output
    assert pages(docs) == uncached


def test_a_cache_that_cannot_be_used_is_gone_without(
    tmp_path: Path, uncached: dict[str, bytes]
) -> None:
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the cache folder goes", "utf-8")
    docs = tmp_path / "docs"
    result = CliRunner().invoke(main, [*BUILD, "--docs", str(docs), "--cache", str(in_the_way)])
    assert result.exit_code == 0, result.output
    assert f"cache: cannot use {in_the_way / CACHE}" in result.output
    assert pages(docs) == uncached


def test_a_cache_that_fails_while_in_use_is_gone_without(tmp_path: Path) -> None:
    notes = io.StringIO()
    cache = Cache(filled(tmp_path), notes)
    cache.db.execute("PRAGMA query_only = ON")  # writes now fail, as on a full disk
    cache.put_many("keywords", [("key1", ["x"])])
    cache.put_recent("linked", "other library", {"themes": []})
    assert cache.get_many("keywords", ["key1"]) == {}
    assert notes.getvalue().count("going on without it") == 1
    assert "readonly" in notes.getvalue()


# --- themes and related of a few libraries -----------------------------------------------


@pytest.fixture(scope="module")
def libraries() -> list[list[Paper]]:
    papers, _, _ = read_library([SEED])
    return [papers[i * 20 : i * 20 + 20] for i in range(6)]


def test_switching_libraries_keeps_each_ones_themes(
    libraries: list[list[Paper]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / CACHE)
    stage = incremental.cached_link_stage(cache, io.StringIO())
    calls = record_calls(monkeypatch, incremental, "link_library")
    first, second = libraries[:2]
    for papers in (first, second, first, second, first):
        index_library(papers, link=stage)
    assert len(calls) == 2  # each library's themes computed once
    assert index_library(first, link=stage)[0] == index_library(first)[0]


def test_the_least_recently_used_result_goes_first(
    libraries: list[list[Paper]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / CACHE)
    stage = incremental.cached_link_stage(cache, io.StringIO())
    a, b, c, d, e, _ = libraries
    for papers in (a, b, c, d, a, e):  # a used again before e: b is the least recent
        index_library(papers, link=stage)
    calls = record_calls(monkeypatch, incremental, "link_library")
    for papers in (a, c, d, e):
        index_library(papers, link=stage)
    assert calls == []
    index_library(b, link=stage)
    assert len(calls) == 1


@pytest.mark.parametrize("package", incremental.LINK_PACKAGES)
def test_an_upgraded_package_computes_the_themes_again(
    package: str, libraries: list[list[Paper]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade the themes and related papers are what a cold build gives, not
    what the old version's build kept."""
    cache = Cache(tmp_path / CACHE)
    stage = incremental.cached_link_stage(cache, io.StringIO())
    calls = record_calls(monkeypatch, incremental, "link_library")
    index_library(libraries[0], link=stage)
    index_library(libraries[0], link=stage)
    assert len(calls) == 1
    real = metadata.version
    monkeypatch.setattr(
        metadata,
        "version",
        lambda name: "999.0" if name == package else real(name),
    )
    index_library(libraries[0], link=stage)
    assert len(calls) == 2


def test_an_upgraded_latex_converter_cleans_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.index import workers

    before = workers.clean_fingerprint()
    monkeypatch.setattr(workers, "version", lambda name: "999.0")
    assert workers.clean_fingerprint() != before
