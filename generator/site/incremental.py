"""What a rebuild skips: the themes and related stages when their inputs are unchanged, and
MkDocs when nothing it reads has changed.

Both are keyed by a hash of everything the skipped work reads, including the generator's
own code, so a skipped stage gives exactly what running it would have given.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from generator.cache import Cache
from generator.index import daily, memory
from generator.index.build import (
    Keyworded,
    Linked,
    LinkStage,
    Settings,
    Timings,
    link_library,
)
from generator.model import Keyword, Paper, Theme
from generator.site.config import SiteConfig
from generator.site.spaces_store import load_spaces, save_spaces, spaces_path
from generator.sources import library_files
from generator.sources.day_counts import counts_files
from generator.sources.theme_overrides import overrides_files

# The whole generator (index/, pages/, site/…): what the kept stages compute is its code.
PACKAGE = Path(__file__).resolve().parent.parent
# The layers above the themes and related stages (pyproject.toml's import contract keeps
# generator.index from importing them): a change there, a page's wording say, must not re-fit
# the themes, since a re-fit may rename or retire the pages readers link to.
ABOVE_THE_FIT = ("pages", "site", "fetch", "pipeline.py", "cli.py", "preview.py", "__main__.py")
# The packages whose output lands in the site: a new version means a new site.
SITE_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "jinja2",
)
# The packages whose output the themes and related stages keep: a new version recomputes them.
LINK_PACKAGES = (
    "numpy",
    "scipy",
    "scikit-learn",
    "sparse-dot-topn",
    "PyStemmer",
    "wordfreq",
    "lemminflect",
    "wordllama",
    "tokenizers",
    "safetensors",
)


def code_hash(leaving_out: Sequence[str] = ()) -> str:
    """The generator's own source, but for the top-level folders and modules `leaving_out`:
    any change to it invalidates what was kept."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in leaving_out:
            continue
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def link_inputs_hash(fit: str, digests: Mapping[str, str]) -> str:
    """Everything the themes and related stages read: the fit's key (`fit_hash`) and each
    paper's key and digest (`text_digests`)."""
    data = [fit, sorted(digests.items())]
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def fit_hash(settings: Settings) -> str:
    """What a fit depends on beside the papers: a new version of any of it re-fits."""
    data = [code_hash(ABOVE_THE_FIT), versions(LINK_PACKAGES), repr(settings)]
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def kept_link(data: Any) -> Linked | None:
    try:
        return None if data is None else linked_from_json(data)
    except (KeyError, TypeError, ValueError):
        return None  # not the shape this code writes: computed afresh


@dataclass(frozen=True)
class Remembered:
    """The last build of a library: its inputs' key, its fit's key, its result, how many
    papers the last fit was made on, a digest of each paper's text and keywords, and how
    many papers the builds since that fit added or removed."""

    inputs: str
    fit: str
    linked: Linked
    fitted: int
    texts: dict[str, str]
    since_fit: int


def remembered(data: Any) -> Remembered | None:
    """The last build, if the cache holds one in the shape this code writes."""
    try:
        inputs, fit, linked, fitted, texts, since_fit = data
        return Remembered(
            str(inputs),
            str(fit),
            linked_from_json(linked),
            int(fitted),
            dict(texts),
            int(since_fit),
        )
    except (KeyError, TypeError, ValueError):
        return None


def text_digests(
    keys: Sequence[str], papers: Sequence[Paper], candidates: Sequence[tuple[Keyword, ...]]
) -> dict[str, str]:
    """Each paper's title, abstract and keywords, by digest: an edited paper is placed again."""
    return {
        key: hashlib.sha256(
            json.dumps([p.title, p.abstract, [[k.key, k.text, k.reserve] for k in c]]).encode()
        ).hexdigest()[:16]
        for key, p, c in zip(keys, papers, candidates, strict=True)
    }


def linked_to_json(linked: Linked) -> Any:
    return {
        "themes": [[t.key, t.label, t.slug, list(t.papers)] for t in linked.themes],
        "paper_themes": [list(t) for t in linked.paper_themes],
        "shown": [[[k.key, k.text, k.reserve] for k in s] for s in linked.shown],
        "related": [[[j, score, list(shared)] for j, score, shared in r] for r in linked.related],
        "retired": [list(r) for r in linked.retired],
        "keys": list(linked.keys),
        "added": list(linked.added),
    }


