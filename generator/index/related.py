"""Related papers: TF-IDF over the text blended with shared themes, top-k by sparse products.

Comparing every pair is quadratic in Python; a sparse matrix product in blocks keeps
35,000 papers to seconds and memory to one block of scores at a time.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from generator.index.workers import end_with_parent
from generator.model import Link


@dataclass(frozen=True)
class RelatedSettings:
    count: int = 5
    theme_weight: float = 0.05
    block: int = 1000
    shared_shown: int = 3


def text_vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """TF-IDF rows, unit length. Rare and ubiquitous terms are cut only where the library is
    large enough for document frequencies to mean something."""
    large = len(texts) >= 20
    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        ngram_range=(1, 2),
        min_df=2 if large else 1,
        max_df=0.5 if large else 1.0,
        dtype=np.float32,
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word left: every text is empty or stop words
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def theme_vectors(
    paper_themes: Sequence[Sequence[str]], theme_sizes: dict[str, int]
) -> tuple[sparse.csr_matrix, dict[str, float]]:
    """One column per theme, weighted by rarity: sharing a small theme says more."""
    columns = {key: i for i, key in enumerate(sorted(theme_sizes))}
    n = len(paper_themes)
    weight = {key: math.log((1 + n) / (1 + size)) + 1 for key, size in theme_sizes.items()}
    rows, cols, vals = [], [], []
    for row, keys in enumerate(paper_themes):
        for key in keys:
            rows.append(row)
            cols.append(columns[key])
            vals.append(weight[key])
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, max(len(columns), 1))
    )
    return normalize(matrix), weight


def top_k(
    vectors: sparse.csr_matrix, k: int, block: int, workers: int | None = None
) -> list[list[tuple[int, float]]]:
    """Each row's k best other rows by dot product; ties broken by row number.

    Blocks of rows go to `workers` processes (all cores by default) where the system can
    fork them, sharing the matrices; the result does not depend on how many there are.
    """
    transposed = vectors.T.tocsr()
    starts = list(range(0, vectors.shape[0], block))
    workers = min(workers or os.cpu_count() or 1, len(starts))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [
            row for start in starts for row in block_top_k(vectors, transposed, start, k, block)
        ]
    global _SHARED
    _SHARED = (vectors, transposed, k, block)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=end_with_parent
        ) as pool:
            return [row for rows in pool.map(_shared_block, starts) for row in rows]
    finally:
        _SHARED = None


# The matrices a forked worker reads (see `top_k`): inherited, never pickled.
_SHARED: tuple[sparse.csr_matrix, sparse.csr_matrix, int, int] | None = None


def _shared_block(start: int) -> list[list[tuple[int, float]]]:
    assert _SHARED is not None
    vectors, transposed, k, block = _SHARED
    return block_top_k(vectors, transposed, start, k, block)


def block_top_k(
    vectors: sparse.csr_matrix, transposed: sparse.csr_matrix, start: int, k: int, block: int
) -> list[list[tuple[int, float]]]:
    found: list[list[tuple[int, float]]] = []
    scores = (vectors[start : start + block] @ transposed).toarray()
    for offset, row in enumerate(scores):
        row[start + offset] = -1.0
        take = min(k, len(row) - 1)
        if take <= 0:
            found.append([])
            continue
        best = np.argpartition(-row, take - 1)[:take] if take < len(row) else np.arange(len(row))
        ranked = sorted(best.tolist(), key=lambda j: (-row[j], j))
        found.append([(j, round(float(row[j]), 4)) for j in ranked if row[j] > 0])
    return found


def related_papers(
    words: sparse.csr_matrix,
    paper_themes: Sequence[Sequence[str]],
    theme_sizes: dict[str, int],
    settings: RelatedSettings,
) -> list[list[tuple[int, float, tuple[str, ...]]]]:
    """For each paper: (other paper's position, score, shared theme keys rarest first).

    `words` are the papers' TF-IDF rows (`text_vectors`)."""
    if words.shape[0] < 2:
        return [[] for _ in range(words.shape[0])]
    themes, weight = theme_vectors(paper_themes, theme_sizes)
    a, b = math.sqrt(1 - settings.theme_weight), math.sqrt(settings.theme_weight)
    combined = sparse.hstack([words * a, themes * b]).tocsr()
    out = []
    for i, links in enumerate(top_k(combined, settings.count, settings.block)):
        mine = set(paper_themes[i])
        out.append(
            [
                (
                    j,
                    score,
                    tuple(
                        sorted(mine & set(paper_themes[j]), key=lambda t: (-weight[t], t))[
                            : settings.shared_shown
                        ]
                    ),
                )
                for j, score in links
            ]
        )
    return out


def as_links(
    found: list[tuple[int, float, tuple[str, ...]]], keys: Sequence[str]
) -> tuple[Link, ...]:
    return tuple(
        Link(paper=keys[j], score=score, shared_themes=shared) for j, score, shared in found
    )
