"""`make bench`: build a site from the first N papers of a corpus and print what it cost.

Cold (empty cache), warm (nothing changed), +200 (200 new papers), warm again and `--refit`
builds, each the real `python -m generator build` with MkDocs and the search index, in a
scratch folder, with what a reader sees change at +200 and at the re-fit. Also the
keyword stage on 1 and on 2 processes, and, with --series, cold builds at several sizes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, TypeAlias

ROOT = Path(__file__).resolve().parents[1]
# A build's --report, as its JSON, with what the benchmark adds (wall time, site size).
Report: TypeAlias = dict[str, Any]
# Each generated file's digest, and each paper of papers.json by its id.
Snapshot: TypeAlias = tuple[dict[str, str], dict[str, dict[str, Any]]]


def take(corpus: Path, start: int, count: int, out: Path) -> Path:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as lines:
        chosen = list(itertools.islice(lines, start, start + count))
    out.write_text("".join(chosen), "utf-8")
    return out


def corpus_size(corpus: Path) -> int:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as lines:
        return sum(1 for _ in lines)


def build(
    work: Path,
    libraries: list[Path],
    label: str,
    workers: int | None = None,
    options: tuple[str, ...] = (),
) -> Report:
    """One full build; its stage timings, wall time, peak memory and site size."""
    report = work / f"report-{label}.json"
    command = [sys.executable, "-m", "generator", "build", "--docs", str(work / "docs")]
    command += ["--site", str(work / "site"), "--config", str(work / "mkdocs.yml")]
    command += ["--cache", str(work / "cache"), "--report", str(report)]
    if workers:
        command += ["--workers", str(workers)]
    for library in libraries:
        command += ["--papers", str(library)]
    command += options
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{label} build failed:\n{done.stdout}\n{done.stderr}")
    data: Report = json.loads(report.read_text("utf-8"))
    data["wall"] = wall
    site = work / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    data["site_mb"] = sum(p.stat().st_size for p in files) / 1e6
    paper_pages = list((site / "papers").glob("*/index.html"))
    data["page_kb"] = sum(p.stat().st_size for p in paper_pages) / max(len(paper_pages), 1) / 1e3
    data["files"] = len(files)
    return data


def project(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    (work / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for name in ("about.md", "stylesheets", "javascripts", "images"):
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, work / "docs" / name)
        elif source.is_file():
            shutil.copy(source, work / "docs" / name)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", work / "overrides")


def keyword_speedup(corpus: Path, work: Path, count: int = 1000) -> tuple[float, float]:
    """Seconds for the keyword stage alone on `count` papers, on 1 and on 2 processes."""
    sys.path.insert(0, str(ROOT))
    from generator.index.keywords import KeywordSettings
    from generator.index.workers import keyword_stage
    from generator.sources import read_library

    papers, _, _ = read_library([take(corpus, 0, count, work / "sample.jsonl")])
    seconds = []
    for workers in (1, 2):
        start = time.perf_counter()
        keyword_stage(None, workers)(papers, KeywordSettings())
        seconds.append(time.perf_counter() - start)
    return seconds[0], seconds[1]


def snapshot(docs: Path) -> Snapshot:
    """Each generated file's digest, and papers.json by paper id."""
    digests = {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in docs.rglob("*")
        if p.is_file()
    }
    papers = json.loads((docs / "papers.json").read_text("utf-8"))
    return digests, {p["id"]: p for p in papers}


def stability(
    before: Snapshot,
    after: Snapshot,
) -> str:
    """Files rewritten, theme addresses lost, and older papers whose themes or related
    papers changed, between two builds' docs."""
    (files_a, papers_a), (files_b, papers_b) = before, after
    rewritten = Counter(folder(f) for f, d in files_b.items() if f in files_a and files_a[f] != d)
    new = Counter(folder(f) for f in files_b if f not in files_a)
    removed = Counter(folder(f) for f in files_a if f not in files_b)
    lost = sorted(f for f in files_a if f.startswith("themes/") and f not in files_b)
    old = [k for k in papers_a if k in papers_b]
    themes = sum(set(papers_a[k]["themes"]) != set(papers_b[k]["themes"]) for k in old)
    related = sum(
        {r["id"] for r in papers_a[k]["related"]} != {r["id"] for r in papers_b[k]["related"]}
        for k in old
    )
    share = max(len(old), 1)
    return "\n".join(
        [
            f"docs files rewritten (there before, other bytes) {rewritten.total():,}, "
            f"new {new.total():,}, removed {removed.total():,}",
            f"  rewritten by folder: {by_folder(rewritten)}",
            f"  new by folder: {by_folder(new)}",
            f"  removed by folder: {by_folder(removed)}",
            f"theme pages that stopped answering {len(lost)}" + (f": {lost[:5]}" if lost else ""),
            f"older papers whose theme set changed {themes:,} ({themes / share:.1%})",
            f"older papers whose related set changed {related:,} ({related / share:.1%})",
        ]
    )


