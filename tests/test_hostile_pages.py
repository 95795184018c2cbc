"""Hostile input in the generated pages: no field alters front matter or a template, and no
page lands outside the generator's folders or under a file name some file system refuses.

Built once from tests/fixtures/hostile/ (MkDocs included); then checked twice over: each
Markdown page's front matter as YAML and MkDocs read it, and each paper's literal text in
the HTML. The file-name rules are also checked over random libraries with hypothesis.
"""

from __future__ import annotations

import dataclasses
import html
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.index.build import index_library
from generator.index.keywords import KeywordSettings, phrase_key
from generator.model import Index, Keyword, Origin, Paper
from generator.pages.build import OWNED, site_pages
from generator.pipeline import build
from generator.site.config import read_config
from generator.site.output import OutputError, write_pages
from tests.conftest import make_project
from tests.hostile import LIBRARY, Article, folded

# Windows refuses these names whatever the extension (`nul.md`, `com3.xml`), in any case.
DEVICES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME_BYTES = 255


def name_problem(name: str) -> str:
    """Why `name` cannot be a file or folder name on Linux, macOS or Windows; '' if it can."""
    if not name or name in (".", ".."):
        return "empty or a dot name"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"{len(name.encode('utf-8'))} bytes"
    if NOT_IN_NAMES.search(name):
        return "a character Windows forbids"
    if name != name.rstrip(". "):
        return "ends in a dot or space"
    if name.split(".")[0].casefold() in DEVICES:
        return "a Windows device name"
    if name != unicodedata.normalize("NFC", name):
        return "not NFC"
    return ""


