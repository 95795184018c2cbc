"""`pipeline.prepare`: Python's cycle collector is off while the library is read and indexed,
and on again afterwards, also when the input is refused."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.errors import InputError
from generator.sources import read_library
from tests.conftest import SEED


def spy_on_reading(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on, each time the library was read."""
    seen: list[bool] = []
    real = read_library

    def reading(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr("generator.pipeline.read_library", reading)
    return seen


def test_the_collector_is_paused_while_indexing_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = spy_on_reading(monkeypatch)
    assert gc.isenabled()
    index, _, pages = pipeline.prepare([SEED])
    assert seen == [False]
    assert gc.isenabled()
    assert len(index.entries) == 121 and pages


def test_the_collector_is_on_again_after_refused_input(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = spy_on_reading(monkeypatch)
    bad = tmp_path / "papers.jsonl"
    bad.write_text("{not json\n", "utf-8")
    with pytest.raises(InputError):
        pipeline.prepare([bad])
    assert seen == [False]
    assert gc.isenabled()
