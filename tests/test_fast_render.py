"""`fast_render` gives what MkDocs' Markdown gives, on every page it takes, and takes every
paper page: the same HTML, table of contents, title and anchors."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from generator.index.build import index_library
from generator.pages.build import site_pages
from generator.pipeline import prepare
from generator.site import fast_render
from generator.sources import read_library
from tests.conftest import FIXTURES, ROOT, SEED
from tests.hostile import LIBRARY as HOSTILE

TocTree: TypeAlias = list[tuple[str, str, int, "TocTree"]]


def toc_tree(items: Iterable[AnchorLink]) -> TocTree:
    return [(i.title, i.id, i.level, toc_tree(i.children)) for i in items]


def both(
    tmp_path: Path, pages: dict[str, str]
) -> list[tuple[str, Page, fast_render.Rendered | None]]:
    """Each Markdown page rendered by MkDocs, and by `fast_render`."""
    docs = tmp_path / "docs"
    for path, text in pages.items():
        if path.endswith(".md"):
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, "utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "s"))
    files = Files(
        [File(p, str(docs), str(tmp_path / "s"), True) for p in pages if p.endswith(".md")]
    )
    found = []
    for file in files:
        page = Page(None, file, config)
        page.read_source(config)
        assert page.markdown is not None
        fast = fast_render.render(page.markdown)
        page.render(config, files)
        found.append((file.src_uri, page, fast))
    return found


def assert_same(page: Page, fast: fast_render.Rendered) -> None:
    assert fast.content == page.content
    assert fast.title == page._title_from_render
    assert set(fast.anchors) == page.present_anchor_ids
    from mkdocs.structure.toc import get_toc

    assert toc_tree(get_toc(fast.toc_tokens)) == toc_tree(page.toc)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "library",
    [[SEED], [FIXTURES / "dated.jsonl"], HOSTILE],
    ids=["seed", "dated", "hostile"],
)
def test_fast_pages_are_markdowns_pages(library: list[Path], tmp_path: Path) -> None:
    index, _, _ = prepare(library)
    rendered = both(tmp_path, site_pages(index))
    taken = 0
    for path, page, fast in rendered:
        if fast is not None:
            assert_same(page, fast)
            taken += 1
        else:
            # Every paper page is in the plain form, whatever its title: raw HTML throughout.
            assert not (path.startswith("papers/") and path.count("/") == 1), path
    assert taken >= sum(1 for p, _, _ in rendered if p.startswith("papers/"))


def test_raw_headings_are_passed_through_with_their_ids(tmp_path: Path) -> None:
    """Paper pages' headings are raw HTML (`pages.paper_page`): no permalink, no table of
    contents, their ids anchors all the same, and the title from the front matter."""
    text = (
        '---\ntitle: "A &amp; B: &lt;i&gt;"\n---\n\n'
        '<h1 id="paper">A &amp; B: &lt;i&gt; # not a heading</h1>\n\n'
        "A plain sentence.\n\n"
        '<h2 id="abstract">Abstract</h2>\n\n<p>Text.</p>\n\n'
        '<h2 id="cite">Cite</h2>\n\n<pre><code class="language-bibtex">@misc{x}</code></pre>\n'
    )
    [(_, page, fast)] = both(tmp_path, {"papers/x.md": text})
    assert fast is not None
    assert_same(page, fast)
    assert fast.anchors == {"paper", "abstract", "cite"}
    assert fast.toc_tokens == [] and fast.title is None
    assert page.title == "A &amp; B: &lt;i&gt;"
    assert "headerlink" not in fast.content


def test_the_configuration_must_be_the_one_replaced() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert fast_render.supported(config["markdown_extensions"], config["mdx_configs"])
    assert not fast_render.supported(["toc", "tables", "fenced_code"], {"toc": {"permalink": "#"}})
    assert not fast_render.supported(
        [*fast_render.EXTENSIONS, "admonition"], {"toc": {"permalink": True}}
    )


PAPERS = read_library([SEED])[0]


# Titles rich in what Markdown and HTML read as markup.
MARKUP = st.sampled_from("&<>*_`#[]()!\\|{}")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    titles=st.lists(
        st.text(st.one_of(MARKUP, st.characters()), min_size=1, max_size=40),
        min_size=1,
        max_size=3,
    )
)
@example(titles=["A & <b>B</b> *c* `d` [e](f) #g \\h |i| {j} !k"])
def test_any_title_is_rendered_fast_and_alike(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str]
) -> None:
    papers = [
        dataclasses.replace(PAPERS[i], title=title + f" {i}") for i, title in enumerate(titles)
    ]
    index, _ = index_library([*papers, *PAPERS[len(titles) : 12]])
    pages = {p: c for p, c in site_pages(index).items() if p.startswith("papers/")}
    for path, page, fast in both(tmp_path_factory.mktemp("titles"), pages):
        assert fast is not None, f"{path} went to Python-Markdown"
        assert_same(page, fast)
