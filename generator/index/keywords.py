"""Keyphrases a reader wants to see: YAKE candidates, normalised, filtered and de-nested.

YAKE alone ranks Title-Case title fragments first, drops acronyms and digits, and keeps
nested variants; each step below fixes one of those, measured on the seed library.

YAKE's algorithm runs in `yake-rust`, a port of the `yake` package (0.7) several times its
speed; the tests hold its phrases against `yake` itself.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import yake_rust

from generator.model import Keyword

# Words that say a paper is research, not what it is about.
GENERIC = frozenset(
    """
    approach approaches method methods model models paper papers work works result results
    performance task tasks framework frameworks propose proposed novel existing state art
    experiment experiments problem problems study studies technique techniques strategy
    strategies system systems analysis improvement improvements effectiveness efficiency
    application applications challenge challenges limitation limitations baseline baselines
    code available demonstrate demonstrates show shows introduce introduces present presents
    achieve achieves new recent extensive various different significant significantly existing
    art sota previous prior current key large small simple effective efficient high low
    way ways setting settings use using based towards toward via can also however thus
    learning data dataset datasets training trained train benchmark benchmarks evaluation
    process issue issues question questions aspect aspects field fields area areas
    network networks parameter parameters time space size cost number level levels type types
    """.split()
)
LEADING_VERBS = frozenset(
    """
    introduce introduces introducing propose proposes proposing present presents presenting
    improve improves improving enable enables enabling achieve achieves achieving called named
    leverage leverages leveraging develop develops developing design designs designing
    demonstrate demonstrates show shows study studies explore explores investigate investigates
    """.split()
)
NO_SINGULAR = frozenset(
    "series species news lens bias gas alias atlas canvas chaos ethos cosmos thesis".split()
)
ACRONYM = re.compile(
    r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*|[A-Z]+[0-9][A-Za-z0-9]*|[0-9][A-Z][A-Za-z0-9]*)"
    r"(?:-[0-9A-Za-z]+)?s?\b"
)
TITLE_WORD = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])")
WORD = re.compile(r"[\w][\w'’\-]*")


@dataclass(frozen=True)
class KeywordSettings:
    """Everything that changes what the extractor returns; part of the keyword cache key."""

    max_words: int = 3
    candidates: int = 40
    shown: int = 8
    max_chars: int = 20_000

    def fingerprint(self) -> str:
        return f"{ENGINE}-{engine_version()}-{self!r}-{source_digest()}"


@lru_cache(maxsize=1)
def source_digest() -> str:
    """This module's own code: a change to how keywords are made invalidates the cache."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# The package that runs YAKE; with its version, part of the keyword cache key, so keywords
# cached by one engine (or release) are never taken for another's.
ENGINE = "yake-rust"


def engine_version() -> str:
    return version(ENGINE)


# YAKE's ranked phrases for a text, lower case, best first.
PhraseExtractor = Callable[[str, KeywordSettings], list[str]]


@lru_cache(maxsize=4)
def extractor(max_words: int) -> yake_rust.Yake:
    # YAKE's own de-duplication is off: variants are folded here by `phrase_key` instead.
    return yake_rust.Yake(language="en", ngrams=max_words, remove_duplicates=False)


# Scores closer than this (relative) are one score: yake-rust sums in hash-map order, so
# its scores of one text differ from run to run in the last bits.
SAME_SCORE = 1e-9


