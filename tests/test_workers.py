"""The cached, parallel stages give what the plain ones give, and skip known papers."""

from __future__ import annotations

import dataclasses
import functools
import io
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator.cache import Cache
from generator.index import workers
from generator.index.build import clean_serially, extract_serially
from generator.index.keywords import KeywordSettings
from generator.sources import read_library
from tests.conftest import SEED

SETTINGS = KeywordSettings()


@pytest.fixture(scope="module")
def papers():  # type: ignore[no-untyped-def]
    found, _, _ = read_library([SEED])
    return clean_serially(found[:40])


def with_pid(work: Callable[[Any], Any], chunk: Any) -> tuple[int, Any]:
    """`work(chunk)` and the process that ran it."""
    return os.getpid(), work(chunk)


class PidPool(ProcessPoolExecutor):
    """A process pool that records which processes ran each chunk."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.pids: list[int] = []

    def map(
        self, fn: Callable[[Any], Any], *iterables: Iterable[Any], **options: Any
    ) -> Iterator[Any]:
        for pid, result in super().map(functools.partial(with_pid, fn), *iterables, **options):
            self.pids.append(pid)
            yield result


def test_two_processes_give_the_serial_result(papers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pools: list[PidPool] = []
    sizes: list[int] = []

    def spy_pool(count: int) -> PidPool:
        sizes.append(count)
        pools.append(PidPool(count))
        return pools[-1]

    monkeypatch.setattr(workers, "CHUNK", 16)
    monkeypatch.setattr(workers, "process_pool", spy_pool)
    stream = io.StringIO()
    assert workers.keyword_stage(None, 2, stream)(papers, SETTINGS) == extract_serially(
        papers, SETTINGS
    )
    assert "keywords: 40 papers" in stream.getvalue()
    assert sizes == [2]
    assert len(pools[0].pids) == 3, "40 papers in chunks of 16"
    assert os.getpid() not in pools[0].pids


def test_cached_papers_never_meet_yake_again(papers, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cache = Cache(tmp_path / "cache.sqlite")
    first = workers.keyword_stage(cache, 1, io.StringIO())(papers, SETTINGS)

    def refuse(*_: object) -> None:
        raise AssertionError("a cached paper went through YAKE")

    monkeypatch.setattr(workers, "candidate_keywords", refuse)
    stream = io.StringIO()
    assert workers.keyword_stage(cache, 1, stream)(papers, SETTINGS) == first
    assert "40 from the cache" in stream.getvalue()
    with pytest.raises(AssertionError, match="went through YAKE"):
        workers.keyword_stage(cache, 1, io.StringIO())(papers, KeywordSettings(shown=7))


def test_clean_stage_matches_clean_paper(tmp_path: Path) -> None:
    raw, _, _ = read_library([SEED])
    cache = Cache(tmp_path / "cache.sqlite")
    cleaned = workers.clean_stage(cache, 2, io.StringIO())(raw)
    assert [(p.title, p.abstract) for p in cleaned] == [
        (p.title, p.abstract) for p in clean_serially(raw)
    ]
    again = workers.clean_stage(cache, 1, io.StringIO())(raw)
    assert again == cleaned


def test_the_clean_stage_names_latex_left_as_written_at_every_build(tmp_path: Path) -> None:
    raw, _, _ = read_library([SEED])
    broken = dataclasses.replace(raw[0], abstract=raw[0].abstract + " \\verb")
    cache = Cache(tmp_path / "cache.sqlite")
    for _ in ("computed", "from the cache"):
        stream = io.StringIO()
        [cleaned] = workers.clean_stage(cache, 1, stream)([broken])
        assert cleaned.abstract.endswith(" \\verb")
        assert f"warning: {broken.origin}: abstract: LaTeX left as written" in stream.getvalue()
