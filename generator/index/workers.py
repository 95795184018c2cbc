"""The two slow per-paper stages (LaTeX cleaning, YAKE) on every core, behind the cache,
with progress a person can follow."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, TextIO, TypeVar

from generator import text
from generator.cache import Cache, cache_key
from generator.index import clean
from generator.index.clean import cleaned, latex_warning
from generator.index.keywords import KeywordSettings, candidate_keywords
from generator.model import Keyword, Paper
from generator.processes import end_with_parent, process_pool

CHUNK = 64
# Below this many papers, work that `background_result` could move to another process takes
# less time than starting one.
BACKGROUND_MIN_PAPERS = 2_000
T = TypeVar("T")


def clean_fingerprint() -> str:
    """The code of `clean.py` and of the patterns it takes from `text.py`, and the LaTeX
    converter's version: a change to any invalidates what was cached."""
    digest = hashlib.sha256()
    for path in (clean.__file__, text.__file__):
        digest.update(Path(path).read_bytes())
    code = digest.hexdigest()[:16]
    return f"clean-{code}-pylatexenc-{version('pylatexenc')}"


@contextmanager
def background_result(
    work: Callable[..., T], *args: Any, workers: int = 2, papers: int | None = None
) -> Iterator[Callable[[], T]]:
    """`work(*args)` in a process of its own while the caller goes on, when there is a second
    core (`workers`) and the work is for at least BACKGROUND_MIN_PAPERS `papers`, else in the
    caller when first asked for; gives what returns the result. Spawned, not forked: a forked
    child would count the caller's memory again as its own."""
    if workers < 2 or (papers is not None and papers < BACKGROUND_MIN_PAPERS):
        yield functools.cache(lambda: work(*args))
        return
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(1, mp_context=spawn, initializer=end_with_parent)
    try:
        yield pool.submit(work, *args).result
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


class Progress:
    """A live bar on a terminal; one summary line per stage in a log."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.start = self.last = time.perf_counter()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.perf_counter()
        if self.live and (now - self.last > 0.2 or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            left = (self.total - self.done) / rate if rate else 0.0
            bar = "#" * int(30 * self.done / max(self.total, 1))
            self.stream.write(
                f"\r{self.label:<9} [{bar:<30}] {self.done}/{self.total} "
                f"{rate:,.0f} papers/s, {left:,.0f} s left"
            )
            self.stream.flush()

    def finish(self, note: str = "") -> None:
        seconds = time.perf_counter() - self.start
        rate = self.done / seconds if seconds else 0.0
        end = "\n" if self.live and self.done else ""
        self.stream.write(
            f"{end}{self.label}: {self.done} papers in {seconds:.1f} s "
            f"({rate:,.0f} papers/s){note}\n"
        )
        self.stream.flush()


def parallel_map(
    work: Callable[[Any], list[Any]], chunks: list[Any], workers: int, progress: Progress
) -> list[Any]:
    """`work` over `chunks` in order, on `workers` processes (1: in this one)."""
    results: list[Any] = []
    if workers <= 1 or len(chunks) <= 1:
        mapped = map(work, chunks)
        for chunk, result in zip(chunks, mapped, strict=True):
            results.extend(result)
            progress.advance(len(chunk[0]))
        return results
    with process_pool(workers) as pool:
        for chunk, result in zip(chunks, pool.map(work, chunks), strict=True):
            results.extend(result)
            progress.advance(len(chunk[0]))
    return results


def cached_stage(
    label: str,
    cache: Cache | None,
    hashes: list[str],
    inputs: list[Any],
    work: Callable[[Any], list[Any]],
    extra: Any,
    workers: int,
    stream: TextIO | None,
) -> list[Any]:
    """Values for `inputs`, from the cache where their hash is known, else computed and stored."""
    known = cache.get_many(label, hashes) if cache else {}
    missing = [i for i, h in enumerate(hashes) if h not in known]
    progress = Progress(label, len(missing), stream)
    chunks = [
        ([inputs[i] for i in missing[s : s + CHUNK]], extra) for s in range(0, len(missing), CHUNK)
    ]
    fresh = parallel_map(work, chunks, workers, progress)
    progress.finish(f"; {len(hashes) - len(missing)} from the cache")
    computed = {hashes[i]: value for i, value in zip(missing, fresh, strict=True)}
    if cache:
        cache.put_many(label, sorted(computed.items()))
    return [known.get(h, computed.get(h)) for h in hashes]


def _clean_chunk(args: tuple[list[tuple[str, str]], None]) -> list[list[str]]:
    """Each title and abstract cleaned, and why its LaTeX was left as written (or '')."""
    return [[*cleaned(title), *cleaned(abstract)] for title, abstract in args[0]]


def _keyword_chunk(args: tuple[list[tuple[str, str]], KeywordSettings]) -> list[list[Any]]:
    texts, settings = args
    return [
        [[k.key, k.text, k.reserve] for k in candidate_keywords(title, abstract, settings)]
        for title, abstract in texts
    ]


def clean_stage(
    cache: Cache | None, workers: int, stream: TextIO | None = None
) -> Callable[[Sequence[Paper]], list[Paper]]:
    """Cleans title and abstract (the LaTeX-heavy fields) in parallel and through the cache;
    a field whose LaTeX could not be converted is named on `stream` at every build."""

    def clean(papers: Sequence[Paper]) -> list[Paper]:
        texts = [(p.title, p.abstract) for p in papers]
        fingerprint = clean_fingerprint()
        hashes = [cache_key(fingerprint, t, a) for t, a in texts]
        texts_cleaned = cached_stage(
            "clean", cache, hashes, texts, _clean_chunk, None, workers, stream
        )
        out = stream or sys.stderr
        for paper, (_, title_problem, _, abstract_problem) in zip(
            papers, texts_cleaned, strict=True
        ):
            for field, problem in (("title", title_problem), ("abstract", abstract_problem)):
                if problem:
                    out.write(latex_warning(paper, field, problem))
        return [
            dataclasses.replace(p, title=title, abstract=abstract)
            for p, (title, _, abstract, _) in zip(papers, texts_cleaned, strict=True)
        ]

    return clean


def keyword_stage(
    cache: Cache | None, workers: int, stream: TextIO | None = None
) -> Callable[[Sequence[Paper], KeywordSettings], list[tuple[Keyword, ...]]]:
    """The keyword stage for `build.index_library`: cached papers skip YAKE entirely."""

    def extract(papers: Sequence[Paper], settings: KeywordSettings) -> list[tuple[Keyword, ...]]:
        texts = [(p.title, p.abstract) for p in papers]
        fingerprint = settings.fingerprint()
        hashes = [cache_key(fingerprint, t, a) for t, a in texts]
        done = cached_stage(
            "keywords", cache, hashes, texts, _keyword_chunk, settings, workers, stream
        )
        return [tuple(Keyword(k, t, bool(r)) for k, t, r in found) for found in done]

    return extract
