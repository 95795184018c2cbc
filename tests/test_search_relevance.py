"""What the search finds, in Chromium, on a small library written for it: papers that a
reader means and papers that only share words with the query, so that each test says which
must come first. Python builds the index (generator/pages/search.py), paper-search.js
queries it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser import PREFIX, QUERY, RESULTS, require_chromium, serve
from tests.conftest import build_site, make_project

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

NOTICE = "[data-paper-search-notice]"
YEAR = "[data-paper-search-filter=year]"
FILLER = (
    "We report experiments on public benchmarks and compare with strong baselines, "
    "with ablations of each component and an analysis of the failure cases."
)


def record(key: str, title: str, abstract: str, date: str, *authors: str) -> dict[str, object]:
    return {
        "id": key,
        "title": title,
        "abstract": f"{abstract} {FILLER}",
        "authors": list(authors) or ["Ada Lovelace"],
        "date": date,
    }


def papers_of(table: str) -> list[dict[str, object]]:
    """The papers of a table: blocks of a line of key, date and authors (`; ` between
    names, none for the default author), a line of title and lines of abstract."""
    papers = []
    for block in table.strip().split("\n\n"):
        head, title, *abstract = block.splitlines()
        key, date, *names = head.split(" ", 2)
        authors = names[0].split("; ") if names else []
        papers.append(record(key, title, " ".join(abstract), date, *authors))
    return papers


# Names: Yan Zhang's papers are older than those of a Yan and a Zhang together.
NAMES = """
2401.00001 2024-01-10 Yan Zhang; Maria Rossi
Sparse routing for mixture models
Routing tokens.

2401.00002 2024-01-11 Yan Zhang
Tabular learning with trees
Trees for tables.
"""

# A word and a longer, rarer word it begins.
PREFIXES = """
2503.00001 2025-03-20
AgenticIQA: rating images
Image quality assessment.

2403.00002 2024-03-02
An agent for web tasks
The agent browses pages.
"""

# A hyphenated term, and its parts apart.
HYPHENS = """
2406.00001 2024-06-01
Neural Network-based Study for Rice Leaf Disease
We classify leaf images.

2406.00002 2025-06-02
A study of network pruning based on saliency
Pruning a network based on a study of saliency in the network.

2406.00003 2025-06-03
Rice yield prediction
A disease of rice leaf tissue studied
with a network; based on field data, rice leaf disease is rare.

2406.00004 2025-06-04
Disease detection for leaf and rice crops
Rice disease on each leaf; leaf disease of rice and disease of each rice leaf.
"""

# A hyphenated term and the next word together in a long title, and apart in short ones.
HYPHENS_IN_LONG_TITLES = """
2405.00001 2024-05-01
Efficient sampling and long-tailed learning for category discovery in open worlds
Open worlds.

2405.00002 2024-05-02
Long-tailed recognition by learning
Tails.

2405.00003 2024-05-03
Learning long-tailed classes
Classes.
"""

# A phrase, and its words apart.
PHRASE = """
2407.00001 2024-07-01
Reasoning with chain of thought
Chain of thought prompts.

2407.00002 2025-07-02
Supply chain planning
A thought on the chain of supply; of interest to planners.
"""

# An acronym and its plural.
ACRONYM = """
2410.00001 2024-10-01
LLMs as judges of essays
Grading.

2410.00002 2024-10-02
An LLM judge for proofs
Review.
"""

# Rare words to misspell, and word forms the library does not have.
RARE_WORDS = """
2408.00001 2024-08-01
Multiround grounding with fluxcapacitors
Dialogue agents ground references over many turns.

