"""Hostile input in Chromium: on every page of the built site, no payload runs.

The site is built from tests/fixtures/hostile/ (JSON Lines, YAML, BibTeX, a text dump) and
served on 127.0.0.1. Each page is loaded in a fresh document; afterwards no dialog has opened,
no request has left the server, no element carries an event handler, a `javascript:`-like
address or an id or class from a payload, and no payload's global exists. Then the search
box is used with queries that match the payloads, since its results are built in the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route

from tests.browser import require_chromium, serve
from tests.conftest import build_site, make_project
from tests.hostile import LIBRARY

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# Everything in the document that input could have put there, as a list of findings.
INSPECT = """() => {
    const found = [];
    const addressed = ["href", "src", "action", "formaction", "data", "xlink:href", "poster",
                       "background", "srcset", "ping"];
    for (const el of document.querySelectorAll("*")) {
        const tag = el.localName;
        for (const {name, value} of el.attributes) {
            if (name.startsWith("on")) found.push(`${tag}[${name}]`);
            if (name === "srcdoc") found.push(`${tag}[srcdoc]`);
            // Only http(s) and relative addresses; browsers ignore blanks and controls in them.
            const bare = value.replace(/[\\s\\u0000-\\u001f]/g, "");
            const scheme = /^([a-z][a-z0-9+.\\-]*):/i.exec(bare);
            if (addressed.includes(name) && scheme && !/^https?$/i.test(scheme[1])) {
                found.push(`${tag}[${name}=${value.slice(0, 60)}]`);
            }
        }
        // The payloads' own ids and classes all start with "pwned" (a heading's id made from
        // its escaped title text, "scriptwindow__pwned...", is the toc extension's, not theirs).
        const classes = (el.getAttribute("class") || "").split(/\\s+/);
        if (/^pwned/i.test(el.id) || classes.some((c) => /^pwned/i.test(c))) {
            found.push(`${tag}#${el.id}.${classes.join(".")}`);
        }
        const embedding = ["iframe", "frame", "object", "embed", "base", "details"];
        if (embedding.includes(tag)) found.push(tag);
        if (tag === "meta" && el.httpEquiv) found.push(`meta[http-equiv=${el.httpEquiv}]`);
    }
    for (const name of Object.getOwnPropertyNames(window)) {
        if (/pwn/i.test(name)) found.push(`window.${name}`);
    }
    if (typeof window.__pwned !== "undefined") found.push("window.__pwned");
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile-browser"))
    return build_site(project, LIBRARY)


class Watch:
    """What a page did that only a payload would do: dialogs, pop-ups, requests elsewhere."""

    def __init__(self, page: Page, origin: str) -> None:
        self.events: list[str] = []
        self.origin = origin
        page.on("dialog", self.dialog)
        page.on("popup", lambda popup: self.events.append(f"popup {popup.url}"))
        page.route("**/*", self.route)

    def dialog(self, dialog: object) -> None:
        self.events.append(f"dialog {getattr(dialog, 'message', '')!r}")
        dialog.dismiss()  # type: ignore[attr-defined]

    def route(self, route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            self.events.append(f"request {request.url}")
            route.abort()


@pytest.fixture
def watched(browser: Browser, hostile_site: Path) -> Iterator[tuple[Page, Watch, str]]:
    with serve(hostile_site) as (url, _):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        parts = urlsplit(url)
        watch = Watch(page, f"{parts.scheme}://{parts.netloc}")
        yield page, watch, url
        context.close()


def test_the_hostile_library_reaches_the_site(hostile_site: Path) -> None:
    """The test below means something only if the payloads are on the pages, as text."""
    text = "".join(p.read_text("utf-8") for p in hostile_site.rglob("*.html"))
    for payload in (
        "window.__pwned=&#x27;title-img&#x27;",
        "window.__pwned='yaml-tag'",
        "window.__pwned='bib-author'",
        "parent.__pwned='dump-title'",
    ):
        assert payload in text
    # A day's page heads its groups with the papers' categories, payloads here.
    days = "".join(p.read_text("utf-8") for p in (hostile_site / "days").rglob("*.html"))
    assert "category-heading" in days and "category-link" in days


def test_no_payload_runs_on_any_page(hostile_site: Path, watched: tuple[Page, Watch, str]) -> None:
    page, watch, url = watched
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 40
    findings: dict[str, list[str]] = {}
    for path in pages:
        address = url + path.removesuffix("index.html")
        page.goto(address, wait_until="load")
        page.wait_for_timeout(50)  # handlers that fire after load (ontoggle, refresh)
        found = page.evaluate(INSPECT) + watch.events
        watch.events.clear()
        if page.url != address:
            found.append(f"navigated to {page.url}")
        if found:
            findings[path] = found
    assert findings == {}


@pytest.mark.parametrize("query", ["pwned", "script", "javascript", "config site_name"])
def test_search_results_show_payloads_as_text(watched: tuple[Page, Watch, str], query: str) -> None:
    page, watch, url = watched
    page.goto(url, wait_until="load")
    page.keyboard.press("/")
    page.fill("[data-paper-search-query]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-paper-search-results]').dataset.query === q",
        arg=query,
    )
    results = page.locator("[data-paper-search-results] > li")
    assert results.count() > 0
    while page.locator("[data-paper-search-more]").is_visible():
        count = results.count()
        page.locator("[data-paper-search-more]").click()
        page.wait_for_function(
            "n => document.querySelectorAll('[data-paper-search-results] > li').length > n",
            arg=count,
        )
    page.wait_for_timeout(50)
    assert page.evaluate(INSPECT) + watch.events == []


def test_payloads_and_entities_are_visible_text(watched: tuple[Page, Watch, str]) -> None:
    page, watch, url = watched
    page.goto(url + "papers/2501.00001/", wait_until="load")
    text = page.inner_text("article")
    for shown in (
        "<script>window.__pwned='title-script';alert('title')</script>",
        "<img src=x onerror=\"window.__pwned='abstract-img';alert(2)\">",
        "[click](javascript:window.__pwned='md-link')",
        "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; and &#60;b&#62; and &amp;",
        "{ #pwned-attr .pwned onclick=\"window.__pwned='attr'\" }",
    ):
        assert shown in text
    assert page.title().startswith("<script>window.__pwned='title-script'")
    assert watch.events == []
