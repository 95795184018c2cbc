"""`make bench-keywords`: YAKE through yake-rust against the `yake` package, on 1 process.

The first N papers of a corpus, cleaned as a build cleans them, go through `candidate_keywords`
once with each engine; prints milliseconds per paper, the speed-up and how often the two agree
(the same candidates; the same shown keywords, as a build shows them). Needs the dev extra
(`yake` is the reference the tests hold yake-rust against).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.scale import take
    from generator.index.build import clean_serially
    from generator.index.keywords import ENGINE, candidate_keywords, engine_version, ranked_phrases
    from generator.sources import read_library
    from tests.test_keywords_reference import SETTINGS, reference_phrases, shown

    with tempfile.TemporaryDirectory() as scratch:
        library = take(args.corpus, 0, args.n, Path(scratch) / "sample.jsonl")
        papers = clean_serially(read_library([library])[0])
    results = {}
    for name, phrases in (("yake", reference_phrases), (ENGINE, ranked_phrases)):
        phrases(papers[0].title + ". " + papers[0].abstract, SETTINGS)  # stop words, caches
        start = time.perf_counter()
        found = [candidate_keywords(p.title, p.abstract, SETTINGS, phrases) for p in papers]
        seconds = time.perf_counter() - start
        results[name] = (seconds, found)
        print(f"{name:<10} {1000 * seconds / len(papers):6.2f} ms per paper ({seconds:.1f} s)")
    (before, theirs), (after, ours) = results["yake"], results[ENGINE]
    same = sum(a == b for a, b in zip(ours, theirs, strict=True))
    same_shown = sum(
        a == b for a, b in zip(shown(papers, ours), shown(papers, theirs), strict=True)
    )
    print(
        f"{len(papers)} papers, 1 process: {before / after:.1f}x faster with {ENGINE} "
        f"{engine_version()}; same candidates {same / len(papers):.1%}, "
        f"same shown keywords {same_shown / len(papers):.1%}"
    )


if __name__ == "__main__":
    main()
