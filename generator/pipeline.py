"""One build from library to site: read, index, stage the pages and the search index, run
MkDocs on them, then move pages and site in together (`output`); timed per stage, one build
at a time per folder (`lock`)."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.cache import open_cache
from generator.dates import library_time
from generator.errors import InputError, Problem
from generator.index.build import Settings, Timings, index_library
from generator.index.identity import merges_by_files, shared_ids
from generator.index.workers import background_result, clean_stage, keyword_stage
from generator.model import Index
from generator.pages.build import OWNED, each_page
from generator.pages.search import index_files, search_documents
from generator.site.changes import EVERYTHING, Plan, base_key, link_copy, plan, remember
from generator.site.config import SiteConfig
from generator.site.incremental import (
    FileDigests,
    build_key,
    cached_link_stage,
    site_state_hash,
)
from generator.site.lock import held, locked
from generator.site.minify import minify_files
from generator.site.output import (
    Staged,
    check_folder,
    commit,
    failed,
    journal,
    new_site_folder,
    recover,
    remove,
    stage_pages,
    write_pages,
)
from generator.site.sitemap import split_sitemap
from generator.sources import read_library
from generator.sources.theme_overrides import read_overrides


@dataclass(frozen=True)
class Run:
    """How a build runs, whatever it builds (`prepare`, `generate`, `build`): its settings,
    whether bad records are skipped, its cache folder, its processes and its stage clock."""

    settings: Settings = field(default_factory=Settings)
    skip_invalid: bool = False
    cache_dir: Path | None = None
    workers: int = 1
    timings: Timings = field(default_factory=Timings)


@dataclass(frozen=True)
class Summary:
    files: int
    read: int
    merged: int
    skipped: tuple[Problem, ...]
    written: int
    themes: int
    without_abstract: int = 0
    merges: tuple[tuple[tuple[str, ...], int], ...] = ()
    shared_ids: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def lines(self) -> list[str]:
        no_abstract = (
            f"; {self.without_abstract} without an abstract" if self.without_abstract else ""
        )
        return [
            f"read {self.read} papers from {self.files} file(s); "
            f"merged {self.merged} duplicate(s); skipped {len(self.skipped)}; "
            f"wrote {self.written} paper pages and {self.themes} theme pages{no_abstract}",
            *(f"merged {n} duplicate(s) from {' + '.join(files)}" for files, n in self.merges),
            *(
                f"kept apart: {len(titles)} papers share {key} but not a title: "
                + "; ".join(repr(t[:60]) for t in titles)
                for key, titles in self.shared_ids
            ),
            *(f"skipped: {p}" for p in self.skipped),
        ]


class SiteBuildError(Exception):
    pass


Pages = dict[str, str | bytes]


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Reading and indexing make millions of small objects that live until the pages are made,
    and Python's cycle collector traced all of them again every few thousand new ones: most of
    the time of the cached clean and keyword stages and half the acronym stage at 35,000
    papers. Nothing made meanwhile needs it: objects without cycles are freed as ever."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def library_identity(library: Sequence[Path]) -> str:
    """Which library a build is of, wherever the project is checked out and whatever files
    a day added beside the first: its memory is kept under this."""
    return library[0].resolve().name if library else ""


@cycle_collection_paused()
def prepare(
    library: Sequence[Path], run: Run | None = None, site_url: str = ""
) -> tuple[Index, Summary, Pages]:
    """Reads the library and makes every page, writing nothing but the cache.

    `site_url` (from mkdocs.yml) makes the feeds' links absolute; without it they are relative.
    """
    run = run or Run()
    timings, workers = run.timings, run.workers
    with timings.stage("read"):
        papers, problems, files = read_library(library)
        overrides, wrong = read_overrides(library)
    if wrong:
        raise InputError(wrong)  # the owner's own choices: never skipped
    if problems and not run.skip_invalid:
        raise InputError(problems)
    settings = dataclasses.replace(run.settings, overrides=overrides)
    cache = open_cache(run.cache_dir)
    try:
        index, merged = index_library(
            papers,
            settings,
            extract=keyword_stage(cache, workers),
            clean=clean_stage(cache, workers),
            link=cached_link_stage(cache, library=library_identity(library)),
            workers=workers,
            timings=timings,
        )
    finally:
        if cache:
            cache.close()
    documents = search_documents(index)
    # Beside the pages, on a second core: each takes about 15 s at 35,000 papers.
    making_index = background_result(
        index_files, documents, workers=workers, papers=len(documents.docs)
    )
    with making_index as search_index:
        with timings.stage("pages"):
            pages: Pages = {path: text.encode() for path, text in each_page(index, site_url)}
        with timings.stage("search"):  # what is left of it once the pages are made
            pages.update(search_index())
    summary = Summary(
        files=files,
        read=len(papers),
        merged=merged,
        skipped=tuple(problems),
        written=len(index.entries),
        themes=len(index.themes),
        without_abstract=sum(1 for e in index.entries if not e.paper.abstract),
        merges=merges_by_files(e.paper for e in index.entries),
        shared_ids=shared_ids(e.paper for e in index.entries),
    )
    return index, summary, pages


def generate(
    library: Sequence[Path], docs: Path, run: Run | None = None, site_url: str = ""
) -> tuple[Index, Summary]:
    """Reads the library and replaces the generated pages under `docs`; nothing on error."""
    run = run or Run()
    check_folder(docs, "docs folder")
    with locked([docs]):
        recover(docs, OWNED)
        index, summary, pages = prepare(library, run, site_url)
        with run.timings.stage("write"):
            if not write_pages(docs, pages, OWNED):
                sys.stderr.write(f"pages: unchanged, {docs} left as it was\n")
    return index, summary


def build(
    library: Sequence[Path], config: SiteConfig, site: Path, run: Run | None = None
) -> tuple[Index | None, Summary]:
    """The whole build: pages into the config's docs folder and the site built from them,
    both replaced together at the end, or neither.

    With `run.cache_dir`, a build of exactly the inputs of the last one (library, settings,
    config, theme, docs, code and packages), whose site is untouched since, does nothing and
    gives no index."""
    run = run or Run()
    timings, cache_dir, workers = run.timings, run.cache_dir, run.workers
    docs = config.docs_dir
    check_folder(docs, "docs folder")
    check_folder(site, "site")
    with locked([docs, site]), ExitStack() as removals:
        recover(docs, OWNED, site)
        chosen = repr(run.settings)

        digests = FileDigests()

        def inputs() -> str:  # taken again at the end: the build changes docs/
            return build_key(library, config, site, chosen, run.skip_invalid, digests)

        with timings.stage("check"):
            previous = last_build(cache_dir, inputs, site, digests)
        if previous is not None:
            sys.stderr.write(f"nothing changed: {docs} and {site} left as they were\n")
            return None, previous
        index, summary, pages = prepare(library, run, config.site_url)
        with timings.stage("write"):
            staged = stage_pages(docs, pages, OWNED)
        del pages  # on disk now; MkDocs' processes need the memory more
        if staged is None:
            sys.stderr.write(f"pages: unchanged, {docs} left as it was\n")
        try:
            built = publish(
                config,
                docs,
                staged,
                site,
                timings,
                build_date(index),
                cache_dir,
                workers,
                removals,
                digests,
            )
        except BaseException:
            if staged is not None and not journal(docs).exists():
                remove(staged.folder)  # not committed: the pages are not to be
            raise
        with timings.stage("check"):
            remember_build(cache_dir, inputs, site, summary, digests, built)
    return index, summary


def last_build(
    cache_dir: Path | None, inputs: Callable[[], str], site: Path, digests: FileDigests
) -> Summary | None:
    """The summary of the last build, if it had exactly these `inputs` (`build_key`) and
    its site is as it left it."""
    cache = open_cache(cache_dir)
    if cache is None:
        return None
    try:
        digests.recall(cache)
        kept = cache.get_recent("sites", inputs())
        if not isinstance(kept, dict) or not site.is_dir():
            return None
        if kept.get("site") != site_state_hash(site):
            return None
        try:
            return summary_from_json(kept["summary"])
        except (KeyError, TypeError, ValueError):
            return None
    finally:
        cache.close()


def remember_build(
    cache_dir: Path | None,
    inputs: Callable[[], str],
    site: Path,
    summary: Summary,
    digests: FileDigests,
    site_state: str | None = None,
) -> None:
    """`site_state`: the site's `site_state_hash`, when `publish` has just taken it."""
    cache = open_cache(cache_dir)
    if cache is None:
        return
    try:
        state = {"site": site_state or site_state_hash(site), "summary": asdict(summary)}
        cache.put_recent("sites", inputs(), state)
        digests.keep(cache)
    finally:
        cache.close()


