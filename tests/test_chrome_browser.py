"""The page chrome in Chromium: icons drawn by the stylesheet, the light/dark toggle, the
drawer on a narrow screen and the code copy button, on the seed site under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import require_chromium, serve

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PAPER = "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws/"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


@pytest.fixture(scope="module")
def site_url(seed_site: Path) -> Iterator[str]:
    with serve(seed_site) as (url, _):
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def drawn(page: Page, selector: str) -> bool:
    """The icon shows a shape: its picture differs from the same box filled and empty."""
    icon = page.locator(selector)
    shot = icon.screenshot()
    icon.evaluate("e => e.style.setProperty('mask-image', 'none')")
    filled = icon.screenshot()
    icon.evaluate("e => e.style.setProperty('background-color', 'transparent')")
    empty = icon.screenshot()
    icon.evaluate("e => e.removeAttribute('style')")
    return shot not in (filled, empty)


def test_header_icons_are_drawn(page: Page, site_url: str) -> None:
    page.goto(site_url + PAPER)
    assert drawn(page, ".md-header__button.md-logo .pi-logo")
    assert drawn(page, ".md-search__icon[for='__search'] .pi-search")  # in the search box
    assert drawn(page, ".md-header__option label:not([hidden]) > .pi-icon")  # light/dark
    page.click(".md-tabs__link >> text=Themes")  # instant navigation, one level up
    page.wait_for_url("**/themes/")
    assert drawn(page, ".md-header__button.md-logo .pi-logo")


def test_the_toggle_switches_the_scheme_and_pages_keep_it(page: Page, site_url: str) -> None:
    page.goto(site_url + PAPER)
    assert page.evaluate(SCHEME) == "default"
    page.click(".md-header label[title='Switch to dark mode']:not([hidden])")
    page.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    page.goto(site_url + "themes/low-rank-adaptation/")  # a new page load applies the choice
    assert page.evaluate(SCHEME) == "slate"
    page.click(".md-header label[title='Switch to light mode']:not([hidden])")
    page.wait_for_function(f"() => ({SCHEME})() === 'default'")


def test_the_drawer_reaches_every_section_on_a_narrow_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(site_url + PAPER)
    assert not page.locator(".md-tabs").is_visible()  # Material shows tabs on wide screens only
    assert drawn(page, ".md-header__button[for='__drawer'] .pi-menu")
    page.click(".md-header label[for='__drawer']")
    drawer = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a")
    drawer.first.wait_for(state="visible")
    tabs = page.locator(".md-tabs__link")
    assert [a.get_attribute("href") for a in drawer.all()] == [
        a.get_attribute("href") for a in tabs.all()
    ]
    assert all(a.is_visible() for a in drawer.all())
    page.locator(".md-nav--primary").get_by_role("link", name="Themes", exact=True).click()
    page.wait_for_url("**/themes/")


def test_the_drawer_is_made_again_after_instant_navigation(page: Page, site_url: str) -> None:
    """Material's instant navigation replaces the drawer with the next page's empty one."""
    page.goto(site_url + PAPER)
    page.locator("article a[href*='themes/']").first.click()  # a theme page, outside the nav
    page.wait_for_url("**/themes/*/")
    page.set_viewport_size({"width": 400, "height": 800})
    page.click(".md-header label[for='__drawer']")
    drawer = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a")
    drawer.first.wait_for(state="visible")
    assert drawer.count() == page.locator(".md-tabs__link").count() >= 4


def test_a_page_outside_the_navigation_has_home_s_tabs_once_after_instant_navigation(
    page: Page, site_url: str
) -> None:
    """Its tabs are made by chrome.js (partials/tabs.html): the same links as the home
    page's, none current, once, on the first page and on the one instant navigation shows."""
    tabs = (
        "() => [...document.querySelectorAll('.md-tabs__link')]"
        ".map(a => [a.href, a.textContent.trim()])"
    )
    page.goto(site_url)
    home = [[href, text] for href, text in page.evaluate(tabs)]
    assert len(home) >= 4
    page.goto(site_url + PAPER)
    assert page.evaluate(tabs) == home
    assert page.locator(".md-tabs__item--active").count() == 0
    page.locator("article a[href*='themes/']").first.click()  # instant navigation
    page.wait_for_url("**/themes/*/")
    assert page.locator(".md-tabs").count() == 1 and page.evaluate(tabs) == home


def test_the_header_shows_the_page_title_once_scrolled(page: Page, site_url: str) -> None:
    """Sent empty, written by chrome.js from the heading, on each page instant navigation
    shows."""
    topic = page.locator("[data-md-component=header-topic] .md-ellipsis")
    page.goto(site_url + PAPER)
    title = page.locator("article h1").inner_text()
    page.mouse.wheel(0, 2000)
    page.wait_for_selector(".md-header__title--active")
    assert topic.is_visible() and topic.inner_text() == title
    page.locator("article a[href*='themes/']").first.click()
    page.wait_for_url("**/themes/*/")
    heading = page.locator("article h1").evaluate(
        "h => [...h.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('').trim()"
    )
    assert heading.startswith("Theme: ")
    page.wait_for_function(
        "t => document.querySelector('[data-md-component=header-topic] .md-ellipsis')"
        ".textContent === t",
        arg=heading,
    )


def test_without_javascript_a_page_outside_the_navigation_leads_home_and_home_to_all(
    browser: Browser, site_url: str
) -> None:
    """The tabs and drawer of a page outside the navigation are made by script; without it,
    the header's logo leads home, whose drawer (and tabs) are in the page itself."""
    context = browser.new_context(viewport={"width": 400, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAPER)
        assert page.locator(".md-tabs").count() == 0
        page.locator(".md-header .md-logo").click()
        page.wait_for_url(site_url)
        page.locator(".md-header label[for=__drawer]").click()
        drawer = page.locator("[data-md-type=navigation]")
        assert drawer.get_by_role("link", name="Themes", exact=True).is_visible()
    finally:
        context.close()


def test_the_code_copy_button_has_its_label(page: Page, site_url: str) -> None:
    page.goto(site_url + PAPER)
    button = page.locator("pre .md-code__button[data-md-type='copy']")
    assert button.get_attribute("title") == "Copy to clipboard"  # from Material's settings
