"""The cached, parallel stages give what the plain ones give, and skip known papers."""

from __future__ import annotations

import io
from pathlib import Path

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


def test_two_processes_give_the_serial_result(papers) -> None:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    assert workers.keyword_stage(None, 2, stream)(papers, SETTINGS) == extract_serially(
        papers, SETTINGS
    )
    assert "keywords: 40 papers" in stream.getvalue()


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
