"""Group measures from summed rows equal the pairwise means they stand for."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.preprocessing import normalize

from generator.index.cohesion import affinity, chance, cohesion, topic_space


def unit_rows(seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, 12)) * (rng.random((n, 12)) > 0.6)
    return np.asarray(normalize(dense))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 20), st.data())
def test_measures_equal_brute_force(seed: int, n: int, data: st.DataObject) -> None:
    space = unit_rows(seed, n)
    gram = space @ space.T
    members = sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=2)))
    others = sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=1)))
    group = sparse.csr_matrix((np.ones(len(members)), (np.zeros(len(members)), members)), (1, n))
    pairs = list(combinations(members, 2))
    assert np.isclose(cohesion(space, group)[0], np.mean([gram[a, b] for a, b in pairs]))
    every = list(combinations(range(n), 2))
    assert np.isclose(chance(space), max(np.mean([gram[a, b] for a, b in every]), 1e-9))
    sums = np.asarray(group @ space)
    inside = np.isin(others, members)
    scores = affinity(
        space, sums, np.array([len(members)]), np.zeros(len(others), int), np.array(others), inside
    )
    for paper, score in zip(others, scores, strict=True):
        rest = [m for m in members if m != paper]
        assert np.isclose(score, np.mean([gram[paper, m] for m in rest]) if rest else 0.0)


def test_a_small_library_keeps_its_exact_similarities() -> None:
    vectors = sparse.csr_matrix(unit_rows(3, 30))
    space = topic_space(vectors, topics=64)
    assert np.allclose(space @ space.T, (vectors @ vectors.T).toarray())


def test_the_reduced_space_keeps_topics_apart() -> None:
    rng = np.random.default_rng(0)
    topics = rng.random((4, 400)) * (rng.random((4, 400)) > 0.9)
    rows = np.vstack([topics[i % 4] + 0.05 * rng.random(400) for i in range(200)])
    space = topic_space(sparse.csr_matrix(normalize(rows)), topics=8)
    gram = space @ space.T
    same = np.mean([gram[i, j] for i, j in combinations(range(40), 2) if i % 4 == j % 4])
    other = np.mean([gram[i, j] for i, j in combinations(range(40), 2) if i % 4 != j % 4])
    assert same > 2 * other
