"""One build from library to site: read, index, write pages, run MkDocs; timed per stage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build import Settings, Timings, index_library
from generator.errors import InputError, Problem
from generator.model import Index
from generator.output import swap_folder, write_pages
from generator.pages import OWNED, site_pages
from generator.sources import read_library


@dataclass(frozen=True)
class Summary:
    files: int
    read: int
    merged: int
    skipped: tuple[Problem, ...]
    written: int
    themes: int

    def lines(self) -> list[str]:
        return [
            f"read {self.read} papers from {self.files} file(s); "
            f"merged {self.merged} duplicate(s); skipped {len(self.skipped)}; "
            f"wrote {self.written} paper pages and {self.themes} theme pages",
            *(f"skipped: {p}" for p in self.skipped),
        ]


class SiteBuildError(Exception):
    pass


def generate(
    library: Sequence[Path],
    docs: Path,
    settings: Settings = Settings(),
    skip_invalid: bool = False,
    timings: Timings | None = None,
) -> tuple[Index, Summary]:
    """Reads the library and replaces the generated pages under `docs`; nothing on error."""
    timings = timings or Timings()
    with timings.stage("read"):
        papers, problems, files = read_library(library)
    if problems and not skip_invalid:
        raise InputError(problems)
    index, merged = index_library(papers, settings, timings=timings)
    with timings.stage("pages"):
        pages = site_pages(index)
    with timings.stage("write"):
        write_pages(docs, pages, OWNED)
    summary = Summary(
        files=files,
        read=len(papers),
        merged=merged,
        skipped=tuple(problems),
        written=len(index.entries),
        themes=len(index.themes),
    )
    return index, summary


def render_site(config: Path, site: Path, timings: Timings | None = None) -> None:
    """MkDocs into a fresh folder beside `site`, swapped in only when the build succeeded."""
    timings = timings or Timings()
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(config), "--site-dir", str(fresh)]
    with timings.stage("mkdocs"):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SiteBuildError(done.stderr.strip() or done.stdout.strip())
    swap_folder(fresh, site)
