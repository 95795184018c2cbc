"""The header search in Chromium: the seed site served under a sub-path, searched through its
own index (generator/pages/search.py)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator import pipeline
from generator.pages import search as search_index
from tests.browser import PREFIX, QUERY, RESULTS, STATUS, Traffic, require_chromium, serve
from tests.conftest import SEED

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

THEME = "[data-paper-search-filter=theme]"


@dataclass(frozen=True)
class Result:
    href: str
    title: str
    about: str


@pytest.fixture(scope="module")
def served(seed_site: Path) -> Iterator[tuple[str, Traffic]]:
    with serve(seed_site) as (url, traffic):
        yield url, traffic


@pytest.fixture(scope="module")
def site_url(served: tuple[str, Traffic]) -> str:
    return served[0]


@pytest.fixture(scope="module")
def records(seed_site: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((seed_site / "papers.json").read_text("utf-8"))
    return loaded


def search(page: Page, query: str, filters: dict[str, str] | None = None) -> None:
    """Types `query` into the open search box and waits until its results are shown."""
    page.fill(QUERY, query)
    done = {"query": query, "filters": filters or {}}  # as the page's JSON.stringify writes it
    page.wait_for_function(
        "done => document.querySelector('[data-paper-search-results]').dataset.search === done",
        arg=json.dumps(done, separators=(",", ":"), ensure_ascii=False),
    )


def shown(page: Page) -> list[Result]:
    """Every result, after pressing "More results" until there are no more."""
    more = page.locator("[data-paper-search-more]")
    while more.is_visible():
        count = page.locator(f"{RESULTS} > li").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('[data-paper-search-results] > li').length > n",
            arg=count,
        )
    results = []
    for item in page.locator(f"{RESULTS} > li").all():
        about = item.locator(".paper-search__themes")
        results.append(
            Result(
                href=item.locator("a").get_attribute("href") or "",
                title=item.locator("h1").inner_text(),
                about=about.inner_text() if about.count() else "",
            )
        )
    return results


def shown_now(page: Page) -> list[Result]:
    """The results on the page as it is, without pressing "More results"."""
    return [
        Result(
            href=item.locator("a").get_attribute("href") or "",
            title=item.locator("h1").inner_text(),
            about=" · ".join(item.locator(".paper-search__themes").all_inner_texts()),
        )
        for item in page.locator(f"{RESULTS} > li").all()
    ]


def open_search(page: Page, url: str) -> None:
    page.goto(url)
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")


def themed(records: list[dict[str, Any]], theme: str) -> set[str]:
    return {PREFIX + r["url"] for r in records if theme in r["themes"]}


@pytest.fixture
def search_page(page: Page, site_url: str) -> Page:
    """The served site's home page with its search box open."""
    open_search(page, site_url)
    return page


def test_title_query_finds_that_paper_first(
    page: Page, site_url: str, records: list[dict[str, Any]]
) -> None:
    open_search(page, site_url)
    for record in sorted(records, key=lambda r: r["id"])[::40]:
        title = record["title"]
        search(page, title)
        first = shown(page)[0]
        assert first.href == PREFIX + record["url"], title
        assert first.title == title
    page.locator(f"{RESULTS} a").first.click()
    page.wait_for_url(f"{site_url}papers/**")
    assert page.locator("article h1").inner_text().strip().startswith(title)


def test_case_accents_and_word_forms_do_not_matter(search_page: Page) -> None:
    """The browser folds a query as the generator folded the library (paper-search.js and
    search.py `words`), and finds a word's other forms through its stem."""
    search(search_page, "models diffusion")
    plain = shown(search_page)
    assert len(plain) > 1
    search(search_page, "Model DIFFÚSÏON")  # "model" and "models" are one stem
    assert shown(search_page) == plain


def test_keyword_query_finds_the_papers_of_its_theme(
    search_page: Page, records: list[dict[str, Any]]
) -> None:
    search(search_page, "LoRA")
    results = shown(search_page)
    expected = themed(records, "low-rank adaptation (LoRA)")
    assert len(expected) >= 5
    assert expected <= {r.href for r in results}
    assert results[0].href in expected
    assert "low-rank adaptation (LoRA)" in results[0].about
    assert search_page.locator(f"{RESULTS} mark").count() > 0  # the snippet is highlighted


