"""Which records are the same paper, and the URL each paper keeps for good."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from slugify import slugify

from generator.identifiers import identifiers, normal_doi, paper_arxiv
from generator.model import Paper

MAX_SLUG = 80
# Names the listings use, and names Windows reserves: a paper never takes them bare.
RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def slug_for(key: str, words: str) -> str:
    """A file-system-safe, lower-case slug that depends on this paper alone.

    Where the readable slug would lose part of the identity (cut short, no letters, an
    id with a slash), a hash of the identity is appended so two papers never share a file.
    """
    readable = slugify(words, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    body = key.partition(":")[2]
    lossless = readable and readable.replace("-", "") == body
    if lossless and readable not in RESERVED:
        return readable
    # slugify never writes "--", so a hashed slug cannot equal another paper's readable one.
    return f"{readable or 'paper'}--{short_hash(key)}"


def paper_slug(paper: Paper, key: str) -> str:
    if key.startswith("arxiv:"):
        # Dots never occur in title slugs, so an arXiv slug cannot meet one. Windows reads a
        # name by what comes before its first dot: an old-style "prn/0000000" is a device.
        slug = key.split(":", 1)[1].replace("/", ".").lower()
        return slug if slug.split(".")[0] not in RESERVED else f"arxiv-{slug}"
    return slug_for(key, paper.title)


def richer(a: str, b: str) -> str:
    return b if len(b) > len(a) else a


def record_files(paper: Paper) -> tuple[str, ...]:
    return paper.sources or (paper.origin.file,)


def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Both lists in order, each value once (case aside)."""
    kept: dict[str, str] = {}
    for value in a + b:
        kept.setdefault(value.casefold(), value)
    return tuple(kept.values())


def merge_papers(first: Paper, second: Paper) -> Paper:
    """One paper from two copies of it: for each field the richer value wins."""
    return dataclasses.replace(
        first,
        title=richer(first.title, second.title),
        abstract=richer(first.abstract, second.abstract),
        id=first.id or second.id,
        authors=first.authors if len(first.authors) >= len(second.authors) else second.authors,
        date=richer(first.date, second.date),
        url=first.url or second.url,
        pdf=first.pdf or second.pdf,
        categories=first.categories or second.categories,
        doi=first.doi or second.doi,
        code=first.code or second.code,
        tags=union(first.tags, second.tags),
        note=richer(first.note, second.note),
        bibtex=first.bibtex or second.bibtex,
        sources=record_files(first) + record_files(second),
        listed=tuple(sorted(set(first.listed) | set(second.listed))),
        upvotes=max((n for n in (first.upvotes, second.upvotes) if n is not None), default=None),
        project=first.project or second.project,
    )


TITLE_STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "in", "on", "with", "to", "and", "or", "by", "from", "via"}
)


def title_words(title: str) -> set[str]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKD", title).casefold())
    return {w for w in words if w not in TITLE_STOP_WORDS}


def same_work(a: str, b: str) -> bool:
    """Whether two titles can name one paper: at least half the words of the shorter shared.

    Only used where an id already matched: a journal version may reword its preprint's title,
    but an id on two unrelated titles is a slip in the input (a copied `arxiv` field).
    """
    words_a, words_b = title_words(a), title_words(b)
    if not words_a or not words_b:
        return True
    return 2 * len(words_a & words_b) >= min(len(words_a), len(words_b))


def conflicting(a: str, b: str) -> bool:
    return bool(a and b and a != b)


def fits(group: Paper, paper: Paper, by: str) -> bool:
    """May `paper` join `group`, found through the key kind `by` (arxiv, doi or title)?"""
    if by == "title":
        # Same title is not enough when the ids say these are two papers.
        return not conflicting(paper_arxiv(group), paper_arxiv(paper)) and not conflicting(
            normal_doi(group.doi), normal_doi(paper.doi)
        )
    if by == "doi" and conflicting(paper_arxiv(group), paper_arxiv(paper)):
        return False
    return same_work(group.title, paper.title)


def group_keys(groups: list[Paper]) -> list[str]:
    """A distinct key per group: its strongest identifier no earlier group has taken."""
    taken: set[str] = set()
    keys: list[str] = []
    for group in groups:
        free = [k for k in identifiers(group) if k not in taken]
        key = free[0] if free else f"{identifiers(group)[-1]}~{len(keys)}"
        taken.add(key)
        keys.append(key)
    return keys


def merge_duplicates(papers: list[Paper]) -> tuple[dict[str, Paper], int]:
    """Papers by key, duplicates merged in input order; also how many records were merged.

    Records are one paper when they share an arXiv id or a DOI (and their titles agree), or
    have the same normalised title and no id that tells them apart. Titles are compared
    exactly, never by similarity, so two different papers never merge for looking alike.
    """
    groups: list[Paper] = []
    owners: dict[str, list[int]] = {}
    for paper in papers:
        keys = identifiers(paper)
        candidates = ((g, key.split(":", 1)[0]) for key in keys for g in owners.get(key, []))
        found = next((g for g, by in candidates if fits(groups[g], paper, by)), None)
        if found is None:
            found = len(groups)
            groups.append(dataclasses.replace(paper, sources=record_files(paper)))
        else:
            groups[found] = merge_papers(groups[found], paper)
        for key in identifiers(groups[found]):
            if found not in owners.setdefault(key, []):
                owners[key].append(found)
    by_key = dict(zip(group_keys(groups), groups, strict=True))
    return by_key, len(papers) - len(groups)


def merges_by_files(papers: Iterable[Paper]) -> tuple[tuple[tuple[str, ...], int], ...]:
    """How many duplicate records were merged, by the set of files they came from, sorted."""
    counts: Counter[tuple[str, ...]] = Counter()
    for paper in papers:
        if len(paper.sources) > 1:
            counts[tuple(sorted(set(paper.sources)))] += len(paper.sources) - 1
    return tuple(sorted(counts.items()))


def shared_ids(papers: Iterable[Paper]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Ids that more than one paper carries (kept apart for their titles), with the titles."""
    titles: dict[str, list[str]] = {}
    for paper in papers:
        for key in identifiers(paper)[:-1]:
            titles.setdefault(key, []).append(paper.title)
    return tuple((k, tuple(t)) for k, t in sorted(titles.items()) if len(t) > 1)
