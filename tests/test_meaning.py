"""Meaning vectors: the fast path (each distinct word tokenized once) against WordLlama's own
embedding of whole texts, and what the library's centre does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.index.meaning import TOKENIZER, mean_token_vectors, meaning_vectors, token_model

ABSTRACTS = [
    "We propose a diffusion model for text-to-image generation that follows long prompts.",
    "Optical flow estimation between video frames with a recurrent transformer.",
    "A benchmark of multilingual speech recognition for low-resource languages.",
    "Reinforcement learning from human feedback aligns large language models.",
    "Graph neural networks predict molecular properties from 3D structure.",
]


def test_the_word_by_word_path_points_where_wordllama_does() -> None:
    from importlib import resources

    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    # A tokenizer of its own: WordLlama turns padding on in the one it is given.
    config = resources.files("wordllama").joinpath(TOKENIZER).read_text(encoding="utf-8")
    model = WordLlamaInference(token_model()[1], Tokenizer.from_str(config), binary=False)
    reference = model.embed(ABSTRACTS, norm=True)
    mine = mean_token_vectors(ABSTRACTS)
    mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    assert np.all(np.einsum("ij,ij->i", mine, reference) > 0.9)
    # Each text is closest to its own reference, not to another's.
    assert np.argmax(mine @ reference.T, axis=1).tolist() == list(range(len(ABSTRACTS)))


def test_a_text_without_words_stays_zero_and_others_are_unit() -> None:
    vectors = meaning_vectors([*ABSTRACTS, "", "   "])
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[: len(ABSTRACTS)], 1.0, atol=1e-5)
    assert norms[len(ABSTRACTS) :].tolist() == [0.0, 0.0]


def test_what_every_paper_shares_is_taken_out() -> None:
    raw = mean_token_vectors(ABSTRACTS)
    raw /= np.linalg.norm(raw, axis=1, keepdims=True)
    centred = meaning_vectors(ABSTRACTS)
    off_diagonal = ~np.eye(len(ABSTRACTS), dtype=bool)
    # Raw vectors of any two texts point alike; once the centre is out they point apart.
    assert (raw @ raw.T)[off_diagonal].min() > 0
    assert (centred @ centred.T)[off_diagonal].mean() < 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=6))
def test_any_texts_give_finite_rows_in_order(texts: list[str]) -> None:
    vectors = meaning_vectors(texts)
    assert vectors.shape == (len(texts), token_model()[1].shape[1])
    assert np.isfinite(vectors).all()
    assert np.array_equal(meaning_vectors(texts), vectors)
