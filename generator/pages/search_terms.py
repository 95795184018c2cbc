"""How text becomes the search index's terms, step for step as paper-search.js folds a query:
the functions here and there share their names (`words`, `joined`, `stems`), and
tests/test_search_terms.py runs both over the same text.

- `words`: runs of letters and digits, lower case, accents dropped.
- `joined`: a hyphenated term as one word too (*network-based* is also *networkbased*), and
  every run of two or more of its parts (*chain-of-visual-thought*: *visualthought*...), so
  a query that writes the term, or a part of it, with its hyphens finds it as a unit.
- `names`: each author's name as one word (*Yan Zhang*: *yanzhang*), so a query for a common
  name finds that author's papers first rather than papers with a Yan and a Zhang.
- `stems`: Snowball English, and an acronym's plural as the acronym (*LLMs*: *llm*; Snowball
  keeps an *s* after letters without a vowel). The browser stems a query word only when the
  index does not hold that written form: every form the library has is in the vocabulary
  with the stem given here.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Parts joined by a hyphen (U+002D, or U+2010 that the non-breaking U+2011 folds to).
# Tried only where a word begins, without backtracking into it: the plain pattern retried at
# every letter of every word, a third of the search index's time.
HYPHENATED = re.compile(r"(?<![^\W_])[^\W_]++(?:[-\u2010][^\W_]++)+")
MAX_JOINED_PARTS = 6  # longer chains are joined whole and in runs of up to this many
# A word that is an acronym's plural: two or more letters or digits without a vowel, then "s"
# (llms, cnns, 3ds), as ACRONYM_PLURAL in paper-search.js.
ACRONYM_PLURAL = re.compile(r"[^aeiouy]+[^aeiouys]s")


def folded(text: str) -> str:
    """Compatibility decomposition, marks dropped, lower case: as `folded` in paper-search.js."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(marks())
    return text.lower()


@functools.cache
def marks() -> dict[int, None]:
    """Every combining mark (Unicode category M), for str.translate to drop."""
    return {
        c: None for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)).startswith("M")
    }


def words(text: str) -> list[str]:
    """Lower-case words without accents: the same steps as `words` in paper-search.js."""
    return WORD.findall(folded(text))


def joined(text: str) -> list[str]:
    """Each hyphenated term of `text` written as one word, whole and in runs of its parts."""
    return folded_joined(folded(text))


def folded_joined(text: str) -> list[str]:
    return [word for term in HYPHENATED.findall(text) for word in joined_runs(term)]


def joined_runs(term: str) -> list[str]:
    """A hyphenated term whole, then each run of two or more of its parts, shortest first."""
    parts = WORD.findall(term)
    out = ["".join(parts)]
    for size in range(2, min(len(parts) - 1, MAX_JOINED_PARTS) + 1):
        out.extend("".join(parts[i : i + size]) for i in range(len(parts) - size + 1))
    return out


def joined_places(text: str) -> list[tuple[str, int]]:
    """`joined`, each with the place of its first part among the `words` of `text`: a title's
    *Test-Time Reasoning* has *testtime* where *test* is, and *reasoning* two places on."""
    text = folded(text)
    starts = [word.start() for word in WORD.finditer(text)]
    out = []
    for term in HYPHENATED.finditer(text):
        first = bisect.bisect_left(starts, term.start())
        runs = joined_runs(term.group())
        out.append((runs[0], first))
        parts = len(WORD.findall(term.group()))
        places = [
            first + i
            for size in range(2, min(parts - 1, MAX_JOINED_PARTS) + 1)
            for i in range(parts - size + 1)
        ]
        out.extend(zip(runs[1:], places, strict=True))
    return out


def names(authors: Iterable[str]) -> str:
    """Each author's name as one word, and first and last name as one where they differ
    (*Yan J. Zhang*: *yanjzhang* and *yanzhang*)."""
    out = []
    for author in authors:
        parts = words(author)
        if len(parts) > 1:
            out.append("".join(parts))
            if len(parts) > 2:
                out.append(parts[0] + parts[-1])
    return " ".join(out)


def terms(text: str) -> list[str]:
    """What the index holds of `text`: its words, then its hyphenated terms joined."""
    if not any(h in text for h in "-\u2010\u2011"):
        return words(text)
    text = folded(text)
    return WORD.findall(text) + folded_joined(text)


@functools.cache
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stems(written: list[str]) -> list[str]:
    """The Snowball English stem of each word: one stem stands for all of a word's forms,
    *LLMs* with *LLM* too."""
    found: list[str] = stemmer().stemWords(written)
    return [
        word[:-1] if ACRONYM_PLURAL.fullmatch(word) else stem
        for word, stem in zip(written, found, strict=True)
    ]
