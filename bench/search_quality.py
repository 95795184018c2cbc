"""Search quality in Chromium, the site's search and Pagefind side by side: the same queries
typed into the site's search box and given to Pagefind's API, both over the same papers with
the same field weights (bench/pagefind.py). Two measures:

    python -m bench.search_quality known --n 35020     # known items of the corpus's first N
    python -m bench.search_quality topics --topics ../shared/eval/day-2025-10-15.topics.json \\
        --queries bench/labels/day-2025-10-15.queries.json

Each builds its site under bench-out/ (nN/ as `make bench-search` does, or the topics file's
name) unless it is there already (`--rebuild` builds it again), and writes Pagefind's bundle
into it unless that is there.

`known`: does a search put the paper a reader means first, or in its first ten results? Five
query forms, made by rule from each paper's own words with a fixed seed, before any result
is seen:
- rare: the 3 rarest words of the title (rarest by papers that have them), in title order;
- common+abstract: the 2 commonest title words of 4+ letters, and the rarest word that only
  the abstract has;
- name: the method's name, the title's one word before a colon ("PartCrafter: ...");
- misspelt: the rare query with its longest word misspelt by one random edit;
- hyphen: a hyphenated term of the title (or a word with a digit) and the next title word.
Prints hit@1, hit@10 and queries with no result per form and engine.

`topics`: queries written by hand from a hand-labelled day's taxonomy (bench/labels/), a
paper relevant to a query when it is labelled with the query's topic. Prints mean P@10 and
MAP (over every result, as the reader can page through them) per engine, and the queries
with no result.

Queries are typed as a reader types them (the last word unfinished).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.sync_api import Page

from bench import pagefind
from bench.search import ROOT, build_site, fresh_project, sample
from generator.pages.search_terms import words
from tests.browser import PREFIX, QUERY, RESULTS, chromium, serve

FORMS = ("rare", "common+abstract", "name", "misspelt", "hyphen")
ENGINES = ("site", "pagefind")
HYPHEN_OR_DIGIT = re.compile(r"^(?:\w+(?:-\w+)+|\w*\d\w*)$")
MORE = "[data-paper-search-more]"

Ranked = Callable[[str, int | None], list[str]]  # a query's result addresses, best first


@dataclass(frozen=True)
class TopicScore:
    """One engine's answer to one topic query."""

    topic: str
    query: str
    engine: str
    results: int
    p10: float
    ap: float


