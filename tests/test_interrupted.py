"""A build killed (SIGKILL) at any stage leaves docs/ and site/ as they were; the next build
cleans up after it and gives the site an uninterrupted build gives. Two builds at once in one
checkout take turns.

Each build runs as its own process through `KILLABLE`, which kills it from inside at a chosen
point of a chosen stage: the same point on every run, with no timing involved.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEED, make_project
from tests.test_deterministic_build import files

pytestmark = pytest.mark.e2e

BEFORE = FIXTURES / "hostile.jsonl"  # the library of the site as it was
AFTER = FIXTURES / "dated.jsonl"  # the library of the interrupted build

# `python -c KILLABLE STAGE N ARGS...`: `python -m generator ARGS...`, killed at the Nth call
# of STAGE's function, or when STAGE's program (mkdocs, rm) has just been started.
# "pause" instead waits for a line on stdin once MkDocs has started.
KILLABLE = r"""
import os, pathlib, signal, subprocess, sys

stage, nth, calls = sys.argv[1], int(sys.argv[2]), []

def after(module, name):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(name)
        if len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(module, name, wrapped)

class Popen(subprocess.Popen):
    def __init__(self, args, *rest, **options):
        super().__init__(args, *rest, **options)
        program = " ".join(str(a) for a in args[:3])
        if stage == "pause" and "mkdocs" in program:
            print("paused", flush=True)
            sys.stdin.readline()
        elif stage in program:
            os.kill(os.getpid(), signal.SIGKILL)

if stage == "read":
    import generator.pipeline
    after(generator.pipeline, "read_library")
elif stage == "keywords":
    import generator.index.workers
    after(generator.index.workers, "candidate_keywords")
elif stage == "pages":
    after(pathlib.Path, "write_bytes")
elif stage == "search":
    import generator.pipeline
    after(generator.pipeline, "index_files")
elif stage == "minify":
    import generator.site.minify
    after(generator.site.minify, "minify_file")
subprocess.Popen = Popen

from generator.cli import main
main(sys.argv[3:], prog_name="generator")
"""

# What a project holds once builds are done: no temporary folder, no journal.
SETTLED = {".cache", ".docs.lock", ".site.lock", "docs", "mkdocs.yml", "overrides", "site"}


def command(project: Path, library: Path, stage: str = "none", nth: int = 0) -> list[str]:
    args = ["build", "--papers", str(library), "--config", str(project / "mkdocs.yml")]
    args += ["--docs", str(project / "docs"), "--site", str(project / "site")]
    args += ["--cache", str(project / ".cache")]
    return [sys.executable, "-c", KILLABLE, stage, str(nth), *args, "--workers", "1"]


def run(project: Path, library: Path, stage: str = "none", nth: int = 0) -> int:
    done = subprocess.run(
        command(project, library, stage, nth), capture_output=True, text=True, timeout=900
    )
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.returncode


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix() + ("/" if p.is_dir() else ""): (
            b"" if p.is_dir() else p.read_bytes()
        )
        for p in sorted(folder.rglob("*"))
    }


def temporary(project: Path) -> list[str]:
    """What a build left beside or in the folders it writes."""
    left = [p.name for p in project.iterdir() if p.name not in SETTLED]
    return left + [p.name for p in (project / "docs").iterdir() if p.name.startswith(".")]


def assert_same_site(site: Path, expected: Path) -> None:
    assert files(site) == files(expected)


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("before"))
    assert run(project, BEFORE) == 0
    return project


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """AFTER built without interruption: what every interrupted build must end up with."""
    project = make_project(tmp_path_factory.mktemp("reference"))
    assert run(project, AFTER) == 0
    return project


def copy_of(project: Path, where: Path) -> Path:
    shutil.copytree(project, where, symlinks=True)
    return where


STAGES = {
    "read": ("read", 1),
    "keywords": ("keywords", 3),
    "pages": ("pages", 5),
    "mkdocs": ("mkdocs", 1),
    "minify": ("minify", 3),
    "search": ("search", 1),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_killed_build_changes_nothing_and_the_next_build_finishes(
    before: Path, reference: Path, tmp_path: Path, stage: str
) -> None:
    project = copy_of(before, tmp_path / "project")
    docs, site = snapshot(project / "docs"), snapshot(project / "site")

    assert run(project, AFTER, *STAGES[stage]) == -signal.SIGKILL

    assert snapshot(project / "docs") == docs
    assert snapshot(project / "site") == site
    assert run(project, AFTER) == 0
    assert temporary(project) == []
    assert files(project / "docs") == files(reference / "docs")
    assert_same_site(project / "site", reference / "site")


def test_a_build_killed_while_the_old_site_goes_is_done_and_the_next_removes_it(
    before: Path, reference: Path, tmp_path: Path
) -> None:
    """Killed after its commit, as the replaced site and pages are being removed beside it
    (`output.start_removing`): the build counts as done, and what it did not remove is the
    next build's to remove."""
    project = copy_of(before, tmp_path / "project")
    assert run(project, AFTER, "rm -rf", 1) == -signal.SIGKILL
    assert files(project / "docs") == files(reference / "docs")
    assert_same_site(project / "site", reference / "site")
    assert run(project, AFTER) == 0
    assert temporary(project) == []


