"""The page chrome around every article (header, drawer, tabs, footer, Material's settings)
stays small: icons come from one stylesheet, the drawer still reaches every section."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

PAPER = "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws/index.html"
THEME = "themes/low-rank-adaptation/index.html"
# Every icon the header, drawer and back-to-top button show, as often as a page sends it.
ICONS = {
    "logo": 2,
    "menu": 1,
    "palette-0": 1,
    "palette-1": 1,
    "search": 1,
    "top": 1,
}
# And those of the search box, which paper-search.js makes (tests/test_search_browser.py).
DRAWN = [*ICONS, "previous", "close"]
# The page without its article, in bytes: 10,714 on this paper page and 11,353 on this theme
# page (which has a table of contents) with inline icons and Material's settings and
# scripts in full; 7,755 and 8,394 without; 6,549 and 7,239 with the search box made by
# its script (and the paper's skip link to #paper rather than to the slug of its title);
# 6,719 and 7,409 since the seed's papers are listed on its header's day, which gives the
# site a Days tab and drawer entry (170 bytes).
CHROME_BUDGET = {PAPER: 6_820, THEME: 7_520}


def chrome(page: str) -> str:
    start, end = page.index("<article"), page.index("</article>")
    return page[:start] + page[end:]


def hrefs(html: str, link_class: str) -> list[str]:
    return re.findall(rf'<a href="([^"]*)" class="{link_class}"', html)


@pytest.mark.parametrize("path", [PAPER, THEME, "index.html"])
def test_icons_are_drawn_by_the_stylesheet(seed_site: Path, path: str) -> None:
    page = (seed_site / path).read_text("utf-8")
    assert "<path" not in chrome(page)
    used = re.findall(r'<svg class="pi-icon pi-([a-z0-9-]+)" viewBox="0 0 24 24"></svg>', page)
    assert {role: used.count(role) for role in set(used)} == ICONS
    assert 'assets/stylesheets/chrome-icons.css">' in page
    css = (seed_site / "assets/stylesheets/chrome-icons.css").read_text("utf-8")
    assert "{%" not in css and "{{" not in css  # rendered, not copied as it is
    for role in DRAWN:
        rule = css.split(f".pi-{role} {{", 1)[1].split("}", 1)[0]
        assert "mask-image: url('data:image/svg+xml;charset=utf-8,%3Csvg" in rule, role
        assert "%3Cpath%20d%3D" in rule, role


@pytest.mark.parametrize("path", [PAPER, THEME, "index.html"])
def test_the_search_box_is_sent_empty(seed_site: Path, path: str) -> None:
    """paper-search.js makes it; the header's button that opens it is in the page."""
    page = (seed_site / path).read_text("utf-8")
    assert '<div class="md-search paper-search" data-paper-search></div>' in page
    assert page.count("data-paper-search") == 1
    assert '<label class="md-header__button md-icon" for="__search">' in page
    assert "assets/javascripts/paper-search.js" in page


@pytest.mark.parametrize("path", [PAPER, THEME])
def test_chrome_stays_within_its_budget(seed_site: Path, path: str) -> None:
    size = len(chrome((seed_site / path).read_text("utf-8")).encode("utf-8"))
    assert size <= CHROME_BUDGET[path], f"{path}: {size} bytes of chrome"


@pytest.mark.parametrize("path", [PAPER, THEME, "index.html"])
def test_the_drawer_reaches_every_tab(seed_site: Path, path: str) -> None:
    page = (seed_site / path).read_text("utf-8")
    drawer = page.split('<nav class="md-nav md-nav--primary', 1)[1].split('data-md-type="toc"')[0]
    tabs = hrefs(page, "md-tabs__link")
    assert len(tabs) >= 4
    reached = hrefs(drawer, "md-nav__link") + hrefs(drawer, "md-nav__link md-nav__link--active")
    assert set(reached) >= set(tabs)


def test_material_settings_hold_what_its_script_reads(seed_site: Path) -> None:
    page = (seed_site / PAPER).read_text("utf-8")
    raw = page.split('<script id="__config" type="application/json">', 1)[1].split("</script>")[0]
    settings = json.loads(raw)
    assert settings["base"] == "../.."
    assert "navigation.instant" in settings["features"]
    assert settings["translations"] == {
        "clipboard.copied": "Copied to clipboard",
        "clipboard.copy": "Copy to clipboard",
    }


def test_no_content_tabs_without_their_script() -> None:
    """overrides/partials/javascripts/content.html drops Material's script for content tabs;
    turning pymdownx.tabbed on needs that file gone."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert (ROOT / "overrides/partials/javascripts/content.html").exists()
    assert "pymdownx.tabbed" not in names
