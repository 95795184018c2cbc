"""The only code that writes docs/ and site/: a build's changes are made beside them, then
moved in together, so each is always whole and the two always match.

Generated pages are staged in `.docs-new/` next to docs/, with copies of the hand-written
pages so that MkDocs can build the staged docs; the site is built in `.site-new-XXXX/`. The
commit is one atomic write, a journal (`.docs-commit.json`) saying what to move in; then the
folders are moved. A build stopped before the journal changed nothing; one stopped after it is
finished by the next build (`recover`), which also removes what a stopped build left behind.
The caller holds the folders' locks (`lock`). Pages of papers that left the library disappear
with the folder they were in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.pages.markdown import GENERATED

# The longest file name Linux, macOS and Windows file systems all take, in UTF-8 bytes.
MAX_NAME_BYTES = 255
# In the staged docs: which owned names the new pages have (MkDocs skips dot files).
MANIFEST = ".paper-index-pages.json"


class OutputError(Exception):
    pass


def staging(docs: Path) -> Path:
    return docs.parent / f".{docs.name}-new"


def retired(docs: Path) -> Path:
    return docs.parent / f".{docs.name}-old"


def journal(docs: Path) -> Path:
    return docs.parent / f".{docs.name}-commit.json"


def old_site(site: Path) -> Path:
    return site.parent / f".{site.name}-old"


def leftovers(docs: Path, site: Path | None) -> list[Path]:
    """Temporary folders a stopped build may have left."""
    found = [staging(docs), retired(docs)]
    if site is not None and site.parent.is_dir():
        found += [*sorted(site.parent.glob(f".{site.name}-new-*")), old_site(site)]
    return [p for p in found if p.exists() or p.is_symlink()]


def remove(path: Path) -> bool:
    """Removes a folder or file the build made; what cannot be removed is named on stderr,
    and the next build tries again (`recover`). Whether `path` is gone."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as err:
        cannot_remove(path, f"{err.filename or path}: {err.strerror or err}")
        return False
    return True


def cannot_remove(path: Path, why: str) -> None:
    sys.stderr.write(f"warning: cannot remove {path} ({why}); the next build tries again\n")


def failed(err: OSError, what: Path) -> OutputError:
    """An error that names the path that could not be written, and why."""
    if isinstance(err, shutil.Error) and err.args and isinstance(err.args[0], list):
        _, target, why = err.args[0][0]  # copytree's list of (source, target, error)
        return OutputError(f"cannot write {target}: {why}")
    return OutputError(f"cannot write {err.filename or what}: {err.strerror or err}")


def check_folder(path: Path, what: str) -> None:
    """Refuses, before any work, a folder that cannot be written: a file in its place, or
    no permission to change it or the folder it is in."""
    path = path.absolute()
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} is a file in the way: the {what} must be a folder there")
    if path.is_dir() and not os.access(path, os.W_OK | os.X_OK):
        raise OutputError(f"{path} is not writable: the {what} cannot be replaced")
    parent = path.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{parent} is a file in the way: the {what} {path} cannot be made")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{parent} is not writable: the {what} {path} cannot be written")


def check_paths(pages: Mapping[str, str | bytes]) -> None:
    """Refuses two pages in one file, also where the file system ignores case."""
    seen: dict[str, str] = {}
    for path in pages:
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise OutputError(f"refusing to write outside the docs folder: {path!r}")
        if any(len(p.encode("utf-8")) > MAX_NAME_BYTES for p in parts):
            raise OutputError(f"a file name longer than {MAX_NAME_BYTES} bytes: {path!r}")
        folded = path.casefold()
        if folded in seen:
            raise OutputError(f"two pages would share one file: {seen[folded]!r} and {path!r}")
        seen[folded] = path


