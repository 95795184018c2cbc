"""`make bench-stress`: a library built many times, two builds at a time, and how many failed.

Each build is the real `python -m generator build` in a project folder of its own, with a
cold cache, so that two full builds (keywords on every core, the search index, MkDocs) load
the machine at once. A build must fail only because of its input, so the answer must be 0; a
build that succeeded is also checked: every paper has its page, and search has them all.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.scale import project

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Outcome:
    number: int
    seconds: float
    problem: str  # empty when the build succeeded and its site is whole


def site_problem(site: Path, papers: int) -> str:
    """What is wrong with a site that a build reported as built, or ''."""
    pages = len(list((site / "papers").glob("*/index.html")))
    if pages != papers:
        return f"{pages} paper pages in the site, {papers} in the summary"
    try:
        searchable = int(
            json.loads(gzip.decompress((site / "search" / "index.json.gz").read_bytes()))["papers"]
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        return f"no usable search index: {err!r}"
    return "" if searchable == papers else f"{searchable} papers searchable of {papers}"


def one_build(number: int, library: Path, work: Path) -> Outcome:
    folder = work / f"build-{number:02}"
    project(folder)
    report = folder / "report.json"
    command = [sys.executable, "-m", "generator", "build", "--papers", str(library)]
    command += ["--config", str(folder / "mkdocs.yml"), "--site", str(folder / "site")]
    command += ["--cache", str(folder / "cache"), "--report", str(report)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        return Outcome(number, seconds, f"exit {done.returncode}: {' | '.join(said[-3:])}")
    problem = site_problem(folder / "site", json.loads(report.read_text("utf-8"))["papers"])
    if not problem:
        shutil.rmtree(folder)
    return Outcome(number, seconds, problem)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=Path, required=True, help="the library to build")
    parser.add_argument("--builds", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "stress")
    args = parser.parse_args()
    if not args.papers.exists():
        sys.exit(f"no library at {args.papers}")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    library = args.papers.resolve()
    failed = 0
    with ThreadPoolExecutor(max_workers=args.parallel) as pool:
        runs = [pool.submit(one_build, n, library, args.work) for n in range(1, args.builds + 1)]
        for run in runs:
            outcome = run.result()
            failed += bool(outcome.problem)
            verdict = f"FAILED: {outcome.problem}" if outcome.problem else "ok"
            print(f"build {outcome.number:2}: {outcome.seconds:6.1f} s  {verdict}", flush=True)
    print(
        f"{failed} of {args.builds} builds failed "
        f"({args.parallel} at a time, {library.name}, cold cache each)"
    )
    if failed:
        print(f"the failed builds' folders are in {args.work}")
        sys.exit(1)


if __name__ == "__main__":
    main()
