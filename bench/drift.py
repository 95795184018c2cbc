"""`make bench-drift`: how far a library built a day at a time drifts from one fitted cold.

The corpus's last `--days` listing days are taken out; the rest is built cold, as one file a
listing day in `arxiv/` (as `generator fetch` saves them), then the days are added one at a
time, each a build with the library's memory (`index.memory`), which re-fits by itself once
the papers added since the last fit pass `memory.REFIT_GROWTH`. The same papers are then
built cold under another library name. Both are scored on the public hand-labelled day (its
papers are among the corpus's last days): theme purity and F1 (`theme_quality.py`) and
related P@5 (`related_quality.py`). Pages only (`--no-site`): the site does not change what
is measured.

    python -m bench.drift --days 30
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.day import days_of
from bench.scale import ROOT

SHARED = ROOT.parent / "shared"


def build(library: Path, docs: Path, cache: Path) -> tuple[float, str]:
    """Wall seconds, and what the themes and related stages said they did."""
    command = [sys.executable, "-m", "generator", "build", "--papers", str(library)]
    command += ["--docs", str(docs), "--cache", str(cache), "--no-site"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {library} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    said = [
        line.removeprefix("themes, related: ")
        for line in (done.stdout + done.stderr).splitlines()
        if line.startswith("themes, related:")
    ]
    return wall, said[0] if said else ""


def scores(papers_json: Path, gold: Path, corpus: Path) -> dict[str, float]:
    """Pair purity and topic F1 on the hand-labelled day, and related P@5 (with TF-IDF's)
    judged by arXiv category over the whole library (a hand-labelled day's papers link
    mostly to papers outside it), from the shared scorers."""
    python = sys.executable
    themes = subprocess.run(
        [python, str(SHARED / "eval/theme_quality.py"), str(papers_json), "--gold", str(gold)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    related = subprocess.run(
        [
            python,
            str(SHARED / "eval/related_quality.py"),
            str(papers_json),
            "--corpus",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"pair purity ([\d.]+)\s+topic F1 ([\d.]+)", themes)
    index = re.search(r"index\s+P@1=[\d.]+\s+P@3=[\d.]+\s+P@5=([\d.]+)", related)
    tfidf = re.search(r"tfidf\s+P@1=[\d.]+\s+P@3=[\d.]+\s+P@5=([\d.]+)", related)
    if not (found and index and tfidf):
        sys.exit(f"could not read the scores of {papers_json}:\n{themes}\n{related}")
    return {
        "purity": float(found.group(1)),
        "f1": float(found.group(2)),
        "p5": float(index.group(1)),
        "tfidf_p5": float(tfidf.group(1)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora/arxiv-cs-2025.jsonl.gz")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval/day-2025-10-15.topics.json")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "drift")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    days = days_of(args.corpus)
    names = list(days)
    base, added = names[: -args.days], names[-args.days :]
    shutil.rmtree(args.work, ignore_errors=True)
    daily, cold = args.work / "daily" / "arxiv", args.work / "cold" / "arxiv-cold"
    daily.mkdir(parents=True)
    for day in base:
        (daily / f"{day}.jsonl").write_text("".join(days[day]), "utf-8")
    cache = args.work / "cache"
    count = sum(len(days[d]) for d in base)
    wall, said = build(daily, args.work / "daily-docs", cache)
    print(f"cold, {count:,} papers to {base[-1]}: {wall:.0f} s ({said})", flush=True)
    for day in added:
        (daily / f"{day}.jsonl").write_text("".join(days[day]), "utf-8")
        count += len(days[day])
        wall, said = build(daily, args.work / "daily-docs", cache)
        print(f"+{day} ({len(days[day])}; {count:,} in all): {wall:.0f} s; {said}", flush=True)
    shutil.copytree(daily, cold)
    wall, said = build(cold, args.work / "cold-docs", cache)
    print(f"the same {count:,} papers cold: {wall:.0f} s ({said})", flush=True)
    rows = [
        (
            "a day at a time",
            scores(args.work / "daily-docs" / "papers.json", args.gold, args.corpus),
        ),
        ("cold", scores(args.work / "cold-docs" / "papers.json", args.gold, args.corpus)),
    ]
    print(f"\nthemes scored on {args.gold.name}; related papers by arXiv category:")
    print("| library | pair purity | topic F1 | related P@5 (TF-IDF) |\n|---|---|---|---|")
    for label, s in rows:
        print(
            f"| {label} | {s['purity']:.3f} | {s['f1']:.3f} | {s['p5']:.3f} ({s['tfidf_p5']:.3f}) |"
        )


if __name__ == "__main__":
    main()