def test_interruptions_do_not_pile_up(before: Path, tmp_path: Path) -> None:
    project = copy_of(before, tmp_path / "project")
    for _ in range(3):
        assert run(project, AFTER, "minify", 3) == -signal.SIGKILL
        # The last build's folder, the earlier ones' removed by the build after them.
        assert len(temporary(project)) <= 2, temporary(project)
    assert run(project, AFTER) == 0
    assert temporary(project) == []


def test_a_second_build_waits_for_the_first(before: Path, tmp_path: Path) -> None:
    """The first build is held while MkDocs runs; the second, of another library, must wait
    for it rather than write the same folders at the same time."""
    project = copy_of(before, tmp_path / "project")
    first = subprocess.Popen(
        command(project, AFTER, "pause"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    second = None
    try:
        assert first.stdout is not None and first.stdin is not None
        assert "paused\n" in iter(first.stdout.readline, "")  # MkDocs is running
        second = subprocess.Popen(
            command(project, BEFORE), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        assert second.stderr is not None
        said = second.stderr.readline()
        assert said.startswith("waiting for another build writing"), said
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.wait(timeout=900) == 0
        assert second.wait(timeout=900) == 0
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
    # The second build's library, whole.
    assert temporary(project) == []
    assert files(project / "docs") == files(before / "docs")
    assert_same_site(project / "site", before / "site")


def gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # ended, waiting to be reaped


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_of_a_killed_build_end_too(tmp_path: Path) -> None:
    """Keyword workers whose build was killed end instead of waiting forever for work."""
    project = make_project(tmp_path / "project")
    pids = tmp_path / "pids"
    script = KILLABLE.replace(
        "subprocess.Popen = Popen",
        "subprocess.Popen = Popen\n"
        "import generator.index.workers\n"
        "real = generator.index.workers.candidate_keywords\n"
        "def spied(*args, **kwargs):\n"
        f"    with open({str(pids)!r}, 'a') as out: out.write(f'{{os.getpid()}}\\n')\n"
        "    calls.append(1)\n"
        "    if len(calls) == 3: os.kill(os.getppid(), signal.SIGKILL)\n"
        "    return real(*args, **kwargs)\n"
        "generator.index.workers.candidate_keywords = spied\n",
    )
    args = ["build", "--papers", str(SEED), "--docs", str(project / "docs"), "--no-site"]
    # Into a file, not a pipe: workers left running would hold a pipe open.
    with (tmp_path / "log").open("w") as log:
        done = subprocess.run(
            [sys.executable, "-c", script, "none", "0", *args, "--no-cache", "--workers", "2"],
            stdout=log,
            stderr=log,
            timeout=900,
        )
    assert done.returncode == -signal.SIGKILL, (tmp_path / "log").read_text()
    workers = {int(line) for line in pids.read_text().split()}
    assert workers and os.getpid() not in workers
    deadline = time.monotonic() + 60  # a bound on waiting, not a measurement
    while time.monotonic() < deadline and not all(gone(pid) for pid in workers):
        time.sleep(0.2)
    left = [pid for pid in workers if not gone(pid)]
    for pid in left:  # not to leave them behind when this fails
        os.kill(pid, signal.SIGKILL)
    assert left == [], "workers left running"
