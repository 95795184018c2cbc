"""Shared fixtures: the seed library, a built seed site, and the read-only shared corpora."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.cli import build as cli_build
from generator.pages.build import OWNED
from generator.pipeline import build
from generator.site.config import read_config
from tests.browser import chromium

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "papers" / "daily-papers.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "arxiv-cs-2025.jsonl.gz"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(where: Path) -> Path:
    """A copy of the project's site configuration and hand-written pages, to build into."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs", where / "docs", ignore=shutil.ignore_patterns(*OWNED, ".paper-index-*")
    )
    overrides = ROOT / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, where / "overrides")
    return where


def write_site_url(config: Path, url: str) -> None:
    """The config with a fixed `site_url` in place of the SITE_URL it reads otherwise."""
    text = config.read_text("utf-8")
    fixed = re.sub(r"^site_url: .*$", f"site_url: {url}", text, count=1, flags=re.MULTILINE)
    assert fixed != text, f"no site_url line in {config}"
    config.write_text(fixed, "utf-8")


def record_calls(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str
) -> list[dict[str, Any]]:
    """`module.name` made to note each call's keyword arguments and still do its work, so a
    test can tell how often (and on what) a stage really ran."""
    calls: list[dict[str, Any]] = []
    real = getattr(module, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def build_site(project: Path, library: list[Path]) -> Path:
    """The library built as `make build` builds it: the pages and the site from them."""
    build(library, read_config(project / "mkdocs.yml"), project / "site")
    return project / "site"


@pytest.fixture(autouse=True)
def cache_of_its_own(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build a test runs without `--cache` keeps its cache in a folder of the test's own:
    in the checkout's `.cache`, an earlier run's library of the same name was remembered."""
    [option] = [p for p in cli_build.params if p.name == "cache"]
    monkeypatch.setattr(option, "default", tmp_path_factory.mktemp("cache") / ".cache")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed library built once, as `make build` builds it; tests only read it."""
    project = make_project(tmp_path_factory.mktemp("seed-project"))
    return build_site(project, [SEED])


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small library with dates, authors, arXiv ids and code links, built once."""
    project = make_project(tmp_path_factory.mktemp("dated-project"))
    return build_site(project, [FIXTURES / "dated.jsonl"])


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver, the fetch tests' stand-in services, on the loopback address only."""
    return ("127.0.0.1", 0)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium for one module's browser tests (each calls `require_chromium` first)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context's page, waiting up to 15 s for what a test asks of it."""
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()
