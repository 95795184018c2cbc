"""The values that flow through the pipeline: plain, frozen, sorted where order matters."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem


@dataclass(frozen=True)
class Origin:
    """Where a record came from, so every message can point at it."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Paper:
    """One paper as read from input; text fields are raw until `clean` has run.

    `abstract` may be empty (a bibliography entry without one): the page then works from
    the title alone. `doi` is normalised (`10.…`, lower case); `tags` are a curator's themes
    and `note` a curator's comment; `bibtex` is the entry a BibTeX file gave for it, kept to
    cite from; `sources` names the file of every record merged into this paper, one a record.
    `listed` holds the days (`YYYY-MM-DD`) a daily listing showed the paper on: the Daily
    Papers list, or the arXiv day it was submitted; the home page opens on the newest of them.
    A text dump's header names its day without a year (`--07-29`) until the index stage finds
    one (`index.listing_days`). `upvotes` are Hugging Face's, as of the fetch (None where the
    record has none); `project` is the paper's project page.
    """

    title: str
    abstract: str
    origin: Origin
    id: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    url: str = ""
    pdf: str = ""
    categories: tuple[str, ...] = ()
    doi: str = ""
    code: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    bibtex: str = ""
    sources: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()
    upvotes: int | None = None
    project: str = ""


@dataclass(frozen=True)
class Keyword:
    """A keyphrase as shown (`text`) and as compared across papers (`key`).

    `reserve` marks a phrase that passed the filters only loosely (seen once in the text): it
    fills a short keyword list but never founds a theme.
    """

    key: str
    text: str
    reserve: bool = False


@dataclass(frozen=True)
class Theme:
    """A keyphrase that two or more papers share; `papers` holds paper keys, sorted."""

    key: str
    label: str
    slug: str
    papers: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """One related paper, with the themes that connect it, for the reader to see why."""

    paper: str
    score: float
    shared_themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A paper with everything the pages need: its URL slug, keywords, themes and links."""

    key: str
    slug: str
    paper: Paper
    keywords: tuple[Keyword, ...] = ()
    themes: tuple[str, ...] = ()
    related: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Index:
    """The whole library once every stage has run: entries and themes sorted by key."""

    entries: tuple[Entry, ...]
    themes: tuple[Theme, ...]
    # Addresses of themes a re-fit dropped: (slug, label, the slug of the theme that took
    # most of their papers, or "").
    retired: tuple[tuple[str, str, str], ...] = ()
    # Papers placed in the kept themes since the last fit (`index.daily`): the search index
    # holds their words apart until the next fit.
    added: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Named:
    """A theme name as the site owner wrote it, and where."""

    name: str
    origin: Origin

    def problem(self, message: str) -> Problem:
        return Problem(self.origin.file, self.origin.line, message)


@dataclass(frozen=True)
class ThemeOverrides:
    """The site owner's say over the themes (`themes.yml` beside the library): `rename`
    pairs a theme with its new name, `merge` a theme with those folded into it, `hide`
    removes themes, `pin` names phrases that are themes whatever the theme stage decides."""

    rename: tuple[tuple[Named, str], ...] = ()
    merge: tuple[tuple[Named, tuple[Named, ...]], ...] = ()
    hide: tuple[Named, ...] = ()
    pin: tuple[Named, ...] = ()
