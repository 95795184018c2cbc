"""Known-item search in Chromium: does the site's search put the paper a reader means first,
or in its first ten results? Five query forms, made by rule from each paper's own words with
a fixed seed, before any result is seen:

    python -m bench.search_quality --site bench-out/n2000/site --papers bench-out/n2000/papers.jsonl

- rare: the 3 rarest words of the title (rarest by papers that have them), in title order;
- common+abstract: the 2 commonest title words of 4+ letters, and the rarest word that only
  the abstract has;
- name: the method's name, the title's one word before a colon ("PartCrafter: ...");
- misspelt: the rare query with its longest word misspelt by one random edit;
- hyphen: a hyphenated term of the title (or a word with a digit) and the next title word.

Each query is typed as a reader types it (the last word unfinished); a site built from
`make bench-search N=...` serves. Prints hit@1, hit@10 and queries with no result per form.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page

from generator.pages.search_terms import words
from tests.browser import chromium, serve

FORMS = ("rare", "common+abstract", "name", "misspelt", "hyphen")
HYPHEN_OR_DIGIT = re.compile(r"^(?:\w+(?:-\w+)+|\w*\d\w*)$")


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


def rank_of(page: Page, query: str, url: str) -> int | None:
    """The place (1-based) of `url` among the first ten results of `query`, or 0 for none."""
    page.fill("[data-paper-search-query]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-paper-search-results]').dataset.query === q"
        " && document.querySelector('[data-paper-search-results]').dataset.search",
        arg=query.strip(),
        timeout=60_000,
    )
    hrefs = page.locator("[data-paper-search-results] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    if not hrefs:
        return None
    for place, href in enumerate(hrefs[:10], 1):
        if href.endswith(url):
            return place
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--papers", type=Path, required=True, help="the corpus records built")
    parser.add_argument("--per-form", type=int, default=100)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    papers = [json.loads(line) for line in args.papers.open(encoding="utf-8") if line.strip()]
    exported = json.loads((args.site / "papers.json").read_text("utf-8"))
    url_of = {p["id"]: p["url"] for p in exported}
    asked = [q for q in queries(papers, args.per_form, args.seed) if q[2] in url_of]
    places: dict[str, list[int | None]] = {form: [] for form in FORMS}
    with serve(args.site) as (url, _), chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        page.keyboard.press("/")
        for form, query, key in asked:
            places[form].append(rank_of(page, query, url_of[key]))
    for form in FORMS:
        got = places[form]
        if not got:
            continue
        n = len(got)
        first = sum(p == 1 for p in got) / n
        ten = sum(bool(p) for p in got) / n
        empty = sum(p is None for p in got)
        print(f"{form:<16} n={n:<4} hit@1 {first:6.1%}  hit@10 {ten:6.1%}  no result {empty}")


if __name__ == "__main__":
    main()
