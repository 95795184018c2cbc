"""Authors: an A–Z index and a page each (every author in a library of up to
`EVERY_AUTHOR` papers, those with two or more papers above). Pure.

Names are grouped by a normal form (Unicode NFC, single spaces, case folded) so `Jane  Doe`
and `jane doe` are one author, and spellings of one person (`H. Botha`, `Hugo Botha`) are
merged where the library shows it (`index.people`); pages show the fullest spelling.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from slugify import slugify

from generator.dates import PaperDate, parse_date
from generator.index.identity import RESERVED, short_hash
from generator.index.people import name_key, same_people
from generator.model import Entry
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.listing import paper_item, relative
from generator.scale import pages_threshold

MIN_PAPERS = 2
# Up to this many papers (a reading list, a lab's bibliography, weeks of daily lists) every
# author has a page; above it, the pages would outweigh the papers'.
EVERY_AUTHOR = 2_000
AUTHORS = "authors/index.md"
MAX_SLUG = 60


@dataclass(frozen=True)
class Author:
    """One author as shown (`name`), grouped (`key`) and paged (`slug`); paper keys sorted."""

    key: str
    name: str
    slug: str
    papers: tuple[str, ...]
    # Every spelling's `author_key`: all link to this page.
    spellings: tuple[str, ...] = ()


author_key = name_key


def family_name(name: str) -> str:
    """`Müller, Hans` and `Hans Müller` both give `Müller`."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.split()[-1] if name.split() else ""


def sort_key(author: Author) -> tuple[str, str, str]:
    return (author_key(family_name(author.name)), author_key(author.name), author.key)


def letter(author: Author) -> str:
    """The A–Z heading: the family name's first letter without accents, else `#`."""
    first = unicodedata.normalize("NFKD", family_name(author.name))[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def author_slug(key: str, name: str, taken: set[str]) -> str:
    """A readable slug; a hash of the key is added where two authors would share one."""
    readable = slugify(name, max_length=MAX_SLUG, word_boundary=True)
    # `index` is the listing; `nul`, `com3` and the like are devices on Windows.
    slug = readable if readable and readable not in RESERVED else f"author-{short_hash(key)}"
    if slug in taken:
        slug = f"{slug}-{short_hash(key)}"
    taken.add(slug)
    return slug


def index_authors(entries: Sequence[Entry]) -> tuple[Author, ...]:
    """Every person with `MIN_PAPERS` or more papers (every one, in a library of up to
    `EVERY_AUTHOR` papers), their spellings merged (`index.people`), sorted by family name."""
    files = [e.paper.sources[0] if e.paper.sources else e.paper.origin.file for e in entries]
    person = same_people([e.paper.authors for e in entries], files, Counter(files))
    papers: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    # Names a paper page shows (the first `caps.MAX_AUTHORS`): a paper with 10,000 authors
    # makes no 10,000 pages.
    shown: set[str] = set()
    for entry in entries:
        for name in entry.paper.authors:
            key = author_key(name)
            if key:
                papers[person[key]].add(entry.key)
                spellings[person[key]][" ".join(name.split())] += 1
        shown.update(
            person[k] for k in map(author_key, caps.shown_authors(entry.paper.authors)[0]) if k
        )
    least = pages_threshold(len(entries), MIN_PAPERS)
    every = len(entries) <= EVERY_AUTHOR
    many = sorted(k for k, found in papers.items() if len(found) >= least or (every and k in shown))
    taken: set[str] = set()
    found: list[Author] = []
    for key in many:
        # The fullest spelling, then the most used: "Hugo Botha", not "H. Botha".
        name = min(spellings[key], key=lambda n: (author_key(n) != key, -spellings[key][n], n))
        names = tuple(sorted({author_key(n) for n in spellings[key]}))
        slug = author_slug(key, name, taken)
        found.append(Author(key, name, slug, tuple(sorted(papers[key])), names))
    return tuple(sorted(found, key=sort_key))


def author_path(author: Author) -> str:
    return f"authors/{author.slug}.md"


def author_line(names: Sequence[str], authors: Mapping[str, Author], here: str) -> str:
    """A paper's authors as written, in HTML; those with a page of their own link to it."""
    shown = []
    for name in names:
        author = authors.get(author_key(name))
        target = md.published(here, author_path(author)) if author else ""
        shown.append(md.html_link(name, target) if target else md.html_text(name))
    return ", ".join(shown)


def author_page(author: Author, entries: Mapping[str, Entry]) -> str:
    here = author_path(author)
    listed = sorted((entries[k] for k in author.papers), key=lambda e: (e.paper.title.casefold(),))
    dates = {e.key: parse_date(e.paper.date) for e in listed}
    # Newest first, the undated last; the sort is stable, so ties stay A-Z by title.
    listed.sort(key=lambda e: dates[e.key] or PaperDate(0), reverse=True)
    notes = {k: d.shown() if d else "" for k, d in dates.items()}
    return "\n".join(
        [
            md.title_matter(author.name),
            f"# {md.text(author.name)}\n",
            f"{len(listed)} {'paper' if len(listed) == 1 else 'papers'} in this index, "
            "newest first. "
            f"[All authors]({relative(here, AUTHORS)})\n",
            md.list_block(paper_item(e, here, notes[e.key]) for e in listed),
        ]
    )


def authors_index(authors: Sequence[Author]) -> str:
    out = [
        md.title_matter("Authors"),
        "# Authors\n",
        f"{len(authors)} authors with {min(len(a.papers) for a in authors)} or more papers "
        "in this index, "
        "A–Z by family name.\n",
    ]
    groups: dict[str, list[Author]] = defaultdict(list)
    for author in authors:
        groups[letter(author)].append(author)
    for heading in sorted(groups, key=lambda h: (h == "#", h)):
        out.append(f"## {md.text(heading)}\n")
        items = groups[heading]
        out.append(
            "\n".join(
                f"- {md.link(a.name, relative(AUTHORS, author_path(a)))} ({len(a.papers)})"
                for a in items
            )
            + "\n"
        )
    return "\n".join(out)


def author_pages(authors: Sequence[Author], entries: Sequence[Entry]) -> dict[str, str]:
    """The index and a page per author, or nothing when no author has two papers here."""
    if not authors:
        return {}
    by_key = {e.key: e for e in entries}
    pages = {author_path(a): author_page(a, by_key) for a in authors}
    pages[AUTHORS] = authors_index(authors)
    return pages
