"""How alike a group of papers is, in a space of the library's topics.

A phrase that several abstracts share makes a theme only when those papers are also alike in
the rest of their text; these are the measures that decide it. Every figure is a mean cosine
similarity, so the library's own mean over all pairs (`chance`) is the yardstick.

The papers' TF-IDF rows are first reduced to a few hundred latent topics (LSA: a truncated
SVD), which keeps what distinguishes one subject from another and lets every group of every
round be measured in a few dense matrix products, whatever the library's size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

TOPICS = 128


def topic_space(
    vectors: sparse.csr_matrix, topics: int = TOPICS, sample: int = 8000, terms: int = 32768
) -> np.ndarray:
    """Unit rows in a space of at most `topics` latent topics (`fit_topics` without what it
    fixes)."""
    return fit_topics(vectors, topics, sample, terms).rows


@dataclass(frozen=True, eq=False)
class Topics:
    """Rows in a topic space, and its axes: the TF-IDF columns it reads and, for each topic,
    their weights. No axes: the space is the TF-IDF rows themselves."""

    rows: np.ndarray
    columns: np.ndarray | None = None
    axes: np.ndarray | None = None


def fit_topics(
    vectors: sparse.csr_matrix, topics: int = TOPICS, sample: int = 8000, terms: int = 32768
) -> Topics:
    """Unit rows in a space of at most `topics` latent topics; exact (no reduction) when the
    library is smaller than that. Papers without words stay zero."""
    n, width = vectors.shape
    if min(n, width) <= topics + 1:
        return Topics(np.asarray(normalize(vectors.toarray().astype(np.float64))))
    # Topics are learnt from the terms most papers use and from an even sample of a large
    # library: the SVD's cost grows with both, and a few thousand papers and tens of
    # thousands of terms show a field's topics (35,020 papers: 28 s → 4 s).
    used = np.bincount(vectors.indices, minlength=width)
    common = np.sort(np.argsort(-used, kind="stable")[:terms])
    columns = vectors[:, common]
    svd = TruncatedSVD(n_components=topics, algorithm="randomized", random_state=0)
    svd.fit(columns[:: max(1, n // sample)])
    reduced = np.asarray(svd.transform(columns), dtype=np.float64)
    return Topics(np.asarray(normalize(reduced)), common, np.asarray(svd.components_))


def topics_in(fitted: Topics, vectors: sparse.csr_matrix) -> np.ndarray:
    """Unit rows of more papers (TF-IDF rows in the fitted vocabulary) in a fitted space."""
    if fitted.columns is None or fitted.axes is None:
        return np.asarray(normalize(vectors.toarray().astype(np.float64)))
    reduced = np.asarray(vectors[:, fitted.columns] @ fitted.axes.T, dtype=np.float64)
    return np.asarray(normalize(reduced))


def chance(space: np.ndarray) -> float:
    """The mean similarity of two different papers of the library."""
    n: int = space.shape[0]
    if n < 2:
        return 0.0
    total = space.sum(axis=0)
    own = float(np.einsum("ij,ij->", space, space))
    return max((float(total @ total) - own) / (n * (n - 1)), 1e-9)


def meaning_floor(meaning: np.ndarray, deviations: float) -> float:
    """A group of papers alike in meaning by this yardstick: the library's mean similarity of
    two different papers plus `deviations` standard deviations of it. The meaning vectors are
    measured from the library's centre, so their mean is near zero and a multiple of it (as
    `chance` is used) would mean nothing; the spread is the library's own scale. Exact from
    the vectors' d-by-d Gram matrix, whatever the library's size."""
    n: int = meaning.shape[0]
    if n < 2:
        return 0.0
    rows = meaning.astype(np.float64)
    total = rows.sum(axis=0)
    norms = np.einsum("ij,ij->i", rows, rows)
    pairs = n * (n - 1)
    mean = (float(total @ total) - float(norms.sum())) / pairs
    gram = rows.T @ rows
    squares = (float(np.einsum("ij,ij->", gram, gram)) - float((norms**2).sum())) / pairs
    return mean + deviations * float(np.sqrt(max(squares - mean**2, 0.0)))


def cohesion(
    space: np.ndarray, groups: sparse.csr_matrix, sums: np.ndarray | None = None
) -> np.ndarray:
    """Each group's mean similarity of two different members (0 below two members).

    `groups` holds a 0/1 row per group over the papers; `sums`, when the caller has them
    already, is `groups @ space`."""
    sums = np.asarray(groups @ space) if sums is None else sums
    sizes = np.asarray(groups.sum(axis=1), dtype=np.float64).ravel()
    own = groups @ np.einsum("ij,ij->i", space, space)
    pairs = sizes * (sizes - 1)
    return np.where(
        pairs > 0, (np.einsum("ij,ij->i", sums, sums) - own) / np.maximum(pairs, 1), 0.0
    )


def affinity(
    space: np.ndarray,
    sums: np.ndarray,
    sizes: np.ndarray,
    group: np.ndarray,
    paper: np.ndarray,
    inside: np.ndarray,
    chunk: int = 16384,
) -> np.ndarray:
    """For each (group, paper) pair, the paper's mean similarity to the group's members other
    than itself; `inside` says whether the paper is a member."""
    out = np.empty(len(group))
    for start in range(0, len(group), chunk):
        part = slice(start, start + chunk)
        rows = space[paper[part]]
        dots = np.einsum("ij,ij->i", rows, sums[group[part]])
        own = np.where(inside[part], np.einsum("ij,ij->i", rows, rows), 0.0)
        others = sizes[group[part]] - inside[part]
        out[part] = np.where(others > 0, (dots - own) / np.maximum(others, 1), 0.0)
    return out
