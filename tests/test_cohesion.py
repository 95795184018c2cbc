"""Group measures from summed sparse rows equal the pairwise means they stand for."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.preprocessing import normalize

from generator.cohesion import affinity, chance, cohesion


def unit_rows(seed: int, n: int) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, 12)) * (rng.random((n, 12)) > 0.6)
    return sparse.csr_matrix(normalize(dense))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 20), st.data())
def test_measures_equal_brute_force(seed: int, n: int, data: st.DataObject) -> None:
    vectors = unit_rows(seed, n)
    gram = (vectors @ vectors.T).toarray()
    members = sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=2)))
    others = sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=1)))
    pairs = list(combinations(members, 2))
    assert np.isclose(cohesion(vectors, members), np.mean([gram[a, b] for a, b in pairs]))
    every = list(combinations(range(n), 2))
    assert np.isclose(chance(vectors), max(np.mean([gram[a, b] for a, b in every]), 1e-9))
    for paper, score in zip(others, affinity(vectors, members, others), strict=True):
        rest = [m for m in members if m != paper]
        assert np.isclose(score, np.mean([gram[paper, m] for m in rest]) if rest else 0.0)
