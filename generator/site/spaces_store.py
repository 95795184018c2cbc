"""The last fit's spaces (`index.similarity.Spaces`) kept beside the build cache, one NumPy
file per library: 35,020 papers' rows take about 110 MB and a fraction of a second to read,
where fitting them again took some 25 s. Plain arrays only (no pickle): a file that is
damaged, partly written or of another fit reads as none, and the day fits afresh."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import numpy as np
from scipy import sparse

from generator.index.cohesion import Topics
from generator.index.related import Words
from generator.index.similarity import Spaces


def spaces_path(cache_file: Path, library: str) -> Path:
    name = hashlib.sha256(library.encode("utf-8")).hexdigest()[:16]
    return cache_file.parent / f"spaces-{name}.npz"


def joined(texts: tuple[str, ...]) -> np.ndarray:
    return np.frombuffer("\n".join(texts).encode("utf-8"), dtype=np.uint8)


def split(data: np.ndarray) -> tuple[str, ...]:
    text = data.tobytes().decode("utf-8")
    return tuple(text.split("\n")) if text else ()


def save_spaces(path: Path, fit: str, spaces: Spaces) -> None:
    """Written whole to a temporary file, then moved over the last."""
    rows = spaces.words.rows
    arrays = {
        "fit": joined((fit,)),
        "keys": joined(spaces.keys),
        "terms": joined(spaces.words.terms),
        "idf": spaces.words.idf,
        "words_data": rows.data,
        "words_indices": rows.indices,
        "words_indptr": rows.indptr,
        "words_shape": np.asarray(rows.shape, dtype=np.int64),
        "topics": spaces.topics.rows,
        "centre": spaces.centre,
        "meaning": spaces.meaning,
    }
    if spaces.topics.columns is not None and spaces.topics.axes is not None:
        arrays["topic_columns"] = spaces.topics.columns
        arrays["topic_axes"] = spaces.topics.axes
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as out:
        np.savez(out, **arrays)
    os.replace(partial, path)


def load_spaces(path: Path, fit: str) -> Spaces | None:
    """The spaces kept for this fit, or None."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if split(data["fit"]) != (fit,):
                return None
            shape = tuple(int(x) for x in data["words_shape"])
            rows = sparse.csr_matrix(
                (data["words_data"], data["words_indices"], data["words_indptr"]), shape=shape
            )
            reduced = "topic_columns" in data.files
            topics = Topics(
                data["topics"],
                data["topic_columns"] if reduced else None,
                data["topic_axes"] if reduced else None,
            )
            return Spaces(
                split(data["keys"]),
                Words(rows, split(data["terms"]), data["idf"]),
                topics,
                data["centre"],
                data["meaning"],
            )
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