def summary_from_json(data: Any) -> Summary:
    return Summary(
        files=int(data["files"]),
        read=int(data["read"]),
        merged=int(data["merged"]),
        skipped=tuple(Problem(**p) for p in data["skipped"]),
        written=int(data["written"]),
        themes=int(data["themes"]),
        without_abstract=int(data["without_abstract"]),
        merges=tuple((tuple(files), int(n)) for files, n in data["merges"]),
        shared_ids=tuple((key, tuple(titles)) for key, titles in data["shared_ids"]),
    )


def build_date(index: Index) -> int:
    """The date MkDocs stamps on the site (sitemap `lastmod`, the sitemap.xml.gz header), in
    seconds since 1970: the newest paper's, as in the Atom feeds, rather than the day of the
    build, so that one library gives one site whenever it is built."""
    return int(datetime.fromisoformat(library_time(index.entries)).timestamp())


def publish(
    config: SiteConfig,
    docs: Path,
    staged: Staged | None,
    site: Path,
    timings: Timings,
    date: int | None = None,
    cache_dir: Path | None = None,
    workers: int = 1,
    removals: ExitStack | None = None,
    digests: FileDigests | None = None,
) -> str | None:
    """MkDocs over the `staged` docs (or docs/ as it is) into a fresh
    folder; then the staged pages and the site are moved in together. `date` (see
    `build_date`) is passed to MkDocs as SOURCE_DATE_EPOCH unless the environment sets one.

    With `cache_dir`, a site built from the docs as they are, by this code, config and theme,
    and not touched since, renders only the staged pages that changed, or nothing when no
    page did (`site.changes`). Returns None when the site was left as it was, else the new
    site's `site_state_hash` ('' without a cache). With `removals`, the replaced site and pages
    are removed while the build goes on (`output.finish`)."""
    site = site.absolute()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if date is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(date))
    stamp = env.get("SOURCE_DATE_EPOCH", "")
    source = staged.folder if staged else docs
    digests = digests or FileDigests()
    cache = open_cache(cache_dir)
    try:
        with timings.stage("check"):
            base = base_key(config, source, site, digests)
            work = plan(cache, base, docs, site, stamp, staged, digests)
        if work is None:
            sys.stderr.write(f"site: unchanged, {site} left as it was\n")
            return None
        fresh = build_site(config, source, site, env, timings, work, workers)
        commit(docs, OWNED, pages=staged is not None, site=site, fresh=fresh, removals=removals)
        # What MkDocs read is now in docs/ (moved, keeping its bytes).
        return remember(cache, base, docs, site, stamp, digests)
    finally:
        if cache:
            cache.close()