def path_problems(paths: Iterable[str], owned: Sequence[str] = OWNED) -> list[str]:
    """Every path relative, inside an owned folder, validly named, and alone in its file
    also where case is ignored and Unicode is normalised (macOS, Windows)."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        parts = path.split("/")
        if parts[0] not in owned:
            problems.append(f"{path}: outside the generator's folders")
        problems += [f"{path}: {why}" for why in map(name_problem, parts) if why]
        key = unicodedata.normalize("NFD", path).casefold()
        if key in seen:
            problems.append(f"{path}: same file as {seen[key]}")
        seen[key] = path
    return problems


def front_matter(page: str) -> dict[str, object]:
    """The page's front matter as YAML reads it, checked against MkDocs' own reading."""
    assert page.startswith("---\n"), page[:80]
    end = page.index("\n---\n", 4)
    loaded = yaml.safe_load(page[4:end])
    _, meta = get_data(page)
    assert meta == loaded
    assert isinstance(loaded, dict)
    return loaded


@dataclasses.dataclass(frozen=True)
class Built:
    """The hostile library built into a project; also its hand-written docs as they were."""

    project: Path
    index: Index
    before: dict[str, bytes]

    @property
    def docs(self) -> Path:
        return self.project / "docs"

    @property
    def site(self) -> Path:
        return self.project / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("hostile-pages"))
    docs = project / "docs"
    before = {
        p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()
    }
    index, summary = build(LIBRARY, read_config(project / "mkdocs.yml"), project / "site")
    assert index is not None and summary.skipped == ()
    return Built(project, index, before)


# --- front matter and templates ------------------------------------------------------------


@pytest.mark.e2e
def test_front_matter_holds_only_the_keys_the_generator_writes(built: Built) -> None:
    docs = built.docs
    titles = {f"papers/{e.slug}.md": e.paper.title for e in built.index.entries}
    pages = [p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] in OWNED]
    assert len(pages) > len(titles)
    for path in pages:
        name = path.relative_to(docs).as_posix()
        meta = front_matter(path.read_text("utf-8"))
        if name in titles:
            assert meta == {"title": html.escape(titles[name])}, name
        else:
            assert set(meta) <= {"title", "hide"}, name
            assert meta.get("hide", ["navigation", "toc"]) == ["navigation", "toc"], name
        assert isinstance(meta["title"], str) and "\n" not in meta["title"], name


@pytest.mark.e2e
def test_titles_and_abstracts_appear_as_literal_text(built: Built) -> None:
    for entry in built.index.entries:
        page = Article((built.site / "papers" / entry.slug / "index.html").read_text("utf-8"))
        title, abstract = entry.paper.title, entry.paper.abstract
        assert page.title == f"{title} - Paper index"
        assert title in page.sections, (title, list(page.sections))
        assert folded(page.sections["Abstract"]) == folded(abstract), title


@pytest.mark.e2e
def test_template_syntax_is_not_evaluated(built: Built) -> None:
    site = built.site
    by_id = {e.paper.id: e for e in built.index.entries}
    injected = Article(
        (site / "papers" / by_id["2501.00002"].slug / "index.html").read_text("utf-8")
    )
    heading = next(iter(injected.sections))
    assert heading.startswith("--- title: injected hide: [navigation, toc] ---")
    assert "{% include 'base.html' %} {{ config.site_name }} Front matter" in heading
    # The page kept its navigation: `hide:` in the title did nothing. (Paper pages have no
    # table of contents by design: overrides/main.html.)
    built_page = (site / "papers" / by_id["2501.00002"].slug / "index.html").read_text("utf-8")
    sidebars = re.findall(r'<div class="md-sidebar md-sidebar--\w+"[^>]*>', built_page)
    assert len(sidebars) == 1 and "md-sidebar--primary" in sidebars[0], sidebars
    assert "hidden" not in sidebars[0]
    text = "".join(p.read_text("utf-8") for p in (site / "papers").rglob("index.html"))
    for literal in ("{{ config.site_name }}", "{% include 'x' %}", "{{ page.title }}", "{% raw %}"):
        assert html.escape(literal, quote=False) in text or literal in text, literal


# --- where pages land ----------------------------------------------------------------------


@pytest.mark.e2e
def test_every_page_is_inside_the_generators_folders_under_a_valid_name(built: Built) -> None:
    project, before, docs, site = built.project, built.before, built.docs, built.site
    written = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    generated = [p for p in written if p not in before]
    assert path_problems(generated) == []
    assert (
        path_problems(
            [p.relative_to(site).as_posix() for p in site.rglob("*")],
            owned=[p.name for p in site.iterdir()],
        )
        == []
    )
    # Hand-written pages are untouched, and nothing was left beside them but the locks.
    assert {p: (docs / p).read_bytes() for p in before} == before
    assert sorted(p.name for p in project.iterdir()) == [
        ".docs.lock",
        ".site.lock",
        "docs",
        "mkdocs.yml",
        "overrides",
        "site",
    ]


@pytest.mark.e2e
def test_each_paper_has_a_file_of_its_own(built: Built) -> None:
    index = built.index
    slugs = [e.slug for e in index.entries]
    assert len({s.casefold() for s in slugs}) == len(slugs) == len(index.entries)
    pages = sorted((built.docs / "papers").glob("*.md"))
    assert len(pages) == len(index.entries) + 1  # and papers/index.md
    # Spelling variants are one paper (NFC/NFD, case); look-alike titles are not.
    titles = [unicodedata.normalize("NFC", e.paper.title).casefold() for e in index.entries]
    assert titles.count("café networks for résumé parsing") == 1
    assert titles.count("case folding: one paper") == 1
    assert {"???", "!!!", "con", "nul", "com3", "index"} <= set(titles)


def test_a_name_no_file_system_takes_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    write_pages(tmp_path, {"papers/keep.md": "keep"}, OWNED)
    too_long = "papers/" + "a" * (MAX_NAME_BYTES - 2) + ".md"
    with pytest.raises(OutputError, match="longer than 255 bytes"):
        write_pages(tmp_path, {"papers/new.md": "new", too_long: "x"}, OWNED)
    assert [p.name for p in (tmp_path / "papers").iterdir()] == ["keep.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["papers"]


# --- file names over random libraries ------------------------------------------------------

# fmt: off
HOSTILE_WORDS = [
    "CON", "con", "Nul", "COM3", "lpt1", "AUX", "prn", "index", "Index", "..", ".", "../..",
    "/etc/passwd", "C:\\x", "a/b", "???", "***", "<>", "|", ":", "\"", "\u200b", "\u202e",
    "\ufeff", "Cafe\u0301", "Café", "ß", "SS", "İ", "ﬁ", "Ω", "Ω", "模型", "🙂", " ", "-", "_",
    "x" * 300, "word",
]
# fmt: on
hostile_word = st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(string.ascii_letters, max_size=6))
hostile_text = st.lists(hostile_word, min_size=1, max_size=6).map(" ".join)
arxiv_like = st.one_of(
    st.just(""),
    st.from_regex(r"\A[0-9]{4}\.[0-9]{5}\Z"),
    st.from_regex(r"\A[a-z]{1,300}(-[a-z]{1,20})?/[0-9]{7}\Z"),
    st.sampled_from(["../../x", "/etc/passwd", "CON", "a" * 300]),
)
NAMES = st.sampled_from(
    ["CON", "nul", "Com3", "LPT1", "index", "Index", "???", "../..", "Ada Lovelace"]
)
hostile_paper = st.builds(
    lambda title, arxiv, authors: Paper(
        title=title,
        abstract="Shared words about payload sanitization. " + title,
        origin=Origin("random.jsonl", 1),
        id=arxiv,
        authors=tuple(authors),
        date="2025-01-01",
    ),
    hostile_text,
    arxiv_like,
    st.lists(NAMES, max_size=3),
)


def words_as_keywords(papers: Sequence[Paper], _: KeywordSettings) -> list[tuple[Keyword, ...]]:
    """Keywords straight from the title's words, so hostile words become themes (and fast)."""
    found = []
    for paper in papers:
        words = dict.fromkeys(w for w in paper.title.split() if phrase_key(w))
        found.append(tuple(Keyword(key=phrase_key(w), text=w) for w in words))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_paper, min_size=2, max_size=8))
@example(
    [
        dataclasses.replace(p, authors=("Nul", "COM3", "index"))
        for p in [
            Paper("CON", "a", Origin("x"), id="a" * 300 + "/1234567"),
            Paper("con", "b", Origin("x"), id="hep-th/9901001"),
        ]
    ]
)
def test_pages_of_any_library_have_valid_distinct_names(papers: list[Paper]) -> None:
    index, _ = index_library(papers, extract=words_as_keywords)
    assert path_problems(site_pages(index)) == []