def check_hand_written(docs: Path, names: Iterable[str]) -> None:
    """A hand-written page in a place the generator owns is never overwritten."""
    for name in names:
        target = docs / name
        if (
            target.is_file()
            and target.suffix == ".md"
            and GENERATED not in target.read_text("utf-8", "replace")
        ):
            raise OutputError(f"{target} is hand-written; the generator will not replace it")


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@dataclass(frozen=True)
class Staged:
    """The docs as they will be, in `folder`; which owned files differ from docs/ now:
    `changed` (new or rewritten) and `removed`. Unchanged pages are hard links to the ones
    in docs/, so they keep their modification times and nothing is copied."""

    folder: Path
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def owned_files(docs: Path, names: list[str]) -> set[str]:
    on_disk = set()
    for name in names:
        target = docs / name
        if target.is_file():
            on_disk.add(name)
        elif target.is_dir():
            for folder, _, files in os.walk(target):
                under = Path(folder).relative_to(docs).as_posix()
                on_disk.update(f"{under}/{file}" for file in files)
    return on_disk


def same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def keep_or_write(source: Path, target: Path, content: bytes | None, made: set[Path]) -> None:
    """`content` into `target`, or with None the unchanged file `source` under a second name.
    `made`: the folders made so far (90,000 pages are in a few hundred folders)."""
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    if content is not None:
        target.write_bytes(content)
        return
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def stage_pages(
    docs: Path, pages: Mapping[str, str | bytes], owned: Iterable[str]
) -> Staged | None:
    """The docs as they will be, in the staging folder: `pages` in the owned files and
    folders, copies of everything else. None, writing nothing, when docs/ already holds
    exactly these pages (a rebuild of an unchanged library then leaves MkDocs nothing to do)."""
    check_paths(pages)
    names = sorted(owned)
    strays = sorted({p.split("/", 1)[0] for p in pages} - set(names))
    if strays:
        raise OutputError(f"pages outside the generator's folders: {strays}")
    try:
        docs.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise failed(err, docs) from err
    check_hand_written(docs, names)
    on_disk = owned_files(docs, names)
    changed = sorted(
        path
        for path, content in pages.items()
        if path not in on_disk or not same_bytes(docs / path, as_bytes(content))
    )
    removed = sorted(on_disk - set(pages))
    if not changed and not removed:
        return None
    staged = staging(docs)
    remove(staged)
    new, made = set(changed), set[Path]()
    try:
        for path, content in sorted(pages.items()):
            kept = path not in new
            keep_or_write(docs / path, staged / path, None if kept else as_bytes(content), made)
        staged.mkdir(exist_ok=True)
        for entry in sorted(docs.iterdir()):
            if entry.name in names or entry.name.startswith("."):
                continue
            if entry.is_dir():
                shutil.copytree(entry, staged / entry.name)
            else:
                shutil.copy2(entry, staged / entry.name)
        written = sorted({p.split("/", 1)[0] for p in pages})
        (staged / MANIFEST).write_text(json.dumps(written), "utf-8")
    except OSError as err:
        remove(staged)
        raise failed(err, staged) from err
    return Staged(staged, tuple(changed), tuple(removed))


def new_site_folder(site: Path) -> Path:
    """An empty folder beside `site` for MkDocs to build into."""
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    except OSError as err:
        raise failed(err, site.parent) from err


def commit(
    docs: Path,
    owned: Iterable[str],
    pages: bool,
    site: Path | None = None,
    fresh: Path | None = None,
    removals: ExitStack | None = None,
) -> None:
    """Moves the staged pages (if `pages`) and the `fresh` site in: the journal, written in
    one step, is the point after which the build counts as done. With `removals`, what was
    replaced is removed meanwhile, and `removals` waits for it (see `finish`)."""
    moved = site is not None and fresh is not None
    record = {
        "pages": pages,
        "site": str(site.absolute()) if site is not None and moved else None,
        "fresh": str(fresh.absolute()) if fresh is not None and moved else None,
    }
    path = journal(docs)
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(json.dumps(record), "utf-8")
        os.replace(part, path)
    except OSError as err:
        part.unlink(missing_ok=True)
        raise failed(err, path) from err
    finish(docs, owned, removals)


