"""The search index: static files under search/ that the header's search box reads
(overrides/assets/javascripts/paper-search.js). Made from each paper's title, authors,
abstract as shown, keywords, themes, tags, note and year.

Why not a search engine over the built HTML: Pagefind read 35,000 pages again on every build
(43 s) whatever changed, in one process of 4.7 GB. This index is made from the library in the
pages stage, and its files are generated pages like the others: unchanged files keep their
bytes, so a daily build rewrites only what the day changed.

- `search/index.md`: the search page, whose address holds a query (search/?q=...).
- `search/index.json.gz`: how many papers, the years of their numbers, where each range of
  the vocabulary is, and how many papers a result file holds. Compressed like the files
  below: fetched as the reader starts typing, 41 KB as plain JSON at 35,000 papers, 16 KB
  gzipped.
- `search/w-<hash>.json.gz`: a range of the sorted words and stems (the words as they are
  written, each pointing at its stem) with the postings of those stems: paper numbers, and
  for each a BM25F weight and the stem's first place in the title (`weights`). A query
  fetches only the ranges its words fall in; they are compressed by hand, because a static
  host may not, and the browser inflates them (DecompressionStream).
- `search/t-<hash>.json.gz`: the themes, most papers first, and each paper's themes by
  their numbers: the theme filter offers the themes of all of a search's results from it,
  and keeps the results of one. Fetched only when a reader reaches for the filters (0.3 MB
  at 35,000 papers).
- `search/p/<b>.json.gz`: for papers 4b to 4b + 3, title, address, year, day, first authors,
  themes and abstract, for their results. Grouped: a file a paper was 35,000 files at 35,000
  papers, each linked, copied and removed again on every build; 8 a file made the ten results
  of a query fetch 40 KB, mostly of papers not shown.

Papers are numbered oldest first, those the last fit measured before those added since, so a
day's new papers take new numbers and the files of the papers before them stay as they were.
Words are folded and stemmed as search_terms.py says, the same steps paper-search.js takes
with a query.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from generator.model import Entry, Index
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.citations import year_of
from generator.pages.listing import paper_path
from generator.pages.search_terms import joined_places, names, stems, terms, words

FOLDER = "search"
# Weight of a word by where it stands, as the paper page stresses it; `names` are the
# authors' names written as one word each (search_terms.names).
FIELD_WEIGHTS = {
    "title": 7,
    "keywords": 5,
    "themes": 3,
    "authors": 3,
    "names": 3,
    "tags": 3,
    "abstract": 1,
}
# BM25F's length normalisation per field (b): a word in a long abstract counts for less than
# in a short one; titles, keyword lists and names vary little in length and meaning.
LENGTH_NORMS = {
    "title": 0.3,
    "keywords": 0.3,
    "themes": 0.3,
    "authors": 0.5,
    "names": 0.5,
    "tags": 0.3,
    "abstract": 0.75,
}
SATURATION = 1.5  # BM25F's k1: how soon repeats stop adding
WEIGHT_SCALE = 100  # a posting's weight, in [0, 1), stored as an integer below this
# Title words whose place is kept, for phrases (longer titles: the first); a hyphenated
# term joined (*testtime*) has the place of its first part.
TITLE_PLACES = 40
AUTHORS_SHOWN = 3  # in a result, before "et al."
CHUNK_BYTES = 40_000  # postings and words per range file, before compression
HASH_CHARS = 12
TABLE = "index.json.gz"  # the one file of a fixed name: paper-search.js starts from it
RESULTS_PER_FILE = 4  # papers a result file holds; index.json.gz tells paper-search.js

Postings = dict[str, np.ndarray]  # by stem: `interleaved` papers and values


@dataclass(frozen=True)
class Document:
    """What the index knows of one paper."""

    url: str
    title: str
    year: str
    day: str
    authors: tuple[str, ...]
    themes: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (field, text), weighed by FIELD_WEIGHTS
    abstract: str


def document(entry: Entry, theme_labels: dict[str, str]) -> Document:
    paper = entry.paper
    abstract, _ = caps.shown_abstract(paper.abstract)
    themes = tuple(theme_labels[t] for t in entry.themes)
    fields = (
        ("title", paper.title),
        ("authors", " ".join(paper.authors)),
        ("names", names(paper.authors)),
        ("keywords", " ".join(k.text for k in entry.keywords)),
        ("themes", " ".join(themes)),
        ("tags", " ".join(paper.tags)),
        ("abstract", abstract),
        ("abstract", paper.note),
    )
    url = md.published("index.md", paper_path(entry))
    day = max(paper.listed) if paper.listed else paper.date
    return Document(
        url, paper.title, year_of(paper.date), day, paper.authors, themes, fields, abstract
    )


def oldest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Undated papers first, then by date, then by address: a day's papers come last."""
    return sorted(entries, key=lambda e: (e.paper.date, e.slug))