def ranked_phrases(text: str, settings: KeywordSettings) -> list[str]:
    """YAKE's top phrases, as the `yake` package returns them without de-duplication.

    yake-rust keeps a phrase's first spelling ("Large Language Models"), `yake` lower case;
    `surface_form` finds the spelling again. yake-rust also keeps phrases with a word `yake`
    calls unusual, and orders equal scores at random: both are undone here, with more phrases
    asked for so that the cut falls where `yake`'s does. Equal scores go in the order `yake`
    meets its candidates: by where the phrase first ends in the text, shorter first.
    """
    top = settings.candidates
    if top <= 0:
        return []
    found = extractor(settings.max_words).get_n_best(text, n=2 * top)
    scores: dict[str, float] = {}
    for phrase, score in found:
        if not UNUSUAL.search(phrase):
            scores.setdefault(phrase.lower(), score)
    lowered = text.lower()
    ranked: list[str] = []
    tied: list[str] = []
    for phrase in [*sorted(scores, key=scores.__getitem__), ""]:
        if tied and (not phrase or scores[phrase] - scores[tied[-1]] > SAME_SCORE * scores[phrase]):
            ranked.extend(sorted(tied, key=lambda p: tie_order(p, lowered)) if tied[1:] else tied)
            tied = []
        tied.append(phrase)
    return ranked[:top]


def tie_order(phrase: str, lowered: str) -> tuple[int, int, str]:
    return phrase_end(phrase, lowered), len(phrase.split()), phrase


# Two ASCII punctuation marks in one word: `yake` never puts that word in a phrase
# ("end-to-end", "a/b-c").
UNUSUAL = re.compile(f"[{re.escape(string.punctuation)}]\\S*[{re.escape(string.punctuation)}]")


