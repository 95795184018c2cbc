"""The search index's build side: the page markup Pagefind reads, and a failure's effect."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.pages.paper import for_search
from generator.site.search import BUNDLE, SearchIndexError, index_site
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

    def fail(built: Path, pass_fds: object = ()) -> int:
        assert (built / "index.html").is_file()  # MkDocs ran first
        raise SearchIndexError("Pagefind failed")

    monkeypatch.setattr(pipeline, "index_site", fail)
    with pytest.raises(pipeline.SiteBuildError, match="Pagefind failed"):
        pipeline.render_site(project / "mkdocs.yml", site)
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []
    assert (site / "index.html").read_text("utf-8") == "the site as it was"


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored record of each indexed page, by URL."""
    records = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        records[record["url"]] = record
    return records


@pytest.mark.e2e
def test_a_paper_is_found_by_its_own_words_only(seed_site: Path) -> None:
    papers = json.loads((seed_site / "papers.json").read_text("utf-8"))
    titles = {p["id"]: p["title"] for p in papers}
    records = fragments(seed_site)
    assert len(records) == len(papers)  # paper pages only
    for paper in papers:
        record = records[f"/{paper['url']}"]
        content = record["content"]
        assert paper["title"] in content
        assert all(k in content for k in paper["keywords"])
        assert "@misc{" not in content and "Cite" not in content
        for link in paper["related"]:
            other = titles[link["id"]]
            if other not in paper["title"]:
                assert other not in content, (paper["title"], other)


def unindexed_copy(site: Path, where: Path) -> Path:
    shutil.copytree(site, where, ignore=shutil.ignore_patterns(BUNDLE))
    return where


@pytest.mark.e2e
def test_pagefind_finishes_its_writes_before_the_index_is_read(
    seed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's process ends by itself. The Python API's service answered the write
    request while its writes were still queued, and was then stopped with a signal: under
    load, files of the bundle were cut short (pagefind-entry.json empty)."""
    site = unindexed_copy(seed_site, tmp_path / "site")
    signals: list[int] = []
    real = subprocess.Popen.send_signal

    def record(self: subprocess.Popen[bytes], sig: int) -> None:
        signals.append(sig)
        real(self, sig)

    monkeypatch.setattr(subprocess.Popen, "send_signal", record)
    pages = index_site(site)
    assert signals == []
    assert pages == len(list((site / "papers").glob("*/index.html")))
    bundle = site / BUNDLE
    json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    for path in bundle.rglob("*.pf_*"):
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path


def test_a_failed_index_says_what_pagefind_said(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()  # a site with no paper pages
    with pytest.raises(SearchIndexError, match="not able to build an index"):
        index_site(tmp_path)
