"""Each paper as a point in a space of word meanings, so that two abstracts about one subject
in different words come out close (*rectified flow* and *flow matching*; *LLM* and *language
model*), which TF-IDF over the words alone cannot see.

The vectors are the mean of WordLlama's token embeddings (Llama 2's 32,000 tokens in 256
dimensions, trained for sentence similarity; the weights ship inside the `wordllama` wheel, so
nothing is downloaded). A text is split on white space and each distinct word tokenized once:
35,020 abstracts in seconds where tokenizing every text whole took minutes, since the model's
tokenizer has no word splitting of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

import numpy as np
from safetensors.numpy import load_file
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize
from tokenizers import Tokenizer

# Files of the `wordllama` package (pinned to its minor version in pyproject.toml).
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


@functools.cache
def token_model() -> tuple[Tokenizer, np.ndarray]:
    """The tokenizer and its token vectors (32,000 by 256, float32)."""
    package = resources.files("wordllama")
    tokenizer = Tokenizer.from_str(package.joinpath(TOKENIZER).read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    with resources.as_file(package.joinpath(WEIGHTS)) as path:
        (table,) = load_file(str(path)).values()
    return tokenizer, np.asarray(table, dtype=np.float32)


def mean_token_vectors(texts: Sequence[str]) -> np.ndarray:
    """Each text's mean token vector (zero for a text without words)."""
    dim = token_model()[1].shape[1]
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    counter = CountVectorizer(tokenizer=str.split, lowercase=False, token_pattern=None)
    try:
        counts = counter.fit_transform(texts).astype(np.float32)
    except ValueError:  # no text has a word
        return np.zeros((len(texts), dim), dtype=np.float32)
    words = counter.get_feature_names_out().tolist()
    tokens = word_tokens(tuple(words))
    per_word = tokens @ token_model()[1]
    lengths = np.asarray(counts @ np.asarray(tokens.sum(axis=1)).ravel()).ravel()
    sums = np.asarray(counts @ per_word)
    return np.asarray(sums / np.maximum(lengths, 1.0)[:, None], dtype=np.float32)


def word_tokens(words: tuple[str, ...]) -> sparse.csr_matrix:
    """A row per word: how many times each token makes it up."""
    tokenizer = token_model()[0]
    rows: list[int] = []
    columns: list[int] = []
    for row, encoding in enumerate(tokenizer.encode_batch(list(words), add_special_tokens=False)):
        rows.extend([row] * len(encoding.ids))
        columns.extend(encoding.ids)
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)),
        shape=(len(words), token_model()[1].shape[0]),
    )


def meaning_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit rows measured from the library's own centre: what all the papers share (that
    they are papers, in English, about computing) says nothing about which are alike, and
    the raw vectors of any two abstracts are about as close as those of two on one subject."""
    raw = mean_token_vectors(texts)
    return centred(raw, centre(raw))


def centre(raw: np.ndarray) -> np.ndarray:
    """The mean of the rows that have words."""
    worded = raw[np.abs(raw).sum(axis=1) > 0]
    if not len(worded):
        return np.zeros(raw.shape[1], dtype=np.float32)
    return np.asarray(worded.astype(np.float64).mean(axis=0), dtype=np.float32)


def centred(raw: np.ndarray, middle: np.ndarray) -> np.ndarray:
    """Unit rows from `middle`; a row without words stays zero."""
    worded = np.abs(raw).sum(axis=1) > 0
    vectors = raw.astype(np.float64)
    # In place: copies of 35,000 rows of 256 float64 are 70 MB each.
    np.subtract(vectors, middle.astype(np.float64), out=vectors, where=worded[:, None])
    return np.asarray(normalize(vectors, copy=False), dtype=np.float32)