2408.00002 2024-08-02
Counting satellites in orbital imagery
Linguistic cues do not help here.
"""


def library() -> list[dict[str, object]]:
    return [
        *papers_of(NAMES),
        *(
            record(
                f"2502.0010{i}",
                f"Protein folding study {i}",
                "Proteins fold.",
                "2025-02-0{i}",
                "Yan Li",
                "Wei Zhang",
            )
            for i in range(1, 5)
        ),
        *papers_of(PREFIXES),
        *(
            record(
                f"2403.0001{i}",
                f"Browser automation {i}",
                f"A web agent, round {i}.",
                "2024-03-1{i}",
            )
            for i in range(1, 4)
        ),
        *papers_of(HYPHENS),
        *papers_of(HYPHENS_IN_LONG_TITLES),
        *papers_of(PHRASE),
        *papers_of(ACRONYM),
        *papers_of(RARE_WORDS),
        # Years: many papers on one topic, the older ones below the first ten results.
        *(
            record(
                f"2509.{i:05d}",
                f"Diffusion sampling, part {i}",
                "Diffusion models and diffusion sampling.",
                f"2025-09-{i:02d}",
            )
            for i in range(1, 12)
        ),
        *(
            record(
                f"2209.{i:05d}", f"Image editing, part {i}", "A diffusion prior.", f"2022-09-0{i}"
            )
            for i in range(1, 4)
        ),
    ]


@pytest.fixture(scope="module")
def relevance_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("relevance-project"))
    papers = project / "relevance.jsonl"
    papers.write_text("".join(json.dumps(r) + "\n" for r in library()), "utf-8")
    return build_site(project, [papers])


@pytest.fixture(scope="module")
def site_url(relevance_site: Path) -> Iterator[str]:
    with serve(relevance_site) as (url, _):
        yield url


def search(page: Page, query: str, filters: dict[str, str] | None = None) -> list[str]:
    """Types `query` into the open box; the titles of the results on the first page."""
    page.fill(QUERY, query)
    done = {"query": query.strip(), "filters": filters or {}}
    page.wait_for_function(
        "done => document.querySelector('[data-paper-search-results]').dataset.search === done",
        arg=json.dumps(done, separators=(",", ":"), ensure_ascii=False),
    )
    return [t.strip() for t in page.locator(f"{RESULTS} h1").all_inner_texts()]


def opened(page: Page, url: str) -> Page:
    page.goto(url)
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")
    return page


def test_a_common_name_finds_that_authors_papers_first(page: Page, site_url: str) -> None:
    titles = search(opened(page, site_url), "Yan Zhang")
    assert len(titles) == 6
    assert set(titles[:2]) == {"Sparse routing for mixture models", "Tabular learning with trees"}


def test_a_word_ranks_above_a_longer_word_it_begins(page: Page, site_url: str) -> None:
    titles = search(opened(page, site_url), "agent")  # as typed: the last word is a beginning
    assert titles[0] == "An agent for web tasks"
    assert "AgenticIQA: rating images" in titles  # still found, below


def test_a_hyphenated_term_matches_as_a_unit(page: Page, site_url: str) -> None:
    titles = search(opened(page, site_url), "Network-based Study")
    assert titles == ["Neural Network-based Study for Rice Leaf Disease"]
    titles = search(page, "network based study")  # its parts, apart, find the others too
    assert titles[0] == "Neural Network-based Study for Rice Leaf Disease"
    assert len(titles) == 3


def test_an_exact_title_phrase_ranks_first(page: Page, site_url: str) -> None:
    titles = search(opened(page, site_url), "rice leaf disease")
    assert titles[0] == "Neural Network-based Study for Rice Leaf Disease"


def test_a_hyphenated_term_and_the_next_word_together_in_a_title_rank_first(
    page: Page, site_url: str
) -> None:
    """The joined term (longtailed) stands where its first part does, and spans its parts."""
    titles = search(opened(page, site_url), "Long-Tailed Learning")
    assert len(titles) == 3
    assert titles[0].startswith("Efficient sampling and long-tailed learning")


def test_a_quoted_phrase_keeps_the_papers_with_those_words_in_that_order(
    page: Page, site_url: str
) -> None:
    page = opened(page, site_url)
    assert set(search(page, "chain of thought")) == {
        "Reasoning with chain of thought",
        "Supply chain planning",
    }
    assert search(page, '"chain of thought"') == ["Reasoning with chain of thought"]
    assert search(page, '"thought of chain"') == []


def test_a_misspelt_rare_word_still_finds_the_paper(page: Page, site_url: str) -> None:
    page = opened(page, site_url)
    titles = search(page, "multriound grounding fluxcapacitors")
    assert titles[0] == "Multiround grounding with fluxcapacitors"
    notice = page.inner_text(NOTICE)
    assert "No paper has “multriound”" in notice and "“multiround”" in notice
    assert search(page, "fluxcapacitr")[0] == "Multiround grounding with fluxcapacitors"


def test_a_word_form_the_library_lacks_is_found_by_its_stem(page: Page, site_url: str) -> None:
    page = opened(page, site_url)
    assert search(page, "satellite imagery") == ["Counting satellites in orbital imagery"]
    assert search(page, "linguistics ") == ["Counting satellites in orbital imagery"]
    assert page.locator(NOTICE).is_hidden()


def test_an_acronym_finds_its_plural(page: Page, site_url: str) -> None:
    page = opened(page, site_url)
    expected = {"LLMs as judges of essays", "An LLM judge for proofs"}
    assert set(search(page, "LLM judge")) == expected
    assert set(search(page, "LLMs judge")) == expected


def test_a_word_that_matches_nothing_is_dropped_and_said_so(page: Page, site_url: str) -> None:
    page = opened(page, site_url)
    assert search(page, "satellites qzxwvkjq") == ["Counting satellites in orbital imagery"]
    assert page.inner_text(NOTICE) == "No paper has “qzxwvkjq”: showing results without it."


def test_results_show_authors_and_day_and_mark_matches_as_highlights(
    page: Page, site_url: str
) -> None:
    search(opened(page, site_url), "trees")
    assert page.inner_text(f"{RESULTS} .paper-search__byline") == "Yan Zhang · 2024-01-11"
    style = page.locator(f"{RESULTS} mark").first.evaluate(
        "m => [getComputedStyle(m).textDecorationLine, getComputedStyle(m).backgroundColor]"
    )
    assert style[0] == "none"
    assert style[1] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_the_year_filter_lists_the_years_of_all_results(page: Page, site_url: str) -> None:
    page = opened(page, site_url)
    titles = search(page, "diffusion")
    assert len(titles) == 10 and not any(t.startswith("Image editing") for t in titles)
    years = page.locator(f"{YEAR} option").evaluate_all("os => os.map(o => o.value)")
    assert years == ["", "2025", "2022"]
    page.select_option(YEAR, value="2022")
    titles = search(page, "diffusion", {"year": "2022"})
    assert sorted(titles) == [f"Image editing, part {i}" for i in range(1, 4)]


def test_the_search_page_address_opens_the_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=fluxcapacitors&year=2024")
    page.wait_for_function(
        "() => document.querySelector('[data-paper-search-results]').dataset.search"
    )
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.input_value(QUERY) == "fluxcapacitors"
    assert page.input_value(YEAR) == "2024"
    assert page.locator(f"{RESULTS} h1").all_inner_texts() == [
        "Multiround grounding with fluxcapacitors"
    ]
    search(page, "satellites", {"year": "2024"})
    assert page.url == f"{site_url}search/?q=satellites&year=2024"  # the address follows
    link = page.locator(".paper-search__address").get_attribute("href") or ""
    assert link.endswith(f"{PREFIX}search/?q=satellites&year=2024")


def test_tab_past_the_header_does_not_open_the_overlay(page: Page, site_url: str) -> None:
    page.goto(site_url)
    checked = "() => document.getElementById('__search').checked"
    focused = "() => document.activeElement.matches('[data-paper-search-query]')"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    assert page.evaluate(focused)
    assert not page.evaluate(checked)
    page.keyboard.press("Tab")
    assert not page.evaluate(focused)
    assert not page.evaluate(checked)
    page.keyboard.press("Shift+Tab")  # back to the box: typing there opens it
    page.keyboard.type("agent")
    page.wait_for_function(checked)