def misspelt(word: str, rng: random.Random) -> str:
    """One edit: a letter dropped, doubled, swapped with the next or replaced."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    letter = rng.choice([c for c in string.ascii_lowercase if c != word[at]])
    return word[:at] + letter + word[at + 1 :]


def queries(
    papers: list[dict[str, str]], per_form: int, seed: int
) -> Iterator[tuple[str, str, str]]:
    """(form, query, paper id) for up to `per_form` papers a form, drawn with `seed`."""
    have = Counter(w for p in papers for w in set(words(p["title"] + " " + p["summary"])))
    rng = random.Random(seed)
    order = list(papers)
    rng.shuffle(order)
    made = Counter[str]()
    for paper in order:
        title = words(paper["title"])
        abstract_only = set(words(paper["summary"])) - set(title)
        unique = list(dict.fromkeys(title))
        rare = sorted(sorted(unique, key=lambda w: (have[w], w))[:3], key=unique.index)
        found: dict[str, str] = {}
        if len(rare) == 3:
            found["rare"] = " ".join(rare)
            longest = max(rare, key=len)
            if len(longest) >= 5:
                found["misspelt"] = " ".join(misspelt(w, rng) if w == longest else w for w in rare)
        common = sorted([w for w in unique if len(w) >= 4], key=lambda w: (-have[w], w))[:2]
        if len(common) == 2 and abstract_only:
            extra = min(abstract_only, key=lambda w: (have[w], w))
            found["common+abstract"] = " ".join([*common, extra])
        head = paper["title"].split(":", 1)
        if len(head) == 2 and re.fullmatch(r"[\w-]+", head[0].strip()):
            found["name"] = head[0].strip()
        tokens = paper["title"].split()
        for i, token in enumerate(tokens[:-1]):
            clean = token.strip(",.:;()")
            if HYPHEN_OR_DIGIT.match(clean) and ("-" in clean or any(c.isdigit() for c in clean)):
                found["hyphen"] = f"{clean} {tokens[i + 1].strip(',.:;()')}"
                break
        for form, query in found.items():
            if made[form] < per_form:
                made[form] += 1
                yield form, query, paper["id"]


def site_ranked(page: Page, query: str, limit: int | None) -> list[str]:
    """The addresses the site's search box shows for `query`: the first `limit`, or all of
    them ("More results" pressed until there are no more)."""
    page.fill(QUERY, query)
    page.wait_for_function(
        f"q => document.querySelector('{RESULTS}').dataset.query === q"
        f" && document.querySelector('{RESULTS}').dataset.search",
        arg=query.strip(),
        timeout=60_000,
    )
    links = page.locator(f"{RESULTS} a")
    while (limit is None or links.count() < limit) and page.locator(MORE).is_visible():
        before = links.count()
        page.click(MORE)
        page.wait_for_function(
            f"n => document.querySelectorAll('{RESULTS} a').length > n", arg=before
        )
    hrefs: list[str] = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return hrefs if limit is None else hrefs[:limit]


def place(hrefs: list[str], url: str) -> int | None:
    """The place (1-based) of `url` among `hrefs`, 0 if it is not there, None for no result."""
    if not hrefs:
        return None
    return next((i for i, href in enumerate(hrefs, 1) if href.endswith(url)), 0)


def precision_at(hrefs: list[str], relevant: set[str], k: int = 10) -> float:
    return sum(1 for href in hrefs[:k] if href in relevant) / k


def average_precision(hrefs: list[str], relevant: set[str]) -> float:
    """Precision at each relevant result, summed, over all relevant papers (found or not)."""
    hits, total = 0, 0.0
    for rank, href in enumerate(hrefs, 1):
        if href in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def prepared_site(
    project: Path, papers: Path, authors: dict[str, list[str]], rebuild: bool
) -> Path:
    """The site of `papers` under `project`, built unless it is there, with Pagefind's bundle."""
    site = project / "site"
    if rebuild or not (site / "search" / "index.json.gz").is_file():
        fresh_project(project)
        print(f"building a site from {papers} in {project} ...", flush=True)
        build_site(project, papers)
    if rebuild or not (site / pagefind.BUNDLE / "pagefind.js").is_file():
        print("indexing the same papers with Pagefind ...", flush=True)
        print(f"Pagefind: {pagefind.index_site(site, authors)} pages", flush=True)
    return site


def side_by_side(site: Path, work: Callable[[dict[str, Ranked]], None]) -> None:
    """Runs `work` with each engine's ranking in one browser, over one served site."""
    with serve(site) as (url, _), chromium() as browser:
        own = browser.new_page()
        own.goto(url)
        own.keyboard.press("/")
        reference = browser.new_page()
        reference.goto(url)
        work(
            {
                "site": lambda query, limit: site_ranked(own, query, limit),
                "pagefind": lambda query, limit: pagefind.ranked(reference, url, query, limit),
            }
        )


def known(args: argparse.Namespace) -> None:
    project = args.out.resolve() / f"n{args.n}"
    records = project / "papers.jsonl"
    if args.rebuild or not records.is_file():
        fresh_project(project)
        sample(args.corpus, args.n, records)
    papers = [json.loads(line) for line in records.open(encoding="utf-8") if line.strip()]
    authors = {p["id"]: p["authors"] for p in papers}
    site = prepared_site(project, records, authors, args.rebuild)
    url_of = {p["id"]: p["url"] for p in json.loads((site / "papers.json").read_text("utf-8"))}
    asked = [q for q in queries(papers, args.per_form, args.seed) if q[2] in url_of]
    places: dict[tuple[str, str], list[int | None]] = {
        (form, engine): [] for form in FORMS for engine in ENGINES
    }
    rows: list[dict[str, object]] = []

    def work(engines: dict[str, Ranked]) -> None:
        for form, query, key in asked:
            row: dict[str, object] = {"form": form, "query": query, "paper": key}
            for engine, ranked in engines.items():
                found = place(ranked(query, 10), url_of[key])
                places[form, engine].append(found)
                row[engine] = found
            rows.append(row)

    side_by_side(site, work)
    print(f"known items: {len(asked)} queries on {len(papers)} papers (seed {args.seed})")
    print(f"{'form':<16} {'n':>4}  {'site hit@1 / hit@10 / none':>28}  {'Pagefind':>26}")
    for form in FORMS:
        figures = []
        for engine in ENGINES:
            got = places[form, engine]
            if not got:
                continue
            n = len(got)
            first = sum(p == 1 for p in got) / n
            ten = sum(bool(p) for p in got) / n
            empty = sum(p is None for p in got)
            figures.append(f"{first:6.1%} / {ten:6.1%} / {empty:3}")
        if figures:
            print(f"{form:<16} {len(places[form, 'site']):>4}  {figures[0]:>28}  {figures[1]:>26}")
    if args.dump:
        args.dump.write_text(json.dumps(rows, indent=1, ensure_ascii=False), "utf-8")


