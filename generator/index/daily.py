"""A day's papers added to a library's kept themes and related papers, without a new fit.

Fitting the themes again costs a minute at 35,000 papers and moves papers the day did not
touch. Between re-fits the kept themes stand as they are and only the new papers are placed:
a new paper joins a kept theme whose phrase it writes and whose papers it is alike to, as the
fit's rounds would have it (`ThemeSettings.affinity`, down to `fill` for a paper with fewer
than `wanted` themes), and, as `themes.join_by_meaning` does, themes it does not name but is
alike to; the new papers' own phrases make new themes where enough of them share one. An
older paper's related list takes a new paper only where it ranks above the list's last entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from generator.index.acronyms import Definition, acronym_definitions, canonical
from generator.index.build import Keyworded, Linked, Settings
from generator.index.cohesion import chance, topic_space
from generator.index.keywords import shown_keywords, word_keys
from generator.index.phrases import can_show, concept_key
from generator.index.related import (
    RelatedSettings,
    combined_vectors,
    reranked,
    shown_shared,
    similarity_texts,
    top_k_rows,
)
from generator.index.similarity import Spaces, fit_spaces, with_papers
from generator.index.themes import (
    ThemeSettings,
    build_themes,
    generic_keys,
    occurrences,
    phrase_texts,
)
from generator.model import Keyword, Theme

Found = list[tuple[int, float, tuple[str, ...]]]


def phrase_sequences(theme: Theme) -> list[tuple[str, ...]]:
    """The word sequences a paper writes when it names the theme: its key, and the acronym
    its label gives in parentheses ("low-rank adaptation (LoRA)")."""
    found = {tuple(word_keys(theme.key))}
    if theme.label.endswith(")") and "(" in theme.label:
        found.add(tuple(word_keys(theme.label[theme.label.rindex("(") + 1 : -1])))
    return sorted(s for s in found if s)


def placed(
    scores: np.ndarray,
    writes: set[int],
    sizes: np.ndarray,
    most: int,
    base: float,
    settings: ThemeSettings,
) -> list[int]:
    """The kept themes one new paper joins, most alike first (see the module's docstring)."""
    order = sorted(range(len(scores)), key=lambda t: (-scores[t], t))
    named = [t for t in order if t in writes and sizes[t] < most]
    chosen = [t for t in named if scores[t] >= settings.affinity * base][: settings.per_paper]
    for t in named:
        if len(chosen) >= settings.wanted or scores[t] < settings.fill * base:
            break
        if t not in chosen:
            chosen.append(t)
    for t in order:
        if len(chosen) >= settings.join_upto:
            break
        least = settings.join if len(chosen) >= settings.wanted else settings.join_fill
        if scores[t] < least * base:
            break
        if t not in chosen and sizes[t] < most:
            chosen.append(t)
    return sorted(chosen, key=lambda t: (-scores[t], t))


def add_papers(
    last: Linked,
    library: Keyworded,
    settings: Settings,
    edited: frozenset[str] | set[str] = frozenset(),
    spaces: Spaces | None = None,
) -> Linked:
    """The last build's themes, each paper's themes, shown keywords and related papers
    carried to `library`, its new papers placed in them, with the spaces they were measured
    in; an `edited` paper is placed afresh as a new one is. The last fit's `spaces` are kept
    where they hold every older paper, else fitted again on all."""
    keys, ordered, candidates = library.keys, library.papers, library.candidates
    last_keys = last.keys
    themes_settings, related_settings = settings.themes, settings.related
    position = {key: i for i, key in enumerate(keys)}
    before = set(last_keys) - set(edited)
    new = [i for i, key in enumerate(keys) if key not in before]
    weighted = similarity_texts(ordered)
    carried = with_papers(spaces, keys, weighted, new) if spaces is not None else None
    spaces = carried or fit_spaces(keys, weighted)
    words, space = spaces.words.rows, spaces.topics.rows
    base = chance(space)
    texts = phrase_texts(ordered, settings.keywords.max_chars)
    # Only the new papers' keywords are read: an older paper keeps the keywords it showed.
    definitions = acronym_definitions([texts[i] for i in new])
    folded = dict(zip(new, canonical([candidates[i] for i in new], definitions), strict=True))
    generic = generic_keys(candidates, themes_settings)
    shown_of = dict(zip(last_keys, last.shown, strict=True))
    shown = [
        shown_of[key]
        if key in before
        else shown_keywords(
            tuple(k for k in folded[i] if can_show(k.text, k.key)),
            generic,
            settings.keywords.shown,
        )
        for i, key in enumerate(keys)
    ]

    kept = [t for t in last.themes if any(k in before and k in position for k in t.papers)]
    members = [sorted(position[k] for k in t.papers if k in before and k in position) for t in kept]
    most = themes_settings.sizes(len(keys))[1]
    themes_of: dict[int, list[str]] = {i: [] for i in new}
    for t, joined in enumerate(
        place_new(kept, members, new, texts, space, base, most, themes_settings)
    ):
        members[t] += joined
        for i in joined:
            themes_of[i].append(kept[t].key)
    themes = [
        Theme(t.key, t.label, t.slug, tuple(sorted(keys[i] for i in m)))
        for t, m in zip(kept, members, strict=True)
    ]
    fewest = themes_settings.sizes(len(keys))[0]
    made = new_themes(
        kept, new, keys, texts, folded, definitions, words, spaces.meaning, themes_settings
    )
    for theme in made:
        if len(theme.papers) < fewest:
            continue
        themes.append(theme)
        for key in theme.papers:
            if len(themes_of[position[key]]) < themes_settings.per_paper:
                themes_of[position[key]].append(theme.key)
    themes.sort(key=lambda t: t.key)
    in_theme = {t.key: set(t.papers) for t in themes}
    last_of = dict(zip(last_keys, last.paper_themes, strict=True))
    paper_themes = [
        tuple(
            t
            for t in (last_of[key] if key in before else tuple(themes_of[i]))
            if t in in_theme and key in in_theme[t]
        )
        for i, key in enumerate(keys)
    ]
    related = related_with_new(
        last_keys,
        last.related,
        keys,
        new,
        words,
        spaces.meaning,
        paper_themes,
        themes,
        related_settings,
    )
    slugs = {t.slug for t in themes}
    retired = tuple(r for r in last.retired if r[0] not in slugs)
    added = sorted({k for k in last.added if k in position} | {keys[i] for i in new})
    return Linked(
        tuple(themes), paper_themes, shown, related, retired, tuple(keys), tuple(added), spaces
    )


def place_new(
    kept: Sequence[Theme],
    members: Sequence[Sequence[int]],
    new: Sequence[int],
    texts: Sequence[str],
    space: np.ndarray,
    base: float,
    most: int,
    settings: ThemeSettings,
) -> list[list[int]]:
    """For each kept theme, the new papers (positions) that join it."""
    joined: list[list[int]] = [[] for _ in kept]
    if not new or not kept:
        return joined
    writers = occurrences([texts[i] for i in new], [phrase_sequences(t) for t in kept])
    writes: dict[int, set[int]] = {row: set() for row in range(len(new))}
    for t, users in enumerate(writers):
        for row in users:
            writes[row].add(t)
    sizes = np.asarray([len(m) for m in members], dtype=np.float64)
    theme_of = np.repeat(np.arange(len(kept)), [len(m) for m in members])
    paper_of = np.asarray([i for m in members for i in m], dtype=np.int64)
    grouping = sparse.csr_matrix(
        (np.ones(len(paper_of)), (theme_of, paper_of)), shape=(len(kept), space.shape[0])
    )
    centres = np.asarray(grouping @ space) / np.maximum(sizes, 1)[:, None]
    scores = space[list(new)] @ centres.T
    for row, i in enumerate(new):
        for t in placed(scores[row], writes[row], sizes, most, base, settings):
            joined[t].append(i)
            sizes[t] += 1
    return joined


def new_themes(
    kept: Sequence[Theme],
    new: Sequence[int],
    keys: Sequence[str],
    texts: Sequence[str],
    folded: Mapping[int, tuple[Keyword, ...]],
    definitions: Mapping[str, Definition],
    words: sparse.csr_matrix,
    meaning: np.ndarray,
    settings: ThemeSettings,
) -> list[Theme]:
    """Themes the new papers make among themselves that no kept theme already names, judged
    by words and meaning as the fit's are."""
    if len(new) < 2:
        return []
    made, _ = build_themes(
        [keys[i] for i in new],
        [texts[i] for i in new],
        [folded[i] for i in new],
        definitions,
        lambda: topic_space(words[list(new)]),
        settings,
        lambda: meaning[list(new)],
    )
    named = {concept_key(t.key) for t in kept} | {t.slug for t in kept}
    return [t for t in made if concept_key(t.key) not in named and t.slug not in named]


def related_with_new(
    last_keys: Sequence[str],
    last_related: Sequence[Found],
    keys: Sequence[str],
    new: Sequence[int],
    words: sparse.csr_matrix,
    meaning: np.ndarray,
    paper_themes: Sequence[tuple[str, ...]],
    themes: Sequence[Theme],
    settings: RelatedSettings,
) -> list[Found]:
    """New papers' lists made afresh; an older paper's last list with a new paper in it
    where it scores above the list's last entry."""
    sizes = {t.key: len(t.papers) for t in themes}
    vectors = combined_vectors(words, paper_themes, sizes, settings)
    candidates = top_k_rows(vectors, new, settings.count + settings.reranked)
    fresh = dict(zip(new, reranked(new, candidates, meaning, settings), strict=True))
    words_to_new = (vectors @ vectors[list(new)].T).toarray()
    # As in the fit, a paper that shares no word with another is not among its candidates.
    to_new = np.where(
        words_to_new > 0,
        words_to_new + settings.meaning_weight * (meaning @ meaning[list(new)].T),
        -np.inf,
    )
    position = {key: i for i, key in enumerate(keys)}
    last_of = dict(zip(last_keys, last_related, strict=True))
    out: list[Found] = []
    for i, key in enumerate(keys):
        said: dict[int, tuple[str, ...]] = {}
        if i in fresh:
            links = fresh[i]
        else:
            said = {
                position[last_keys[j]]: shared
                for j, _, shared in last_of[key]
                if last_keys[j] in position
            }
            links = [
                (position[last_keys[j]], score)
                for j, score, _ in last_of[key]
                if last_keys[j] in position
            ]
            floor = links[-1][1] if len(links) >= settings.count else 0.0
            near = np.flatnonzero(to_new[i] > floor - 1e-4).tolist()  # then rounded as kept
            entering = sorted(
                (
                    (new[col], round(float(to_new[i, col]), 4))
                    for col in near
                    if round(float(to_new[i, col]), 4) > floor
                ),
                key=lambda link: (-link[1], link[0]),
            )
            links = merged(links, entering)
        mine = set(paper_themes[i])
        out.append(
            [
                (j, score, shown_shared(mine & set(paper_themes[j]), sizes, settings, said.get(j)))
                for j, score in links[: settings.count]
            ]
        )
    return out


def merged(
    kept: list[tuple[int, float]], entering: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """A kept list with new links in it, each before the first kept link it outscores: the
    kept links keep their order (their ties were broken by finer scores than are kept)."""
    out = list(kept)
    for link in entering:
        at = next((n for n, old in enumerate(out) if old[1] < link[1]), len(out))
        out.insert(at, link)
    return out
