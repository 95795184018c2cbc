"""Output that cannot be written: a clear error naming the path, a non-zero exit, and nothing
half-written. Also the option that would have built a site without the pages just written."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.e2e

LIBRARY = FIXTURES / "dated.jsonl"  # the site as it was
OTHER = FIXTURES / "hostile.jsonl"  # the build that must not get through


def command(project: Path, *options: str, library: Path = OTHER) -> list[str]:
    args = ["--papers", str(library), "--config", str(project / "mkdocs.yml"), "--no-cache"]
    for option, default in (("--site", "site"), ("--docs", "docs")):
        if option not in options:
            args += [option, str(project / default)]
    return [sys.executable, "-m", "generator", "build", *args, "--workers", "1", *options]


def run(args: list[str], **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **options)  # type: ignore[call-overload, no-any-return]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix() + ("/" if p.is_dir() else ""): (
            b"" if p.is_dir() else p.read_bytes()
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("built"))
    done = run(command(project, library=LIBRARY))
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def test_docs_elsewhere_than_what_mkdocs_builds_is_refused(project: Path, tmp_path: Path) -> None:
    """`--docs` used to write the pages there while MkDocs built docs_dir: a site of other
    pages than the summary counted."""
    before = snapshot(project)
    other = tmp_path / "other"
    done = run(command(project, "--docs", str(other)))
    assert done.returncode != 0
    assert f"--docs {other}: MkDocs builds the site from {project / 'docs'}" in done.stderr
    assert not other.exists()
    assert snapshot(project) == before


def test_docs_that_mkdocs_builds_may_be_named(project: Path) -> None:
    done = run(command(project, "--docs", str(project / "docs")))
    assert done.returncode == 0, done.stderr
    assert "wrote 6 paper pages" in done.stdout


def test_a_file_in_the_way_of_the_site(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    site = tmp_path / "public"
    site.write_text("not a folder", "utf-8")
    done = run(command(project, "--site", str(site)))
    assert done.returncode != 0
    assert f"{site} is a file in the way" in done.stderr
    assert site.read_text("utf-8") == "not a folder"
    assert snapshot(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "public"]


def test_a_file_in_the_way_of_the_sites_folder(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    (tmp_path / "public").write_text("not a folder", "utf-8")
    done = run(command(project, "--site", str(tmp_path / "public" / "site")))
    assert done.returncode != 0
    assert f"{tmp_path / 'public'} is a file in the way" in done.stderr
    assert snapshot(project) == before


@contextmanager
def read_only(folder: Path) -> Iterator[list[str]]:
    """`folder` made read-only; yields what to run a command under. For root, permissions
    do not count: the folder is mounted read-only in a mount namespace of the command's own."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield []
        finally:
            folder.chmod(mode)
        return
    wrap = ["unshare", "--mount", "sh", "-c"]
    script = f'mount --bind -o ro "{folder}" "{folder}" && exec "$@"'
    if shutil.which("unshare") is None or run([*wrap, script, "sh", "true"]).returncode != 0:
        pytest.skip("running as root without mount namespaces: no folder is read-only")
    yield [*wrap, script, "sh"]


def test_a_read_only_site(project: Path) -> None:
    site = project / "site"
    before = snapshot(project)
    with read_only(site) as wrap:
        done = run([*wrap, *command(project)])
    assert done.returncode != 0
    assert f"{site} is not writable" in done.stderr
    assert snapshot(project) == before


def test_a_full_disk(project: Path) -> None:
    """Writes beyond a few kilobytes fail, as on a full disk (RLIMIT_FSIZE: Python, and so
    MkDocs, ignore SIGXFSZ and get the write's error)."""
    before = snapshot(project)

    def small_files() -> None:
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, hard))

    done = run(command(project), preexec_fn=small_files)
    assert done.returncode != 0
    assert f"cannot write {project / '.docs-new'}/" in done.stderr
    assert "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(project) == before