def topics(args: argparse.Namespace) -> None:
    labelled = json.loads(args.topics.read_text("utf-8"))
    written = json.loads(args.queries.read_text("utf-8"))["queries"]
    unknown = sorted(set(written) - set(labelled["taxonomy"]))
    if unknown:
        sys.exit(f"{args.queries}: topics not in {args.topics}'s taxonomy: {unknown}")
    project = args.out.resolve() / args.topics.name.split(".")[0]
    site = prepared_site(project, args.topics.resolve(), {}, args.rebuild)
    url_of = {p["id"]: p["url"] for p in json.loads((site / "papers.json").read_text("utf-8"))}
    about: dict[str, set[str]] = {topic: set() for topic in written}
    for paper in labelled["labels"]:
        for topic in paper["topics"]:
            if topic in about:
                about[topic].add(url_of[paper["id"]])
    scores: list[TopicScore] = []

    def work(engines: dict[str, Ranked]) -> None:
        for topic, asked in written.items():
            relevant = {PREFIX + url for url in about[topic]}
            for query in asked:
                for engine, ranked in engines.items():
                    hrefs = ranked(query, None)
                    p10, ap = precision_at(hrefs, relevant), average_precision(hrefs, relevant)
                    scores.append(TopicScore(topic, query, engine, len(hrefs), p10, ap))

    side_by_side(site, work)
    asked = len(scores) // len(ENGINES)
    print(f"topic queries: {asked} on {len(labelled['labels'])} papers ({args.queries})")
    for engine in ENGINES:
        own = [s for s in scores if s.engine == engine]
        p10 = sum(s.p10 for s in own) / len(own)
        ap = sum(s.ap for s in own) / len(own)
        empty = sum(1 for s in own if not s.results)
        print(f"{engine:<9} mean P@10 {p10:.3f}  MAP {ap:.3f}  queries with no result {empty}")
    found = {(s.query, s.engine): s.results for s in scores}
    for query in dict.fromkeys(s.query for s in scores):
        if not found[query, "site"] and found[query, "pagefind"]:
            print(f"no result where Pagefind has one: {query!r}")
    if args.dump:
        rows = [asdict(s) for s in scores]
        args.dump.write_text(json.dumps(rows, indent=1, ensure_ascii=False), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--rebuild", action="store_true", help="build the site and bundle again")
    parser.add_argument("--dump", type=Path, help="each query's figures, as JSON, to this file")
    measures = parser.add_subparsers(dest="measure", required=True)
    by_item = measures.add_parser("known", help="known-item queries on the corpus")
    by_item.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpora/arxiv-cs-2025.jsonl.gz"
    )
    by_item.add_argument("--n", type=int, default=35020, help="papers: the first N of the corpus")
    by_item.add_argument("--per-form", type=int, default=200)
    by_item.add_argument("--seed", type=int, default=23)
    by_item.set_defaults(run=known)
    by_topic = measures.add_parser("topics", help="topic queries on a hand-labelled day")
    by_topic.add_argument("--topics", type=Path, required=True, help="the labelled day")
    by_topic.add_argument("--queries", type=Path, required=True, help="queries by topic")
    by_topic.set_defaults(run=topics)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
