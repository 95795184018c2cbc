"""End to end: the seed library and a hostile one, built with `mkdocs build --strict`."""

from __future__ import annotations

import gzip
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import FIXTURES, build_site, make_project

pytestmark = pytest.mark.e2e


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(page: Path) -> Tags:
    return parse_text(page.read_text("utf-8"))


def parse_text(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


def target_of(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link points at, or None for links that leave the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:")) or not parts.path:
        return None
    # 404.html is served at any depth, so MkDocs gives it root-relative links.
    base = site if parts.path.startswith("/") else page.parent
    path = (base / unquote(parts.path).lstrip("/")).resolve()
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_one_page_per_seed_paper(seed_site: Path) -> None:
    pages = [p for p in (seed_site / "papers").glob("*/index.html")]
    assert len(pages) == 121


def test_the_home_page_opens_on_the_seed_day_s_121_papers(seed_site: Path) -> None:
    """The seed dump's header day ("Jul 29", no year in the dump) is the home page's first
    section: every paper of the dump, each linked to its page, over its first sentence."""
    home = (seed_site / "index.html").read_text("utf-8")
    content = home[home.index('<h1 id="paper-index">') :]
    assert re.findall(r'<h2 id="[^"]+">([^<]+)', content)[:2] == ["29 July", "Top themes"]
    day = content[content.index('<h2 id="29-july">') : content.index('<h2 id="top-themes">')]
    assert "121 papers listed on this day" in day
    items = re.findall(r"<li><strong><a href=\"([^\"]+)\">[^<]+</a></strong><br>\n([^<]*)", day)
    assert len(items) == 121
    assert len({href for href, _ in items}) == 121
    assert all((seed_site / href / "index.html").is_file() for href, _ in items)
    assert all(re.fullmatch(r"\S.*[.!?…]", sentence) for _, sentence in items)


def test_every_internal_link_resolves(seed_site: Path) -> None:
    broken = []
    for page in html_pages(seed_site):
        for tag, attrs in parse(page).tags:
            for name in ("href", "src"):
                value = attrs.get(name)
                if tag in ("a", "link", "script", "img") and value:
                    target = target_of(seed_site, page, value)
                    if target is not None and not target.exists():
                        broken.append(f"{page.relative_to(seed_site)} -> {value}")
    assert broken == []


def test_latex_is_converted(seed_site: Path) -> None:
    html = "".join(p.read_text("utf-8") for p in (seed_site / "papers").glob("*/index.html"))
    assert "MedS³" in html and "MedS$^3$" not in html
    assert "HyperZ⋅Z⋅W" in html and "\\cdot" not in html


def test_papers_json_matches_the_site(seed_site: Path) -> None:
    text = (seed_site / "papers.json").read_text("utf-8")
    records = json.loads(text)
    assert len(records) == 121
    assert text.count("\n") == 123 and '", "' not in text  # a record a line, compact
    ids = {r["id"] for r in records}
    assert len(ids) == 121
    for record in records:
        assert set(record) >= {"id", "title", "url", "keywords", "themes", "related"}
        assert (seed_site / record["url"] / "index.html").is_file()
        # Only noun phrases a reader can use: a few papers have fewer than five.
        assert 1 <= len(record["keywords"]) <= 8, record["title"]
        assert [r["score"] for r in record["related"]] == sorted(
            (r["score"] for r in record["related"]), reverse=True
        )
        assert all(r["id"] in ids and r["id"] != record["id"] for r in record["related"])
        assert all(set(r) == {"id", "score"} for r in record["related"])
    assert sum(len(r["keywords"]) >= 5 for r in records) >= 0.8 * len(records)


def test_search_index_covers_every_paper(seed_site: Path) -> None:
    table = json.loads(gzip.decompress((seed_site / "search" / "index.json.gz").read_bytes()))
    papers = list((seed_site / "papers").glob("*/index.html"))
    assert table["papers"] == len(papers) == 121
    results = [
        json.loads(gzip.decompress(path.read_bytes()))
        for path in (seed_site / "search" / "p").glob("*.json.gz")
    ]
    urls = {paper["url"] for group in results for paper in group}
    assert urls == {f"{p.parent.relative_to(seed_site).as_posix()}/" for p in papers}
    for name in table["words"][1::2]:
        assert any((seed_site / "search").glob(f"?-{name}.json.gz")), name
    themes = json.loads(gzip.decompress((seed_site / "search" / table["themes"]).read_bytes()))
    assert len(themes["papers"]) == 121
    assert not (seed_site / "search" / "search_index.json").exists()  # no lunr index


def test_paper_headings_have_fixed_ids_and_no_permalink(seed_site: Path) -> None:
    """Links to a paper's sections (#abstract...) keep working; the title's id is short; no
    ¶ on any of them, and the page title is still the paper's."""
    records = json.loads((seed_site / "papers.json").read_text("utf-8"))
    for record in records:
        page = (seed_site / record["url"] / "index.html").read_text("utf-8")
        article = page.split("<article", 1)[1].split("</article>", 1)[0]
        headings = [(t, a.get("id")) for t, a in parse_text(article).tags if t in ("h1", "h2")]
        assert headings[0] == ("h1", "paper")
        assert [i for t, i in headings[1:]] == [
            i
            for i in ("abstract", "keywords", "themes", "related-papers", "cite")
            if i != "themes" or record["themes"]
        ], record["url"]
        assert "headerlink" not in article
        skip = [a.get("href") for _, a in parse_text(page).tags if a.get("class") == "md-skip"]
        assert skip == ["#paper"]  # Material's skip link, to the title (overrides/hooks)
        assert f"<title>{html.escape(record['title'])} - " in page  # from the front matter


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile-project"))
    return build_site(project, [FIXTURES / "hostile.jsonl"])


def test_hostile_input_is_shown_as_text(hostile_site: Path) -> None:
    for page in html_pages(hostile_site):
        tags = parse(page)
        for tag, attrs in tags.tags:
            assert tag not in ("iframe", "svg") or "onload" not in attrs, page
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:"), page
        assert not any("alert(" in s for s in tags.scripts), page
    title_page = next(hostile_site.glob("papers/hostile-1*/index.html"), None)
    assert title_page is None  # ids that are not arXiv ids do not name pages
    text = "".join(p.read_text("utf-8") for p in (hostile_site / "papers").glob("*/index.html"))
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text or (
        "&lt;script&gt;alert('title')&lt;/script&gt;" in text
    )
    assert "{{ config.site_name }}" in text and "{% include" in text


def test_hostile_pages_stay_inside_the_site(hostile_site: Path) -> None:
    papers = sorted(p.parent.name for p in (hostile_site / "papers").glob("*/index.html"))
    assert len(papers) == 6
    for name in papers:
        assert "/" not in name and ".." not in name and len(name.encode()) <= 255