@dataclass(frozen=True)
class Occurrences:
    """Every term of every field as numbers: `found` the terms, one run per (paper, field)
    of `lengths[i]` terms; and the first places of the title's words."""

    vocabulary: list[str]
    found: np.ndarray
    owners: np.ndarray
    fields: np.ndarray
    lengths: np.ndarray
    title_papers: np.ndarray
    title_words: np.ndarray
    title_places: np.ndarray


def occurrences(docs: list[Document]) -> Occurrences:
    """Words are numbered as they are read, not kept: 8 million strings were 0.5 GB."""
    number_of: dict[str, int] = {}
    found, owners, fields, lengths = array("q"), array("q"), array("q"), array("q")
    title_papers, title_words, title_places = array("q"), array("q"), array("q")
    field_number = {f: i for i, f in enumerate(FIELD_WEIGHTS)}
    for number, doc in enumerate(docs):
        for field, text in doc.fields:
            written = terms(text)
            found.extend([number_of.setdefault(w, len(number_of)) for w in written])
            owners.append(number)
            fields.append(field_number[field])
            lengths.append(len(written))
            if field == "title":
                placed = [*enumerate(words(text)), *((i, w) for w, i in joined_places(text))]
                placed = [(i, w) for i, w in placed if i < TITLE_PLACES]
                title_papers.extend([number] * len(placed))
                title_words.extend([number_of[w] for _, w in placed])
                title_places.extend([i for i, _ in placed])
    as_numbers = [
        np.frombuffer(a, np.int64) if len(a) else np.zeros(0, np.int64)
        for a in (found, owners, fields, lengths, title_papers, title_words, title_places)
    ]
    return Occurrences(list(number_of), *as_numbers)


@dataclass(frozen=True)
class Weighed:
    """The words and postings of some papers, numbered from `first`, and the mean length of
    each field they were weighed against."""

    stems: dict[str, str]
    postings: Postings
    mean_lengths: np.ndarray


