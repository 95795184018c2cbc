"""`make bench-day`: what one more day costs to rebuild.

The corpus is split by the day it was listed into one `arxiv/<day>.jsonl` file a day, as
`python -m generator fetch --source arxiv` saves them. The days that make up the first N
papers are built cold, then the next day is added and the site rebuilt: the daily run's work.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

from bench.scale import ROOT, build, project, table


def days_of(corpus: Path) -> dict[str, list[str]]:
    """The corpus's lines by their `listed` day, oldest day first."""
    days: dict[str, list[str]] = defaultdict(list)
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            days[json.loads(line)["listed"]].append(line)
    return dict(sorted(days.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpora/arxiv-cs-2025.jsonl.gz"
    )
    parser.add_argument("-n", type=int, default=5000, help="papers in the library before the day")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "day")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    days = days_of(args.corpus)
    project(args.work)
    library = args.work / "papers"
    (library / "arxiv").mkdir(parents=True)
    count, names = 0, list(days)
    while count < args.n and len(names) > 1:
        day = names.pop(0)
        (library / "arxiv" / f"{day}.jsonl").write_text("".join(days[day]), "utf-8")
        count += len(days[day])
    rows = [(f"cold {count}", build(args.work, [library], "cold"))]
    print(table(rows), flush=True)
    day = names[0]
    (library / "arxiv" / f"{day}.jsonl").write_text("".join(days[day]), "utf-8")
    label = f"+{day} ({len(days[day])})"
    rows.append((label, build(args.work, [library], "day")))
    home = (args.work / "site" / "index.html").stat().st_size / 1e3
    print(table(rows))
    print(f"\nhome page with the new day's {len(days[day])} papers: {home:.0f} KB")


if __name__ == "__main__":
    main()
