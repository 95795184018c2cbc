"""Acronyms learnt from the library: "expansion (ACR)" in the abstracts, by majority."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from generator.index.keywords import FUNCTION_WORDS, fold_word, phrase_key
from generator.model import Keyword

# An acronym starts with a capital or a digit and holds a capital (LoRA, 3DGS).
NAME = r"(?=[0-9]*[A-Z])[A-Z0-9][A-Za-z0-9-]*?[A-Z0-9]?"
DEFINITION = re.compile(r"((?:[A-Za-z0-9][\w'-]*\s+){1,8})\((" + NAME + r")s?\)")
# The parenthesis a definition ends with. Searching for DEFINITION only in the few hundred
# characters before each of these, rather than from every position of every abstract, made
# the themes stage four times faster at 35,000 papers.
ACRONYM = re.compile(r"\((" + NAME + r")s?\)")
# How far before its parenthesis a definition's (at most eight) words may start.
LOOKBACK = 400
# Read backwards from a parenthesis: the spaces before it and at most eight words. A
# definition lies within them, so DEFINITION is tried from there only; tried from every
# position of the lookback, its repeated group took most of the themes stage's time.
WORDS_BEFORE = re.compile(r"\s+(?:[\w'-]+\s+){0,7}[\w'-]+")


# Function words an acronym writes as a digit: text-to-image → T2I, agent-to-agent → A2A.
SOUNDS_LIKE = {"to": "2", "for": "4"}


def initials(token: str) -> str:
    """What a word gives its acronym: its first letter, or all of it when it is itself
    written in capitals or starts with a digit (3D Gaussian Splatting → 3DGS)."""
    return token.lower() if token.isupper() or token[0].isdigit() else token[0].lower()


def spelled_from(tokens: Sequence[str], signature: str) -> int:
    """Where in `tokens` the words start whose initials end-align with all of `signature`;
    a function word may give its initial (apraxia of speech → AOS), a digit (text-to-image
    → T2I) or nothing (chain of thought → CoT). -1 when no such start."""

    def match(end: int, left: int) -> int:
        if left == 0:
            return end if end < len(tokens) and tokens[end].lower() not in FUNCTION_WORDS else -1
        if end == 0:
            return -1
        token = tokens[end - 1]
        if token.lower() in FUNCTION_WORDS:
            if signature[left - 1] in (token[0].lower(), SOUNDS_LIKE.get(token.lower())):
                found = match(end - 1, left - 1)
                if found >= 0:
                    return found
            return match(end - 1, left)
        given = initials(token)
        if signature[:left].endswith(given):
            return match(end - 1, left - len(given))
        return -1

    return match(len(tokens), len(signature))


def expansion_of(words: str, acronym: str) -> str:
    """The words an acronym abbreviates, if their initials spell it (LoRA ← Low-Rank Adaptation)."""
    signature = "".join(c.lower() for c in acronym if c.isupper() or c.isdigit())
    tokens = [t for t in re.split(r"[\s-]+", words.strip()) if t]
    if len(signature) < 2:
        return ""
    start = spelled_from(tokens, signature)
    if start < 0:
        return ""
    at = 0
    for token in tokens[:start]:
        at = words.index(token, at) + len(token)
    begin = words.index(tokens[start], at)
    # Never from inside a hyphenated word: "Multi-modal Large Language Models (MLLM)" spells
    # MLLM from "modal" on, but the phrase is the whole word's.
    if words[begin - 1 : begin] == "-":
        begin = len(words[:begin]) - len(words[:begin].split()[-1])
    return words[begin:].strip()


def definitions_in(text: str) -> Iterator[re.Match[str]]:
    """`DEFINITION.finditer(text)`, searching only just before each acronym in parentheses."""
    done = 0
    for paren in ACRONYM.finditer(text):
        if paren.start() < done:
            continue
        before = text[max(done, paren.start() - LOOKBACK) : paren.start()]
        words = WORDS_BEFORE.match(before[::-1])
        if words is None:
            continue
        match = DEFINITION.search(text, paren.start() - words.end(), paren.end())
        if match:
            done = match.end()
            yield match


class Definition(NamedTuple):
    """What an acronym stands for: `expansion` as a key, `acronym` and `spelled` as the
    library writes them most often."""

    expansion: str
    acronym: str
    spelled: str


def looks_like_acronym(acronym: str, expansion: str) -> bool:
    """Capitals and digits enough to be an acronym (LoRA, 3DGS, GaLore; not Multi-Agent),
    and shorter than what it stands for."""
    alnum = [c for c in acronym if c.isalnum()]
    capitals = sum(1 for c in alnum if c.isupper() or c.isdigit())
    lower_runs = re.findall(r"[a-z]{4,}", acronym)
    return (
        capitals >= 2
        and 3 * capitals >= len(alnum)
        and not lower_runs
        and (len(expansion) > len(acronym))
    )


LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?![\w-])")
WORD = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?![\w-])")


def acronym_definitions(abstracts: Sequence[str]) -> dict[str, Definition]:
    """acronym key → its definition, by majority over the library.

    An acronym that the library also writes as a lower-case word, in more than one paper in
    ten of those that write the acronym (VIEW, ZERO, HOP), is left out: folding it would fold
    the word too."""
    seen: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for text in abstracts:
        for match in definitions_in(text):
            acronym = match.group(2)
            expansion = expansion_of(match.group(1), acronym)
            if expansion and looks_like_acronym(acronym, expansion):
                seen[phrase_key(acronym)][(phrase_key(expansion), acronym)] += 1
                spellings[phrase_key(expansion)][expansion] += 1
    written = {acronym for counts in seen.values() for _, acronym in counts}
    words = {acronym.lower() for acronym in written}
    as_words: Counter[str] = Counter()
    as_acronyms: Counter[str] = Counter()
    for text in abstracts:
        as_words.update(words.intersection(LOWER_WORD.findall(text)))
        as_acronyms.update(written.intersection(WORD.findall(text)))
    found = {}
    for acronym_key, counts in sorted(seen.items()):
        expansion, acronym = sorted(counts.items(), key=lambda c: (-c[1], c[0]))[0][0]
        if as_words[acronym.lower()] > as_acronyms[acronym] / 10:
            continue
        spelled = sorted(spellings[expansion].items(), key=lambda c: (-c[1], c[0]))[0][0]
        found[acronym_key] = Definition(expansion, acronym, spelled)
    return found


def folded_key(key: str, definitions: Mapping[str, Definition]) -> str:
    """A key with acronyms replaced by what they stand for, also inside a longer phrase
    (multimodal LLM → multimodal large language model)."""
    if key in definitions:
        return definitions[key].expansion
    words = key.split()
    if len(words) == 1:
        return key
    found = [definitions.get(fold_word(w)) for w in words]
    if not any(found):
        return key
    return " ".join(w if d is None else d.expansion for w, d in zip(words, found, strict=True))


def canonical(
    candidates: Sequence[tuple[Keyword, ...]], definitions: Mapping[str, Definition]
) -> list[tuple[Keyword, ...]]:
    """Each paper's candidates with acronyms folded into the phrase they stand for."""
    out = []
    known: dict[str, str] = {}
    for keywords in candidates:
        folded: list[Keyword] = []
        keys: set[str] = set()
        for keyword in keywords:
            key = known.get(keyword.key)
            if key is None:
                key = known[keyword.key] = folded_key(keyword.key, definitions)
            if key not in keys:
                keys.add(key)
                folded.append(Keyword(key=key, text=keyword.text, reserve=keyword.reserve))
        out.append(tuple(folded))
    return out


def by_expansion(definitions: Mapping[str, Definition]) -> dict[str, list[Definition]]:
    """The definitions of each expansion key (one phrase may have two acronyms)."""
    found: dict[str, list[Definition]] = defaultdict(list)
    for definition in definitions.values():
        found[definition.expansion].append(definition)
    return {k: sorted(v) for k, v in found.items()}
