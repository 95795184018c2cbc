"""Which spellings of an author's name are one person: "H. Botha", "Botha, Hugo" and "Hugo
Botha" in one bibliography; "Val J. Lowe" and "Val Lowe".

Two spellings are one person when their names agree (the same family name; given names
equal, or one an initial of the other, a missing middle name allowed) and the library shows
it: they share a co-author, or come from the same small file (a researcher's own export,
whose every entry is theirs to spell). A short form that could be two people ("J. Li" beside
"Jun Li" and "Jie Li") stays as it is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# A file this small is one person's or one lab's list: its spellings are of the same people.
SMALL_FILE = 500


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The form two spellings of one name share: NFC, whitespace folded, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@lru_cache(maxsize=1 << 18)
def name_parts(name: str) -> tuple[str, tuple[str, ...]]:
    """Family name and given names, accents and case folded: "Müller, Hans-Peter" and
    "Hans-Peter Müller" both give ("muller", ("hans", "peter"))."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    if "," in folded:
        family, given = folded.split(",", 1)
    else:
        words = folded.split()
        family, given = (words[-1] if words else ""), " ".join(words[:-1])
    # A hyphenated given name is one name: "Wei-Chi" is not "Wei" with a middle name.
    names = re.findall(r"[a-z]+(?:-[a-z]+)*", given)
    return re.sub(r"[^a-z]", "", family), tuple(n.replace("-", "") for n in names)


def agree(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Given names `short` can be the person `full` names: the first equal or its initial,
    and each further name of `short` matched in order by one of `full`."""
    if not short or not full:
        return False
    at = 0
    for i, part in enumerate(short):
        while at < len(full) and not same_name(part, full[at]):
            if i == 0:
                return False
            at += 1
        if at == len(full):
            return False
        at += 1
    return True


def same_name(a: str, b: str) -> bool:
    """`a` says no more than `b`: the same name, or its initial ("j" of "jun"; not "jun" of
    "j": "Jun Zhang" is not merged into "J. Andrew Zhang")."""
    return a == b or (len(a) == 1 and b.startswith(a))


def fuller(parts: tuple[str, ...]) -> tuple[int, int]:
    """How much a spelling says: full given names, then letters."""
    return sum(len(p) > 1 for p in parts), sum(map(len, parts))


def same_people(
    papers: Sequence[Sequence[str]], files: Sequence[str], file_sizes: Mapping[str, int]
) -> dict[str, str]:
    """Each name key → the key of the fullest spelling of that person in the library.

    `papers` holds each paper's author names, `files` the file it came from. The work grows
    with the names and the spellings that could agree, not with the square of a paper's
    authors: a 10,000-author paper costs 10,000 names."""
    names_of: list[frozenset[str]] = []
    papers_of: dict[str, list[int]] = defaultdict(list)
    small: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for number, (names, file) in enumerate(zip(papers, files, strict=True)):
        keys = frozenset(map(name_key, names)) - {""}
        names_of.append(keys)
        counts.update(keys)
        for key in keys:
            papers_of[key].append(number)
            if file_sizes.get(file, SMALL_FILE + 1) <= SMALL_FILE:
                small[key].add(file)

    def share_a_coauthor(key: str, other: str) -> bool:
        theirs = frozenset().union(*(names_of[n] for n in papers_of[other]))
        return any(
            name in theirs and name not in (key, other)
            for n in papers_of[key]
            for name in names_of[n]
        )

    groups = spellings_by_initial(sorted(papers_of), counts)
    person = {key: key for key in papers_of}
    for key in sorted(papers_of):
        matches = []
        for family, given, turned in readings(key, bool(small[key])):
            for other, other_given in fuller_spellings(
                groups.get((family, given[0][0])), (fuller(given), counts[key]), turned
            ):
                if (
                    other != key
                    and agree(given, other_given)
                    and (small[key] & small[other] or share_a_coauthor(key, other))
                ):
                    matches.append(other)
        fullest = {person_of(person, m) for m in matches} - {key}
        if len(fullest) == 1:
            person[key] = fullest.pop()
    return {key: person_of(person, key) for key in person}


@dataclass(frozen=True)
class SpellingGroup:
    """The spellings that share a family name and a first initial, from the one that says
    least (`fuller`), then the least used, to the one that says most: only those are
    compared (a large library has thousands of Wangs, a few hundred J. Wangs)."""

    spellings: tuple[tuple[str, tuple[str, ...]], ...]
    ranks: tuple[tuple[tuple[int, int], int], ...]


def spellings_by_initial(
    keys: Sequence[str], counts: Mapping[str, int]
) -> dict[tuple[str, str], SpellingGroup]:
    grouped: dict[tuple[str, str], list[tuple[tuple[int, int], int, str, tuple[str, ...]]]] = (
        defaultdict(list)
    )
    for key in keys:
        family, given = name_parts(key)
        if family and given:
            grouped[family, given[0][0]].append((fuller(given), counts[key], key, given))
    return {
        initial: SpellingGroup(
            tuple((key, given) for _, _, key, given in sorted(found)),
            tuple((says, used) for says, used, _, _ in sorted(found)),
        )
        for initial, found in grouped.items()
    }


def fuller_spellings(
    group: SpellingGroup | None, rank: tuple[tuple[int, int], int], turned: bool
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The spellings of `group` a spelling of `rank` could be a short form of: those that
    say more, or, for a turned reading, as much and are used more often."""
    if group is None:
        return ()
    says, used = rank
    start = bisect_right(group.ranks, (says, used) if turned else (says, math.inf))
    return group.spellings[start:]


def readings(key: str, listed: bool) -> list[tuple[str, tuple[str, ...], bool]]:
    """A name as "Given Family", and, in a small file (`listed`) without a comma, also as
    "Family Given" ("Botha Hugo"), marked as turned: in a large library "Chen Xu" and "Xu
    Chen" are two people."""
    family, given = name_parts(key)
    found = [(family, given, False)] if family and given else []
    words = key.split()
    if listed and "," not in key and len(words) > 1:
        turned_family, turned_given = name_parts(f"{words[0]}, {' '.join(words[1:])}")
        if turned_family and turned_given:
            found.append((turned_family, turned_given, True))
    return found


def person_of(person: Mapping[str, str], key: str) -> str:
    while person[key] != key:
        key = person[key]
    return key
