"""The query's folding in the browser (paper-search.js) against the library's in Python
(generator/pages/search_terms.py): the same functions by name, run over the same text."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.pages.search_terms import joined, stems, words
from tests.browser import require_chromium, serve
from tests.conftest import CORPUS, ROOT

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

STEMMER = ROOT / "overrides" / "assets" / "javascripts" / "porter2.js"
PACKAGE = ROOT / "node_modules" / "porter2" / "dist" / "index.js"
TRICKY = [
    "Zéro-shot ÜBER_models, GPT-4o! Chain-of-Visual-Thought; a\u2011b (non-breaking) ½ x²",
    "Ångström\u2010scale Network-based Study — 3D-to-2D, state-of-the-art-ish",
]


@pytest.fixture(scope="module")
def page(browser: Browser, seed_site: Path) -> Iterator[Page]:
    with serve(seed_site) as (url, _):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => self.paperSearchTerms")
        page.evaluate("() => self.paperSearchTerms.load()")
        yield page
        context.close()


def in_browser(page: Page, function: str, values: list[Any]) -> list[Any]:
    result: list[Any] = page.evaluate(
        f"values => values.map(v => self.paperSearchTerms.{function}(v))", values
    )
    return result


def test_words_and_joined_forms_are_the_same_in_the_browser(page: Page, seed_site: Path) -> None:
    records = json.loads((seed_site / "papers.json").read_text("utf-8"))
    texts = TRICKY + [r["title"] for r in records] + [r.get("abstract", "") for r in records]
    assert in_browser(page, "words", texts) == [words(t) for t in texts]
    assert in_browser(page, "joined", texts) == [joined(t) for t in texts]
    assert any(joined(t) for t in texts)


def disagreements(page: Page, ordered: list[str], theirs: list[str]) -> list[str]:
    ours = page.evaluate("ws => self.paperSearchTerms.stems(ws)", ordered)
    return [w for w, a, b in zip(ordered, ours, theirs, strict=True) if a != b]


def held_words(site: Path) -> dict[str, str]:
    """Every word of the site's search index, with the stem the index gave it."""
    index = json.loads(gzip.decompress((site / "search" / "index.json.gz").read_bytes()))
    held: dict[str, str] = {}
    for name in index["words"][1::2]:
        data = gzip.decompress((site / "search" / f"w-{name}.json.gz").read_bytes())
        held.update(json.loads(data)["words"])
    return held


def test_the_browser_stems_the_librarys_words_as_the_index_does(
    page: Page, seed_site: Path
) -> None:
    """porter2 is Snowball English as it was before Snowball 3.0, which PyStemmer 3 follows:
    they part on a few words ("added": ad / add, "organization": organ / organiz). Those
    matter only for a query form the library lacks, since every form the library has is in
    the index with the index's own stem: paper-search.js stems only the others."""
    held = held_words(seed_site)
    ordered = sorted(held)
    assert len(ordered) > 3000
    differ = disagreements(page, ordered, [held[w] for w in ordered])
    assert len(differ) <= len(ordered) / 200, differ


def test_the_browser_stems_nearly_every_word_of_the_corpus_as_the_index_does(page: Page) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent")
    vocabulary: set[str] = set()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number == 5000:
                break
            paper = json.loads(line)
            vocabulary.update(words(f"{paper.get('title', '')} {paper.get('summary', '')}"))
    ordered = sorted(vocabulary)
    assert len(ordered) > 15_000
    differ = disagreements(page, ordered, stems(ordered))
    assert len(differ) <= len(ordered) / 200, differ  # 47 of 25,311 words at PyStemmer 3.1


def test_the_stemmer_make_writes_stems_as_the_package_does(page: Page, seed_site: Path) -> None:
    """`make` ships porter2 minified: it must stem every word as the npm package itself."""
    if not PACKAGE.exists() or not STEMMER.exists():
        pytest.skip(f"{PACKAGE} is absent: `make` installs it with npm and writes {STEMMER.name}")
    assert STEMMER.stat().st_size < PACKAGE.stat().st_size / 2  # minified
    vocabulary = sorted(held_words(seed_site))
    assert len(vocabulary) > 3000
    differ = page.evaluate(
        """([source, words]) => {
          const exports = {};
          new Function("exports", source)(exports);
          return words.filter((w) => exports.stem(w) !== self.porter2.stem(w));
        }""",
        [PACKAGE.read_text("utf-8"), vocabulary],
    )
    assert differ == []
