"""One build from library to site: read, index, write pages, run MkDocs; timed per stage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.build import Settings, Timings, index_library
from generator.cache import Cache
from generator.errors import InputError, Problem
from generator.feeds import UNDATED, updated
from generator.identity import merges_by_files, shared_ids
from generator.incremental import cached_link_stage, site_inputs_hash, site_state_hash
from generator.minify import minify_site
from generator.model import Index
from generator.output import swap_folder, write_pages
from generator.pages import OWNED, site_pages
from generator.search import SearchIndexError, index_site
from generator.site_config import site_inputs
from generator.sitemap import split_sitemap
from generator.sources import read_library
from generator.workers import clean_stage, keyword_stage


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


def generate(
    library: Sequence[Path],
    docs: Path,
    settings: Settings | None = None,
    skip_invalid: bool = False,
    timings: Timings | None = None,
    cache_dir: Path | None = None,
    workers: int = 1,
    site_url: str = "",
) -> tuple[Index, Summary]:
    """Reads the library and replaces the generated pages under `docs`; nothing on error.

    `site_url` (from mkdocs.yml) makes the feeds' links absolute; without it they are relative.
    """
    timings = timings or Timings()
    cache = Cache(cache_dir / "build-cache.sqlite") if cache_dir else None
    with timings.stage("read"):
        papers, problems, files = read_library(library)
    if problems and not skip_invalid:
        raise InputError(problems)
    try:
        index, merged = index_library(
            papers,
            settings,
            extract=keyword_stage(cache, workers),
            clean=clean_stage(cache, workers),
            link=cached_link_stage(cache),
            timings=timings,
        )
    finally:
        if cache:
            cache.close()
    with timings.stage("pages"):
        pages = site_pages(index, site_url)
    with timings.stage("write"):
        if not write_pages(docs, pages, OWNED):
            sys.stderr.write(f"pages: unchanged, {docs} left as it was\n")
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
    return index, summary


def build_date(index: Index) -> int:
    """The date MkDocs stamps on the site (sitemap `lastmod`, the sitemap.xml.gz header), in
    seconds since 1970: the newest paper's, as in the Atom feeds, rather than the day of the
    build, so that one library gives one site whenever it is built."""
    newest = max((updated(e) for e in index.entries), default=UNDATED)
    return int(datetime.fromisoformat(newest).timestamp())


def render_site(
    config: Path,
    site: Path,
    timings: Timings | None = None,
    date: int | None = None,
    cache_dir: Path | None = None,
) -> bool:
    """MkDocs, then the search index, into a fresh folder beside `site`; swapped in only
    when both succeeded. `date` (see `build_date`) is passed to MkDocs as SOURCE_DATE_EPOCH
    unless the environment sets one.

    With `cache_dir`, a site built from exactly these inputs and not touched since is left
    as it is; returns whether the site was built."""
    timings = timings or Timings()
    site = site.resolve()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if date is not None:
        env.setdefault("SOURCE_DATE_EPOCH", str(date))
    cache = Cache(cache_dir / "build-cache.sqlite") if cache_dir else None
    try:
        with timings.stage("check"):
            inputs = site_inputs_hash(
                site_inputs(config), [str(site), env.get("SOURCE_DATE_EPOCH", "")]
            )
            kept = cache.get_many("sites", [inputs]).get(inputs) if cache else None
            if kept is not None and site.is_dir() and kept == site_state_hash(site):
                sys.stderr.write(f"site: unchanged, {site} left as it was\n")
                return False
        build_site(config, site, env, timings)
        if cache:
            cache.keep_only("sites", inputs, site_state_hash(site))
        return True
    finally:
        if cache:
            cache.close()


def build_site(config: Path, site: Path, env: dict[str, str], timings: Timings) -> None:
    """MkDocs, the sitemap split, minifying and the search index; `site` replaced at the end."""
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    # Not --quiet: it drops warnings before --strict counts them, so nothing would fail.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["--config-file", str(config), "--site-dir", str(fresh)]
    with timings.stage("mkdocs"):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        log = (done.stderr.strip() or done.stdout.strip()).splitlines()
        raise SiteBuildError("\n".join(line for line in log if not line.startswith("INFO")))
    split_sitemap(fresh)
    with timings.stage("minify"):
        minify_site(fresh)
    with timings.stage("search"):
        try:
            index_site(fresh)
        except SearchIndexError as err:
            shutil.rmtree(fresh, ignore_errors=True)
            raise SiteBuildError(str(err)) from err
    swap_folder(fresh, site)