def test_theme_filter_narrows_the_results(search_page: Page, records: list[dict[str, Any]]) -> None:
    search(search_page, "learning")
    everything = shown(search_page)
    # The filter row offers the themes of the results shown, most frequent first.
    theme = search_page.locator(f"{THEME} option").nth(1).get_attribute("value") or ""
    assert any(theme in r.about for r in everything)
    search_page.select_option(THEME, value=theme)
    search(search_page, "learning", {"theme": theme})
    narrowed = shown(search_page)
    assert 0 < len(narrowed) < len(everything)
    assert {r.href for r in narrowed} <= themed(records, theme)
    assert all(theme in r.about for r in narrowed)
    count = f"{len(narrowed)} matching paper" + ("s" if len(narrowed) > 1 else "")
    assert search_page.inner_text(STATUS).strip() == count


def offered(page: Page, select: str) -> dict[str, str]:
    """The filter's options but "All": value and text."""
    options = page.locator(f"{select} option").evaluate_all(
        "os => os.filter(o => o.value).map(o => [o.value, o.textContent])"
    )
    return dict(options)


def test_the_filters_offer_the_themes_and_years_of_all_results(
    page: Page, site_url: str, records: list[dict[str, Any]]
) -> None:
    """On the search page, the theme filter counts the themes of every paper the query
    matches, not only of the first page of results, and still offers them once one is
    chosen."""
    page.goto(f"{site_url}search/?q=learning")
    page.wait_for_function(f"() => document.querySelector('{RESULTS}').dataset.search")
    page.wait_for_load_state("networkidle")  # the theme table too
    first_page = {t for r in shown_now(page) for t in r.about.split(" · ") if t}
    themes = offered(page, THEME)
    everything = shown(page)
    counts = Counter(t for r in everything for t in r.about.split(" · ") if t)
    assert set(counts) - first_page, "every theme is on the first page: the test tells nothing"
    assert themes == {t: f"{t} ({counts[t]})" for t in themes}
    assert len(themes) == min(len(counts), 40)
    assert min(counts[t] for t in themes) >= max(
        [counts[t] for t in counts if t not in themes] or [0]
    )
    theme = max(set(counts) - first_page, key=lambda t: (counts[t], t))
    page.select_option(THEME, value=theme)
    page.wait_for_function(
        f"() => document.querySelector('{RESULTS}').dataset.search?.includes('theme')"
    )
    narrowed = shown(page)
    assert len(narrowed) == counts[theme]
    assert {r.href for r in narrowed} <= themed(records, theme)
    assert offered(page, THEME)[theme] == f"{theme} ({counts[theme]})"
    assert len(offered(page, THEME)) > 1  # the other themes stay offered, as choices


def test_reaching_for_the_filters_in_the_box_offers_the_themes_of_all_results(
    search_page: Page,
) -> None:
    """The header box offers the first results' themes until the pointer reaches the filters:
    the theme table is fetched then, not with every first search."""
    search(search_page, "learning")
    before = offered(search_page, THEME)
    search_page.hover(".paper-search__filters")
    search_page.wait_for_function(
        "n => document.querySelectorAll('[data-paper-search-filter=theme] option').length > n",
        arg=len(before) + 1,
    )
    assert set(offered(search_page, THEME)) > set(before)


def test_query_without_a_match_says_so(search_page: Page) -> None:
    search(search_page, "qzxwvkj")
    assert search_page.locator(f"{RESULTS} > li").count() == 0
    assert search_page.inner_text(STATUS).strip() == "No matching papers for “qzxwvkj”"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws/",
        "themes/low-rank-adaptation/",
    ],
)
def test_no_console_errors(page: Page, site_url: str, path: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    elsewhere: list[str] = []  # every asset is the site's own: no CDN, works offline
    origin = site_url.removesuffix(PREFIX)
    page.on(
        "request",
        lambda r: None if r.url.startswith((origin, "data:")) else elsewhere.append(r.url),
    )
    open_search(page, site_url + path)
    search(page, "diffusion")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert elsewhere == []


def test_keyboard_shortcut_opens_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "themes/low-rank-adaptation/")
    checked = "() => document.getElementById('__search').checked"
    for key, typed in (("s", "rank"), ("/", "low")):
        assert not page.evaluate(checked)
        page.keyboard.press(key)
        page.wait_for_function(checked)
        assert page.evaluate("() => document.activeElement.matches('[data-paper-search-query]')")
        page.keyboard.type(typed)
        assert page.input_value(QUERY) == typed  # the key opened search and was not typed
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !({checked})()")