def folder(path: str) -> str:
    """A file's first folder under docs/, or its name at the top."""
    return path.split("/", 1)[0]


def by_folder(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in counts.most_common()) or "none"


def table(rows: list[tuple[str, Report]]) -> str:
    stages = sorted(
        {s for _, r in rows for s in r["seconds"]}, key=lambda s: STAGE_ORDER.get(s, 99)
    )
    head = f"{'':<14}" + "".join(f"{s:>9}" for s in stages)
    head += f"{'wall':>9}{'peak MiB':>9}{'site MB':>9}{'KB/page':>9}"
    lines = [head]
    for label, r in rows:
        cells = "".join(f"{r['seconds'].get(s, 0):9.1f}" for s in stages)
        lines.append(
            f"{label:<14}{cells}{r['wall']:9.1f}{r['peak_memory_mb']:9.0f}"
            f"{r['site_mb']:9.0f}{r['page_kb']:9.1f}"
        )
    return "\n".join(lines)


STAGE_ORDER = {
    s: i
    for i, s in enumerate(
        [
            "read",
            "clean",
            "keywords",
            "themes",
            "related",
            "pages",
            "write",
            "check",
            "mkdocs",
            "minify",
            "search",
        ]
    )
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpora/arxiv-cs-2025.jsonl.gz"
    )
    parser.add_argument("-n", type=int, default=35020)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "scale")
    parser.add_argument("--series", default="", help="comma-separated sizes for cold builds only")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    rows = []
    if args.series:
        for n in [int(x) for x in args.series.split(",")]:
            project(args.work)
            library = take(args.corpus, 0, n, args.work / "library.jsonl")
            rows.append((f"cold {n}", build(args.work, [library], f"cold-{n}")))
            print(table(rows[-1:]), flush=True)
        print("\nscaling series (seconds per stage), 2-core machine:\n" + table(rows))
        return
    project(args.work)
    # The 200 new papers come after the first N; with N the whole corpus, the first N - 200
    # are built cold and warm, and the last 200 are the ones added.
    base = min(args.n, corpus_size(args.corpus) - 200)
    library = take(args.corpus, 0, base, args.work / "library.jsonl")
    rows.append((f"cold {base}", build(args.work, [library], "cold")))
    rows.append(("unchanged", build(args.work, [library], "warm")))
    before = snapshot(args.work / "docs")
    extra = take(args.corpus, base, 200, args.work / "extra.jsonl")
    rows.append((f"+200 = {base + 200}", build(args.work, [library, extra], "plus200")))
    after = snapshot(args.work / "docs")
    rows.append(("unchanged", build(args.work, [library, extra], "warm-again")))
    # The day's site, its search with the day's papers in ranges of their own, kept (hard
    # links: a build replaces the site whole) for `make bench-first-search`'s probe.
    shutil.rmtree(args.work / "site-day", ignore_errors=True)
    shutil.copytree(args.work / "site", args.work / "site-day", copy_function=os.link)
    rows.append(("--refit", build(args.work, [library, extra], "refit", options=("--refit",))))
    refitted = snapshot(args.work / "docs")
    one, two = keyword_speedup(args.corpus, args.work)
    print(table(rows))
    print("\n+200, what a reader sees change:\n" + stability(before, after))
    print("\nthen --refit, against the +200 build:\n" + stability(after, refitted))
    print(
        f"\nkeyword stage, 1,000 papers: {one:.1f} s on 1 process, {two:.1f} s on 2 "
        f"({one / two:.2f}x)"
    )


if __name__ == "__main__":
    main()
