"""The search index: static files under search/ that the header's search box reads
(overrides/assets/javascripts/paper-search.js). Made from each paper's title, authors,
abstract as shown, keywords, themes, tags, note and year.

Why not a search engine over the built HTML: Pagefind read 35,000 pages again on every build
(43 s) whatever changed, in one process of 4.7 GB. This index is made from the library in the
pages stage, and its files are generated pages like the others: unchanged files keep their
bytes, so a daily build rewrites only what the day changed.

- `search/index.json`: how many papers, and where each range of the vocabulary is.
- `search/w-<hash>.json.gz`: a range of the sorted vocabulary (the words as they are written,
  each pointing at its stem) with the postings of those stems: paper numbers and weights. A
  query fetches only the ranges its words fall in; they are compressed by hand, because a
  static host may not, and the browser inflates them (DecompressionStream).
- `search/f-<hash>.json.gz`: the same for the theme and year filters, fetched only to filter.
- `search/p/<b>.json.gz`: for papers 8b to 8b + 7, title, address, year, themes and abstract,
  for their results. Grouped: a file a paper was 35,000 files at 35,000 papers, each linked,
  copied and removed again on every build.

Papers are numbered oldest first, so a day's new papers take new numbers and the files of the
papers before them stay as they were. Words are stemmed here (Snowball English); the browser
never stems: every written form of a word in the library is in the vocabulary, pointing at its
stem, and a word that is not there matches nothing but as the start of a longer one.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import Stemmer

from generator.model import Entry, Index
from generator.pages import caps
from generator.pages import markdown as md
from generator.pages.citations import year_of
from generator.pages.listing import paper_path

FOLDER = "search"
# Weight of a word by where it stands, as the paper page stresses it.
FIELD_WEIGHTS = {"title": 7, "keywords": 5, "themes": 3, "authors": 3, "tags": 3, "abstract": 1}
CHUNK_BYTES = 40_000  # postings and words per range file, before compression
HASH_CHARS = 12
RESULTS_PER_FILE = 8  # as in paper-search.js
WORD = re.compile(r"[^\W_]+")

Postings = dict[str, np.ndarray]  # by stem: `interleaved` papers and weights


def words(text: str) -> list[str]:
    """Lower-case words without accents: the same steps as `words` in paper-search.js
    (compatibility decomposition, marks dropped, lower case, runs of letters and digits)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(marks())
    return WORD.findall(text.lower())


@functools.cache
def marks() -> dict[int, None]:
    """Every combining mark (Unicode category M), for str.translate to drop."""
    return {
        c: None for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)).startswith("M")
    }


@dataclass(frozen=True)
class Document:
    """What the index knows of one paper."""

    url: str
    title: str
    year: str
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
        ("keywords", " ".join(k.text for k in entry.keywords)),
        ("themes", " ".join(themes)),
        ("tags", " ".join(paper.tags)),
        ("abstract", abstract),
        ("abstract", paper.note),
    )
    url = md.published("index.md", paper_path(entry))
    return Document(url, paper.title, year_of(paper.date), themes, fields, abstract)


def oldest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Undated papers first, then by date, then by address: a day's papers come last."""
    return sorted(entries, key=lambda e: (e.paper.date, e.slug))