def build_site(
    config: SiteConfig,
    docs: Path,
    site: Path,
    env: dict[str, str],
    timings: Timings,
    work: Plan = EVERYTHING,
    workers: int = 1,
) -> Path:
    """MkDocs over `docs`, the sitemap split and minifying, in a new folder
    beside `site`, which is returned; removed again on any failure. With a `work` plan that
    names the pages, the new folder starts as a hard-linked copy of `site`."""
    fresh = new_site_folder(site)
    try:
        if work.only is not None:
            with timings.stage("copy"):
                link_copy(site, fresh)
            sys.stderr.write(
                f"site: {len(work.only)} changed page(s) rendered, "
                f"{len(work.removed)} removed, the rest kept from {site}\n"
            )
        with timings.stage("mkdocs"):
            written = run_mkdocs(config, docs, fresh, env, work, workers)
        split_sitemap(fresh)
        with timings.stage("minify"):
            minify_files([fresh / path for path in written if path.endswith(".html")])
    except OSError as err:
        remove(fresh)
        raise failed(err, fresh) from err
    except BaseException:
        remove(fresh)
        raise
    return fresh


# Below this many pages to render, a second MkDocs process costs more than it saves.
PAGES_PER_PART = 200


def run_mkdocs(
    config: SiteConfig, docs: Path, site: Path, env: dict[str, str], work: Plan, workers: int
) -> list[str]:
    """MkDocs (`mkdocs_build`) in up to `workers` processes at once, each rendering its part
    of the pages; returns the files they wrote, relative to `site`."""
    todo = len(work.only) if work.only is not None else None
    parts = max(1, workers if todo is None else min(workers, todo // PAGES_PER_PART))
    with tempfile.TemporaryDirectory(prefix="paper-index-") as scratch:
        lists = Path(scratch)
        command = [sys.executable, "-m", "generator.site.mkdocs_build", str(config.file), str(docs)]
        command.append(str(site))
        if work.only is not None:
            (lists / "only.json").write_text(json.dumps(work.only), "utf-8")
            (lists / "removed.json").write_text(json.dumps(work.removed), "utf-8")
            command += ["--only", str(lists / "only.json")]
            command += ["--removed", str(lists / "removed.json")]
        running = []
        for part in range(parts):
            log = (lists / f"log-{part}.txt").open("w+", encoding="utf-8")
            written = lists / f"written-{part}.json"
            extra = ["--part", f"{part}/{parts}", "--written", str(written)]
            process = subprocess.Popen(
                [*command, *extra], env=env, stdout=log, stderr=log, text=True, pass_fds=held()
            )
            running.append((process, log, written))
        failures = []
        for process, log, _ in running:
            if process.wait() != 0:
                log.seek(0)
                lines = log.read().strip().splitlines()
                failures.append("\n".join(line for line in lines if not line.startswith("INFO")))
            log.close()
        if failures:
            raise SiteBuildError("\n".join(dict.fromkeys(failures)))
        found: list[str] = []
        for _, _, written in running:
            found += json.loads(written.read_text("utf-8"))
        return found
