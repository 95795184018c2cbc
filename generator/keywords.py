"""Keyphrases a reader wants to see: YAKE candidates, normalised, filtered and de-nested.

YAKE 0.7 alone ranks Title-Case title fragments first, drops acronyms and digits, and keeps
nested variants; each step below fixes one of those, measured on the seed library.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yake

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
        return f"yake-{yake_version()}-{self!r}-{source_digest()}"


@lru_cache(maxsize=1)
def source_digest() -> str:
    """This module's own code: a change to how keywords are made invalidates the cache."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def yake_version() -> str:
    from importlib.metadata import version

    return version("yake")


@lru_cache(maxsize=4)
def extractor(settings: KeywordSettings) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(
        lan="en",
        n=settings.max_words,
        # YAKE 0.7's own de-duplication is either broken ("seqm") or most of its run time
        # ("levs"); variants are folded here by `phrase_key` instead.
        dedup_lim=1.0,
        top=settings.candidates,
    )


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
        w if sum(c.isupper() for c in w) >= 2 or is_acronym(w) else w.lower()
        for w in phrase.split()
    )


def sentence_case_title(title: str, abstract: str) -> str:
    """Lower Title-Case words the abstract writes in lower case, so the title stops dominating."""
    lower_in_abstract = {w.lower() for w in WORD.findall(abstract) if w.islower()}

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


def surface_form(phrase: str, *texts: str) -> str:
    """YAKE returns lower case when not de-duplicating; the text says how the phrase is written."""
    wanted = " ".join(phrase.split()).lower()
    for text in texts:
        lowered = text.lower()
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
    return all(w in GENERIC for w in key.split())


def acronyms(title: str, abstract: str) -> list[str]:
    """Acronyms YAKE drops (AI, RL, GPT-4, 3D): those used twice or named in the title."""
    counts = Counter(m.group(0) for m in ACRONYM.finditer(title + " " + abstract))
    in_title = {m.group(0) for m in ACRONYM.finditer(title)}
    defined = set(re.findall(r"\(([^()\s]+)\)", abstract))
    keep = [a for a, n in counts.items() if n >= 3 or a in in_title or a in defined]
    return sorted(keep, key=lambda a: (-counts[a] - 2 * (a in in_title), a))


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """One word as `phrase_key` folds it, cached: abstracts repeat their words."""
    return singular(word.strip("'’-").lower())


def word_keys(text: str) -> list[str]:
    """The text as a list of folded words."""
    return [k for k in map(fold_word, WORD.findall(text.replace("-", " "))) if k]


def ngram_counts(words: list[str], longest: int) -> Counter[str]:
    counts: Counter[str] = Counter(words)
    for size in range(2, longest + 1):
        counts.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return counts


def occurrences(key: str, counts: Counter[str]) -> int:
    """How often a phrase occurs, each of its words folded (a middle plural counts too)."""
    return counts[" ".join(map(fold_word, key.split()))]


def candidate_keywords(title: str, abstract: str, settings: KeywordSettings) -> tuple[Keyword, ...]:
    """Ranked, normalised candidates for one paper; nested phrases kept (themes need them)."""
    # YAKE's time grows with its input: title, ". " and abstract stay within max_chars.
    budget = max(settings.max_chars - 2, 0)
    title = title[:budget]
    abstract = abstract[: budget - len(title)]
    sentence_title = sentence_case_title(title, abstract)
    text = sentence_title + ". " + abstract
    found = extractor(settings).extract_keywords(text)
    raw = [surface_form(phrase, abstract, sentence_title) for phrase, _ in found]
    longest = settings.max_words
    text_counts = ngram_counts(word_keys(text), longest)
    abstract_counts = ngram_counts(word_keys(abstract), longest)
    ranked: list[Keyword] = []
    reserve: list[Keyword] = []
    seen: set[str] = set()
    for phrase in raw[:4] + acronyms(title, abstract)[:3] + raw[4:]:
        text_form = display_form(trim(phrase))
        key = phrase_key(text_form)
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
        if loose:
            reserve.append(Keyword(key=key, text=text_form, reserve=True))
        else:
            ranked.append(Keyword(key=key, text=text_form))
    ranked.extend(reserve)
    return tuple(ranked)


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
