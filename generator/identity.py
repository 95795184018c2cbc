"""Which records are the same paper, and the URL each paper keeps for good."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata

from slugify import slugify

from generator.model import Paper

ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?$")
ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
MAX_SLUG = 80
# Names the listings use, and names Windows reserves: a paper never takes them bare.
RESERVED = frozenset({"index", "con", "prn", "aux", "nul", "com1", "lpt1"})


def arxiv_id(value: str) -> str:
    """`arXiv:2501.01234v2`, `https://arxiv.org/abs/2501.01234` → `2501.01234`; else ''."""
    value = value.strip()
    value = re.sub(r"^(arxiv:)", "", value, flags=re.I)
    value = re.sub(r"^https?://(www\.|export\.)?arxiv\.org/(abs|pdf)/", "", value, flags=re.I)
    value = re.sub(r"\.pdf$", "", value, flags=re.I)
    match = ARXIV_NEW.match(value) or ARXIV_OLD.match(value)
    return match.group(1) if match else ""


def normal_title(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[^\w]+", "", folded.replace("_", ""))


def paper_key(paper: Paper) -> str:
    """A paper's identity: its arXiv id, else its normalised title."""
    for value in (paper.id, paper.url, paper.pdf):
        found = arxiv_id(value)
        if found:
            return "arxiv:" + found
    return "title:" + normal_title(paper.title)


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def slug_for(key: str, words: str) -> str:
    """A file-system-safe, lower-case slug that depends on this paper alone.

    Where the readable slug would lose part of the identity (cut short, no letters, an
    id with a slash), a hash of the identity is appended so two papers never share a file.
    """
    readable = slugify(words, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    lossless = readable and readable.replace("-", "") == re.sub(r"[^a-z0-9]", "", key.split(":", 1)[1])
    if lossless and readable not in RESERVED:
        return readable
    return f"{readable}-{short_hash(key)}" if readable else f"paper-{short_hash(key)}"


def paper_slug(paper: Paper, key: str) -> str:
    if key.startswith("arxiv:"):
        # Dots never occur in title slugs, so an arXiv slug cannot meet one.
        return key.split(":", 1)[1].replace("/", ".").lower()
    return slug_for(key, paper.title)


def richer(a: str, b: str) -> str:
    return b if len(b) > len(a) else a


def merge_papers(first: Paper, second: Paper) -> Paper:
    """One paper from two copies of it: for each field the richer value wins."""
    return dataclasses.replace(
        first,
        title=richer(first.title, second.title),
        abstract=richer(first.abstract, second.abstract),
        id=first.id or second.id,
        authors=first.authors if len(first.authors) >= len(second.authors) else second.authors,
        date=first.date or second.date,
        url=first.url or second.url,
        pdf=first.pdf or second.pdf,
        categories=first.categories or second.categories,
    )


def merge_duplicates(papers: list[Paper]) -> tuple[dict[str, Paper], int]:
    """Papers by key, duplicates merged in input order; also how many records were merged."""
    by_key: dict[str, Paper] = {}
    merged = 0
    for paper in papers:
        key = paper_key(paper)
        if key in by_key:
            by_key[key] = merge_papers(by_key[key], paper)
            merged += 1
        else:
            by_key[key] = paper
    return by_key, merged
