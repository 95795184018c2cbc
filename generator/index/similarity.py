"""What a fit fixes until the next: the words' terms and IDF, the topic space's axes and the
meaning vectors' centre, with every paper's rows in each.

A day's papers are put into these spaces rather than into spaces fitted afresh: an older
paper's rows, and so its similarities to others, stay as they were between re-fits, and a day
reads only the new papers' texts (fitting all three afresh took some 25 s at 35,020 papers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from generator.index.cohesion import Topics, fit_topics, topics_in
from generator.index.meaning import centre, centred, mean_token_vectors
from generator.index.related import Words, fit_words, words_in


@dataclass(frozen=True, eq=False)
class Spaces:
    """Each paper's rows (in `keys` order) in the fitted words, topics and meaning spaces."""

    keys: tuple[str, ...]
    words: Words
    topics: Topics
    centre: np.ndarray
    meaning: np.ndarray


def fit_spaces(keys: Sequence[str], texts: Sequence[str]) -> Spaces:
    """All three spaces fitted on these papers' similarity texts (`related.similarity_texts`)."""
    return spaces_of(keys, fit_words(texts), mean_token_vectors(texts))


def spaces_of(keys: Sequence[str], words: Words, raw_meaning: np.ndarray) -> Spaces:
    """The spaces from the fitted words and the raw meaning vectors (`mean_token_vectors`),
    which a fit may have made in processes of their own."""
    middle = centre(raw_meaning)
    return Spaces(tuple(keys), words, fit_topics(words.rows), middle, centred(raw_meaning, middle))


def with_papers(
    spaces: Spaces, keys: Sequence[str], texts: Sequence[str], new: Sequence[int]
) -> Spaces | None:
    """The spaces' rows for `keys`: a paper's kept rows, or, for the papers at the `new`
    positions (new or edited), rows made in the fitted spaces from their `texts`; None when
    an older paper has no kept rows (spaces kept from another library state)."""
    at = {key: i for i, key in enumerate(spaces.keys)}
    made = {i: len(spaces.keys) + r for r, i in enumerate(new)}
    if any(i not in made and key not in at for i, key in enumerate(keys)):
        return None
    order = [made[i] if i in made else at[key] for i, key in enumerate(keys)]
    word_rows, topic_rows, meaning_rows = spaces.words.rows, spaces.topics.rows, spaces.meaning
    if new:  # a library that only lost papers makes no rows (and the vectorisers take none)
        words = words_in(spaces.words, [texts[i] for i in new])
        meaning = centred(mean_token_vectors([texts[i] for i in new]), spaces.centre)
        word_rows = sparse.vstack([word_rows, words])
        topic_rows = np.vstack([topic_rows, topics_in(spaces.topics, words)])
        meaning_rows = np.vstack([meaning_rows, meaning])
    return Spaces(
        tuple(keys),
        Words(word_rows.tocsr()[order], spaces.words.terms, spaces.words.idf),
        Topics(topic_rows[order], spaces.topics.columns, spaces.topics.axes),
        spaces.centre,
        meaning_rows[order],
    )
