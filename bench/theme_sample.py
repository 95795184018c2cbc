"""The 30 largest themes of an export and 30 at random, as the README lists them.

  python -m bench.theme_sample bench-out/scale/docs/papers.json

The sample is `random.Random(2025).sample` of the names sorted, so the same export gives the
same lists.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path


def listing(sizes: Counter[str], names: list[str]) -> str:
    return "; ".join(f"{name} ({sizes[name]})" for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("export", type=Path)
    parser.add_argument("--count", type=int, default=30)
    args = parser.parse_args()
    export = json.loads(args.export.read_text(encoding="utf-8"))
    papers = export.get("papers", export) if isinstance(export, dict) else export
    sizes = Counter(theme for paper in papers for theme in paper.get("themes", []))
    largest = sorted(sizes, key=lambda name: (-sizes[name], name))[: args.count]
    chosen = random.Random(2025).sample(sorted(sizes), min(args.count, len(sizes)))
    print(f"{len(sizes):,} themes over {len(papers):,} papers")
    print(f"largest: {listing(sizes, largest)}")
    print(f"at random: {listing(sizes, chosen)}")


if __name__ == "__main__":
    main()