def phrase_end(phrase: str, lowered: str) -> int:
    """Where a phrase first ends as whole words in the lower-cased text, which is the order
    `yake` meets its candidates in; past the end if it is not there as written."""
    at = lowered.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not lowered[at - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            return end
        at = lowered.find(phrase, at + 1)
    return len(lowered) + 1


def singular(word: str) -> str:
    if len(word) <= 3 or word in NO_SINGULAR or word.endswith(("ss", "us", "is", "ics", "as")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def phrase_key(phrase: str) -> str:
    """The form variants share: case, plural, hyphens and punctuation folded."""
    words = [w.strip("'’-").lower() for w in WORD.findall(phrase.replace("-", " "))]
    words = [w for w in words if w]
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def is_acronym(word: str) -> bool:
    return bool(ACRONYM.fullmatch(word))


def display_form(phrase: str) -> str:
    """Lower case but for acronyms and names in mixed case (LLM, LoRA, SlowFast)."""
    return " ".join(
        w if not w.islower() and (sum(map(str.isupper, w)) >= 2 or is_acronym(w)) else w.lower()
        for w in phrase.split()
    )


def sentence_case_title(title: str, abstract: str) -> str:
    """Lower Title-Case words the abstract writes in lower case, so the title stops dominating."""
    lower_in_abstract = set(filter(str.islower, WORD.findall(abstract)))

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        return word.lower() if word.lower() in lower_in_abstract else word

    return TITLE_WORD.sub(fold, title)


FUNCTION_WORDS = frozenset("a an the of for in on with to and or by from as at vs via into".split())


def is_filler(word: str) -> bool:
    word = word.lower()
    return (
        word in LEADING_VERBS or word in FUNCTION_WORDS or (word.endswith("ly") and len(word) > 4)
    )


@lru_cache(maxsize=4)
def lower(text: str) -> str:
    """A text in lower case, kept while its phrases are looked up in it one by one."""
    return text.lower()


def surface_form(phrase: str, *texts: str) -> str:
    """YAKE returns lower case when not de-duplicating; the text says how the phrase is written."""
    wanted = " ".join(phrase.split()).lower()
    for text in texts:
        lowered = lower(text)
        at = lowered.find(wanted)
        while at >= 0:
            end = at + len(wanted)
            before = lowered[at - 1] if at else " "
            after = lowered[end] if end < len(lowered) else " "
            if not before.isalnum() and not after.isalnum() and len(lowered) == len(text):
                return text[at:end]
            at = lowered.find(wanted, at + 1)
    return phrase


def trim(phrase: str) -> str:
    """Drops the verbs, adverbs and function words YAKE leaves at a phrase's edges."""
    words = phrase.split()
    while words and is_filler(words[0]):
        words.pop(0)
    while words and is_filler(words[-1]):
        words.pop()
    return " ".join(words)


ADJECTIVES = frozenset(
    "deep large small fast slow long short high low big continual neural multi single".split()
)
ADJECTIVE_ENDINGS = (
    "al",
    "ous",
    "ive",
    "ic",
    "ent",
    "ant",
    "ful",
    "less",
    "able",
    "ible",
    "ed",
    "ly",
)


def is_adjective(word: str) -> bool:
    return word in ADJECTIVES or word.endswith(ADJECTIVE_ENDINGS)


def is_weak_single(word: str, count: int) -> bool:
    """A lone lower-case word says little unless it is a noun the paper keeps coming back to."""
    if word != word.lower():
        return False
    return count < 3 or is_adjective(word)


def is_generic(key: str) -> bool:
    return GENERIC.issuperset(key.split())


def acronyms(title: str, abstract: str) -> list[str]:
    """Acronyms YAKE drops (AI, RL, GPT-4, 3D): those used twice or named in the title."""
    counts = Counter(m.group(0) for m in ACRONYM.finditer(title + " " + abstract))
    in_title = {m.group(0) for m in ACRONYM.finditer(title)}
    defined = set(re.findall(r"\(([^()\s]+)\)", abstract))
    keep = [a for a, n in counts.items() if n >= 3 or a in in_title or a in defined]
    return sorted(keep, key=lambda a: (-counts[a] - 2 * (a in in_title), a))


@lru_cache(maxsize=1 << 18)
def fold_word(word: str) -> str:
    """One word as `phrase_key` folds it, cached: abstracts repeat their words (a library
    of 35,000 papers has some 200,000 distinct words)."""
    return singular(word.strip("'’-").lower())


def word_keys(text: str) -> list[str]:
    """The text as a list of folded words."""
    return list(filter(None, map(fold_word, WORD.findall(text.replace("-", " ")))))


def ngram_counts(words: list[str], longest: int) -> Counter[tuple[str, ...]]:
    """Every run of up to `longest` words, as a tuple of words, and how often it occurs."""
    counts: Counter[tuple[str, ...]] = Counter()
    for size in range(1, longest + 1):
        counts.update(zip(*(words[start:] for start in range(size)), strict=False))
    return counts


def occurrences(key: str, counts: Counter[tuple[str, ...]]) -> int:
    """How often a phrase occurs, each of its words folded (a middle plural counts too)."""
    return counts[tuple(map(fold_word, key.split()))]


@lru_cache(maxsize=1 << 16)
def normal_forms(phrase: str) -> tuple[str, str]:
    """A phrase as shown and its key, cached: papers share many phrases."""
    text_form = display_form(trim(phrase))
    return text_form, phrase_key(text_form)


def candidate_keywords(
    title: str,
    abstract: str,
    settings: KeywordSettings,
    phrases: PhraseExtractor = ranked_phrases,
) -> tuple[Keyword, ...]:
    """Ranked, normalised candidates for one paper; nested phrases kept (themes need them).

    `phrases` runs YAKE; the tests pass the `yake` package's own to compare with it.
    """
    # YAKE's time grows with its input: title, ". " and abstract stay within max_chars.
    budget = max(settings.max_chars - 2, 0)
    title = title[:budget]
    abstract = abstract[: budget - len(title)]
    sentence_title = sentence_case_title(title, abstract)
    text = sentence_title + ". " + abstract
    raw = [surface_form(phrase, abstract, sentence_title) for phrase in phrases(text, settings)]
    longest = settings.max_words
    # Each sentence (or clause) as words: punctuation is no word, so together they are the
    # words of the title, then the abstract's.
    title_parts = [word_keys(part) for part in BREAK.split(sentence_title)]
    abstract_parts = [word_keys(part) for part in BREAK.split(abstract)]
    abstract_words = [w for part in abstract_parts for w in part]
    text_counts = ngram_counts([w for part in title_parts for w in part] + abstract_words, longest)
    abstract_counts = ngram_counts(abstract_words, longest)
    listed = {tuple(map(fold_word, normal_forms(p)[1].split())) for p in raw}
    around = neighbours(title_parts + abstract_parts, longest, listed)
    ranked: list[Keyword] = []
    reserve: list[Keyword] = []
    seen: set[str] = set()
    for phrase in raw[:4] + acronyms(title, abstract)[:3] + raw[4:]:
        text_form, key = normal_forms(phrase)
        if not key or key in seen or is_generic(key) or len(key) < 2:
            continue
        seen.add(key)
        count = occurrences(key, text_counts)
        # A phrase seen once, outside the title, is usually a YAKE n-gram across a clause.
        # A phrase the abstract never uses is often a title fragment ("rate mitigates LoRA").
        loose = count < 2 or occurrences(key, abstract_counts) < 1
        if " " not in key and is_weak_single(text_form, count):
            if is_adjective(text_form):
                continue
            # A noun named once or twice: too weak to show first, but it may be what
            # several papers share ("interpretability"), so themes still see it.
            loose = True
        if any(w in FUNCTION_WORDS for w in key.split()) and count < 2:
            continue
        if is_fragment(tuple(map(fold_word, key.split())), around, listed, longest):
            continue
        if loose:
            reserve.append(Keyword(key=key, text=text_form, reserve=True))
        else:
            ranked.append(Keyword(key=key, text=text_form))
    ranked.extend(reserve)
    return tuple(ranked)


# Where a phrase cannot go on: a sentence's end, a comma, a parenthesis.
BREAK = re.compile(r"[.;:!?](?:\s|$)|[,()\[\]]")
Neighbours = dict[tuple[str, ...], tuple[set[str], set[str]]]


def neighbours(parts: list[list[str]], longest: int, wanted: set[tuple[str, ...]]) -> Neighbours:
    """Each `wanted` run of up to `longest` words of one part (a sentence or clause), with
    the words seen just before and just after it ("" at the part's ends)."""
    found: Neighbours = {}
    starts = {run[0] for run in wanted if run}
    for words in parts:
        for start in range(len(words)):
            if words[start] not in starts:
                continue
            for size in range(1, min(longest, len(words) - start) + 1):
                run = tuple(words[start : start + size])
                if run not in wanted:
                    continue
                before, after = found.setdefault(run, (set(), set()))
                before.add(words[start - 1] if start else "")
                after.add(words[start + size] if start + size < len(words) else "")
    return found


def is_fragment(
    words: tuple[str, ...], around: Neighbours, listed: set[tuple[str, ...]], longest: int
) -> bool:
    """A phrase the text only ever uses inside one longer phrase, which is a keyphrase
    itself or too long to be one: "carlo tree search" of "monte carlo tree search", "large
    language" of "large language models"."""
    before, after = around.get(words, (set(), set()))
    for side, seen in (("before", before), ("after", after)):
        if len(seen) != 1:
            continue
        (word,) = seen
        if not word or word in FUNCTION_WORDS:
            continue
        longer = (word, *words) if side == "before" else (*words, word)
        if len(words) >= longest or longer in listed:
            return True
    return False


def nested(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def shown_keywords(
    candidates: tuple[Keyword, ...], generic: frozenset[str], limit: int, least: int = 5
) -> tuple[Keyword, ...]:
    """The few a reader sees: no generic word of this library, no phrase inside another.

    Reserve phrases only fill a list that would otherwise have fewer than `least`.
    """
    shown: list[Keyword] = []
    for keyword in candidates:
        if keyword.reserve and len(shown) >= least:
            break
        if keyword.key in generic or any(nested(keyword.key, k.key) for k in shown):
            continue
        shown.append(keyword)
        if len(shown) == limit:
            break
    return tuple(shown)