def test_a_two_letter_query_is_searched(search_page: Page) -> None:
    search(search_page, "RL")
    assert search_page.locator(f"{RESULTS} > li").count() > 0


def index_files(traffic: Traffic, mark: int, start: str = "") -> set[str]:
    """The search index's files the server sent since `mark`, by name, starting with `start`."""
    sent = (path.split("?")[0] for path, _, _ in traffic.since(mark))
    return {
        path.rsplit("/", 1)[1]
        for path in sent
        if "/search/" in path and path.rsplit("/", 1)[1].startswith(start)
    }


def ranges_of(site: Path, word: str, whole: bool) -> set[str]:
    """The range files of the vocabulary that hold `word` (or the words it begins), as
    paper-search.js finds them in search/index.json.gz: read from the table here, in Python."""
    table = json.loads(gzip.decompress((site / "search" / "index.json.gz").read_bytes()))["words"]
    begins, names = table[0::2], table[1::2]
    key = word.encode("utf-16-be")
    at = max(i for i, first in enumerate(begins) if first.encode("utf-16-be") <= key)
    found = {f"w-{names[at]}.json.gz"}
    for i in range(at + 1, len(begins)):
        if whole or not begins[i].startswith(word):
            break
        found.add(f"w-{names[i]}.json.gz")
    return found


def test_the_engine_loads_when_the_pointer_reaches_search_before_any_key(
    page: Page, served: tuple[str, Traffic]
) -> None:
    url, traffic = served
    mark = traffic.mark()
    page.goto(url, wait_until="networkidle")
    assert index_files(traffic, mark) == set()  # a page view loads none of search
    with page.expect_response(lambda response: response.url.endswith("/search/index.json.gz")):
        page.hover("[data-paper-search] .md-search__form")
    page.wait_for_load_state("networkidle")
    assert index_files(traffic, mark) == {"index.json.gz"}  # ranges and results wait for a query
    assert page.input_value(QUERY) == ""


def test_typing_fetches_only_the_ranges_of_the_query_where_typing_pauses(
    page: Page, served: tuple[str, Traffic], seed_site: Path
) -> None:
    """Typed once the index table is loaded, with the page's clock stopped: keystrokes then
    arrive in a burst with no pause between them, whatever the machine's load. The ranges of
    "d", "di", "dif"... must not be fetched: only those of the finished word (preloaded) and
    of the query standing when typing pauses."""
    url, traffic = served
    query = "diffusion models"
    page.clock.install()
    with page.expect_response(lambda response: response.url.endswith("/search/index.json.gz")):
        open_search(page, url)
    mark = traffic.mark()
    pause_clock(page)
    page.keyboard.type(query)
    page.clock.resume()
    done = json.dumps({"query": query, "filters": {}}, separators=(",", ":"))
    page.wait_for_function(
        "done => document.querySelector('[data-paper-search-results]').dataset.search === done",
        arg=done,
    )
    page.wait_for_load_state("networkidle")
    wanted = ranges_of(seed_site, "diffusion", True) | ranges_of(seed_site, "models", True)
    assert index_files(traffic, mark, "w-") == wanted
    assert page.locator(f"{RESULTS} > li").count() > 0

    # A word of one or two letters waits for a longer pause ("RL" is a query, "r" seldom).
    pause_clock(page)
    page.keyboard.type(" r")
    page.clock.run_for(200)
    searched = "() => document.querySelector('[data-paper-search-results]').dataset.query"
    assert page.evaluate(searched) == query
    page.clock.run_for(200)
    page.wait_for_function(f"q => ({searched})() === q", arg=f"{query} r")