def finish(docs: Path, owned: Iterable[str], removals: ExitStack | None = None) -> None:
    """Carries out the journal's moves; each step checks whether it was done already, so
    a build stopped halfway through is finished by running this again. What was replaced
    goes after the journal: a build stopped before it is gone leaves it to the next
    build's `recover`, like any leftover."""
    path = journal(docs)
    record = json.loads(path.read_text("utf-8"))
    try:
        if record["pages"]:
            move_pages_in(docs, owned)
        if record["fresh"]:
            move_site_in(Path(record["fresh"]), Path(record["site"]))
    except OSError as err:
        raise failed(err, docs) from err
    replaced = [retired(docs), staging(docs)]
    if record["site"]:
        replaced.append(old_site(Path(record["site"])))
    path.unlink()
    if removals is None:
        for folder in replaced:
            remove(folder)
    else:
        removals.callback(start_removing(replaced))


def start_removing(paths: list[Path]) -> Callable[[], None]:
    """Starts removing `paths`, each by an `rm` of its own, and returns what waits for them:
    the old site is 80,000 files at 35,000 papers, 7 s of the build alone, while what comes
    after (the record of the new site's state) leaves the other core free."""
    running: list[tuple[Path, subprocess.Popen[str]]] = []
    if sys.platform.startswith("linux") and shutil.which("rm"):
        running = [
            (
                path,
                subprocess.Popen(["rm", "-rf", "--", str(path)], stderr=subprocess.PIPE, text=True),
            )
            for path in paths
            if path.exists()
        ]

    def wait() -> None:
        failed = set()
        for path, process in running:
            _, errors = process.communicate()
            if process.returncode:
                failed.add(path)
                lines = errors.strip().splitlines() or [f"rm exited with {process.returncode}"]
                more = f", and {len(lines) - 1} more" if len(lines) > 1 else ""
                cannot_remove(path, lines[0] + more)
        for path in paths:  # all of them where there is no rm
            if path not in failed:
                remove(path)

    return wait


def move_pages_in(docs: Path, owned: Iterable[str]) -> None:
    staged, old = staging(docs), retired(docs)
    if not (staged / MANIFEST).exists():
        return  # all moved in, and the staging folder removed
    written = set(json.loads((staged / MANIFEST).read_text("utf-8")))
    old.mkdir(exist_ok=True)
    for name in sorted(owned):
        new, current = staged / name, docs / name
        if name in written and not new.exists():
            continue  # moved in already
        if current.exists() or current.is_symlink():
            current.rename(old / name)
        if name in written:
            new.rename(current)


def move_site_in(fresh: Path, site: Path) -> None:
    if not fresh.exists():
        return  # moved in already
    old = old_site(site)
    if site.exists():
        remove(old)
        site.rename(old)
    fresh.rename(site)


def recover(
    docs: Path, owned: Iterable[str], site: Path | None = None, stream: TextIO | None = None
) -> None:
    """Before a build: finishes a committed build that was stopped, and removes what any
    stopped build left behind. Needs the folders' locks, so that no build is running."""
    stream = stream or sys.stderr
    if journal(docs).exists():
        stream.write(f"finishing the changes of a stopped build ({journal(docs)})\n")
        finish(docs, owned)
    journal(docs).with_name(journal(docs).name + ".part").unlink(missing_ok=True)
    removed = [path for path in leftovers(docs, site) if remove(path)]
    if removed:
        names = ", ".join(str(p) for p in removed)
        stream.write(f"removed what a stopped build left: {names}\n")


def write_pages(docs: Path, pages: Mapping[str, str | bytes], owned: Iterable[str]) -> bool:
    """Replaces the owned files and folders of `docs/` with `pages`, all at once; returns
    False, touching nothing, when they already hold exactly these pages."""
    owned = tuple(owned)
    staged = stage_pages(docs, pages, owned)
    if staged is None:
        return False
    commit(docs, owned, pages=True)
    return True
