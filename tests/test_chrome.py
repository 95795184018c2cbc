"""The page chrome around every article (header, drawer, tabs, footer, Material's settings)
stays small: icons come from one stylesheet, what works only with JavaScript (the light/dark
toggle, the drawer of a page outside the navigation, Material's page functions) comes from
assets/javascripts/chrome.js, and the drawer still reaches every section."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, build_site, make_project

pytestmark = pytest.mark.e2e

PAPER = "papers/allora-adaptive-learning-rate-mitigates-lora-fatal-flaws/index.html"
THEME = "themes/low-rank-adaptation/index.html"
# Every icon the header, drawer and back-to-top button show, as often as a page sends it: the
# drawer's logo on the pages of the navigation only, whose drawer is sent.
ICONS = {"logo": 1, "menu": 1, "search": 1, "top": 1}
SENT = {PAPER: ICONS, THEME: ICONS, "index.html": {**ICONS, "logo": 2}}
# And those of the light/dark toggle (chrome.js) and of the search box, which paper-search.js
# makes (tests/test_search_browser.py).
DRAWN = [*ICONS, "palette-0", "palette-1", "previous", "close"]
# The page without its article, in bytes: 10,714 on this paper page and 11,353 on this theme
# page (which has a table of contents) with inline icons and Material's settings and
# scripts in full; 7,755 and 8,394 without; 6,549 and 7,239 with the search box made by
# its script (and the paper's skip link to #paper rather than to the slug of its title);
# 6,719 and 7,409 since the seed's papers are listed on its header's day, which gives the
# site a Days tab and drawer entry (170 bytes); 4,427 and 5,117 with the toggle, the drawer
# and Material's page functions made by chrome.js, no generator tag and Material's credit
# on the pages of the navigation only; 4,219 and 4,909 with the site's description and feed
# link there only too; 3,892 and 4,606 with Material's settings and the header's page title
# made by chrome.js; 3,892 and 3,893 with no table of contents on a page of fewer than three
# sections; 3,267 and 3,268 with the tabs of a page outside the navigation made by chrome.js;
# 3,098 and 3,099 without an empty footer.
CHROME_BUDGET = {PAPER: 3_180, THEME: 3_180}


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
    assert {role: used.count(role) for role in set(used)} == SENT[path]
    assert 'assets/stylesheets/chrome.css">' in page
    css = (seed_site / "assets/stylesheets/chrome.css").read_text("utf-8")
    assert "{%" not in css and "{{" not in css  # rendered, not copied as it is
    search = (ROOT / "overrides/partials/paper-search.css.html").read_text("utf-8")
    assert search.strip() in css  # the search box's styles, in the same file…
    assert not list(seed_site.rglob("paper-search*.css"))  # …and not published alone
    assert page.count('rel="stylesheet"') == 4  # Material's two, this one and extra.css
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


@pytest.mark.parametrize("path", [PAPER, THEME])
def test_chrome_js_makes_what_works_only_with_javascript(seed_site: Path, path: str) -> None:
    """The toggle's form and the drawer are sent empty; the script that fills them is loaded
    before the page's body, rendered with the site's palette and name."""
    page = (seed_site / path).read_text("utf-8")
    head = page.split("</head>", 1)[0]
    assert '<script src="../../assets/javascripts/chrome.js"></script>' in head
    assert "__md_scope" not in page and 'name="generator"' not in page
    form = '<form class="md-header__option" data-md-component="palette"></form>'
    assert f"{form}\n<script>__pi_palette()</script>" in page
    drawer = page.split('data-md-type="navigation"', 1)[1].split("md-sidebar--secondary")[0]
    assert "<nav" not in drawer.split('<div class="md-content"')[0] and "md-nav__link" not in drawer
    assert "Made with" not in page
    script = (seed_site / "assets/javascripts/chrome.js").read_text("utf-8")
    assert "{%" not in script and "{{" not in script
    assert 'const root = new URL("../..", script.src);' in script
    assert "__md_scope: scope" in script and "const scope = root;" in script
    assert 'data-md-color-scheme=\\"slate\\"' in script and '"Paper index"' in script


@pytest.mark.parametrize("path", ["index.html", "themes/index.html", "about/index.html"])
def test_pages_of_the_navigation_keep_their_drawer_credit_description_and_feed(
    seed_site: Path, path: str
) -> None:
    page = (seed_site / path).read_text("utf-8")
    assert "Made with" in page
    assert '<meta name="description" content="Research papers' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    drawer = page.split('<nav class="md-nav md-nav--primary', 1)[1].split('data-md-type="toc"')[0]
    tabs = hrefs(page, "md-tabs__link")
    assert len(tabs) >= 4
    reached = hrefs(drawer, "md-nav__link") + hrefs(drawer, "md-nav__link md-nav__link--active")
    assert set(reached) >= set(tabs)


@pytest.mark.parametrize("path", [PAPER, THEME])
def test_other_pages_carry_no_site_wide_description_feed_or_empty_footer(
    seed_site: Path, path: str
) -> None:
    page = (seed_site / path).read_text("utf-8")
    assert '<meta name="description"' not in page
    assert 'rel="alternate"' not in page
    assert "<footer" not in page
    assert '<footer class="md-footer">' in (seed_site / "index.html").read_text("utf-8")


def test_a_copyright_puts_the_footer_on_every_page(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "copyright: © The reading group\n", "utf-8")
    site = build_site(project, [FIXTURES / "dated.jsonl"])
    paper = next((site / "papers").glob("*/index.html")).read_text("utf-8")
    footer = paper.split('<footer class="md-footer">', 1)[1].split("</footer>")[0]
    assert "© The reading group" in footer and "Made with" not in footer


def test_material_settings_hold_what_its_script_reads(seed_site: Path) -> None:
    """chrome.js writes them; the code copy button's label in Chromium comes from them
    (tests/test_chrome_browser.py)."""
    assert "__config" not in (seed_site / PAPER).read_text("utf-8")
    script = (seed_site / "assets/javascripts/chrome.js").read_text("utf-8")
    made = script.split('config.id = "__config";', 1)[1].split("document.head.append")[0]
    assert "base: root.href," in made
    features = json.loads(made.split("features: ", 1)[1].split(",\n", 1)[0])
    assert "navigation.instant" in features
    assert '"clipboard.copy": "Copy to clipboard"' in made
    assert '"clipboard.copied": "Copied to clipboard"' in made
    assert "search" not in made


def test_the_rendered_chrome_script_passes_eslint_and_typescript(
    seed_site: Path, tmp_path: Path
) -> None:
    """chrome.js is a template (skipped by `make lint`): its rendering is held to the same
    rules as the site's other scripts."""
    eslint, tsc = ROOT / "node_modules/.bin/eslint", ROOT / "node_modules/.bin/tsc"
    if not (eslint.exists() and tsc.exists()) or shutil.which("node") is None:
        pytest.skip("ESLint and TypeScript come from npm (make node_modules/.installed)")
    script = (seed_site / "assets/javascripts/chrome.js").read_text("utf-8")
    as_if = "overrides/assets/javascripts/chrome.rendered.js"  # the config's rules for the site
    linted = subprocess.run(
        [str(eslint), "--max-warnings", "0", "--stdin", "--stdin-filename", as_if],
        input=script,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    (tmp_path / "chrome.js").write_text(script, "utf-8")
    config = json.loads((ROOT / "jsconfig.json").read_text("utf-8"))
    project = {"compilerOptions": config["compilerOptions"], "files": ["chrome.js"]}
    (tmp_path / "jsconfig.json").write_text(json.dumps(project), "utf-8")
    checked = subprocess.run(
        [str(tsc), "--project", str(tmp_path / "jsconfig.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_material_s_search_and_source_maps_are_left_out(seed_site: Path) -> None:
    """overrides/hooks/theme_assets.py: the site's search is its own."""
    assets = seed_site / "assets"
    assert (assets / "javascripts").is_dir()
    assert not (assets / "javascripts/lunr").exists()
    assert not (assets / "javascripts/workers").exists()
    assert not list(assets.rglob("*.map"))
    assert list((assets / "javascripts").glob("bundle.*.min.js"))


def test_no_content_tabs_without_their_script() -> None:
    """overrides/partials/javascripts/content.html drops Material's script for content tabs;
    turning pymdownx.tabbed on needs that file gone."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert (ROOT / "overrides/partials/javascripts/content.html").exists()
    assert "pymdownx.tabbed" not in names


def test_a_table_of_contents_only_on_a_page_of_three_sections_or_more(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sections = "".join(f"## Part {n}\n\nText {n}.\n\n" for n in (1, 2, 3))
    (project / "docs" / "about.md").write_text(f"# About\n\n{sections}", "utf-8")
    site = build_site(project, [FIXTURES / "dated.jsonl"])
    about = (site / "about" / "index.html").read_text("utf-8")
    toc = about.split('data-md-type="toc"', 1)[1].split('<div class="md-content"')[0]
    assert re.findall(r'<a href="#(part-\d)" class="md-nav__link">', toc) == [
        "part-1",
        "part-2",
        "part-3",
    ]
    theme = next((site / "themes").glob("*/index.html")).read_text("utf-8")
    author = next((site / "authors").glob("*/index.html")).read_text("utf-8")
    assert '<h2 id="papers">' in theme
    for page in (theme, author):
        assert "md-sidebar--secondary" not in page
