"""The last fit's spaces on disk: read back as written, and never trusted when damaged or of
another fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from generator.index.similarity import Spaces, fit_spaces
from generator.site.spaces_store import load_spaces, save_spaces, spaces_path
from generator.sources import read_library
from tests.conftest import SEED


def seed_spaces() -> Spaces:
    papers, _, _ = read_library([SEED])
    texts = [p.title + ". " + p.abstract for p in papers]
    return fit_spaces([f"paper-{i}" for i in range(len(papers))], texts)


def test_spaces_read_back_as_written(tmp_path: Path) -> None:
    spaces = seed_spaces()
    path = spaces_path(tmp_path / "build-cache.sqlite", "papers")
    save_spaces(path, "fit-1", spaces)
    back = load_spaces(path, "fit-1")
    assert back is not None
    assert back.keys == spaces.keys and back.words.terms == spaces.words.terms
    assert (back.words.rows != spaces.words.rows).nnz == 0
    assert np.array_equal(back.words.idf, spaces.words.idf)
    assert np.array_equal(back.topics.rows, spaces.topics.rows)
    assert np.array_equal(back.meaning, spaces.meaning)
    assert np.array_equal(back.centre, spaces.centre)


def test_another_fit_or_a_damaged_file_reads_as_none(tmp_path: Path) -> None:
    path = spaces_path(tmp_path / "build-cache.sqlite", "papers")
    assert load_spaces(path, "fit-1") is None
    save_spaces(path, "fit-1", seed_spaces())
    assert load_spaces(path, "fit-2") is None
    path.write_bytes(path.read_bytes()[:1000])
    assert load_spaces(path, "fit-1") is None
    path.write_text("not a NumPy file")
    assert load_spaces(path, "fit-1") is None