def linked_from_json(data: Any) -> Linked:
    return Linked(
        themes=tuple(Theme(k, label, slug, tuple(p)) for k, label, slug, p in data["themes"]),
        paper_themes=[tuple(t) for t in data["paper_themes"]],
        shown=[tuple(Keyword(k, t, bool(r)) for k, t, r in s) for s in data["shown"]],
        related=[
            [(int(j), float(score), tuple(shared)) for j, score, shared in r]
            for r in data["related"]
        ],
        retired=tuple((str(s), str(label), str(to)) for s, label, to in data.get("retired", [])),
        keys=tuple(data.get("keys", [])),
        added=tuple(data.get("added", [])),
    )


def addresses_of(linked: Linked) -> Linked:
    """What `memory.refit` reads of the last result: its themes and retired addresses. The
    rest (each paper's themes, keywords and related papers) is let go before a fit, the
    build's largest moment (0.1 GB at 35,000 papers)."""
    return Linked(linked.themes, [], [], [], linked.retired)


def cached_link_stage(
    cache: Cache | None, stream: TextIO | None = None, library: str = ""
) -> LinkStage:
    """`build.link_library`, or a kept result for the same papers and keywords: the last few
    libraries built with this cache each keep theirs (`cache.RECENT`). With a cache, the
    result is carried from the last build of `library` (`index.memory`) until a re-fit."""

    def link(
        keyworded: Keyworded, settings: Settings, timings: Timings, workers: int = 1
    ) -> Linked:
        if cache is None:
            return link_library(keyworded, settings, timings, workers)
        keys, papers, candidates = keyworded.keys, keyworded.papers, keyworded.candidates
        out = stream or sys.stderr
        fitted = dataclasses.replace(settings, refit=False)
        fit = fit_hash(fitted)
        with timings.stage("themes"):
            texts = text_digests(keys, papers, candidates)
            key = link_inputs_hash(fit, texts)
            last = remembered(cache.get_recent("memory", library))
            if last is not None and last.inputs == key and not settings.refit:
                out.write("themes, related: unchanged, from the cache\n")
                return last.linked
            if last is not None and not set(last.linked.keys) & set(keys):
                last = None  # another library built with this cache: nothing to carry
            if (
                last is not None
                and last.fit == fit
                and not settings.refit
                and not memory.grown_too_far(
                    last.since_fit + memory.moved(last.linked.keys, keys), last.fitted
                )
            ):
                edited = {k for k, digest in texts.items() if last.texts.get(k, digest) != digest}
                kept = load_spaces(spaces_path(cache.path, library), fit)
                linked = daily.add_papers(
                    last.linked, keyworded, fitted, edited=edited, spaces=kept
                )
                keep_spaces(cache, library, fit, linked)
                since_fit = last.since_fit + memory.moved(last.linked.keys, keys)
                entry = [key, fit, linked_to_json(linked), last.fitted, texts, since_fit]
                cache.put_recent("memory", library, entry)
                added = len(set(keys) - set(last.linked.keys)) + len(edited)
                out.write(
                    f"themes, related: {added} new or edited paper(s) placed in the kept "
                    f"themes ({since_fit:,} papers added or removed since the last fit, "
                    f"of {last.fitted:,})\n"
                )
                return linked
            fresh = kept_link(cache.get_recent("linked", key))
            if last is not None:  # a re-fit needs only the last themes and retired addresses
                last = dataclasses.replace(last, linked=addresses_of(last.linked), texts={})
        if fresh is None:
            fresh = link_library(keyworded, fitted, timings, workers)
            cache.put_recent("linked", key, linked_to_json(fresh))
        fresh = dataclasses.replace(fresh, keys=tuple(keys))
        with timings.stage("themes"):
            if last is not None:
                why = (
                    "asked for"
                    if settings.refit
                    else (
                        "the library changed by more than "
                        f"{memory.REFIT_GROWTH:.0%} since the last fit"
                        if last.fit == fit
                        else "the code, packages or settings changed"
                    )
                )
                out.write(f"themes, related: fitted afresh ({why})\n")
                fresh = memory.refit(last.linked, fresh)
            entry = [key, fit, linked_to_json(fresh), len(keys), texts, 0]
            cache.put_recent("memory", library, entry)
            keep_spaces(cache, library, fit, fresh)
        return fresh

    return link


