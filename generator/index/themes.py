"""Themes: phrases several papers share whose papers are also alike in the rest of their text.

1. Every keyphrase YAKE found in any paper that can name a topic (`phrases.can_name_theme`)
   is a candidate; its spellings are one candidate (`phrases.variant_key`), acronyms are
   folded into what they stand for.
2. A candidate's papers are all those whose title or abstract uses it, in any of its forms,
   not only those whose keyword list kept it.
3. A short phrase that mostly occurs inside one longer phrase is that phrase ("gaussian
   splatting" in "3D Gaussian splatting").
4. A candidate stays only when its papers are more alike than chance by a margin
   (`cohesion`), in their words and in their meaning (`meaning.py`): a generic word's papers
   are no more alike than any two of the library. A phrase one paper short of a theme
   stays when its papers are far more alike than that, so that papers on its topic in
   other words can join it.
5. Each paper then keeps the few themes whose other papers are most like it, and themes left
   with too few papers, or so many that they are a category rather than a theme, go; this
   repeats until nothing changes.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from generator.index.acronyms import Definition, by_expansion
from generator.index.cohesion import affinity, chance, cohesion, meaning_floor
from generator.index.identity import slug_for
from generator.index.keywords import FUNCTION_WORDS, GENERIC, WORD, fold_word, phrase_key, word_keys
from generator.index.phrases import (
    MODIFIERS,
    RESEARCH_PROSE,
    bare,
    can_name_theme,
    concept_key,
    folded_words,
    is_noun_phrase,
    names_alone,
    nominal,
    qualifies_only,
    reader_form,
    theme_label,
    unquoted,
    variant_key,
)
from generator.model import Keyword, Paper, Theme
from generator.processes import hand_back_freed_memory
from generator.scale import pages_threshold


@dataclass(frozen=True)
class ThemeSettings:
    # A theme needs this many papers; a library smaller than `small_library` needs two.
    min_papers: int = 3
    small_library: int = 60
    # More papers than this share of the library (and than `most_floor`) is a category.
    most_share: float = 0.03
    most_floor: int = 30
    # A theme's papers must be this many times more alike than two papers of the library…
    cohesion: float = 1.6
    # …alike in meaning too (`meaning.py`): their mean meaning similarity this many standard
    # deviations of two papers' above the library's mean (TF-IDF sees shared words only)…
    meaning_cohesion: float = 0.5
    # …and each of its papers this many times more like the others than chance.
    affinity: float = 1.9
    per_paper: int = 5
    # A paper with fewer themes than `wanted` that alike takes themes down to `fill`.
    wanted: int = 2
    fill: float = 1.0
    # A phrase whose papers are mostly (this share) in a longer phrase's is that phrase.
    fragment_share: float = 0.5
    # A phrase one paper short of a theme's fewest papers seeds a theme when its papers are
    # this many times as alike as chance: papers on its topic in other words may then join
    # it by meaning.
    seed_cohesion: float = 7.0
    # Papers join themes whose phrase they do not use (`join_by_meaning`): up to `join_upto`
    # themes (0: never) at `join` times chance, up to `wanted` at `join_fill`.
    join_upto: int = 5
    join: float = 3.0
    join_fill: float = 2.0
    # An everyday word's commonest phrase starts from all the word's papers when this share
    # of them use it (the rounds keep those alike); otherwise from the papers that use it.
    qualified_share: float = 0.15
    rounds: int = 8
    # A key in more than this share of papers (and more than `floor` papers) is not shown
    # as a keyword: it says nothing about any one of them.
    max_share: float = 0.15
    floor: int = 30

    def sizes(self, papers: int) -> tuple[int, int]:
        """The fewest and most papers a theme may have in a library of this size."""
        least = self.min_papers if papers >= self.small_library else 2
        least = pages_threshold(papers, least)
        return least, max(self.most_floor, math.ceil(self.most_share * papers))


@dataclass(frozen=True)
class Candidate:
    """One phrase in all its spellings: `keys` as the keyword stage folds them, `forms` the
    surface forms papers used with how many papers used each; `acronyms` and `spelled` as the
    library defines them ("3DGS", "3D Gaussian Splatting")."""

    key: str
    keys: frozenset[str]
    forms: Counter[str]
    acronyms: tuple[str, ...] = ()
    spelled: str = ""

    def label(self) -> str:
        spelled_out = Counter({t: n for t, n in self.forms.items() if phrase_key(t) in self.keys})
        if spelled_out:
            return theme_label(spelled_out, self.acronyms)
        if self.spelled:
            return theme_label(Counter({self.spelled: 1}), self.acronyms)
        return theme_label(self.forms, self.acronyms)


def phrase_texts(papers: Sequence[Paper], limit: int) -> list[str]:
    """Where the themes' phrases are looked for: as much of each paper as keyword
    extraction reads (`KeywordSettings.max_chars`)."""
    return [(p.title + ". " + p.abstract)[:limit] for p in papers]


def generic_keys(
    candidates: Sequence[tuple[Keyword, ...]], settings: ThemeSettings
) -> frozenset[str]:
    df = Counter(k.key for keywords in candidates for k in keywords if not k.reserve)
    limit = max(settings.max_share * len(candidates), settings.floor)
    return frozenset(key for key, n in df.items() if n > limit)


def gather(
    candidates: Sequence[tuple[Keyword, ...]],
    definitions: Mapping[str, Definition],
    least: int = 1,
) -> list[Candidate]:
    """The library's keyphrases that can name a theme, spellings merged, sorted by key; a
    phrase fewer than `least` papers list (in all its spellings) is left out."""
    listed = Counter((keyword.key, keyword.text) for keywords in candidates for keyword in keywords)
    # Once per distinct key: a large library lists more keys than variant_key's cache holds.
    variant = {key: variant_key(key) for key in {key for key, _ in listed}}
    by_key: Counter[str] = Counter()
    for (key, _), count in listed.items():
        by_key[variant[key]] += count
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, text), count in listed.items():
        if by_key[variant[key]] >= least and can_name_theme(key):
            forms[key][text] += count
    defined = by_expansion(definitions)
    found = []
    for keys in same_phrase(sorted(forms), variant):
        merged: Counter[str] = Counter()
        for key in keys:
            merged.update(forms[key])
        main = sorted(keys, key=lambda k: (-sum(forms[k].values()), k))[0]
        definitions_of = sorted(d for k in keys for d in defined.get(k, []))
        acronyms = tuple(sorted({d.acronym for d in definitions_of}))
        spelled = definitions_of[0].spelled if definitions_of else ""
        candidate = Candidate(main, frozenset(keys), merged, acronyms, spelled)
        # An everyday word is kept for `qualify_everyday`; a verb phrase in its most used
        # form names nothing (its label would be that form or a rarer one).
        usual = min(merged, key=lambda t: (-merged[t], t))
        if is_noun_phrase(unquoted(usual)) or not names_alone(usual):
            found.append(candidate)
    return sorted(found, key=lambda c: c.key)


# Words that join a phrase to the rest of its sentence, or point, not name ("video that",
# "other agents"): never half of an everyday word's phrase.
PREPOSITIONS = FUNCTION_WORDS | frozenset(
    """
    about across after among before between beyond during over through under within without
    against that which this these those other such its their our each both any all
    """.split()
)


Compounds = dict[str, tuple[set[int], Counter[str]]]


def compounds(words: set[str], texts: Sequence[str]) -> dict[str, Compounds]:
    """For each of `words`, the noun phrases of two words that hold it, each with the texts
    that use it and how they write it; one pass over the texts for all the words."""
    found: dict[str, Compounds] = {word: {} for word in words}
    for position, text in enumerate(texts):
        for written, folded, joined in sentence_words(text):
            for at, (first, second) in enumerate(itertools.pairwise(folded)):
                if first not in found and second not in found:
                    continue
                key = first + " " + second
                for word, other in ((first, second), (second, first)):
                    if word in found and can_join(word, other, key):
                        users, forms = found[word].setdefault(key, (set(), Counter()))
                        users.add(position)
                        forms[written[at] + ("-" if joined[at] else " ") + written[at + 1]] += 1
    return found


def sentence_words(
    text: str, holding: str = ""
) -> Iterator[tuple[list[str], list[str], list[bool]]]:
    """Each sentence or clause of a text (only those that hold `holding`, in any case) as
    its words as written, folded, and whether a hyphen joins each to the next
    ("multi-agent")."""
    for sentence in SENTENCE_END.split(text):
        if holding and holding not in sentence.lower():
            continue
        written: list[str] = []
        joined: list[bool] = []
        for token in WORD.findall(sentence):
            parts = [part for part in token.split("-") if part]
            written += parts
            joined += [True] * (len(parts) - 1) + [False]
        yield written, [fold_word(w) for w in written], joined


# A two-word phrase this share of whose writers always write it after the same word is the
# end of that longer phrase: "acyclic graph" of "directed acyclic graph", "thought
# reasoning" of "chain-of-thought reasoning".
INSIDE_LONGER = 0.75
LONGER_SAMPLE = 48


def longer_form(phrase: tuple[str, ...], users: Collection[int], texts: Sequence[str]) -> str:
    """The longer phrase (as most write it) that at least two and most of the papers that
    write `phrase` (folded words) write it in, always after one and the same word; "" when
    they write it on its own."""
    before: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    size = len(phrase)
    # A sample of the writers tells as well as all of them, for a fraction of the time.
    sample = sorted(users)[:LONGER_SAMPLE]
    for position in sample:
        seen: set[str] = set()
        for written, folded, joined in sentence_words(texts[position], phrase[0]):
            if tuple(folded[:size]) == phrase:
                seen.add("")
            for at in range(1, len(folded) - size + 1):
                if tuple(folded[at : at + size]) != phrase:
                    continue
                word = folded[at - 1]
                if joined[at - 1] or word not in PREPOSITIONS:
                    seen.add(word)
                    forms[joined_form(written, joined, at - 1, at + size)] += 1
                else:
                    seen.add("")
        if len(seen) == 1 and "" not in seen:
            before[seen.pop()] += 1
    if not before:
        return ""
    word, count = before.most_common(1)[0]
    if count < 2 or count < INSIDE_LONGER * len(sample):
        return ""
    return max(
        (f for f in forms if fold_word(re.split(r"[ -]", f)[0]) == word),
        key=lambda f: (forms[f], f),
    )


def joined_form(written: Sequence[str], joined: Sequence[bool], start: int, end: int) -> str:
    """Words `start` to `end` of a sentence as written, hyphens where the text had them."""
    glued = [w + ("-" if joined[i] else " ") for i, w in enumerate(written[start:end], start)]
    return "".join(glued)[:-1]


# Where a phrase cannot go on: a sentence's end, a comma or a parenthesis ("adaptation
# (LoRA)" holds no phrase "adaptation LoRA").
SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)|[,()\[\]]")


@lru_cache(maxsize=1 << 20)
def can_join(word: str, other: str, key: str) -> bool:
    """Whether `other` makes an everyday word's phrase (`key`) a topic: a noun or adjective
    that is no preposition, modifier, generic or research-prose word, in a noun phrase."""
    if word in PREPOSITIONS or other in PREPOSITIONS:
        return False
    plain = other not in MODIFIERS and other not in GENERIC and other not in RESEARCH_PROSE
    return plain and nominal(other) and can_name_theme(key) and is_noun_phrase(key)


def qualify_everyday(
    phrases: list[Candidate],
    papers: list[set[int]],
    users_of: list[set[int]],
    texts: Sequence[str],
    share: float,
    fewest: int,
) -> None:
    """An everyday one-word candidate names no theme: its papers go to the phrases they use
    it in ("optical flow", "rectified flow" for "flow"), each a candidate of its own with
    the papers that use it, or joined with that phrase's own candidate. When one phrase holds
    `share` of the word's papers, it takes them all. `users_of` keeps, beside `papers`,
    the papers that write each phrase."""
    by_concept = {concept_key(c.key): i for i, c in enumerate(phrases) if " " in c.key}
    everyday = [i for i, c in enumerate(phrases) if " " not in c.key and not names_alone(c.label())]
    phrases_of = compounds({phrases[i].key for i in everyday}, texts)
    for i in everyday:
        found = papers[i]
        papers[i] = set()
        users_of[i] = set()
        used = {
            k: (users & found, forms) for k, (users, forms) in phrases_of[phrases[i].key].items()
        }
        # Phrases whose label reads as a noun phrase ("actions break" does not) and is not a
        # hyphenated modifier ("multi-agent", "teacher-student" qualify a noun, name none).
        labels = {k: bare(theme_label(used[k][1], ())) for k in used}
        named = [k for k in used if is_noun_phrase(labels[k]) and "-" not in labels[k]]
        ranked = sorted(named, key=lambda k: (-len(used[k][0]), -len(k.split()), k))
        for rank, key in enumerate(ranked):
            users = writers = used[key][0]
            if rank == 0 and len(users) >= share * len(found):
                users = set(found)
            if len(users) < max(2, fewest):
                break
            first, second = key.split()
            longer = longer_form((first, second), writers, texts)
            # The longer phrase may be a candidate already ("low-rank adaptation (LoRA)"
            # for "rank adaptation"): the papers are then its.
            same = by_concept.get(concept_key(longer or key), by_concept.get(concept_key(key)))
            if same is None:
                by_concept[concept_key(longer or key)] = same = len(phrases)
                forms = Counter({longer: len(writers)}) if longer else used[key][1]
                phrases.append(Candidate(key, frozenset({key}), forms))
                papers.append(set())
                users_of.append(set())
            papers[same] |= users
            users_of[same] |= writers


# Words that start a clause rather than qualify the word after them ("while mitigating").
CLAUSE_WORDS = frozenset("while when whereas thereby thus hence also further then but not".split())
# The share of its uses a one-word gerund must follow a noun or adjective that qualifies it
# ("model pruning", "object tracking") to name a theme. Measured on 8,000 arXiv abstracts:
# the field's gerunds 0.5 to 0.9 (pruning, tracking, decoding, unlearning, sensing), verbs
# written with their object 0 to 0.15 (mitigating, detecting, generating, surpassing).
QUALIFIED_GERUND = 0.2
GERUND = re.compile(r"\b([A-Za-z]+ing)\b")
# The word before a match: letters, digits, hyphens, then only spaces up to the match.
WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[ \t]+$")


def verb_gerunds(phrases: Sequence[Candidate], texts: Sequence[str]) -> set[int]:
    """The one-word candidates in -ing that English lists as verbs only and the library
    writes as verbs, with an object or after a preposition ("for detecting", "mitigating
    the risk"), not as the name of a method ("model pruning"). One pass over the texts."""
    words = {
        c.key: i
        for i, c in enumerate(phrases)
        if c.key.endswith("ing") and " " not in c.key and not nominal(c.key)
    }
    if not words:
        return set()
    uses: Counter[str] = Counter()
    qualified: Counter[str] = Counter()
    for text in texts:
        # Every word in -ing, then a set lookup: an alternation of the candidates' words is
        # many times slower at 35,000 papers.
        for match in GERUND.finditer(text):
            word = match.group(1).lower()
            if word not in words:
                continue
            uses[word] += 1
            before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if before:
                previous = before.group(1).lower()
                if previous not in PREPOSITIONS and previous not in CLAUSE_WORDS:
                    qualified[word] += nominal(previous)
    return {i for w, i in words.items() if qualified[w] < QUALIFIED_GERUND * uses[w]}


def same_phrase(keys: Sequence[str], variant: Mapping[str, str]) -> list[list[str]]:
    """The keys grouped into phrases: one spelling of another (`variant_key`), or the same
    words in another order or form (`concept_key`); each group sorted, groups by first key."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    first: dict[str, str] = {}
    for key in keys:
        for shared in (("variant", variant[key]), ("concept", concept_key(key))):
            other = first.setdefault(f"{shared[0]}:{shared[1]}", key)
            a, b = root(key), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[root(key)].append(key)
    return [groups[k] for k in sorted(groups)]


def occurrences(
    texts: Sequence[str], phrases: Sequence[Sequence[tuple[str, ...]]]
) -> list[set[int]]:
    """For each phrase (given as its word sequences), the texts that use any of them."""
    # A word trie: each node maps the next word to (the phrases ending there, its children).
    Node = dict[str, tuple[list[int], dict[str, Any]]]
    root: Node = {}
    for number, sequences in enumerate(phrases):
        for sequence in sequences:
            node = root
            for depth, word in enumerate(sequence):
                ending, children = node.setdefault(word, ([], {}))
                if depth == len(sequence) - 1:
                    ending.append(number)
                node = children
    found: list[set[int]] = [set() for _ in phrases]
    for position, text in enumerate(texts):
        words = word_keys(text)
        for start in range(len(words)):
            node, at = root, start
            while at < len(words) and words[at] in node:
                ending, node = node[words[at]]
                for number in ending:
                    found[number].add(position)
                at += 1
    return found


def parts(key: str) -> set[str]:
    """The shorter phrases inside a key, word for word."""
    words = key.split()
    return {
        " ".join(words[start : start + size])
        for size in range(1, len(words))
        for start in range(len(words) - size + 1)
    }


def containing(candidates: Sequence[Candidate]) -> list[set[int]]:
    """For each candidate, the others whose phrase holds one of its spellings word for word
    ("gaussian splatting" in "3d gaussian splatting")."""
    position = {key: i for i, c in enumerate(candidates) for key in c.keys}
    longer: list[set[int]] = [set() for _ in candidates]
    for j, candidate in enumerate(candidates):
        for key in candidate.keys:
            for part in parts(key):
                if part in position and position[part] != j:
                    longer[position[part]].add(j)
    return longer


def fold_fragments(
    candidates: Sequence[Candidate], papers: Sequence[set[int]], share: float
) -> dict[int, int]:
    """Each fragment's position → the longer phrase it is part of, where most of its papers
    use that phrase; chains end at the longest."""
    into: dict[int, int] = {}
    for i, wholes in enumerate(containing(candidates)):
        mine = papers[i]
        if not mine or not wholes:
            continue
        best = max(sorted(wholes), key=lambda j: len(mine & papers[j]))
        if len(mine & papers[best]) >= share * len(mine):
            into[i] = best
    resolved = {}
    for i in into:
        j, seen = i, {i}
        while j in into and into[j] not in seen:
            j = into[j]
            seen.add(j)
        resolved[i] = j
    return resolved


def nested_pairs(candidates: Sequence[Candidate], among: Sequence[int]) -> list[set[int]]:
    """For each of `among` (by position in it), the others whose phrase holds its phrase or
    is held by it: a paper takes one of them, not both ("sparse training", "training")."""
    nested: list[set[int]] = [set() for _ in among]
    for n, wholes in enumerate(containing([candidates[i] for i in among])):
        for m in wholes:
            nested[n].add(m)
            nested[m].add(n)
    return nested


@dataclass(frozen=True)
class CandidateMatrix:
    """Every (theme, paper) pair where the paper uses the theme's phrase, grouped by theme:
    the rows of a sparse theme-by-paper matrix."""

    matrix: sparse.csr_matrix
    theme: np.ndarray
    paper: np.ndarray

    @classmethod
    def of(cls, found: Sequence[Sequence[int]], papers: int) -> CandidateMatrix:
        lengths = [len(f) for f in found]
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        indices = np.asarray([p for f in found for p in sorted(f)], dtype=np.int64)
        data = np.ones(len(indices))
        matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(found), papers))
        theme = np.repeat(np.arange(len(found)), lengths)
        return cls(matrix, theme, indices)

    def members(self, kept: np.ndarray) -> sparse.csr_matrix:
        """The theme-by-paper matrix of the pairs `kept` marks."""
        matrix = self.matrix
        return sparse.csr_matrix(
            (kept.astype(np.float64), matrix.indices, matrix.indptr), shape=matrix.shape
        )


def choose(
    pairs: CandidateMatrix,
    scores: np.ndarray,
    rank: np.ndarray,
    nested: Sequence[set[int]],
    settings: ThemeSettings,
    base: float,
) -> np.ndarray:
    """Which pairs papers keep: each paper its most alike themes first, no phrase inside
    another, at most `per_paper`, each `affinity` alike; a paper with fewer than `wanted` such
    themes takes its next best down to `fill`. `rank` orders the themes' keys for ties."""
    least, fill = settings.affinity * base, settings.fill * base
    chosen = np.zeros(len(scores), dtype=bool)
    offered = np.flatnonzero(scores >= fill)
    order = offered[
        np.lexsort((rank[pairs.theme[offered]], -scores[offered], pairs.paper[offered]))
    ]
    papers = pairs.paper[order]
    starts = np.flatnonzero(np.r_[True, papers[1:] != papers[:-1]])
    for begin, end in zip(starts, [*starts[1:], len(order)], strict=True):
        entries = order[begin:end]
        floor = least if np.count_nonzero(scores[entries] >= least) >= settings.wanted else fill
        picked: list[int] = []
        for entry in entries.tolist():
            if scores[entry] < floor or (floor < least and len(picked) >= settings.wanted):
                break
            theme = int(pairs.theme[entry])
            if nested[theme].intersection(picked):
                continue
            picked.append(theme)
            chosen[entry] = True
            if len(picked) == settings.per_paper:
                break
    return chosen


@dataclass(frozen=True)
class ThemeLimits:
    """What a theme must be to stand, in a library of `papers` whose two papers are on
    average `base` alike."""

    fewest: int
    most: int
    base: float
    # The meaning vectors and the mean meaning similarity a theme's papers need.
    meaning: np.ndarray | None = None
    meant: float = 0.0

    @classmethod
    def of(
        cls, space: np.ndarray, settings: ThemeSettings, meaning: np.ndarray | None = None
    ) -> ThemeLimits:
        fewest, most = settings.sizes(space.shape[0])
        if meaning is None:
            return cls(fewest, most, chance(space))
        floor = meaning_floor(meaning, settings.meaning_cohesion)
        return cls(fewest, most, chance(space), meaning, floor)

    def standing(
        self,
        members: sparse.csr_matrix,
        sizes: np.ndarray,
        alike: np.ndarray,
        settings: ThemeSettings,
    ) -> np.ndarray:
        """Which themes stand: sized, alike in their words and in their meaning."""
        cohesive = alike >= settings.cohesion * self.base
        standing = (sizes >= self.fewest) & (sizes <= self.most) & cohesive
        if self.meaning is not None:
            standing &= cohesion(self.meaning, members) >= self.meant
        return standing


def measure(
    space: np.ndarray, pairs: CandidateMatrix, kept: np.ndarray
) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Each pair's affinity to the theme's kept papers; each theme's papers, size and
    cohesion."""
    members = pairs.members(kept)
    sizes = np.asarray(members.sum(axis=1), dtype=np.float64).ravel()
    sums = np.asarray(members @ space)
    scores = affinity(space, sums, sizes, pairs.theme, pairs.paper, kept)
    return scores, members, sizes, cohesion(space, members, sums)


def assign_papers(
    space: np.ndarray,
    pairs: CandidateMatrix,
    rank: np.ndarray,
    nested: Sequence[set[int]],
    settings: ThemeSettings,
    limits: ThemeLimits,
) -> tuple[np.ndarray, np.ndarray]:
    """Which (theme, paper) pairs stand once every paper keeps only the themes most like it,
    and each pair's affinity to its theme's papers.

    Each round, every paper that uses a theme's phrase is measured against the theme's
    current papers and keeps its best themes; themes too small, too large or no longer alike
    enough go. A paper a theme lost comes back when the theme's papers move towards it.
    """
    kept = np.ones(len(pairs.theme), dtype=bool)
    scores = measure(space, pairs, kept)[0]
    for _ in range(settings.rounds):
        chosen = choose(pairs, scores, rank, nested, settings, limits.base)
        after, members, sizes, alike = measure(space, pairs, chosen)
        alive = limits.standing(members, sizes, alike, settings)[pairs.theme]
        chosen &= alive
        if np.array_equal(chosen, kept):
            break
        # A theme that went has no papers to be measured against; the others are as measured.
        kept, scores = chosen, np.where(alive, after, 0.0)
    return prune(space, pairs, kept, settings, limits)


def prune(
    space: np.ndarray,
    pairs: CandidateMatrix,
    kept: np.ndarray,
    settings: ThemeSettings,
    limits: ThemeLimits,
) -> tuple[np.ndarray, np.ndarray]:
    """What `assign_papers` promises, made true of its last round: every paper of a theme at least
    `fill` alike to the others, every theme big and alike enough. Only removes, so it ends."""
    while True:
        scores, members, sizes, alike = measure(space, pairs, kept)
        alive = limits.standing(members, sizes, alike, settings)[pairs.theme]
        after = kept & (scores >= settings.fill * limits.base) & alive
        if np.array_equal(after, kept):
            return kept, scores
        kept = after


def best_first(scores: np.ndarray, count: int) -> list[int]:
    """The positions of the `count` highest scores, highest first, ties by position."""
    if count < len(scores):
        top = np.argpartition(-scores, count - 1)[:count]
        # The cut may fall inside a tie: every score equal to the last kept one is a candidate.
        top = np.union1d(top, np.flatnonzero(scores == scores[top].min()))
    else:
        top = np.arange(len(scores))
    return sorted(top.tolist(), key=lambda at: (-scores[at], at))[:count]


def join_by_meaning(
    space: np.ndarray,
    pairs: CandidateMatrix,
    kept: np.ndarray,
    nested: Sequence[set[int]],
    settings: ThemeSettings,
    chunk: int = 512,
) -> list[tuple[int, int, float]]:
    """(theme, paper, affinity) for papers that join a theme without using its phrase, as a
    paper on the topic in other words would ("autonomous agents" in an *LLM agents*
    paper): a paper with fewer than `wanted` themes takes those whose papers are
    `join_fill` times as alike to it as chance, one with fewer than `join_upto` those
    `join` times as alike; most alike first, never two nested phrases, and no theme
    past the most papers a theme may have."""
    members = pairs.members(kept)
    sizes = np.asarray(members.sum(axis=1), dtype=np.float64).ravel()
    standing = np.flatnonzero(sizes > 0)
    most = settings.sizes(space.shape[0])[1]
    if not settings.join_upto or not len(standing):
        return []
    centres = np.asarray(members[standing] @ space) / sizes[standing, None]
    sizes = sizes.copy()
    base = chance(space)
    mine: list[set[int]] = [set() for _ in range(space.shape[0])]
    for entry in np.flatnonzero(kept).tolist():
        mine[int(pairs.paper[entry])].add(int(pairs.theme[entry]))
    joined: list[tuple[int, int, float]] = []
    for start in range(0, space.shape[0], chunk):
        scores = space[start : start + chunk] @ centres.T
        for row, paper in enumerate(range(start, min(start + chunk, space.shape[0]))):
            have = mine[paper]
            if len(have) >= settings.join_upto:
                continue
            for at in best_first(scores[row], 4 * settings.per_paper):
                theme, score = int(standing[at]), float(scores[row, at])
                least = settings.join if len(have) >= settings.wanted else settings.join_fill
                if score < least * base or len(have) >= settings.join_upto:
                    break
                if theme in have or nested[theme].intersection(have) or sizes[theme] >= most:
                    continue
                have.add(theme)
                sizes[theme] += 1
                joined.append((theme, paper, score))
    return joined


@dataclass(frozen=True)
class PhrasePapers:
    """Every phrase that may name a theme, with the papers that use it (`papers`, after
    everyday words went to their phrases and fragments to the phrases that hold them) and
    those that write it (`writers`): what the themes are chosen from."""

    phrases: list[Candidate]
    papers: list[tuple[int, ...]]
    writers: list[tuple[int, ...]]


def phrase_papers(
    texts: Sequence[str],
    candidates: Sequence[tuple[Keyword, ...]],
    definitions: Mapping[str, Definition],
    settings: ThemeSettings,
    fewest: int,
) -> PhrasePapers:
    """The candidate phrases and their papers (steps 1 to 3 of the module's list)."""
    # In a large library a phrase only one or two papers list is not looked for: a theme
    # there needs several times as many papers.
    phrases = gather(candidates, definitions, max(1, fewest // 4))
    verbs = verb_gerunds(phrases, texts)
    phrases = [c for i, c in enumerate(phrases) if i not in verbs]
    sequences = [
        sorted({folded_words(k) for k in c.keys} | {tuple(word_keys(a)) for a in c.acronyms})
        for c in phrases
    ]
    papers = occurrences(texts, sequences)
    del sequences
    users_of = [set(found) for found in papers]
    qualify_everyday(phrases, papers, users_of, texts, settings.qualified_share, fewest)
    for fragment, whole in fold_fragments(phrases, papers, settings.fragment_share).items():
        papers[whole] |= papers[fragment]
        papers[fragment] = set()
    return PhrasePapers(phrases, sorted_tuples(papers), sorted_tuples(users_of))


def build_themes(
    paper_keys: Sequence[str],
    texts: Sequence[str],
    candidates: Sequence[tuple[Keyword, ...]],
    definitions: Mapping[str, Definition],
    topic_rows: Callable[[], np.ndarray],
    settings: ThemeSettings,
    meaning: Callable[[], np.ndarray] | None = None,
) -> tuple[tuple[Theme, ...], list[tuple[str, ...]]]:
    """All themes sorted by key, and each paper's theme keys, the most alike first.

    `texts` are the papers' titles and abstracts; `topic_rows` gives their rows in the topic
    space (`cohesion.fit_topics`) and `meaning` their meaning vectors (`meaning.py`; without
    them themes are judged by their words alone), asked for only once the phrases are found
    (the TF-IDF rows and token vectors they come from may still be being made).
    """
    n = len(paper_keys)
    fewest, most = settings.sizes(n)
    found = phrase_papers(texts, candidates, definitions, settings, fewest)
    phrases, found_by, writers = found.phrases, found.papers, found.writers
    del found
    # What finding the phrases made and let go goes back before the spaces come, the
    # largest moment.
    hand_back_freed_memory()
    space = topic_rows()
    limits = ThemeLimits.of(space, settings, None if meaning is None else meaning())
    seed = max(2, fewest - 1)
    sized = [i for i, found in enumerate(found_by) if seed <= len(found) <= 3 * most]
    pairs = CandidateMatrix.of([found_by[i] for i in sized], n)
    seeds = np.asarray([len(found_by[i]) < fewest for i in sized], dtype=bool)
    cohesive = np.where(seeds, settings.seed_cohesion, settings.cohesion)
    alike = cohesion(space, pairs.matrix) >= cohesive * limits.base
    among = [i for i, ok in zip(sized, alike.tolist(), strict=True) if ok]
    pairs = CandidateMatrix.of([found_by[i] for i in among], n)
    del found_by  # each phrase's papers, all of them: `pairs` holds those of the phrases kept
    order = sorted(range(len(among)), key=lambda t: phrases[among[t]].key)
    rank = np.empty(len(among), dtype=np.int64)
    rank[order] = np.arange(len(among))
    nested = nested_pairs(phrases, among)
    # A seed stands through the rounds; it must have grown by the end.
    seeding = replace(limits, fewest=seed)
    kept, scores = assign_papers(space, pairs, rank, nested, settings, seeding)
    rows: list[set[int]] = [set() for _ in among]
    for entry in np.flatnonzero(kept).tolist():
        rows[int(pairs.theme[entry])].add(int(pairs.paper[entry]))
    for theme, paper, _ in join_by_meaning(space, pairs, kept, nested, settings):
        rows[theme].add(paper)
    # What `assign_papers` promises holds again once papers joined: each member alike to the
    # others, each theme alike and sized.
    pairs = CandidateMatrix.of([sorted(r) for r in rows], n)
    kept, scores = prune(space, pairs, np.ones(len(pairs.theme), dtype=bool), settings, limits)
    members: dict[int, list[int]] = defaultdict(list)
    for entry in np.flatnonzero(kept).tolist():
        members[among[int(pairs.theme[entry])]].append(int(pairs.paper[entry]))
    name = shared_names(members, writers, lambda i: phrases[i].label(), most)
    label = whole_names(
        {i: phrases[name[i]].label() for i in members},
        {i: writers[name[i]] for i in members},
        texts,
    )
    per_paper: list[list[tuple[float, str]]] = [[] for _ in range(n)]
    for entry in np.flatnonzero(kept).tolist():
        theme, paper = among[int(pairs.theme[entry])], int(pairs.paper[entry])
        per_paper[paper].append((-float(scores[entry]), phrases[name[theme]].key))
    themes = tuple(
        sorted(
            (
                Theme(
                    key=phrases[name[i]].key,
                    label=label[i],
                    slug=slug_for(
                        "theme:" + phrases[name[i]].key.replace(" ", ""), phrases[name[i]].key
                    ),
                    papers=tuple(sorted(paper_keys[p] for p in found)),
                )
                for i, found in members.items()
            ),
            key=lambda t: t.key,
        )
    )
    return themes, [tuple(key for _, key in sorted(mine)) for mine in per_paper]


def label_words(label: str) -> tuple[str, ...]:
    """A label's words as the text scan folds them: hyphens split, acronym left out."""
    return folded_words(bare(label).replace("-", " "))


def whole_names(
    labels: Mapping[int, str], writers: Mapping[int, Collection[int]], texts: Sequence[str]
) -> dict[int, str]:
    """Each theme's label, or the longer phrase its writers only ever write it in ("AI city
    challenge" for "city challenge", as YAKE may offer the end of a phrase), unless another
    theme has that name. A label with an acronym is a term the library defines: it stays."""
    named = {label_words(label) for label in labels.values()}
    whole = dict(labels)
    for theme, label in labels.items():
        if bare(label) != label:
            continue
        longer = longer_form(label_words(label), writers[theme], texts)
        if longer and label_words(longer) not in named:
            whole[theme] = reader_form(longer)
            named.add(label_words(longer))
    return whole


def sorted_tuples(groups: Sequence[set[int]]) -> list[tuple[int, ...]]:
    """Each set sorted, as a tuple: a fifth of a set's memory, for groups made once."""
    return [tuple(sorted(group)) for group in groups]


def shared_names(
    members: Mapping[int, Sequence[int]],
    users_of: Sequence[Collection[int]],
    labels: Callable[[int], str],
    most: int,
) -> dict[int, int]:
    """Each standing theme's name: its own phrase while half its papers write it, else a
    noun phrase that half of them write (the closest to them by Dice, at least two papers).

    A theme grown from an everyday word or joined by meaning can end with papers of which
    one wrote its phrase; the reader should see what the papers share. A theme named by a
    modifier ("multi-agent", "gaussian") takes the noun phrase its papers write where there
    is one. Another theme's phrase, or one too broad to be a theme, is never taken."""
    taken = set(members)
    written: dict[int, list[int]] = defaultdict(list)
    for phrase, users in enumerate(users_of):
        if len(users) <= 3 * most:
            for paper in users:
                written[paper].append(phrase)
    name = {}
    for theme in sorted(members):
        found = set(members[theme])
        name[theme] = theme
        own = 0 if qualifies_only(labels(theme)) else len(found.intersection(users_of[theme]))
        if 2 * own >= len(found):
            continue
        counts = Counter(p for paper in found for p in written[paper] if p not in taken)
        ranked = sorted(
            (n / (len(users_of[p]) + len(found)), -p)
            for p, n in counts.items()
            if 2 * n >= len(found) and n >= 2
        )
        own_dice = own / (len(users_of[theme]) + len(found))
        for dice, phrase in reversed(ranked):
            if dice > own_dice and not qualifies_only(labels(-phrase)):
                name[theme] = -phrase
                taken.add(-phrase)
                break
    return name