def weights(
    docs: list[Document], first: int = 0, mean_lengths: np.ndarray | None = None
) -> Weighed:
    """Each written word's stem, and each stem's papers with a value for each: the stem's
    BM25F weight in the paper, tf / (k1 + tf) with tf summed over the fields, each repeat
    weighed by the field's weight and the field's length against its mean (Robertson and
    Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), as an integer
    below WEIGHT_SCALE; plus WEIGHT_SCALE times 1 + the stem's first place in the title, if
    it is there. The browser multiplies the weight by the stem's rarity (idf), so a word
    said in every field of a paper no longer counts many times over. Array work: a Python
    loop over the 8 million words of 35,000 papers took 11 s."""
    seen = occurrences(docs)
    stem = dict(zip(seen.vocabulary, stems(seen.vocabulary), strict=True))
    stem_list = sorted(set(stem.values()))
    stem_number = {s: i for i, s in enumerate(stem_list)}
    word_stem = np.array([stem_number[stem[w]] for w in seen.vocabulary], np.int64)
    n, kinds = len(docs), len(FIELD_WEIGHTS)
    runs = seen.lengths
    papers = np.repeat(seen.owners, runs)
    key = (word_stem[seen.found] * n + papers) * kinds + np.repeat(seen.fields, runs)
    triples, repeats = np.unique(key, return_counts=True)
    field_length = np.bincount(
        seen.owners * kinds + seen.fields, weights=runs, minlength=n * kinds
    ).reshape(n, kinds)
    if mean_lengths is None:
        present = np.maximum((field_length > 0).sum(axis=0), 1)
        mean_lengths = np.maximum(field_length.sum(axis=0) / present, 1)
    field = triples % kinds
    paper = (triples // kinds) % n
    b = np.array(list(LENGTH_NORMS.values()), np.float64)[field]
    norm = 1 - b + b * field_length[paper, field] / mean_lengths[field]
    weighed = np.array(list(FIELD_WEIGHTS.values()), np.float64)[field] * repeats / norm
    pairs, starts = np.unique(triples // kinds, return_index=True)
    tf = np.add.reduceat(weighed, starts)
    weight = np.clip(np.round(WEIGHT_SCALE * tf / (SATURATION + tf)), 1, WEIGHT_SCALE - 1)
    value = weight.astype(np.int64) + WEIGHT_SCALE * first_places(seen, word_stem, pairs, n)
    stem_of, paper_of = np.divmod(pairs, n)
    starts = np.flatnonzero(np.diff(stem_of, prepend=-1))
    ends = np.append(starts[1:], len(pairs))
    both = interleaved(paper_of + first, value, starts)
    postings = {
        stem_list[stem_of[i]]: both[2 * i : 2 * j] for i, j in zip(starts, ends, strict=True)
    }
    return Weighed(stem, postings, mean_lengths)


def first_places(seen: Occurrences, word_stem: np.ndarray, pairs: np.ndarray, n: int) -> np.ndarray:
    """For each (stem, paper) of `pairs`, 1 + the stem's first place in the title, or 0."""
    places = np.zeros(len(pairs), np.int64)
    if not len(seen.title_words):
        return places
    key = word_stem[seen.title_words] * n + seen.title_papers
    order = np.lexsort((seen.title_places, key))
    keys, first = np.unique(key[order], return_index=True)
    places[np.searchsorted(pairs, keys)] = seen.title_places[order][first] + 1
    return places


def interleaved(papers: np.ndarray, weight: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """[first paper, value, gap to the next paper, value, ...] for each run of papers that
    begins at one of `starts`: short numbers in JSON."""
    gaps = np.diff(papers, prepend=0)
    gaps[starts] = papers[starts]
    out = np.empty(2 * len(papers), np.int64)
    out[0::2] = gaps
    out[1::2] = weight
    return out


def utf16(text: str) -> bytes:
    """The order JavaScript compares strings in (UTF-16 code units), for its binary search."""
    return text.encode("utf-16-be")


def packed(data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def ranges(
    vocabulary: dict[str, str], postings: Postings
) -> Iterator[tuple[str, str, dict[str, str], dict[str, list[int]]]]:
    """The words and stems in one order, cut into ranges of about CHUNK_BYTES: each range's
    first and last key, its words with their stems, and the postings of those stems and of
    the stems that sort within it, so that a stem the browser made of a query word is found
    where it sorts (postings are repeated where a stem's words straddle two ranges).

    A range is cut only before a key that brings postings it does not hold: the forms of a
    stem, which sort together, stay in one range with its postings once. Cut after each key,
    the ten forms of "generat" (15,000 papers) were ten ranges of 26 KB holding the same
    postings, and the query word "generation", which matches the longer words it begins,
    fetched five of them."""
    words_here: dict[str, str] = {}
    stems_here: dict[str, list[int]] = {}
    first, last, size = "", "", 0
    for key in sorted(vocabulary.keys() | postings.keys(), key=utf16):
        needs = {stem for stem in (vocabulary.get(key), key) if stem in postings}
        if size >= CHUNK_BYTES and not needs <= stems_here.keys():
            yield first, last, words_here, stems_here
            words_here, stems_here, first, size = {}, {}, "", 0
        first, last = first or key, key
        for stem in sorted(needs - stems_here.keys()):
            stems_here[stem] = postings[stem].tolist()
            size += 3 * len(stems_here[stem]) + len(stem)
        if key in vocabulary:
            words_here[key] = vocabulary[key]
            size += len(key) + len(vocabulary[key]) + 6
    if first:
        yield first, last, words_here, stems_here


def separator(before: str, first: str) -> str:
    """The shortest start of `first` that sorts after `before`: all a range's entry in
    index.json.gz needs to say where it begins."""
    for end in range(1, len(first) + 1):
        if utf16(first[:end]) > utf16(before):
            return first[:end]
    return first


def range_files(
    prefix: str, vocabulary: dict[str, str], postings: Postings
) -> tuple[list[str], dict[str, bytes]]:
    """The range files, named by a hash of their content (a browser never mixes a new index
    with an old cached range), and index.json.gz's table: where each range begins, and its name."""
    table: list[str] = []
    files = {}
    last = ""
    for first, final, words_here, stems_here in ranges(vocabulary, postings):
        content = packed({"words": words_here, "stems": stems_here})
        name = hashlib.sha256(content).hexdigest()[:HASH_CHARS]
        table += [separator(last, first) if table else "", name]
        last = final
        files[f"{FOLDER}/{prefix}-{name}.json.gz"] = content
    return table, files


def result_data(doc: Document) -> dict[str, object]:
    return {
        "url": doc.url,
        "title": doc.title,
        "year": doc.year,
        "day": doc.day,
        "authors": list(doc.authors[:AUTHORS_SHOWN]),
        "more": max(0, len(doc.authors) - AUTHORS_SHOWN),
        "themes": list(doc.themes),
        "text": doc.abstract,
    }


def result_files(docs: list[Document]) -> dict[str, bytes]:
    """The results' data, RESULTS_PER_FILE papers a file, in their numbers' order."""
    return {
        f"{FOLDER}/p/{start // RESULTS_PER_FILE}.json.gz": packed(
            [result_data(doc) for doc in docs[start : start + RESULTS_PER_FILE]]
        )
        for start in range(0, len(docs), RESULTS_PER_FILE)
    }


def year_runs(docs: list[Document]) -> list[list[object]]:
    """[year, first paper number] for each run of papers of one year ("" undated): papers
    are numbered oldest first, so the browser knows every result's year from its number
    alone, to offer the years of all results and filter by one without fetching a file."""
    runs: list[list[object]] = []
    for number, doc in enumerate(docs):
        if not runs or runs[-1][0] != doc.year:
            runs.append([doc.year, number])
    return runs


def theme_table(docs: list[Document]) -> dict[str, list[object]]:
    """The themes by number, those of most papers first (the smallest numbers), and each
    paper's themes as numbers, in the papers' order."""
    counts = Counter(theme for doc in docs for theme in doc.themes)
    labels = sorted(counts, key=lambda theme: (-counts[theme], utf16(theme)))
    number = {theme: i for i, theme in enumerate(labels)}
    return {"themes": list(labels), "papers": [[number[t] for t in doc.themes] for doc in docs]}


@dataclass(frozen=True)
class Documents:
    """What the index is made from, small enough to hand another process: the papers the
    last fit measured, oldest first, then those added since, oldest first (`fitted` is
    how many the first are)."""

    docs: list[Document]
    fitted: int


def search_documents(index: Index) -> Documents:
    labels = {t.key: t.label for t in index.themes}
    fitted = [e for e in index.entries if e.key not in index.added]
    added = [e for e in index.entries if e.key in index.added]
    docs = [document(e, labels) for e in [*oldest_first(fitted), *oldest_first(added)]]
    return Documents(docs, len(fitted))


SEARCH_PAGE = """---
title: "Search"
---

# Search

The search box at the top of every page searches the papers' titles, authors, abstracts,
keywords and themes. A word the library does not have is looked for with its other forms
and likely spellings; words in quotes, such as "chain of thought", are searched as a
phrase.

This page's address holds a search: `search/?q=chain+of+thought&year=2025` opens with its
results, to bookmark or share. Each search offers its own address as "Link to this search".
"""


def index_files(documents: Documents) -> dict[str, bytes]:
    """The search index of `documents`, numbered in their order, and the search page whose
    address (search/?q=...) opens a search.

    The papers added since the last fit have word ranges of their own (`a-...`, listed under
    `added`), weighed against the fitted papers' field lengths; the browser reads a word's
    postings from both. A day's papers add postings to nearly every range of the library's
    words: in one index, each of its 1,300 range files at 35,000 papers was written anew
    every day. The re-fit folds them into one again."""
    docs, fitted = documents.docs, documents.fitted
    files = result_files(docs)
    base = weights(docs[:fitted]) if fitted else None
    word_table, word_files = range_files("w", base.stems, base.postings) if base else ([], {})
    files.update(word_files)
    added_table: list[str] = []
    if fitted < len(docs):
        day = weights(docs[fitted:], fitted, base.mean_lengths if base else None)
        added_table, added_files = range_files("a", day.stems, day.postings)
        files.update(added_files)
    themes = packed(theme_table(docs))
    themes_name = f"t-{hashlib.sha256(themes).hexdigest()[:HASH_CHARS]}.json.gz"
    manifest = {
        "papers": len(docs),
        "scale": WEIGHT_SCALE,
        "years": year_runs(docs),
        "words": word_table,
        "added": added_table,
        "themes": themes_name,
        "resultsPerFile": RESULTS_PER_FILE,
    }
    files[f"{FOLDER}/{themes_name}"] = themes
    files[f"{FOLDER}/{TABLE}"] = packed(manifest)
    files[f"{FOLDER}/index.md"] = SEARCH_PAGE.encode("utf-8")
    return files
