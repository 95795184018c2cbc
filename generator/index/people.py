"""Which spellings of an author's name are one person: "H. Botha", "Botha, Hugo" and "Hugo
Botha" in one bibliography; "Val J. Lowe" and "Val Lowe".

Two spellings are one person when their names agree (the same family name; given names
equal, or one an initial of the other, a missing middle name allowed) and the library shows
it: they share a co-author, or come from the same small file (a researcher's own export,
whose every entry is theirs to spell). A short form that could be two people ("J. Li" beside
"Jun Li" and "Jie Li") stays as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

# A file this small is one person's or one lab's list: its spellings are of the same people.
SMALL_FILE = 500


def name_key(name: str) -> str:
    """The form two spellings of one name share: NFC, whitespace folded, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


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
    return re.sub(r"[^a-z]", "", family), tuple(re.findall(r"[a-z]+", given))


def agree(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Given names of one person: the first equal or an initial of the other, and each
    further name of the shorter list matched in order by a name or initial of the longer."""
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
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def fuller(parts: tuple[str, ...]) -> tuple[int, int]:
    """How much a spelling says: full given names, then letters."""
    return sum(len(p) > 1 for p in parts), sum(map(len, parts))


def same_people(
    papers: Sequence[Sequence[str]], files: Sequence[str], file_sizes: Mapping[str, int]
) -> dict[str, str]:
    """Each name key → the key of the fullest spelling of that person in the library.

    `papers` holds each paper's author names, `files` the file it came from."""
    coauthors: dict[str, set[str]] = defaultdict(set)
    small: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for names, file in zip(papers, files, strict=True):
        keys = {name_key(n) for n in names if name_key(n)}
        counts.update(keys)
        for key in keys:
            coauthors[key] |= keys - {key}
            if file_sizes.get(file, SMALL_FILE + 1) <= SMALL_FILE:
                small[key].add(file)
    by_family: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for key in sorted(coauthors):
        family, given = name_parts(key)
        if family and given:
            by_family[family].append((key, given))
    person = {key: key for key in coauthors}
    for key in sorted(coauthors):
        matches = []
        for family, given, turned in readings(key):
            matches += [
                other
                for other, other_given in by_family.get(family, [])
                if other != key
                and says_more(other_given, given, turned, counts[other] > counts[key])
                and agree(given, other_given)
                and (coauthors[key] & coauthors[other] or small[key] & small[other])
            ]
        fullest = {person_of(person, m) for m in matches} - {key}
        if len(fullest) == 1:
            person[key] = fullest.pop()
    return {key: person_of(person, key) for key in person}


def says_more(
    other: tuple[str, ...], given: tuple[str, ...], turned: bool, more_used: bool
) -> bool:
    """Whether a spelling is the one to merge into: fuller given names, or, for a name read
    turned, as full and more used ("Botha Hugo" into "Hugo Botha", not back)."""
    return fuller(other) > fuller(given) or (
        turned and fuller(other) == fuller(given) and more_used
    )


def readings(key: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """A name as "Given Family", and, without a comma, also as "Family Given" ("Botha
    Hugo"), marked as turned."""
    family, given = name_parts(key)
    found = [(family, given, False)] if family and given else []
    words = key.split()
    if "," not in key and len(words) > 1:
        turned_family, turned_given = name_parts(f"{words[0]}, {' '.join(words[1:])}")
        if turned_family and turned_given:
            found.append((turned_family, turned_given, True))
    return found


def person_of(person: Mapping[str, str], key: str) -> str:
    while person[key] != key:
        key = person[key]
    return key