@pytest.fixture(scope="module")
def small_ranges(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site with its vocabulary cut into ranges of 300 bytes: a word's longer words
    then span many ranges, as common words do at 35,000 papers."""
    site = tmp_path_factory.mktemp("small-ranges") / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("search"))
    index, _, _ = pipeline.prepare([SEED])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "CHUNK_BYTES", 300)
        files = search_index.index_files(search_index.search_documents(index))
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    shutil.copy(seed_site / "search" / "index.html", site / "search" / "index.html")
    return site


@pytest.fixture(scope="module")
def with_added(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site with a third of its papers held apart as added since the last fit, in
    ranges of 300 bytes: the added papers' ranges then begin where the library's do not."""
    site = tmp_path_factory.mktemp("with-added") / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("search"))
    index, _, _ = pipeline.prepare([SEED])
    added = frozenset(e.key for e in index.entries[::3])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "CHUNK_BYTES", 300)
        documents = search_index.search_documents(dataclasses.replace(index, added=added))
        files = search_index.index_files(documents)
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    shutil.copy(seed_site / "search" / "index.html", site / "search" / "index.html")
    return site


def every_title(page: Page, url: str, query: str) -> set[str]:
    """The titles of every result of `query`, its words whole, on the site at `url`."""
    open_search(page, url)
    page.fill(QUERY, query + " ")
    page.wait_for_function(
        "q => (document.querySelector('[data-paper-search-results]').dataset.search || '')"
        ".startsWith(JSON.stringify({query: q}).slice(0, -1))",
        arg=query,
    )
    return {result.title for result in shown(page)}


def test_a_word_finds_the_papers_added_since_the_fit_with_the_others(
    page: Page, seed_site: Path, with_added: Path
) -> None:
    """The same papers for each query whether a third of the library is held in ranges of
    its own or not: the word's postings are read from both, the stem's where it sorts."""
    table = json.loads(gzip.decompress((with_added / "search" / "index.json.gz").read_bytes()))
    assert len(table["added"]) > 2 and len(table["words"]) > 2
    queries = sorted({w for w in held_words(with_added) if len(w) > 5 and w.isalpha()})[::50]
    checked = 0
    with serve(seed_site) as (url, _), serve(with_added) as (split, _):
        for query in queries:
            whole = every_title(page, url, query)
            assert every_title(page, split, query) == whole, query
            checked += bool(whole)
    assert checked >= 5


def held_words(site: Path) -> set[str]:
    table = json.loads(gzip.decompress((site / "search" / "index.json.gz").read_bytes()))
    held: set[str] = set()
    for name in table["words"][1::2]:
        data = gzip.decompress((site / "search" / f"w-{name}.json.gz").read_bytes())
        held.update(json.loads(data)["words"])
    return held


def fetched_ranges(page: Page, traffic: Traffic, url: str, query: str) -> set[str]:
    """The range files a fresh page fetches for `query`, typed and left as it is."""
    page.goto("about:blank")
    open_search(page, url)
    page.wait_for_load_state("networkidle")
    mark = traffic.mark()
    search(page, query)
    page.wait_for_load_state("networkidle")
    return index_files(traffic, mark, "w-")


def test_a_typed_word_fetches_the_ranges_of_its_longer_words_only_when_it_is_a_fragment(
    page: Page, small_ranges: Path
) -> None:
    """The last word, while typed, also matches the words it begins. A word the library has
    takes them from its own range: at 35,020 papers "model" fetched 11 ranges (0.49 MB) of its
    forms and joined terms, each with the postings of "model" again. A fragment the library
    lacks fetches the ranges after its own, a few at most."""
    held = held_words(small_ranges)
    spans = {w: ranges_of(small_ranges, w, False) for w in held if len(w) > 3}
    word = max(sorted(spans), key=lambda w: len(spans[w]))
    fragments = {w[:n] for w in held for n in range(3, len(w))} - held
    fragment = max(sorted(fragments), key=lambda f: len(ranges_of(small_ranges, f, False)))
    assert len(spans[word]) > 1
    assert len(ranges_of(small_ranges, fragment, False)) > 1 + 3
    with serve(small_ranges) as (url, traffic):
        assert fetched_ranges(page, traffic, url, word) == ranges_of(small_ranges, word, True)
        fetched = fetched_ranges(page, traffic, url, fragment)
        assert fetched < ranges_of(small_ranges, fragment, False)
        assert len(fetched) == 1 + 3 and ranges_of(small_ranges, fragment, True) <= fetched
        assert page.locator(f"{RESULTS} > li").count() > 0


