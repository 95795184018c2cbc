"""How alike a group of papers is, from their TF-IDF rows (unit length, sparse).

A phrase that several abstracts share makes a theme only when those papers are also alike in
the rest of their text; these are the measures that decide it. Every figure is a mean cosine
similarity, so the library's own mean over all pairs (`chance`) is the yardstick.

Each group is summed once as a sparse row, so a group of n papers costs what its n rows hold,
never n² pairs, and no row as long as the vocabulary is ever made.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def squared_norms(vectors: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel()


def chance(vectors: sparse.csr_matrix) -> float:
    """The mean similarity of two different papers of the library."""
    n: int = vectors.shape[0]
    if n < 2:
        return 0.0
    total = np.asarray(vectors.sum(axis=0), dtype=np.float64).ravel()
    own = float(squared_norms(vectors).sum())
    pairs = float(total @ total) - own
    return max(pairs / (n * (n - 1)), 1e-9)


def cohesion(vectors: sparse.csr_matrix, members: Sequence[int]) -> float:
    """The mean similarity of two different papers of the group."""
    n = len(members)
    if n < 2:
        return 0.0
    rows = vectors[list(members)]
    summed = sparse.csr_matrix(np.ones((1, n), dtype=np.float64)) @ rows
    total = float(summed.multiply(summed).sum())
    return (total - float(squared_norms(rows).sum())) / (n * (n - 1))


def affinity(
    vectors: sparse.csr_matrix, core: Sequence[int], candidates: Sequence[int]
) -> np.ndarray:
    """Each candidate's mean similarity to the papers of `core` other than itself."""
    if not candidates:
        return np.zeros(0)
    summed = sparse.csr_matrix(np.ones((1, len(core)), dtype=np.float64)) @ vectors[list(core)]
    rows = vectors[list(candidates)]
    to_core = np.asarray((rows @ summed.T).todense(), dtype=np.float64).ravel()
    inside = np.isin(np.asarray(candidates), np.asarray(core))
    own = np.where(inside, squared_norms(rows), 0.0)
    others = len(core) - inside.astype(np.int64)
    return np.where(others > 0, (to_core - own) / np.maximum(others, 1), 0.0)
