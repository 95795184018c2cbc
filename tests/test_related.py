"""Related stage: top-k by blocked sparse products equals brute force, and is explained."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from generator.index.meaning import meaning_vectors
from generator.index.related import RelatedSettings, related_papers, text_vectors, top_k


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=2, max_value=30),
    st.integers(min_value=1, max_value=7),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=0, max_value=10_000),
)
def test_top_k_equals_brute_force(n: int, k: int, threads: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    dense = (rng.random((n, 6)) * (rng.random((n, 6)) > 0.5)).astype(np.float32)
    found = top_k(sparse.csr_matrix(dense), k, workers=threads % 3 + 1)
    scores = dense @ dense.T
    for i in range(n):
        expected = sorted((j for j in range(n) if j != i), key=lambda j: (-scores[i, j], j))
        expected = [j for j in expected if scores[i, j] > 0][:k]
        assert [j for j, _ in found[i]] == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_threads_give_the_same_links(seed: int) -> None:
    rng = np.random.default_rng(seed)
    dense = (rng.random((300, 40)) * (rng.random((300, 40)) > 0.8)).astype(np.float32)
    vectors = sparse.csr_matrix(dense)
    assert top_k(vectors, 5, workers=2) == top_k(vectors, 5, workers=1)


def test_equal_scores_rank_by_row_number() -> None:
    vectors = sparse.csr_matrix(np.ones((60, 3), dtype=np.float32))
    assert [[j for j, _ in row] for row in top_k(vectors, 5, workers=2)][:2] == [
        [1, 2, 3, 4, 5],
        [0, 2, 3, 4, 5],
    ]


def test_similar_papers_link_and_say_why() -> None:
    texts = [
        "diffusion models for image generation with noise schedules",
        "faster diffusion models sampling for image generation",
        "reinforcement learning agents for robot control",
        "robot control with model based reinforcement learning",
    ]
    themes = [("diffusion model",), ("diffusion model",), ("reinforcement learning",), ()]
    sizes = {"diffusion model": 2, "reinforcement learning": 1}
    found = related_papers(
        text_vectors(texts), meaning_vectors(texts), themes, sizes, RelatedSettings(count=1)
    )
    assert [links[0][0] for links in found] == [1, 0, 3, 2]
    assert found[0][0][2] == ("diffusion model",)
    assert found[2][0][2] == ()


def linked(texts: list[str], settings: RelatedSettings | None = None) -> list[list[int]]:
    themes: list[tuple[str, ...]] = [() for _ in texts]
    found = related_papers(
        text_vectors(texts), meaning_vectors(texts), themes, {}, settings or RelatedSettings()
    )
    return [[j for j, _, _ in links] for links in found]


def test_one_paper_has_no_related() -> None:
    assert linked(["only one"]) == [[]]


def test_tiny_and_wordless_libraries_still_link() -> None:
    assert [links[0] for links in linked(["graph networks", "graph networks again"])] == [1, 0]
    assert linked(["the", "a", "of"]) == [[], [], []]


def test_meaning_ranks_a_paper_in_other_words_above_one_sharing_a_word_in_another_sense() -> None:
    texts = [
        "Optical flow estimation between video frames",
        "Dense motion estimation of pixels across consecutive video images",
        "Flow cytometry estimation of blood cell counts",
        "Large language models for code generation",
        "Protein structure prediction with deep networks",
        "Speech recognition for low-resource languages",
        "Reinforcement learning for robot grasping",
        "Graph neural networks for molecules",
    ]
    words_only = RelatedSettings(count=1, meaning_weight=0.0)
    assert linked(texts, words_only)[0] == [2]
    assert linked(texts, RelatedSettings(count=1))[0] == [1]
