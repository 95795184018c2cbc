"""Themes: keyphrases that several papers share, with variants and acronyms merged."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from generator.identity import slug_for
from generator.keywords import FUNCTION_WORDS, phrase_key
from generator.model import Keyword, Theme
from generator.scale import pages_threshold

DEFINITION = re.compile(r"((?:[A-Za-z][\w'-]*\s+){1,8})\(([A-Z][A-Za-z0-9-]*?[A-Z0-9]?)s?\)")
# The parenthesis a definition ends with. Searching for DEFINITION only in the few hundred
# characters before each of these, rather than from every position of every abstract, made
# the themes stage four times faster at 35,000 papers.
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]*?[A-Z0-9]?)s?\)")
# How far before its parenthesis a definition's (at most eight) words may start.
LOOKBACK = 400


@dataclass(frozen=True)
class ThemeSettings:
    min_papers: int = 2
    # A key in more than this share of papers (and more than `floor` papers) says nothing
    # about any one of them.
    max_share: float = 0.15
    floor: int = 30
    shown_per_paper: int = 8


def expansion_of(words: str, acronym: str) -> str:
    """The words an acronym abbreviates, if their initials spell it (LoRA ← Low-Rank Adaptation)."""
    letters = [c.lower() for c in acronym if c.isupper()]
    tokens = [t for t in re.split(r"[\s-]+", words.strip()) if t]
    picked: list[str] = []
    content_words = 0
    for token in reversed(tokens):
        if content_words == len(letters):
            break
        picked.append(token)
        if token.lower() not in FUNCTION_WORDS:
            content_words += 1
    content = [t for t in reversed(picked) if t.lower() not in FUNCTION_WORDS]
    if len(letters) < 2 or [t[0].lower() for t in content] != letters:
        return ""
    start = words.lower().rfind(content[0].lower())
    return words[start:].strip()


def definitions_in(text: str) -> Iterator[re.Match[str]]:
    """`DEFINITION.finditer(text)`, searching only just before each acronym in parentheses."""
    done = 0
    for paren in ACRONYM.finditer(text):
        if paren.start() < done:
            continue
        match = DEFINITION.search(text, max(done, paren.start() - LOOKBACK), paren.end())
        if match:
            done = match.end()
            yield match


def acronym_definitions(abstracts: Sequence[str]) -> dict[str, tuple[str, str]]:
    """acronym key → (expansion key, acronym as written), by majority over the library."""
    seen: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for text in abstracts:
        for match in definitions_in(text):
            acronym = match.group(2)
            expansion = expansion_of(match.group(1), acronym)
            if expansion:
                seen[phrase_key(acronym)][(phrase_key(expansion), acronym)] += 1
    return {acr: counts.most_common(1)[0][0] for acr, counts in sorted(seen.items())}


def canonical(
    candidates: Sequence[tuple[Keyword, ...]], definitions: Mapping[str, tuple[str, str]]
) -> list[tuple[Keyword, ...]]:
    """Each paper's candidates with acronyms folded into the phrase they stand for."""
    out = []
    for keywords in candidates:
        folded: list[Keyword] = []
        keys: set[str] = set()
        for keyword in keywords:
            key = definitions[keyword.key][0] if keyword.key in definitions else keyword.key
            if key not in keys:
                keys.add(key)
                folded.append(Keyword(key=key, text=keyword.text, reserve=keyword.reserve))
        out.append(tuple(folded))
    return out


def generic_keys(
    candidates: Sequence[tuple[Keyword, ...]], settings: ThemeSettings
) -> frozenset[str]:
    df = Counter(k.key for keywords in candidates for k in keywords if not k.reserve)
    limit = max(settings.max_share * len(candidates), settings.floor)
    return frozenset(key for key, n in df.items() if n > limit)


def acronyms_by_expansion(definitions: Mapping[str, tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for expansion, written in definitions.values():
        found[expansion].append(written)
    return {k: sorted(v) for k, v in found.items()}


def theme_label(key: str, texts: Counter[str], acronyms_of: Mapping[str, list[str]]) -> str:
    """The most used surface form, with its acronym if it has one: `low-rank adaptation (LoRA)`."""
    spelled_out = {text: n for text, n in texts.items() if phrase_key(text) == key} or texts
    label = sorted(spelled_out.items(), key=lambda t: (-t[1], t[0]))[0][0]
    acronyms = acronyms_of.get(key, [])
    if acronyms and phrase_key(label) != phrase_key(acronyms[0]):
        return f"{label} ({acronyms[0]})"
    if acronyms:
        return acronyms[0]
    return label


def subsumed(
    members: Mapping[str, frozenset[str]],
    every: Mapping[str, frozenset[str]] | None = None,
    share: float = 0.8,
) -> set[str]:
    """Fragments: keys whose papers mostly carry a longer key containing them
    (`large language` inside `large language model`), theme or not."""
    every = every if every is not None else members
    longer_by_part: dict[str, list[str]] = defaultdict(list)
    for key in every:
        words = key.split()
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                longer_by_part[" ".join(words[start : start + size])].append(key)
    return {
        key
        for key, papers in members.items()
        if any(
            len(papers & every[longer]) >= share * len(papers)
            for longer in longer_by_part.get(key, ())
        )
    }


def build_themes(
    paper_keys: Sequence[str],
    candidates: Sequence[tuple[Keyword, ...]],
    definitions: Mapping[str, tuple[str, str]],
    settings: ThemeSettings,
) -> tuple[tuple[Theme, ...], list[tuple[str, ...]]]:
    """All themes sorted by key, and each paper's theme keys in its own rank order."""
    generic = generic_keys(candidates, settings)
    papers_of: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    for paper, keywords in zip(paper_keys, candidates, strict=True):
        for keyword in keywords:
            if not keyword.reserve:
                papers_of[keyword.key].add(paper)
                texts[keyword.key][keyword.text] += 1
    least = pages_threshold(len(paper_keys), settings.min_papers)
    every = {k: frozenset(v) for k, v in papers_of.items() if len(v) >= least}
    members = {k: v for k, v in every.items() if k not in generic}
    for key in subsumed(members, every):
        del members[key]
    acronyms_of = acronyms_by_expansion(definitions)
    themes = tuple(
        Theme(
            key=key,
            label=theme_label(key, texts[key], acronyms_of),
            slug=slug_for("theme:" + key.replace(" ", ""), key),
            papers=tuple(sorted(members[key])),
        )
        for key in sorted(members)
    )
    per_paper = [tuple(k.key for k in keywords if k.key in members) for keywords in candidates]
    return themes, per_paper
