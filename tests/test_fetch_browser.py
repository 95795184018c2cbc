"""End to end: fetch two days from stand-in services on 127.0.0.1, build the site, and find
the newest day's papers on the home page in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from generator.cli import main
from tests.browser import chromium, require_chromium, serve
from tests.conftest import make_project
from tests.fetch_fakes import DAY1, DAY2, ArxivPaper, FakeArxiv, hf_answer, hf_item, serve_hf_day

require_chromium()

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

FIRST = ["Sparse Attention Kernels for Long Documents", "Tiny Agents That Plan Ahead"]
NEWEST = ["Weather Models from Satellite Images", "Tiny Agents That Plan Ahead"]
ARXIV_NEWEST = "Routing Tokens Through Experts <fast>"


def test_fetched_days_open_the_site_on_the_newest_day(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    ids = {title: f"2510.0000{n}" for n, title in enumerate(dict.fromkeys(FIRST + NEWEST))}
    for day, titles in ((DAY1, FIRST), (DAY2, NEWEST)):
        serve_hf_day(httpserver, day, hf_answer([hf_item(ids[t], t, day) for t in titles]))
    FakeArxiv().add(DAY2, ArxivPaper("2510.09999", ARXIV_NEWEST)).serve(httpserver)
    project = make_project(tmp_path / "project")
    papers = project / "papers"
    fetched = CliRunner().invoke(
        main,
        [
            "fetch", "--papers", str(papers), "--base-url", httpserver.url_for("/"),
            "--source", "hf-daily", "--source", "arxiv", "--category", "cs.CL",
            "--since", DAY1.isoformat(), "--until", DAY2.isoformat(), "--arxiv-delay", "0",
        ],
    )  # fmt: skip
    assert fetched.exit_code == 0, fetched.output
    built = CliRunner().invoke(
        main,
        [
            "build", "--papers", str(papers), "--docs", str(project / "docs"),
            "--site", str(project / "site"), "--config", str(project / "mkdocs.yml"),
            "--cache", str(tmp_path / "cache"), "--workers", "1",
        ],
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    with serve(project / "site") as (url, _), chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        article = page.locator("article")
        assert article.locator("h2").first.inner_text().rstrip("¶ \n") == "13 October 2025"
        # The Daily Papers ranking first (equal upvotes: A–Z), then the arXiv day's category.
        headings = [h.rstrip("¶ \n") for h in article.locator("h3").all_inner_texts()]
        assert headings == ["Hugging Face Daily Papers, by upvotes (2)", "cs.CL (1)"]
        newest = article.locator("ol li > strong > a")
        assert newest.all_inner_texts() == [*sorted(NEWEST), ARXIV_NEWEST]
        assert "Sparse Attention Kernels" not in article.locator("ol").first.inner_text()
        assert "Ada Lovelace" in article.locator("ol").first.inner_text()
        page.get_by_role("link", name="12 October 2025").click()
        page.wait_for_url("**/days/2025-10-12/")
        assert page.locator("article ol li > strong > a").all_inner_texts() == FIRST
        page.get_by_role("link", name="Tiny Agents That Plan Ahead").click()
        page.wait_for_url("**/papers/2510.00001/")
        listed = page.locator("article p", has_text="Listed:").inner_text()
        assert "12 October 2025" in listed and "13 October 2025" in listed
