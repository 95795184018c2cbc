"""The search index's build side: the page markup Pagefind reads, and a failure's effect."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.pages import for_search
from generator.search import SearchIndexError, index_site
from tests.conftest import FIXTURES, make_project


def test_for_search_escapes_attribute_values() -> None:
    html = for_search("a \\*b\\*", filter='year:"><script>alert(1)</script>', weight="5")
    assert html == (
        '<span data-pagefind-filter="year:&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
        ' data-pagefind-weight="5">a \\*b\\*</span>'
    )


def test_index_site_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError):
        index_site(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


@pytest.mark.e2e
def test_failed_search_index_leaves_the_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    pipeline.generate([FIXTURES / "hostile.jsonl"], project / "docs")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as it was", "utf-8")

    def fail(built: Path) -> int:
        assert (built / "index.html").is_file()  # MkDocs ran first
        raise SearchIndexError("Pagefind failed")

    monkeypatch.setattr(pipeline, "index_site", fail)
    with pytest.raises(pipeline.SiteBuildError, match="Pagefind failed"):
        pipeline.render_site(project / "mkdocs.yml", site)
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []
    assert (site / "index.html").read_text("utf-8") == "the site as it was"