def weights(docs: list[Document]) -> tuple[dict[str, str], Postings]:
    """Each written word's stem, and each stem's papers and its weight in each: the sum over
    the fields it is in of the field's weight, grown slowly with repeats (1 + ln n), rounded,
    at least 1. Array work: a Python loop over the 8 million words of 35,000 papers took 11 s,
    and words are numbered as they are read, not kept (8 million strings were 0.5 GB)."""
    number_of: dict[str, int] = {}
    found, owners, fields, lengths = array("q"), array("q"), array("q"), array("q")
    field_number = {f: i for i, f in enumerate(FIELD_WEIGHTS)}
    for number, doc in enumerate(docs):
        for field, text in doc.fields:
            written = words(text)
            found.extend([number_of.setdefault(w, len(number_of)) for w in written])
            owners.append(number)
            fields.append(field_number[field])
            lengths.append(len(written))
    vocabulary = list(number_of)
    stem = dict(zip(vocabulary, Stemmer.Stemmer("english").stemWords(vocabulary), strict=True))
    stems = sorted(set(stem.values()))
    stem_number = {s: i for i, s in enumerate(stems)}
    word_stem = np.array([stem_number[stem[w]] for w in vocabulary], np.int64)
    runs = np.frombuffer(lengths, np.int64)
    papers = np.repeat(np.frombuffer(owners, np.int64), runs)
    kinds = len(FIELD_WEIGHTS)
    key = (word_stem[np.frombuffer(found, np.int64)] * len(docs) + papers) * kinds
    key += np.repeat(np.frombuffer(fields, np.int64), runs)
    triples, repeats = np.unique(key, return_counts=True)
    field_weight = np.array(list(FIELD_WEIGHTS.values()), np.float64)[triples % kinds]
    pairs, starts = np.unique(triples // kinds, return_index=True)
    total = np.add.reduceat(field_weight * (1 + np.log(repeats)), starts)
    weight = np.maximum(1, np.round(total)).astype(np.int64)
    stem_of, paper_of = np.divmod(pairs, len(docs))
    starts = np.flatnonzero(np.diff(stem_of, prepend=-1))
    ends = np.append(starts[1:], len(pairs))
    both = interleaved(paper_of, weight, starts)
    postings = {stems[stem_of[i]]: both[2 * i : 2 * j] for i, j in zip(starts, ends, strict=True)}
    return stem, postings


def interleaved(papers: np.ndarray, weight: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """[first paper, weight, gap to the next paper, weight, ...] for each run of papers that
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
) -> Iterator[tuple[dict[str, str], dict[str, list[int]]]]:
    """The vocabulary cut in order into ranges of about CHUNK_BYTES: each range's words with
    their stems, and the postings of those stems (repeated where a stem's words straddle two
    ranges)."""
    words_here: dict[str, str] = {}
    stems_here: dict[str, list[int]] = {}
    size = 0
    for word in sorted(vocabulary, key=utf16):
        stem = vocabulary[word]
        words_here[word] = stem
        size += len(word) + len(stem) + 6
        if stem not in stems_here:
            stems_here[stem] = postings[stem].tolist()
            size += 3 * len(stems_here[stem]) + len(stem)
        if size >= CHUNK_BYTES:
            yield words_here, stems_here
            words_here, stems_here, size = {}, {}, 0
    if words_here:
        yield words_here, stems_here


def separator(before: str, first: str) -> str:
    """The shortest start of `first` that sorts after `before`: all a range's entry in
    index.json needs to say where it begins."""
    for end in range(1, len(first) + 1):
        if utf16(first[:end]) > utf16(before):
            return first[:end]
    return first


def range_files(
    prefix: str, vocabulary: dict[str, str], postings: Postings
) -> tuple[list[str], dict[str, bytes]]:
    """The range files, named by a hash of their content (a browser never mixes a new index
    with an old cached range), and index.json's table: where each range begins, and its name."""
    table: list[str] = []
    files = {}
    last = ""
    for words_here, stems_here in ranges(vocabulary, postings):
        content = packed({"words": words_here, "stems": stems_here})
        name = hashlib.sha256(content).hexdigest()[:HASH_CHARS]
        table += [separator(last, next(iter(words_here))) if table else "", name]
        last = next(reversed(words_here))
        files[f"{FOLDER}/{prefix}-{name}.json.gz"] = content
    return table, files


def result_data(doc: Document) -> dict[str, object]:
    return {
        "url": doc.url,
        "title": doc.title,
        "year": doc.year,
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


def search_documents(index: Index) -> list[Document]:
    """What the index is made from, oldest paper first: small enough to hand another process."""
    labels = {t.key: t.label for t in index.themes}
    return [document(e, labels) for e in oldest_first(index.entries)]


def search_files(index: Index) -> dict[str, bytes]:
    """Every file of the search index, by its path under docs/."""
    return index_files(search_documents(index))


def index_files(docs: list[Document]) -> dict[str, bytes]:
    """The search index of `docs`, numbered in their order."""
    stem, postings = weights(docs)
    filters: dict[str, list[int]] = defaultdict(list)
    files = result_files(docs)
    for number, doc in enumerate(docs):
        for value in [f"theme:{t}" for t in doc.themes] + [f"year:{doc.year}"] * bool(doc.year):
            filters[value].append(number)
    word_table, word_files = range_files("w", stem, postings)
    filter_postings = {
        v: interleaved(np.array(n), np.ones(len(n), np.int64), np.zeros(1, np.int64))
        for v, n in filters.items()
    }
    filter_table, filter_files = range_files("f", {v: v for v in filters}, filter_postings)
    manifest = {"papers": len(docs), "words": word_table, "filters": filter_table}
    files.update(word_files)
    files.update(filter_files)
    files[f"{FOLDER}/index.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    return files