def pause_clock(page: Page) -> None:
    """Stops the page's clock (installed with page.clock.install()) a second from now."""
    now = page.evaluate("() => Date.now()") / 1000
    page.clock.pause_at(datetime.fromtimestamp(now + 1, tz=UTC))


BOX = "[data-paper-search]"


def test_the_box_is_made_by_the_script_with_its_names_and_roles(page: Page, site_url: str) -> None:
    """The page sends the box empty (partials/search.html); the script makes it once."""
    page.goto(site_url + "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws/")
    box = page.locator(BOX)
    assert box.get_attribute("role") == "dialog"
    assert box.get_attribute("aria-label") == "Search"
    assert box.locator("[role=search] form[name=paper-search]").count() == 1
    assert page.get_by_role("textbox", name="Search").count() == 1
    assert box.locator("button[type=reset]").get_attribute("aria-label") == "Clear"
    assert page.inner_text(STATUS).strip() == "Type to start searching"
    assert box.locator(RESULTS).get_attribute("role") == "presentation"
    assert box.locator("[aria-live=polite]").count() == 1
    icons = box.locator("svg.pi-icon").evaluate_all("icons => icons.map(i => i.classList[1])")
    assert icons == ["pi-search", "pi-previous", "pi-close"]


@pytest.mark.parametrize("width", [1280, 400])
def test_the_header_does_not_move_when_the_box_is_made(
    browser: Browser, site_url: str, width: int
) -> None:
    """The empty box holds the room of the filled one: the header is laid out alike with the
    script held back and with it run."""
    where = """() => [".md-header__title", ".md-search", ".md-header__option", "[for=__search]"]
        .map(s => document.querySelector(`.md-header ${s}`).getBoundingClientRect())
        .map(r => [r.x, r.y, r.width, r.height].map(Math.round))"""
    layouts = []
    for held_back in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        if held_back:
            page.route("**/paper-search.js", lambda route: route.abort())
        page.goto(site_url + "themes/low-rank-adaptation/", wait_until="load")
        assert page.locator(f"{BOX} form").count() == (0 if held_back else 1)
        layouts.append(page.evaluate(where))
        context.close()
    assert layouts[0] == layouts[1]


def published_sitemap(site: Path, url: str) -> str:
    """The sitemap of `site` published at `url`. Material's instant navigation takes only the
    links its sitemap lists; the seed site is built without `site_url`, so its own is empty."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    urls = "".join(f"<url><loc>{url}{p.removesuffix('index.html')}</loc></url>" for p in pages)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_search_works_after_instant_navigation(page: Page, site_url: str, seed_site: Path) -> None:
    """Material's instant navigation swaps the article, not the header: the box made on the
    first page answers on the next ones, once, and the keyboard shortcuts still open it."""
    sitemap = published_sitemap(seed_site, site_url)
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="text/xml"))
    page.goto(site_url)
    page.evaluate("() => { window.__samePage = true }")  # gone if a page is loaded in full
    open_box = "() => document.getElementById('__search').checked"

    def arrive(url: str, heading: str) -> None:
        page.wait_for_url(url)
        page.locator(".md-content__inner > h1", has_text=heading).wait_for()
        # Material closes search 125 ms after each navigation, after the new page at times.
        page.wait_for_timeout(250)

    page.click(".md-tabs__link >> text=Themes")
    arrive("**/themes/", "Themes")
    page.keyboard.press("s")
    page.wait_for_function(open_box)
    search(page, "LoRA")
    first = page.locator(f"{RESULTS} h1").first.inner_text()
    page.locator(f"{RESULTS} a").first.click()
    arrive(f"{site_url}papers/**", first)
    assert not page.evaluate(open_box)  # following a result closes the box
    page.keyboard.press("/")
    page.wait_for_function(open_box)
    search(page, "diffusion")
    assert page.locator(f"{RESULTS} > li").count() > 0
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !({open_box})()")
    assert page.evaluate("() => window.__samePage") is True  # every step was an instant one
    assert page.locator(f"{BOX} form").count() == 1
    assert page.locator(".paper-search__filters").count() == 1