def keep_spaces(cache: Cache, library: str, fit: str, linked: Linked) -> None:
    """The spaces a result was measured in, for the next day's build; a cache that cannot
    take them costs that build a fit of the spaces, never the build itself."""
    if linked.spaces is None:
        return
    try:
        save_spaces(spaces_path(cache.path, library), fit, linked.spaces)
    except OSError as err:
        cache.stream.write(f"warning: the fitted spaces were not kept: {err}\n")


def files_state(roots: Iterable[Path]) -> list[list[Any]]:
    """Path, size and modification time of every file under `roots`: cheap to take, and
    different whenever a file was written, added or removed. Times in whole seconds: a
    folder saved and restored with tar (the workflow's cache) keeps no more."""
    state: list[list[Any]] = []
    for root in roots:
        if root.is_file():
            info = root.stat()
            state.append([str(root), info.st_size, int(info.st_mtime)])
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                info = os.stat(os.path.join(folder, name))
                state.append([os.path.join(folder, name), info.st_size, int(info.st_mtime)])
    return state


def versions(names: Sequence[str] = SITE_PACKAGES) -> list[str]:
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


class FileDigests:
    """Each file's digest by what its stat says, for one build: it hashes its pages more than
    once, as staged and again once moved into docs/, and the next build hashes them again to
    know whether anything changed (3 s for the 400 MB of docs/ at 35,000 papers). Staged pages
    are hard links to the unchanged ones of docs/, and pages move by renaming, so the file
    (device and inode), not its path, is the key, with its size and modification time in
    nanoseconds. `recall` and `keep` carry the digests from one build to the next."""

    def __init__(self) -> None:
        self.known: dict[tuple[int, int, int, int], bytes] = {}
        self.used: set[tuple[int, int, int, int]] = set()

    def of(self, path: str) -> bytes:
        info = os.stat(path)
        key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        digest = self.known.get(key)
        if digest is None:
            with open(path, "rb") as handle:
                digest = self.known[key] = hashlib.file_digest(handle, "sha256").digest()
        self.used.add(key)
        return digest

    def recall(self, cache: Cache | None) -> None:
        """The digests the last build with this cache took (`keep`)."""
        kept = cache.get_recent("digests", "files") if cache else None
        try:
            for dev, ino, size, mtime, digest in kept or []:
                key = (int(dev), int(ino), int(size), int(mtime))
                self.known.setdefault(key, bytes.fromhex(digest))
        except (TypeError, ValueError):
            return  # not what this code writes: files are hashed afresh

    def keep(self, cache: Cache | None) -> None:
        """The digests of the files this build hashed, for the next build."""
        if cache is not None:
            used = [[*key, self.known[key].hex()] for key in sorted(self.used)]
            cache.put_recent("digests", "files", used, keep=1)

    def content_hash(self, roots: Iterable[Path]) -> str:
        """Every file's path and bytes under `roots`. Unlike sizes and times, these are the
        same after a fresh checkout, as in the scheduled workflow."""
        digest = hashlib.sha256()
        for root in roots:
            digest.update(str(root).encode("utf-8") + b"\0")
            if root.is_file():
                digest.update(self.of(str(root)))
                continue
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    digest.update(os.path.relpath(path, root).encode("utf-8") + b"\0")
                    digest.update(self.of(path))
        return digest.hexdigest()


def build_key(
    library: Sequence[Path],
    config: SiteConfig,
    site: Path,
    settings: str,
    skip_invalid: bool,
    digests: FileDigests,
) -> str:
    """Everything a whole build reads, by content: the library's files, the settings, the
    config as resolved with the docs and theme it names, the code and the packages."""
    files = [f for root in library for f in (library_files(root) if root.is_dir() else [root])]
    files += counts_files(files) + overrides_files(library)
    data = [
        "build",
        code_hash(),
        versions(),
        settings,
        skip_invalid,
        str(site.resolve()),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        digests.content_hash(files),
        config.digest,
        digests.content_hash(list(config.inputs)),
    ]
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def site_state_hash(site: Path) -> str:
    # Resolved: a build names the site as given ("site") and as published (absolute), and
    # both must give the same hash, or the build after every change misses the check.
    return hashlib.sha256(json.dumps(files_state([site.resolve()])).encode("utf-8")).hexdigest()
